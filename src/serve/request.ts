// An HTTP request → a job: the article's bytes and reader (from the body's type, or multipart with
// images), the formats and the choices of the query. Everything is checked here, before any work is
// queued: a mistake is one HttpError naming the problem.
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { LANGUAGE_TAG_EXPECTED, OUTPUT_FORMATS, type OutputFormat } from '../app/options.js';
import { LANGUAGE_TAG } from '../model/schema.js';
import { INPUT_EXTENSIONS, type InputFormat } from '../parse/index.js';
import { PageSizeSchema, type PageSize } from '../theme/schema.js';
import type { Job, JobFile } from './protocol.js';

/** A request the service will not take: its status, a stable code, and one line saying why. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** A short stable code for programs (bad-query, too-large…). */
    readonly code: string,
    message: string,
    /** Seconds after which trying again may work (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The body types the service reads, and the reader each one is. */
export const BODY_TYPES: Readonly<Record<string, InputFormat>> = Object.freeze<Record<string, InputFormat>>({
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/json': 'json',
});

const INPUT_FORMATS: readonly InputFormat[] = Object.freeze(['txt', 'md', 'html', 'json']);
/** At most this many images with one article. */
const MAX_ATTACHMENTS = 100;

/** What the query asks, checked. */
export interface BuildQuery {
  /** The formats to render. */
  formats: OutputFormat[];
  /** The reader, overriding the body's type (`input=`). */
  input?: InputFormat | undefined;
  /** The language (`lang=`). */
  lang?: string | undefined;
  /** A bundled theme (`template=`). */
  template?: string | undefined;
  /** The page size (`page-size=`). */
  pageSize?: PageSize | undefined;
  /** The documents' file name stem (`name=`). */
  name?: string | undefined;
}

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, key: string): string | undefined {
  const value = query[key];
  if (Array.isArray(value)) throw new HttpError(400, 'bad-query', `${key}: given more than once`);
  return value === '' ? undefined : value;
}

/** The query of /v1/build and /v1/parse, checked against what the service offers. */
export function readQuery(raw: unknown, themes: readonly string[], task: Job['task']): BuildQuery {
  const query = (raw ?? {}) as Query;
  const known = new Set(task === 'build' ? ['format', 'input', 'lang', 'template', 'page-size', 'name'] : ['input', 'lang']);
  for (const key of Object.keys(query)) if (!known.has(key)) throw new HttpError(400, 'bad-query', `unknown parameter "${key}" (expected ${[...known].join(', ')})`);
  const format = single(query, 'format') ?? 'all';
  const asked = format === 'all' ? [...OUTPUT_FORMATS] : format.split(',').map((f) => f.trim().toLowerCase());
  if (asked.length === 0 || asked.some((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f))) {
    throw new HttpError(400, 'bad-query', `format=${format}: expected pdf, epub, docx, a list of them, or all`);
  }
  const input = single(query, 'input');
  if (input !== undefined && !(INPUT_FORMATS as readonly string[]).includes(input)) throw new HttpError(400, 'bad-query', `input=${input}: expected ${INPUT_FORMATS.join(', ')}`);
  const lang = single(query, 'lang');
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) throw new HttpError(400, 'bad-query', `lang=${lang}: ${LANGUAGE_TAG_EXPECTED}`);
  const template = single(query, 'template');
  if (template !== undefined && !themes.includes(template)) throw new HttpError(400, 'bad-query', `template=${template}: expected one of the bundled themes (${themes.join(', ')})`);
  const size = single(query, 'page-size');
  const pageSize = size === undefined ? undefined : PageSizeSchema.options.find((s) => s.toLowerCase() === size.toLowerCase());
  if (size !== undefined && pageSize === undefined) throw new HttpError(400, 'bad-query', `page-size=${size}: expected ${PageSizeSchema.options.join(', ')}`);
  return { formats: [...new Set(asked)] as OutputFormat[], input: input as InputFormat | undefined, lang, template, pageSize, name: single(query, 'name') };
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The article and its attachments from the body: raw (its type says the reader) or multipart. */
export async function readBody(request: FastifyRequest, query: BuildQuery, maxBody: number): Promise<{ article: JobFile; format: InputFormat; attachments: JobFile[] }> {
  const type = mediaType(request.headers['content-type']);
  if (type === 'multipart/form-data') return readMultipart(request, query, maxBody);
  const bytes = request.body;
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new HttpError(400, 'empty-body', 'the request has no article: send it as the body, or as the "article" part of a multipart form');
  const format = query.input ?? BODY_TYPES[type];
  if (format === undefined) throw new HttpError(415, 'unsupported-type', `${type}: say which reader with input=txt|md|html|json, or send text/plain, text/markdown, text/html or application/json`);
  return { article: { name: `${query.name ? safeStem(query.name) : 'article'}.${format}`, bytes }, format, attachments: [] };
}

async function readMultipart(request: FastifyRequest, query: BuildQuery, maxBody: number): Promise<{ article: JobFile; format: InputFormat; attachments: JobFile[] }> {
  let article: { file: JobFile; type: string } | undefined;
  const attachments: JobFile[] = [];
  let total = 0;
  const count = (bytes: number): void => {
    total += bytes;
    if (total > maxBody) throw new HttpError(413, 'too-large', `the request's parts come to more than ${maxBody} bytes`);
  };
  // preservePath: the name as sent ("images/map.png"), checked here rather than cut down to its last segment.
  const parts = request.parts({ preservePath: true, limits: { fileSize: maxBody, fieldSize: maxBody, files: MAX_ATTACHMENTS + 1, parts: MAX_ATTACHMENTS + 20 } });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.fieldname !== 'article') continue;
      if (part.valueTruncated) throw new HttpError(413, 'too-large', `the article is larger than ${maxBody} bytes`);
      const bytes = Buffer.from(String(part.value), 'utf8');
      count(bytes.length);
      if (article) throw new HttpError(400, 'bad-form', 'the form has more than one "article" part');
      article = { file: { name: 'article', bytes }, type: mediaType(part.mimetype) };
      continue;
    }
    const bytes = await part.toBuffer();
    count(bytes.length);
    if (part.fieldname === 'article') {
      if (article) throw new HttpError(400, 'bad-form', 'the form has more than one "article" part');
      article = { file: { name: part.filename || 'article', bytes }, type: mediaType(part.mimetype) };
      continue;
    }
    const name = attachmentName(part.filename);
    if (attachments.some((a) => a.name === name)) throw new HttpError(400, 'bad-form', `two attachments are named "${name}"`);
    if (attachments.length >= MAX_ATTACHMENTS) throw new HttpError(413, 'too-large', `more than ${MAX_ATTACHMENTS} attachments`);
    attachments.push({ name, bytes });
  }
  if (!article || article.file.bytes.length === 0) throw new HttpError(400, 'empty-body', 'the form has no "article" part (a file or a text field)');
  const extension = INPUT_EXTENSIONS[path.extname(article.file.name).toLowerCase()];
  const format = query.input ?? extension ?? BODY_TYPES[article.type] ?? 'txt';
  const stem = query.name ? safeStem(query.name) : safeStem(path.basename(article.file.name, path.extname(article.file.name)));
  return { article: { name: `${stem}.${format}`, bytes: article.file.bytes }, format, attachments };
}

/**
 * An attachment's name: a relative path of plain segments ("map.png", "images/map.png"), as the article
 * names it. Anything that could leave the job's folder or hide in it is refused.
 */
export function attachmentName(filename: string): string {
  const name = filename.replace(/\\/g, '/');
  const segments = name.split('/');
  const bad =
    name === '' ||
    name.length > 512 ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || /[\u0000-\u001f\u007f]/.test(s) || Buffer.byteLength(s) > 255);
  if (bad) throw new HttpError(400, 'bad-attachment', `attachment "${filename.replace(/[\u0000-\u001f\u007f]/g, '?')}": expected a relative file name such as map.png or images/map.png`);
  return name;
}

/** A file name stem for the documents: the name given, without folders or controls; "article" if nothing is left. */
export function safeStem(name: string): string {
  const stem = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '')
    .trim()
    .slice(0, 100)
    .replace(/^\.+/, '');
  return stem === '' ? 'article' : stem;
}
