// A batch on `size` threads (build.ts chooses how many): this thread and `size - 1` worker threads build
// whole files at once, each taking the next input from a counter they share, so nobody waits for a
// hand-out. This thread starts at once, while the workers still load. Results are reported in input
// order, so what the user sees and what is written never depend on scheduling.
import type { Worker } from 'node:worker_threads';
import type { BatchItem } from '../options.js';
import type { PoolData, PoolMessage, WorkerOptions, WorkerReply } from './protocol.js';

/** A reply the batch goes on after: a 'crashed' one ends it inside runPool. */
export type SettledReply = Exclude<WorkerReply, { kind: 'crashed' }>;

// The worker's entry sits beside this module both compiled (build/app/batch/) and bundled (build/bundle/).
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Workers only exist for compiled code (build/): under a TypeScript test runner the batch runs in-process. */
export function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

/**
 * Builds every input, here with `buildHere` and on `size - 1` worker threads; `onReply` is called in
 * input order. `buildHere` rejects for a bug (which ends the batch, as a worker's 'crashed' reply does).
 */
export async function runPool(
  inputs: readonly BatchItem[],
  options: WorkerOptions,
  size: number,
  buildHere: (item: BatchItem) => Promise<WorkerReply>,
  onReply: (reply: SettledReply, index: number) => void,
): Promise<void> {
  const replies: (SettledReply | undefined)[] = new Array(inputs.length);
  let reported = 0;
  const record = (index: number, reply: WorkerReply): void => {
    if (reply.kind === 'crashed') throw new Error(`${reply.input}: ${reply.message}`);
    replies[index] = reply;
    while (reported < inputs.length && replies[reported]) {
      onReply(replies[reported]!, reported);
      replies[reported] = undefined; // let the memory go
      reported++;
    }
  };
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const workerCount = Math.max(0, Math.min(size, inputs.length) - 1);
  const workers = await startWorkers(workerCount, { inputs, options, counter });
  let here: Promise<void> = Promise.resolve();
  try {
    const working = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: PoolMessage) => {
            if (message.kind === 'finished') return resolve();
            try {
              record(message.index, message.reply);
            } catch (error) {
              reject(error as Error);
            }
          });
          worker.on('error', reject);
          worker.on('exit', () => reject(new Error('a batch worker stopped before its work was done')));
        }),
    );
    here = (async (): Promise<void> => {
      for (let index = Atomics.add(next, 0, 1); index < inputs.length; index = Atomics.add(next, 0, 1)) {
        record(index, await buildHere(inputs[index]!));
      }
    })();
    await Promise.all([here, ...working]);
  } finally {
    // Whatever happened, nobody takes another input, and nothing is left building when this returns.
    Atomics.store(next, 0, inputs.length);
    await Promise.all([here.catch(() => {}), ...workers.map((worker) => worker.terminate())]);
  }
}

/**
 * A batch worker's young generation, in MB. V8 sizes it for a machine's memory (tens of MB a thread),
 * and an article's short-lived objects filled it before each scavenge: a batch of 500 on two threads
 * peaked at 339 MB of RSS, 280 MB with this, in the same time (npm run bench). The old generation is left
 * unbounded: a 2 MB article still builds on a worker.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** node:worker_threads takes ~5 ms to load: a run over one file never loads it. */
async function startWorkers(count: number, workerData: PoolData): Promise<Worker[]> {
  if (count === 0) return [];
  const { Worker } = await import('node:worker_threads');
  return Array.from({ length: count }, () => new Worker(WORKER_URL, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
}
