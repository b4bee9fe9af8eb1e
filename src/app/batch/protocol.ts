// What the batch pool and its worker threads say to each other. Its own file so that neither side, nor
// build.ts, imports the other's entry for a type (the worker's entry starts work when loaded in a worker).
import type { BatchItem, BuildOptions } from '../options.js';

/** The build options a worker thread receives: everything but the callbacks, which cannot cross threads. */
export type WorkerOptions = Omit<BuildOptions, 'onWarning' | 'onProgress'>;

/** What a worker thread is started with. */
export interface PoolData {
  /** Every input of the batch (or of its shard); each thread takes the next one from the counter. */
  inputs: readonly BatchItem[];
  /** The options every input is built with. */
  options: WorkerOptions;
  /** One Int32: the index of the next input to take. */
  counter: SharedArrayBuffer;
}

/** The outcome of one input: built, refused (a mistake or a bug it exposes), or crashed (which ends the batch). */
export type WorkerReply =
  | {
      /** Built: every asked format was rendered and written (a BuildResult). */
      kind: 'done';
      /** The input file. */
      input: string;
      /** The files written for it. */
      outputs: string[];
      /** Its warnings, each naming the file. */
      warnings: string[];
      /** The SHA-256 of each file written, in the order of `outputs`. */
      digests: string[];
      /** The size in bytes of each file written, in the order of `outputs`. */
      sizes: number[];
    }
  | {
      /** Refused: a user's mistake (UserError) or a bug this input exposes; the batch goes on. */
      kind: 'failed';
      /** The input file. */
      input: string;
      /** The reason, naming the file: the UserError's message, or "internal error" and the bug's. */
      message: string;
    }
  | {
      /** Crashed: buildReply itself rejected (the worker's catch-all); the pool ends the batch with it. */
      kind: 'crashed';
      /** The input file. */
      input: string;
      /** The error's message, which the pool throws prefixed with the input. */
      message: string;
    };

/** A worker's message: one input's reply, or that it found no input left. */
export type PoolMessage =
  | {
      /** One input is through, whatever its outcome. */
      kind: 'built';
      /** The input's place in PoolData.inputs, so replies can be reported in input order. */
      index: number;
      /** How it went. */
      reply: WorkerReply;
    }
  | {
      /** The counter ran past the last input: this worker takes no more. */
      kind: 'finished';
    };
