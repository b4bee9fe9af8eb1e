// parse → model → the asked renderers → atomic writes. The one place that touches the output folder.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { canUseWorkers, runPool } from './batch/pool.js';
import type { WorkerOptions, WorkerReply } from './batch/protocol.js';
import { UsageError, UserError, type Diagnostics } from '../support/errors.js';
import { collectGarbage, LARGE_TEXT } from './memory.js';
import type { Article } from '../model/schema.js';
import { blocksText } from '../model/text.js';
import type { BookOptions } from '../parse/book.js';
import { parseFile } from '../parse/index.js';
import { expandInputs } from '../parse/inputs.js';
import { checkSourceDateEpoch, resolveBookBuildDate, resolveBuildDate, type BookRenderer, type PressOptions, type RenderContext, type Renderer } from '../render/context.js';
import { loadTheme } from '../theme/load.js';
import type { PageSize } from '../theme/schema.js';
import { DEFAULT_BLEED_MM, OUTPUT_FORMATS, PRINT_SUFFIX, type BatchItem, type BatchResult, type BuildFailure, type BuildOptions, type BuildResult, type OutputFormat, type OutputName, type PrintRequest } from './options.js';
import { readManifest, shardKey, takeShard } from './manifest.js';
import { writeReport, type Outcome } from './report.js';
import { readRoot, type ReadRoot } from '../support/read-root.js';

/** Renderers are loaded only when their format is asked for: a PDF-only run never loads docx. */
const RENDERERS: Record<OutputFormat, () => Promise<Renderer>> = Object.freeze<Record<OutputFormat, () => Promise<Renderer>>>({
  pdf: async () => (await import('../render/pdf/index.js')).renderPdf,
  epub: async () => (await import('../render/epub/index.js')).renderEpub,
  docx: async () => (await import('../render/docx/index.js')).renderDocx,
});

export function renderer(format: OutputFormat): Promise<Renderer> {
  return RENDERERS[format]();
}

/**
 * Starts loading the renderers of `formats` at once, before the article is parsed. Module files are read
 * on libuv's thread pool: asked for up front they arrive while the cores are free, instead of one by one
 * between renders, when V8's background compilers keep both cores busy (~50 ms of waiting here). Errors
 * surface where each renderer is awaited.
 */
function preload(loaders: Record<OutputFormat, () => Promise<unknown>>, formats: readonly OutputFormat[]): void {
  for (const format of formats) loaders[format]().catch(() => {});
}

const BOOK_RENDERERS: Record<OutputFormat, () => Promise<BookRenderer>> = Object.freeze<Record<OutputFormat, () => Promise<BookRenderer>>>({
  pdf: async () => (await import('../render/pdf/index.js')).renderPdfBook,
  epub: async () => (await import('../render/epub/index.js')).renderEpubBook,
  docx: async () => (await import('../render/docx/index.js')).renderDocxBook,
});

/**
 * Builds every input (the command line's, then the manifest's; or one shard of them), going on past a bad
 * one; failures are collected, never thrown (a UsageError is, first). The report, if asked, is written last.
 */
export async function build(inputs: readonly string[], options: BuildOptions): Promise<BatchResult> {
  // What holds for every file is checked once: a bad SOURCE_DATE_EPOCH is one error, not one per file.
  checkSourceDateEpoch();
  const { onWarning, onProgress, manifest, shard, report, ...shared } = options;
  const files = await expandInputs(inputs, { root: options.root, allowOutside: options.allowOutside, diagnostics: { warn: (message) => onWarning?.(message) } });
  const batch = onceEach([...files.map((input): BatchItem => ({ input, key: shardKey(input) })), ...(manifest ? await readManifest(manifest) : [])], onWarning);
  await prepareOutputFolder(options.out);
  // Across the whole batch, not the shard: shards usually write into one folder.
  checkNameClashes(batch.map((item) => item.input), options.print !== undefined);
  const items = shard ? takeShard(batch, shard) : batch;
  const results: BuildResult[] = [];
  const failures: BuildFailure[] = [];
  const outcomes: Outcome[] = [];
  const jobs = canUseWorkers() ? Math.min(items.length, options.jobs ?? defaultThreads(items.length)) : 1;
  // Told once for the batch, not once an article: every article is built with the same theme.
  if (items.length > 0) themeWarnings(options).forEach((warning) => onWarning?.(warning));
  await runPool(items, shared, jobs, (item) => buildReply(item, shared), (reply, index) => {
    const item = items[index]!;
    if (reply.kind === 'failed') {
      const failure = { input: reply.input, message: reply.message };
      failures.push(failure);
      if (report) outcomes.push({ item, failure });
      onProgress?.({ kind: 'failed', index, total: items.length, failure });
      return;
    }
    const result = { input: reply.input, outputs: reply.outputs, warnings: reply.warnings, digests: reply.digests, sizes: reply.sizes };
    reply.warnings.forEach((warning) => onWarning?.(warning));
    results.push(result);
    if (report) outcomes.push({ item, result });
    onProgress?.({ kind: 'done', index, total: items.length, result });
  });
  if (report) await writeReport(report, outcomes);
  return { results, failures, batchSize: batch.length };
}

/**
 * The batch with each file once: a file named twice (a folder and a file in it, a manifest repeating a
 * line) is built once, with a warning; named twice with different settings, it is a mistake.
 */
function onceEach(items: readonly BatchItem[], onWarning: ((message: string) => void) | undefined): BatchItem[] {
  const seen = new Map<string, BatchItem>();
  const kept: BatchItem[] = [];
  for (const item of items) {
    const file = path.resolve(item.input);
    const first = seen.get(file);
    if (!first) {
      seen.set(file, item);
      kept.push(item);
    } else if (JSON.stringify(first.settings ?? {}) === JSON.stringify(item.settings ?? {})) {
      onWarning?.(`${item.input}: named twice in the batch; built once`);
    } else {
      throw new UsageError(`${item.input}: named twice in the batch with different settings`);
    }
  }
  return kept;
}

/**
 * A worker thread first pays for a cold start (loading the renderers, fonts and shaper, ~0.6 s of CPU),
 * while the threads compete for memory: on the reference machine (2 cores, npm run bench) a second thread
 * slows a batch of 50 articles by ~10 %, breaks even near 100 and gains ~15 % at 200. So a thread is
 * added per FILES_PER_THREAD files, up to one per core; `--jobs` overrides.
 */
const FILES_PER_THREAD = 64;

function defaultThreads(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / FILES_PER_THREAD)));
}

/**
 * buildFile as a pool reply. Whatever goes wrong with one input, a user's mistake or a bug that input
 * exposes, becomes a 'failed' reply naming it, so the rest of the batch is still built. The batch told
 * the theme's warnings once, so its articles do not repeat them.
 */
export async function buildReply(item: BatchItem, options: WorkerOptions): Promise<WorkerReply> {
  const { input, settings } = item;
  try {
    // A theme of its own is not the batch's, whose warnings were told once: its warnings are the article's.
    const ownTheme = settings?.template !== undefined && settings.template !== options.template;
    return { kind: 'done', ...(await buildFile(input, { ...options, ...definedOnly(settings) }, ownTheme)) };
  } catch (error) {
    if (error instanceof UserError) return { kind: 'failed', input, message: error.message };
    const bug = error instanceof Error ? error : new Error(String(error));
    if (process.env.WARRAQ_DEBUG) process.stderr.write(`${bug.stack ?? bug.message}\n`);
    return { kind: 'failed', input, message: `${input}: internal error (a bug in warraq; WARRAQ_DEBUG=1 prints the stack): ${bug.message}` };
  }
}

/**
 * Builds one input into every asked format. Nothing is written unless every format rendered. The theme's
 * warnings are among the input's unless `tellTheme` is false (a batch tells them once).
 */
export async function buildFile(input: string, options: BuildOptions, tellTheme = true): Promise<BuildResult> {
  const warnings: string[] = [];
  const diagnostics: Diagnostics = {
    warn: (message) => {
      const named = message.startsWith(input) ? message : `${input}: ${message}`;
      warnings.push(named);
      options.onWarning?.(named);
    },
  };
  const formats = options.formats ?? OUTPUT_FORMATS;
  preload(RENDERERS, formats);
  const article = await parseFile(input, { lang: options.lang, diagnostics, boilerplate: options.boilerplate });
  const documents = await renderAll(article, {
    formats,
    template: options.template,
    pageSize: options.pageSize,
    print: options.print,
    pdfA: options.pdfA,
    resourceDir: path.dirname(path.resolve(input)),
    readRoot: readRoot([path.dirname(path.resolve(input)), ...(options.root ?? [])], options.allowOutside),
    diagnostics,
    tellTheme,
  });
  await prepareOutputFolder(options.out);
  const written = await writeDocuments(options.out, path.basename(input, path.extname(input)), documents);
  return { input, ...written, warnings };
}

/** The settings an article gives, without the absent ones (which must not blank out the batch's). */
function definedOnly<T extends object>(settings: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(settings ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** How renderAll renders one article in memory. */
export interface RenderAllOptions {
  /** The formats to render. */
  formats: readonly OutputFormat[];
  /** A bundled theme's name or a theme folder. */
  template?: string | undefined;
  /** The page size, overriding the theme's. */
  pageSize?: PageSize | undefined;
  /** Also render the press PDF, under `print.pdf`. */
  print?: PrintRequest | undefined;
  /** The screen PDF as PDF/A-2b. */
  pdfA?: boolean | undefined;
  /** The folder relative figure paths are resolved against. */
  resourceDir: string;
  /** The folders images may be read from; resourceDir alone when absent. Unrestricted, it lifts the theme's confinement too. */
  readRoot?: ReadRoot | undefined;
  /** Where warnings go. */
  diagnostics: Diagnostics;
  /** Whether the theme's warnings go there too (the default); a batch tells them once instead. */
  tellTheme?: boolean | undefined;
  /** The article as read, when `article` is a changed copy of it (RenderContext.identity). */
  identity?: Article | undefined;
}

export async function renderAll(article: Article, options: RenderAllOptions): Promise<Map<OutputName, Uint8Array>> {
  const theme = { template: options.template, pageSize: options.pageSize, allowOutside: options.readRoot?.unrestricted };
  const context = { ...renderContext(theme, options.resourceDir, options.diagnostics, resolveBuildDate(article), options.tellTheme ?? true), readRoot: options.readRoot, archive: options.pdfA === true, identity: options.identity };
  return renderEach(options.formats, [article], options.print, context, async (format, given) => (await renderer(format))(article, given));
}

export interface BookBuildOptions extends Omit<BuildOptions, 'onProgress' | 'jobs'>, Pick<BookOptions, 'title' | 'order'> {
  /** Output file name without extension; default: the book.yaml's name, else "book". */
  name?: string | undefined;
}

/** Binds several articles into one PDF, EPUB and DOCX. Nothing is written unless every format rendered. */
export async function buildBook(inputs: readonly string[], options: BookBuildOptions): Promise<BuildResult> {
  checkSourceDateEpoch();
  const label = inputs.join(', ');
  const warnings: string[] = [];
  const diagnostics: Diagnostics = {
    warn: (message) => {
      warnings.push(message);
      options.onWarning?.(message);
    },
  };
  preload(BOOK_RENDERERS, options.formats ?? OUTPUT_FORMATS);
  const [first] = inputs;
  const fromYaml = inputs.length === 1 && first !== undefined && /\.ya?ml$/i.test(first);
  const folder = fromYaml ? path.dirname(path.resolve(first)) : process.cwd();
  const root = readRoot([folder, ...(options.root ?? [])], options.allowOutside);
  // The book reader (and its YAML parser) loads only for books.
  const { parseBook } = await import('../parse/book.js');
  const book = await parseBook(inputs, { title: options.title, order: options.order, lang: options.lang, diagnostics, boilerplate: options.boilerplate, readRoot: root });
  const context = { ...renderContext(options, folder, diagnostics, resolveBookBuildDate(book), true), readRoot: root, archive: options.pdfA === true };
  const documents = await renderEach(options.formats ?? OUTPUT_FORMATS, book.articles, options.print, context, async (format, given) => (await BOOK_RENDERERS[format]())(book, given));
  await prepareOutputFolder(options.out);
  const stem = options.name ?? (fromYaml ? path.basename(first, path.extname(first)) : 'book');
  if (stem === '' || stem === '.' || stem === '..' || /[/\\\0]/.test(stem)) throw new UserError(`${label}: the book's name "${stem}" must be a file name, not a path`);
  const written = await writeDocuments(options.out, stem, documents);
  return { input: label, ...written, warnings };
}

function renderContext(options: ThemeChoice, resourceDir: string, diagnostics: Diagnostics, buildDate: Date, tellTheme: boolean): RenderContext {
  const theme = loadTheme(options.template, { pageSize: options.pageSize, allowOutside: options.allowOutside });
  if (tellTheme) theme.warnings.forEach((warning) => diagnostics.warn(warning));
  return { theme, diagnostics, resourceDir, buildDate };
}

/** What picks and reads the theme. */
type ThemeChoice = Pick<BuildOptions, 'template' | 'pageSize' | 'allowOutside'>;

/**
 * The theme's warnings, for a batch to tell once. A theme that cannot be loaded at all tells nothing
 * here: every article then fails with its error.
 */
function themeWarnings(options: ThemeChoice): readonly string[] {
  try {
    return loadTheme(options.template, { pageSize: options.pageSize, allowOutside: options.allowOutside }).warnings;
  } catch {
    return [];
  }
}

/**
 * Renders the formats one after another, then the press PDF when `print` asks for it (the PDF renderer
 * with `press` in its context), which does not repeat a warning the screen PDF gave. For a large document
 * (`articles` hold the text), the previous renderer's garbage is collected before the next starts
 * (memory.ts).
 */
async function renderEach(
  formats: readonly OutputFormat[],
  articles: readonly Article[],
  print: PrintRequest | undefined,
  context: RenderContext,
  render: (format: OutputFormat, context: RenderContext) => Promise<Uint8Array>,
): Promise<Map<OutputName, Uint8Array>> {
  const large = articles.reduce((sum, article) => sum + blocksText(article.blocks).length, 0) >= LARGE_TEXT;
  const documents = new Map<OutputName, Uint8Array>();
  const given = new Set<string>();
  const warn = (message: string): void => context.diagnostics.warn(message);
  const recording = (message: string): void => {
    given.add(message);
    warn(message);
  };
  const screen = print ? { ...context, diagnostics: { warn: recording } } : context;
  const jobs: [OutputName, () => Promise<Uint8Array>][] = formats.map((format) => [format, () => render(format, screen)]);
  if (print) {
    const diagnostics = {
      warn: (message: string): void => {
        if (!given.has(message)) warn(message);
      },
    };
    jobs.push([PRINT_SUFFIX, () => render('pdf', { ...context, diagnostics, press: pressOptions(print) })]);
  }
  for (const [name, job] of jobs) {
    if (large && documents.size > 0) collectGarbage();
    documents.set(name, await job());
  }
  return documents;
}

/** The press PDF's options in points, from the request in millimetres. */
function pressOptions(print: PrintRequest): PressOptions {
  // To 1/1000 pt, as every coordinate of the PDF is: the boxes then sit exactly where the content is.
  const bleed = Math.round((((print.bleed ?? DEFAULT_BLEED_MM) * 72) / 25.4) * 1000) / 1000;
  return { bleed, marks: print.marks ?? false };
}

/** The files writeDocuments wrote, in format order. */
interface Written {
  /** Their paths. */
  outputs: string[];
  /** Their SHA-256, lowercase hex. */
  digests: string[];
  /** Their sizes in bytes. */
  sizes: number[];
}

/**
 * Writes `<out>/<stem>.<format>` for every document; returns the paths, digests and sizes in format order. Every document is
 * first written whole under a temporary name, and only then are all renamed: a failure (a full disk)
 * leaves the complete old set or the complete new set of an article, never a mix, and no partial file.
 */
async function writeDocuments(out: string, stem: string, documents: ReadonlyMap<OutputName, Uint8Array>): Promise<Written> {
  const staged = [...documents].map(([name, bytes]) => ({ target: path.join(out, `${stem}.${name}`), bytes, temporary: temporaryName(out) }));
  const removeStaged = (): void => {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
  };
  // Interrupted before the renames: the temporaries go too (then the signal does what it would have).
  const onSignal = (signal: NodeJS.Signals): void => {
    removeStaged();
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    for (const { target } of staged) {
      const existing = await lstat(target).catch(() => undefined);
      if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw new UserError(`${target}: cannot write (a folder or special file is in the way)`);
    }
    try {
      // wx: created here and now, never a file or symlink someone planted under the name.
      await Promise.all(staged.map(({ temporary, bytes }) => writeFile(temporary, bytes, { flag: 'wx', mode: 0o644 })));
    } catch (error) {
      removeStaged();
      throw new UserError(`${path.join(out, stem)}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    for (const { temporary, target } of staged) {
      try {
        await rename(temporary, target);
      } catch (error) {
        removeStaged();
        throw new UserError(`${target}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
    }
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
  return {
    outputs: staged.map(({ target }) => target),
    digests: staged.map(({ bytes }) => createHash('sha256').update(bytes).digest('hex')),
    sizes: staged.map(({ bytes }) => bytes.byteLength),
  };
}

/** A name no one can guess beforehand, hidden, beside the outputs (a rename stays on one file system). */
function temporaryName(out: string): string {
  return path.join(out, `.warraq-${randomBytes(12).toString('hex')}.tmp`);
}

async function prepareOutputFolder(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UserError(`${out}: the output path is a file, not a folder`);
  if (!info) {
    await mkdir(out, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`${out}: cannot create the output folder (${error.code ?? error.message})`);
    });
  }
}

function checkNameClashes(files: readonly string[], print: boolean): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const stem = path.basename(file, path.extname(file));
    const other = seen.get(stem);
    if (other && other !== file) throw new UserError(`${file}: would overwrite the output of ${other} (same name "${stem}")`);
    seen.set(stem, file);
  }
  if (!print) return;
  // x.print.pdf is both x.txt's press PDF and x.print.txt's screen PDF.
  for (const [stem, file] of seen) {
    const other = seen.get(`${stem}.print`);
    if (other) throw new UserError(`${other}: would overwrite the press PDF of ${file} (${stem}.${PRINT_SUFFIX})`);
  }
}
