// The readers' door: bytes or text in, a validated, language-resolved article model out.
import path from 'node:path';
import { $ZodError } from 'zod/v4/core';
import { UserError, silentDiagnostics, type Diagnostics } from '../support/errors.js';
import { resolveArticle } from '../model/language.js';
import type { Article, ArticleInput, Inline } from '../model/schema.js';
import { defaultBoilerplate } from './boilerplate.js';
import { decodeText } from './decode.js';
import { decodeHtml } from './html-decode.js';
import { parseJson } from './json.js';
import { normalizeText } from './normalize.js';
import { parseTxt } from './txt.js';
import { fileTitle } from './title.js';
import { formatBytes, withRegularFile, type Refusal } from '../support/read-root.js';
import { jsonChildren, MAX_INLINE_IMAGES, MAX_NESTING, nestingDepth, sizeProblem } from '../support/limits.js';
import { eachInline, mapInlineSequences } from '../model/walk.js';

export type InputFormat = 'txt' | 'md' | 'json' | 'html';

export const INPUT_EXTENSIONS: Readonly<Record<string, InputFormat>> = Object.freeze<Record<string, InputFormat>>({
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
});

export interface ParseOptions {
  /** Shown in messages; also decides the format when none is given. */
  file?: string | undefined;
  /** `--lang`: overrides the article's language (and so its direction). */
  lang?: string | undefined;
  /** Where the readers' warnings go (dropped controls, boilerplate); none are reported when absent. */
  diagnostics?: Diagnostics | undefined;
  /** Extra boilerplate phrases for plain-text and HTML input, added to the bundled list. */
  boilerplate?: readonly string[] | undefined;
}

export function formatOf(file: string): InputFormat {
  const format = INPUT_EXTENSIONS[path.extname(file).toLowerCase()];
  if (!format) {
    throw new UserError(`${file}: unknown input type "${path.extname(file) || '(none)'}" (expected ${Object.keys(INPUT_EXTENSIONS).join(', ')})`);
  }
  return format;
}

export async function parseFile(file: string, options: ParseOptions = {}): Promise<Article> {
  const format = formatOf(file);
  const bytes = readInput(file);
  // Saved web pages may be in a legacy charset (windows-1256 on older Arabic sites); the page says which.
  const text = format === 'html' ? decodeHtml(bytes, file) : decodeText(bytes, file);
  return parseString(text, format, { ...options, file });
}

/** The largest article file read: a longer one is refused before it is read (memory stays bounded). */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** An input's bytes: a regular file (never a device or FIFO, which would hang or never end) under the limit. */
function readInput(file: string): Uint8Array {
  const opened = withRegularFile(file, MAX_INPUT_BYTES, (f) => f.read());
  if (opened.refused !== undefined) throw new UserError(`${file}: ${inputRefusal(opened.refused)}`);
  return opened.value;
}

/** Why an input was refused, in the command's words for inputs. */
function inputRefusal(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'error': {
      const { code, message } = refusal.error;
      return `cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code === 'ENXIO' ? 'a socket, not a file' : message})`;
    }
    case 'not regular':
      return refusal.directory ? 'cannot read (is a directory)' : 'not a regular file (a device, FIFO or socket): refused';
    case 'too large':
      return `${formatBytes(refusal.size)}, more than the ${formatBytes(MAX_INPUT_BYTES)} an article may have: refused`;
  }
}

/** What every reader is handed besides the normalised text. */
interface ReaderContext {
  file: string;
  diagnostics: Diagnostics;
  /** Bundled boilerplate phrases plus the user's extras; a function so only plain text and HTML read the list. */
  boilerplate: () => string[];
}

type Reader = (text: string, context: ReaderContext) => ArticleInput | Promise<ArticleInput>;

// One loader per format. Markdown (unified/remark/yaml, ~165 ms of module loading) and HTML
// (linkedom/readability, ~190 ms) are imported only when that format is asked for, so a plain-text
// build never pays for them; txt and json are tiny and stay static.
const READERS: Record<InputFormat, () => Promise<Reader>> = Object.freeze<Record<InputFormat, () => Promise<Reader>>>({
  txt: () => Promise.resolve((text, { file, diagnostics, boilerplate }) => parseTxt(text, { boilerplate: boilerplate(), file, diagnostics })),
  json: () => Promise.resolve((text, { file }) => parseJson(text, file)),
  md: async () => {
    const { parseMarkdown } = await import('./markdown.js');
    return (text, { file, diagnostics }) => parseMarkdown(text, file, diagnostics);
  },
  html: async () => {
    const { parseHtml } = await import('./html.js');
    return (text, { file, diagnostics, boilerplate }) => parseHtml(text, file, diagnostics, { boilerplate: boilerplate() });
  },
});

export async function parseString(text: string, format: InputFormat, options: ParseOptions = {}): Promise<Article> {
  const file = options.file ?? `<${format}>`;
  const diagnostics = options.diagnostics ?? silentDiagnostics;
  if (text.trim() === '') throw new UserError(`${file}: the file holds only whitespace`);
  const clean = normalizeText(text, file, diagnostics);
  const read = await READERS[format]();
  const input = await read(clean, { file, diagnostics, boilerplate: () => [...defaultBoilerplate(), ...(options.boilerplate ?? [])] });
  try {
    // Each level of the model is two of JSON (a node and its list of children), plus the article's own.
    if (nestingDepth<unknown>(input, jsonChildren, 2 * MAX_NESTING + 4) > 2 * MAX_NESTING + 4) {
      throw new UserError(`${file}: nested more than ${MAX_NESTING} levels deep (lists, quotes, emphasis): refused`);
    }
    const tooLarge = sizeProblem(input);
    if (tooLarge !== undefined) throw new UserError(`${file}: ${tooLarge}`);
    // A document is never refused for lacking a title: its file's name stands in. The JSON model states
    // its own title, and one that is empty there is a mistake in it.
    if (format !== 'json' && typeof input.meta?.title === 'string' && input.meta.title.trim() === '') input.meta.title = fileTitle(file);
    const article = resolveArticle(input, { lang: options.lang });
    if (article.meta.title.trim() === '') throw new UserError(`${file}: the article has no title`);
    return boundInlineImages(article, file, diagnostics);
  } catch (error) {
    if (error instanceof $ZodError) throw new UserError(`${file}: ${describeZodError(error)}`);
    throw error;
  }
}

/** The article with at most MAX_INLINE_IMAGES images in its lines: those after show their alt text, with a warning. */
function boundInlineImages(article: Article, file: string, diagnostics: Diagnostics): Article {
  const count = [...eachInline(article.blocks)].filter((i) => i.type === 'image').length;
  // Nearly every article has none: it is rebuilt only when it has too many.
  if (count <= MAX_INLINE_IMAGES) return article;
  let seen = 0;
  const bound = (inlines: readonly Inline[]): Inline[] =>
    inlines.map((i): Inline => {
      if (i.type === 'image') return ++seen > MAX_INLINE_IMAGES ? { type: 'text', value: i.alt } : i;
      return 'children' in i ? { ...i, children: bound(i.children) } : i;
    });
  diagnostics.warn(`${file}: ${count} images in the text, more than the ${MAX_INLINE_IMAGES} an article may set in its lines: the rest show their alt text`);
  return { ...article, blocks: mapInlineSequences(article.blocks, bound) };
}

export function describeZodError(error: $ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid article';
  const where = issue.path.length ? issue.path.join('.') : '(root)';
  return `invalid article at ${where}: ${issue.message}`;
}

export { decodeText } from './decode.js';
export { readPhraseList } from './boilerplate.js';
