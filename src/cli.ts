// The `warraq` command. User mistakes are one line on stderr and a non-zero exit, never a stack trace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { build, buildBook } from './app/build.js';
import { parseShard } from './app/manifest.js';
import { DEFAULT_BLEED_MM, LANGUAGE_TAG_EXPECTED, OUTPUT_FORMATS, parseFormatList, PRINT_SUFFIX, type OutputFormat, type PrintRequest, type ProgressEvent, type Shard } from './app/options.js';
import { LANGUAGE_TAG } from './model/schema.js';
import { printable, UsageError, UserError } from './support/errors.js';
import { readPhraseList } from './parse/index.js';
import { PACKAGE_ROOT } from './theme/load.js';
import { PageSizeSchema } from './theme/schema.js';
import { defaultServeOptions, parseDuration, parseSize } from './serve/options.js';

/** Exit codes, documented in --help and the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** The package's version, read when --version or --help asks for it. */
const version = (): string => (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function parseFormats(value: string): OutputFormat[] {
  const formats = parseFormatList(value);
  if (!formats) throw new InvalidArgumentError(`expected a list of ${OUTPUT_FORMATS.join(', ')}`);
  return formats;
}

function parseLang(value: string): string {
  if (!LANGUAGE_TAG.test(value)) throw new InvalidArgumentError(LANGUAGE_TAG_EXPECTED);
  return value;
}

function parseShardOption(value: string): Shard {
  const shard = parseShard(value);
  // Kubernetes' JOB_COMPLETION_INDEX counts from 0: the README's recipe adds 1.
  if (!shard) throw new InvalidArgumentError('expected I/N, share I of N counted from 1 (1/4 … 4/4)');
  return shard;
}

function parseBleed(value: string): number {
  const bleed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || bleed > MAX_BLEED_MM) throw new InvalidArgumentError(`expected the bleed in millimetres, 0 to ${MAX_BLEED_MM}`);
  return bleed;
}

/** More bleed than this is a mistake (points for millimetres, say), not a press's request. */
const MAX_BLEED_MM = 20;

/** The flags of the PDF/A and press PDFs, shared by build and book. */
interface PrintFlags {
  print?: boolean;
  pdfA?: boolean;
  bleed?: number;
  marks?: boolean;
}

/** The press PDF asked for, if it is; --bleed and --marks without --print are a usage error. */
function printRequest(flags: PrintFlags, command: Command): PrintRequest | undefined {
  if (!flags.print) {
    const stray = flags.bleed !== undefined ? '--bleed' : flags.marks ? '--marks' : undefined;
    if (stray) command.error(`${stray} shapes the press PDF: add --print`, { exitCode: EXIT.usage });
    return undefined;
  }
  return { bleed: flags.bleed, marks: flags.marks };
}

/** Adds --pdf-a, --print, --bleed and --marks to a command. */
function printOptions(command: Command): Command {
  return command
    .option('--pdf-a', 'write the PDF as PDF/A-2b, for archiving (sRGB output intent; fonts whose widths are their programs\')')
    .option('--print', `also write a press PDF, <name>.${PRINT_SUFFIX}: PDF/X-4, black text in black ink only, trim and bleed boxes`)
    .option('--bleed <mm>', `the press PDF's bleed on every side, in millimetres (default ${DEFAULT_BLEED_MM})`, parseBleed)
    .option('--marks', 'crop marks on the press PDF, outside the bleed');
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!/^\d+$/.test(value) || jobs < 1) throw new InvalidArgumentError('expected a whole number of threads, 1 or more');
  return jobs;
}

interface BookFlags extends PrintFlags {
  out: string;
  name?: string;
  title?: string;
  order: 'given' | 'date';
  format: OutputFormat[];
  lang?: string;
  template: string;
  pageSize?: 'A4' | 'A5' | 'Letter';
  root?: string[];
  allowOutside?: boolean;
}

interface BuildFlags extends PrintFlags {
  out: string;
  format: OutputFormat[];
  lang?: string;
  template: string;
  pageSize?: 'A4' | 'A5' | 'Letter';
  boilerplate?: string;
  jobs?: number;
  root?: string[];
  allowOutside?: boolean;
  manifest?: string;
  shard?: Shard;
  report?: string;
}

interface ServeFlags {
  port: number;
  host: string;
  jobs?: number;
  queue?: number;
  maxBody: number;
  timeout: number;
  workerMemory: number;
  template: string;
  pageSize?: 'A4' | 'A5' | 'Letter';
  logLevel: string;
  rateLimit: number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535 (0: any free port)');
  return port;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

function parseBytes(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('expected a size such as 10MB, 512KB or 1048576');
  return bytes;
}

function parseMilliseconds(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration such as 30s, 500ms or 2m');
  return ms;
}

function parseMegabytes(value: string): number {
  const bytes = parseSize(/^\d+$/.test(value) ? `${value}MB` : value);
  if (bytes === undefined || bytes < 32 * 1024 * 1024) throw new InvalidArgumentError('expected a size of 32MB or more, such as 1024MB or 2GB');
  return Math.round(bytes / (1024 * 1024));
}

const ROOT_HELP = 'a folder images may also be read from, beside the article\'s own (repeatable)';
const OUTSIDE_HELP = 'read any file the inputs or the theme name, outside their folders too (trusted input only)';
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('warraq')
    .description('Arabic-first article export: RTL PDF, EPUB 3 and DOCX from one article model.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`warraq: ${message.replace(/^error: /, '')}`) })
    .addHelpText('after', `
Exit codes:
  0  every input was built
  1  at least one input failed (each error is listed on stderr; the others were still built)
  2  the command line (or SOURCE_DATE_EPOCH) was wrong
  3  internal error (a bug: please report it with the input)`);

  const buildCommand = program
    .command('build')
    .description('build each article (a file, or every .txt/.md/.html/.json file in a folder) into <out>/<name>.{pdf,epub,docx}')
    .argument('[inputs...]', 'article files or folders (or none, with --manifest)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-f, --format <list>', `formats to write: ${OUTPUT_FORMATS.join(',')}`, parseFormats, [...OUTPUT_FORMATS])
    .option('-l, --lang <tag>', 'language of the articles (BCP 47); default: from the article, else detected', parseLang)
    .option('-t, --template <name|dir>', 'theme: a bundled name or a theme folder', 'default')
    .addOption(new Option('-p, --page-size <size>', 'page size').choices(PageSizeSchema.options))
    .option('--boilerplate <file>', 'extra boilerplate phrases (one a line) to drop from the end of plain-text articles')
    .option('-j, --jobs <n>', 'threads for a batch, this one included (default: one per 64 files, up to one per core; 1: no worker threads)', parseJobs)
    .option('--root <dir>', ROOT_HELP, collect)
    .option('--allow-outside', OUTSIDE_HELP)
    .option('--manifest <file>', 'more inputs, one path a line or JSON Lines with per-article lang, template, pageSize, format (paths relative to the current folder)')
    .option('--shard <i/n>', 'build only share I of N (counted from 1): the same shares on every machine, whatever the listing order', parseShardOption)
    .option('--report <file>', 'write a JSON Lines report: a line an input with its outputs and their sha256, or its error');
  printOptions(buildCommand).action(async (inputs: string[], flags: BuildFlags) => {
    if (inputs.length === 0 && !flags.manifest) buildCommand.error('name article files or folders, or a --manifest', { exitCode: EXIT.usage });
    exitCode = await runBuild(inputs, flags, printRequest(flags, buildCommand));
  });

  const bookCommand = program
    .command('book')
    .description('bind several articles into one PDF, EPUB and DOCX with a title page and a table of contents')
    .argument('<inputs...>', 'a book.yaml, or article files and folders (in the order given)')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('-n, --name <name>', 'output file name without extension (default: the book.yaml name, else "book")')
    .option('--title <title>', 'the book title when there is no book.yaml')
    .addOption(new Option('--order <order>', 'article order').choices(['given', 'date']).default('given'))
    .option('-f, --format <list>', `formats to write: ${OUTPUT_FORMATS.join(',')}`, parseFormats, [...OUTPUT_FORMATS])
    .option('-l, --lang <tag>', 'language of the book and its articles (BCP 47)', parseLang)
    .option('-t, --template <name|dir>', 'theme: a bundled name or a theme folder', 'default')
    .addOption(new Option('-p, --page-size <size>', 'page size').choices(PageSizeSchema.options))
    .option('--root <dir>', ROOT_HELP.replace("the article's own", "the book's"), collect)
    .option('--allow-outside', OUTSIDE_HELP);
  printOptions(bookCommand).action(async (inputs: string[], flags: BookFlags) => {
    const print = printRequest(flags, bookCommand);
    const result = await buildBook(inputs, {
      out: flags.out,
      name: flags.name,
      title: flags.title,
      order: flags.order,
      formats: flags.format,
      lang: flags.lang,
      template: flags.template,
      pageSize: flags.pageSize,
      root: flags.root,
      allowOutside: flags.allowOutside,
      print,
      pdfA: flags.pdfA,
      onWarning: (message) => process.stderr.write(`warning: ${printable(message)}\n`),
    });
    process.stdout.write(`${printable(result.input)} → ${printable(result.outputs.join(', '))}\n`);
  });

  const serveDefaults = defaultServeOptions();
  program
    .command('serve')
    .description('run the HTTP service (POST /v1/build, /v1/parse, /healthz, /metrics) and the editor\'s page at /')
    .option('--port <n>', 'TCP port (0: any free one)', parsePort, serveDefaults.port)
    .option('--host <address>', 'address to listen on (0.0.0.0 or :: to be reachable from other machines)', serveDefaults.host)
    .option('-j, --jobs <n>', 'render worker threads (default: one per core)', parseJobs)
    .option('--queue <n>', 'requests that may wait for a worker; more get 429 (default: 4 per worker)', parseCount)
    .option('--max-body <size>', 'largest request, attachments included (413 past it)', parseBytes, serveDefaults.maxBody)
    .option('--timeout <duration>', 'time limit of a request, waiting included; its work is cancelled past it', parseMilliseconds, serveDefaults.timeout)
    .option('--worker-memory <size>', 'heap a render worker may use; an article that needs more fails alone', parseMegabytes, serveDefaults.workerMemory)
    .option('-t, --template <name|dir>', 'theme when a request names none (a request may name only the bundled ones)', serveDefaults.template)
    .addOption(new Option('-p, --page-size <size>', 'page size when a request names none').choices(PageSizeSchema.options))
    .option('--rate-limit <n>', 'requests a minute one client address may make to /v1/; more get 429 (0: no limit)', parseCount, serveDefaults.rateLimit)
    .addOption(new Option('--log-level <level>', 'log level (JSON lines on stdout)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default(serveDefaults.logLevel))
    .action(async (flags: ServeFlags) => {
      // fastify and the workers load only for this command.
      const { serve } = await import('./serve/server.js');
      const jobs = flags.jobs ?? serveDefaults.jobs;
      exitCode = await serve({ ...flags, jobs, queue: flags.queue ?? 4 * jobs });
    });

  program
    .command('schema')
    .description('print the JSON Schema of the article model (the .json input format)')
    .action(async () => {
      // zod's JSON Schema generator loads only for this command.
      const { articleJsonSchema } = await import('./model/json-schema.js');
      process.stdout.write(`${JSON.stringify(articleJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UserError) {
      process.stderr.write(`warraq: ${printable(error.message)}\n`);
      return error instanceof UsageError ? EXIT.usage : EXIT.failed;
    }
    process.stderr.write(`warraq: internal error: ${printable((error as Error).message)}\n`);
    if (process.env.WARRAQ_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
}

async function runBuild(inputs: string[], flags: BuildFlags, print: PrintRequest | undefined): Promise<number> {
  const progress = process.stderr.isTTY ? new ProgressBar() : undefined;
  const boilerplate = flags.boilerplate ? readBoilerplate(flags.boilerplate) : undefined;
  const { results, failures, batchSize } = await build(inputs, {
    out: flags.out,
    formats: flags.format,
    lang: flags.lang,
    template: flags.template,
    pageSize: flags.pageSize,
    boilerplate,
    jobs: flags.jobs,
    root: flags.root,
    allowOutside: flags.allowOutside,
    manifest: flags.manifest,
    shard: flags.shard,
    report: flags.report,
    print,
    pdfA: flags.pdfA,
    onWarning: (message) => {
      progress?.clear();
      process.stderr.write(`warning: ${printable(message)}\n`);
    },
    onProgress: (event) => (progress ? progress.update(event) : logLine(event)),
  });
  progress?.finish();
  const named = [...inputs, ...(flags.manifest ? [flags.manifest] : [])].join(', ');
  if (batchSize === 0) throw new UserError(`${named}: no articles found (.txt, .md, .html or .json)`);
  // A share may well be empty (more shares than inputs): that is not a failure.
  if (flags.shard && results.length + failures.length === 0) process.stderr.write(`shard ${flags.shard.index}/${flags.shard.count}: none of the batch's ${batchSize} inputs falls in it\n`);
  for (const failure of failures) process.stderr.write(`error: ${printable(failure.message)}\n`);
  if (progress || failures.length > 0) {
    process.stderr.write(`${results.length} built, ${failures.length} failed\n`);
  }
  return failures.length > 0 ? EXIT.failed : EXIT.ok;
}

function readBoilerplate(file: string): string[] {
  try {
    return readPhraseList(file);
  } catch {
    throw new UserError(`${file}: cannot read the boilerplate list`);
  }
}

function logLine(event: ProgressEvent): void {
  if (event.kind === 'done') process.stdout.write(`${printable(event.result.input)} → ${printable(event.result.outputs.join(', '))}\n`);
}

/** A one-line progress bar on a terminal; plain lines otherwise. */
class ProgressBar {
  private drawn = false;
  update(event: ProgressEvent): void {
    const done = event.index + 1;
    const width = 24;
    const filled = Math.round((done / event.total) * width);
    const name = event.kind === 'done' ? event.result.input : event.failure.input;
    this.clear();
    process.stderr.write(`[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${event.total} ${printable(path.basename(name))}`);
    this.drawn = true;
  }
  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }
  finish(): void {
    this.clear();
  }
}
