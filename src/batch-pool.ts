// Batches use every core: a small pool of worker threads, each building whole files. Results are reported
// in input order, so what the user sees and what is written never depend on scheduling.
import { Worker } from 'node:worker_threads';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './batch-worker.js';

export const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

/** Workers only exist for compiled code (build/): under a TypeScript test runner the batch runs in-process. */
export function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

/** Runs every input through `size` worker threads; `onReply` is called in input order. */
export async function runPool(inputs: readonly string[], options: WorkerOptions, size: number, onReply: (reply: WorkerReply, index: number) => void): Promise<void> {
  const replies: (WorkerReply | undefined)[] = new Array(inputs.length);
  let next = 0;
  let reported = 0;
  const flush = (): void => {
    while (reported < inputs.length && replies[reported]) {
      onReply(replies[reported]!, reported);
      replies[reported] = undefined; // let the memory go
      reported++;
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(size, inputs.length)) }, () => new Worker(WORKER_URL));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const feed = (): void => {
              if (next >= inputs.length) return resolve();
              current = next++;
              worker.postMessage({ input: inputs[current]!, options } satisfies WorkerRequest);
            };
            worker.on('message', (reply: WorkerReply) => {
              replies[current] = reply;
              try {
                flush();
              } catch (error) {
                return reject(error as Error); // a bug in a worker ends the batch, as it would in-process
              }
              feed();
            });
            worker.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
