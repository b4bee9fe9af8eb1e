// What the service's pool and its render workers say to each other: one job in, one outcome out. Its own
// file so that neither side imports the other's entry for a type (the worker's entry starts when loaded).
import type { OutputFormat } from '../app/options.js';
import type { Article } from '../model/schema.js';
import type { InputFormat } from '../parse/index.js';
import type { PageSize } from '../theme/schema.js';

/** A file that came with the request: the article or one of its images. */
export interface JobFile {
  /** Its name as the request gives it: a relative path of safe segments (checked before it gets here). */
  name: string;
  /** Its bytes. */
  bytes: Uint8Array;
}

/** One request's work. */
export interface Job {
  /** Build documents, or only parse the article into the model. */
  task: 'build' | 'parse';
  /** The article's reader. */
  format: InputFormat;
  /** The article; its name is the one messages give (article.txt when the request names none). */
  article: JobFile;
  /** The images the article may show; nothing else is readable. */
  attachments: JobFile[];
  /** The formats to render (build only), in this order. */
  formats: OutputFormat[];
  /** Several formats come back as one zip of them, made in the worker. */
  zip: boolean;
  /** The file name stem of the documents (article.pdf…) and of the zip's entries. */
  stem: string;
  /** The language, overriding the article's own and the detection. */
  lang?: string | undefined;
  /** A bundled theme's name, or the operator's --template. */
  template: string;
  /** The page size, overriding the theme's. */
  pageSize?: PageSize | undefined;
}

/** A rendered file. */
export interface JobDocument {
  /** What it is: a format, or zip for several in one. */
  format: OutputFormat | 'zip';
  /** Its bytes. */
  bytes: Uint8Array;
}

/** How a job went, as the worker reports it. */
export type JobOutcome =
  | {
      /** Built: every asked format rendered. */
      kind: 'built';
      /** The model the documents were made from. */
      article: Article;
      /** The documents, in the asked order (or the one zip). */
      documents: JobDocument[];
      /** The warnings, each naming the article. */
      warnings: string[];
    }
  | {
      /** Parsed (a parse job). */
      kind: 'parsed';
      /** The model. */
      article: Article;
      /** The readers' warnings, each naming the article. */
      warnings: string[];
    }
  | {
      /** Refused: the input is wrong (a UserError), one line naming the article. */
      kind: 'refused';
      /** The reason. */
      message: string;
    }
  | {
      /** A bug in warraq this input exposed (any other error); the worker goes on. */
      kind: 'failed';
      /** The error's message. */
      message: string;
    };

/** What a render worker is started with. */
export interface RenderWorkerData {
  /** The theme warmed up before the worker says it is ready. */
  template: string;
}

/** The pool's message to a worker: a job, and the folder its attachments go in (made by the pool). */
export interface JobMessage {
  /** The job's number, echoed in the reply. */
  id: number;
  /** The work. */
  job: Job;
  /** A fresh empty folder of the job's own, for its attachments; absent when it has none. */
  folder?: string | undefined;
}

/** A worker's message: ready for work (after its warm-up), or a job's outcome. */
export type WorkerMessage =
  | {
      /** Fonts, shaper and renderers are loaded: jobs may come. */
      kind: 'ready';
    }
  | {
      /** A job is done, whatever its outcome. */
      kind: 'outcome';
      /** The job's number. */
      id: number;
      /** How it went. */
      outcome: JobOutcome;
    };
