// A batch worker thread: takes inputs from the pool's shared counter until none are left, builds each,
// and reports back. Fonts, themes and shaping caches live for the thread's lifetime, so they are paid once
// per thread.
import { parentPort, workerData } from 'node:worker_threads';
import { buildReply } from '../build.js';
import type { PoolData, PoolMessage, WorkerReply } from './protocol.js';

if (parentPort && workerData) {
  const port = parentPort;
  const { inputs, options, counter } = workerData as PoolData;
  const next = new Int32Array(counter);
  void (async (): Promise<void> => {
    for (let index = Atomics.add(next, 0, 1); index < inputs.length; index = Atomics.add(next, 0, 1)) {
      const item = inputs[index]!;
      // A bug is reported rather than thrown: the pool ends the batch with its message.
      const reply = await buildReply(item, options).catch((error: unknown): WorkerReply => ({ kind: 'crashed', input: item.input, message: (error as Error).message }));
      port.postMessage({ kind: 'built', index, reply } satisfies PoolMessage);
    }
    port.postMessage({ kind: 'finished' } satisfies PoolMessage);
  })();
}
