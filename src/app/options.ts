// What a build is asked to do and what it reports: the types the command line, the library API, the
// build and the batch threads share (their own file, so none of them imports another for a type).
import type { PageSize } from '../theme/schema.js';

/** The formats warraq writes. */
export const OUTPUT_FORMATS = ['pdf', 'epub', 'docx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How `build` builds a batch. */
export interface BuildOptions {
  /** The output folder. */
  out: string;
  /** The formats to write; all three when absent. */
  formats?: readonly OutputFormat[] | undefined;
  /** The language, overriding the article's own and the detection. */
  lang?: string | undefined;
  /** A bundled theme's name or a theme folder. */
  template?: string | undefined;
  /** The page size, overriding the theme's. */
  pageSize?: PageSize | undefined;
  /** More boilerplate phrases for plain-text inputs. */
  boilerplate?: readonly string[] | undefined;
  /** More folders an article may read images (and a book.yaml articles) from, beside its own folder (--root). */
  root?: readonly string[] | undefined;
  /** Lift the read root: read any file the process can (--allow-outside), for trusted input only. */
  allowOutside?: boolean | undefined;
  /** Also write a press PDF, `<name>.print.pdf` (--print): PDF/X-4, CMYK, trim and bleed boxes. */
  print?: PrintRequest | undefined;
  /** Write the screen PDF as PDF/A-2b (--pdf-a): render/pdf/output/archive.ts. */
  pdfA?: boolean | undefined;
  /** Warnings about one input; the message names the file. */
  onWarning?: ((message: string) => void) | undefined;
  /** Threads for a batch of several files (this one and jobs - 1 workers); default: one per 64 files, up to one per core. */
  jobs?: number | undefined;
  /** Called as each input finishes, successfully or not, in input order. */
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** A file listing more inputs, one a line or JSON Lines with per-article settings (--manifest): manifest.ts. */
  manifest?: string | undefined;
  /** Build only this share of the batch (--shard I/N); every input when absent. */
  shard?: Shard | undefined;
  /** Write a JSON Lines report of the inputs built here, one line each (--report): report.ts. */
  report?: string | undefined;
}

/** One share of a batch: the `index`-th of `count`, counted from 1 as `--shard 1/4` … `4/4` are. */
export interface Shard {
  /** Which share, 1 to count. */
  index: number;
  /** How many shares the batch is cut into. */
  count: number;
}

/** What one article of a manifest sets for itself, over the batch's options. */
export interface ArticleSettings {
  /** Its language (BCP 47). */
  lang?: string | undefined;
  /** Its theme: a bundled name or a theme folder. */
  template?: string | undefined;
  /** Its page size. */
  pageSize?: PageSize | undefined;
  /** The formats written for it. */
  formats?: readonly OutputFormat[] | undefined;
}

/** One input of a batch. */
export interface BatchItem {
  /** The article file. */
  input: string;
  /** What decides its shard: the path as the command line or the manifest wrote it, '/'-separated. */
  key: string;
  /** Its own settings (a manifest's JSON line); none for a file named on the command line. */
  settings?: ArticleSettings | undefined;
}

/** What --lang, a manifest and the service say of a value that is not a language tag (model/schema.ts). */
export const LANGUAGE_TAG_EXPECTED = 'expected a BCP 47 language tag such as ar, fa or en';

/** "pdf,epub" → the formats, deduplicated in the order given; undefined when any is unknown or none is named. */
export function parseFormatList(value: string): OutputFormat[] | undefined {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (formats.length === 0 || formats.some((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f))) return undefined;
  return [...new Set(formats)] as OutputFormat[];
}

/** How the press PDF is asked for (--print, --bleed, --marks). */
export interface PrintRequest {
  /** Bleed on every side of the page, in millimetres; 3 when absent. */
  bleed?: number | undefined;
  /** Crop marks outside the bleed. */
  marks?: boolean | undefined;
}

/** The press PDF's bleed when none is asked for, in millimetres. */
export const DEFAULT_BLEED_MM = 3;

/** The name a press PDF is written under: `<stem>.print.pdf`, beside the screen `<stem>.pdf`. */
export const PRINT_SUFFIX = 'print.pdf';

/** What a rendered document is written as: `<stem>.<name>`, a format's extension or the press PDF's. */
export type OutputName = OutputFormat | typeof PRINT_SUFFIX;

/** One built input. */
export interface BuildResult {
  /** The input file. */
  input: string;
  /** The files written for it. */
  outputs: string[];
  /** Its warnings, each naming the file. */
  warnings: string[];
  /** The SHA-256 of each written file (lowercase hex), in the order of `outputs`. */
  digests: string[];
  /** The size of each written file in bytes, in the order of `outputs`. */
  sizes: number[];
}

/** One input that could not be built. */
export interface BuildFailure {
  /** The input file. */
  input: string;
  /** The one-line reason, naming the file. */
  message: string;
}

/** One input finished, in input order. */
export type ProgressEvent =
  | {
      /** The input was built. */
      kind: 'done';
      /** The input's 0-based place among the batch's files (folders expanded). */
      index: number;
      /** How many files the batch has. */
      total: number;
      /** What was built. */
      result: BuildResult;
    }
  | {
      /** The input was refused. */
      kind: 'failed';
      /** The input's 0-based place among the batch's files (folders expanded). */
      index: number;
      /** How many files the batch has. */
      total: number;
      /** Why. */
      failure: BuildFailure;
    };

/** What a batch made and what it refused. */
export interface BatchResult {
  /** The inputs built, in input order. */
  results: BuildResult[];
  /** The inputs refused, in input order. */
  failures: BuildFailure[];
  /** How many inputs the whole batch has, every shard's: more than results and failures when sharded. */
  batchSize: number;
}

