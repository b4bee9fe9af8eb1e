// What the batch pool and its worker threads say to each other. Its own file so that neither side, nor
// build.ts, imports the other's entry for a type (the worker's entry starts work when loaded in a worker).
import type { BuildOptions } from '../options.js';

/** The build options a worker thread receives: everything but the callbacks, which cannot cross threads. */
export type WorkerOptions = Omit<BuildOptions, 'onWarning' | 'onProgress'>;

/** What a worker thread is started with. */
export interface PoolData {
  /** Every input of the batch; each thread takes the next one from the counter. */
  inputs: readonly string[];
  /** The options every input is built with. */
  options: WorkerOptions;
  /** One Int32: the index of the next input to take. */
  counter: SharedArrayBuffer;
}

/** The outcome of one input: built, refused (a user's mistake), or crashed (a bug, which ends the batch). */
export type WorkerReply =
  | { kind: 'done'; input: string; outputs: string[]; warnings: string[] }
  | { kind: 'failed'; input: string; message: string }
  | { kind: 'crashed'; input: string; message: string };

/** A worker's message: one input's reply, or that it found no input left. */
export type PoolMessage = { kind: 'built'; index: number; reply: WorkerReply } | { kind: 'finished' };
