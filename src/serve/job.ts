// One request's work, in a render worker and in memory: the article's bytes → model → documents. The only
// files it reads are the bundled fonts and themes and the request's own attachments, written into a fresh
// folder of the job's own (the pool makes it and removes it, whatever becomes of the worker).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderAll } from '../app/build.js';
import type { Article } from '../model/schema.js';
import { mapBlocks } from '../model/walk.js';
import { decodeText, parseString } from '../parse/index.js';
import { decodeHtml } from '../parse/html-decode.js';
import { resolveBuildDate } from '../render/context.js';
import { UserError, type Diagnostics } from '../support/errors.js';
import { localPath, readRoot } from '../support/read-root.js';
import { writeZip } from '../zip/write.js';
import type { Job, JobDocument, JobOutcome } from './protocol.js';

/** Runs a job; a user's mistake is 'refused', anything else that goes wrong is 'failed' (a bug). */
export async function runJob(job: Job, folder: string | undefined): Promise<JobOutcome> {
  const warnings: string[] = [];
  const name = job.article.name;
  const base = folder ?? NO_FOLDER;
  const renamed = new Map<string, string>();
  // Messages name files the way the request did, never by the server's folders.
  const shown = (message: string): string => {
    let text = message;
    for (const [stand, src] of renamed) text = text.split(stand).join(src);
    return text.split(`${base}${path.sep}`).join('');
  };
  const diagnostics: Diagnostics = {
    warn: (message) => warnings.push(shown(message.startsWith(name) ? message : `${name}: ${message}`)),
  };
  try {
    const text = job.format === 'html' ? decodeHtml(job.article.bytes, name) : decodeText(job.article.bytes, name);
    const article = await parseString(text, job.format, { file: name, lang: job.lang, diagnostics });
    if (job.task === 'parse') return { kind: 'parsed', article, warnings };
    if (folder) writeAttachments(folder, job);
    const documents = await renderAll(confineFigures(article, base, job, renamed), {
      formats: job.formats,
      template: job.template,
      pageSize: job.pageSize,
      resourceDir: base,
      // Nothing at all is readable when the request brought no attachments.
      readRoot: readRoot(folder ? [folder] : []),
      diagnostics,
      identity: article,
    });
    return { kind: 'built', article, documents: packaged(job, documents, resolveBuildDate(article)), warnings };
  } catch (error) {
    if (error instanceof UserError) return { kind: 'refused', message: shown(error.message) };
    return { kind: 'failed', message: shown(error instanceof Error ? error.message : String(error)) };
  }
}

/** The folder figures resolve against when there are no attachments: never created, never readable. */
const NO_FOLDER = path.join(path.sep, 'warraq-no-attachments');

function writeAttachments(folder: string, job: Job): void {
  for (const file of job.attachments) {
    const target = path.join(folder, ...file.name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    // wx: each name once, and never through something already there.
    writeFileSync(target, file.bytes, { flag: 'wx', mode: 0o600 });
  }
}

/**
 * A figure whose image is not among the attachments is pointed at a name inside the job's folder that
 * does not exist, so the renderers skip it with their own "not found" warning (in every format alike,
 * the original name put back in it by `renamed`), and the server's own files are never looked at:
 * whether /etc/passwd exists is nothing a request can learn.
 */
function confineFigures(article: Article, base: string, job: Job, renamed: Map<string, string>): Article {
  const attached = new Set(job.attachments.map((file) => file.name));
  const blocks = mapBlocks(article.blocks, (block) => {
    if (block.type !== 'figure') return block;
    const file = localPath(block.src, base);
    if (file === undefined) return block; // remote or inline: the renderers skip it, never fetching
    if (attached.has(path.relative(base, file).split(path.sep).join('/'))) return block;
    // A hidden name, which no attachment can have (request.ts refuses names that start with a dot).
    const stand = path.join(base, `.not-attached-${renamed.size + 1}.missing`);
    renamed.set(stand, block.src);
    return { ...block, src: stand };
  });
  return renamed.size === 0 ? article : { ...article, blocks };
}

const ZIP_TYPES = Object.freeze(['pdf', 'epub', 'docx'] as const);

/** The documents as asked: each alone, or all in one zip named after the article. */
function packaged(job: Job, documents: ReadonlyMap<string, Uint8Array>, date: Date): JobDocument[] {
  const list = job.formats.map((format) => ({ format, bytes: documents.get(format)! }));
  if (!job.zip) return list;
  // The documents are compressed already (zips, deflated streams): stored, they cost no time.
  const entries = list.filter((d) => ZIP_TYPES.includes(d.format)).map((d) => ({ name: `${job.stem}.${d.format}`, data: d.bytes, store: true }));
  return [{ format: 'zip', bytes: writeZip(entries, date) }];
}
