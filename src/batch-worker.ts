// A batch worker thread: builds the files the pool hands it, one at a time, and reports back.
// Fonts, themes and shaping caches live for the thread's lifetime, so they are paid once per thread.
import { parentPort } from 'node:worker_threads';
import { buildFile, type BuildOptions } from './build.js';
import { UserError } from './errors.js';

export type WorkerOptions = Omit<BuildOptions, 'onWarning' | 'onProgress'>;
export interface WorkerRequest {
  input: string;
  options: WorkerOptions;
}
export type WorkerReply =
  | { kind: 'done'; input: string; outputs: string[]; warnings: string[] }
  | { kind: 'failed'; input: string; message: string }
  | { kind: 'crashed'; input: string; message: string };

parentPort?.on('message', (request: WorkerRequest) => {
  buildFile(request.input, request.options).then(
    (result): void => parentPort?.postMessage({ kind: 'done', ...result } satisfies WorkerReply),
    (error: unknown): void => {
      const kind = error instanceof UserError ? 'failed' : 'crashed';
      parentPort?.postMessage({ kind, input: request.input, message: (error as Error).message } satisfies WorkerReply);
    },
  );
});
