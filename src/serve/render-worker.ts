// A render worker of `warraq serve`: warms up (theme, fonts, shaper, the three renderers), says it is ready,
// then runs one job at a time for as long as it lives. A job past its time limit, or one that takes the
// worker down (out of memory), ends the worker: the pool replaces it, and only that job fails.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './job.js';
import type { Job, JobMessage, RenderWorkerData, WorkerMessage } from './protocol.js';

/** The warm-up article: Arabic and Latin text, a heading, so that every code path a request takes is loaded. */
const WARM_UP = 'تسخين\nعنوان فرعي قصير\n\nفقرة أولى فيها كلمات عربية وأرقام 2025 وكلمة Latin.\nقسم\nفقرة ثانية.\n';

/**
 * The buffers that can move to the pool's thread rather than be copied: those a document owns whole
 * (a view into a shared slab, Node's small-Buffer pool say, is copied).
 */
function transferable(arrays: readonly Uint8Array[]): ArrayBuffer[] {
  const whole = arrays.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer).map((a) => a.buffer as ArrayBuffer);
  return [...new Set(whole)];
}

if (parentPort && workerData) {
  const port = parentPort;
  const { template } = workerData as RenderWorkerData;
  void (async (): Promise<void> => {
    const warmUp: Job = {
      task: 'build',
      format: 'txt',
      article: { name: 'warm-up.txt', bytes: new TextEncoder().encode(WARM_UP) },
      attachments: [],
      formats: ['pdf', 'epub', 'docx'],
      zip: false,
      stem: 'warm-up',
      template,
    };
    const warmed = await runJob(warmUp, undefined);
    // A theme that cannot be loaded fails here, once, rather than in every request.
    if (warmed.kind === 'refused' || warmed.kind === 'failed') throw new Error(warmed.message);
    port.on('message', (message: JobMessage) => {
      void runJob(message.job, message.folder).then((outcome) => {
        port.postMessage({ kind: 'outcome', id: message.id, outcome } satisfies WorkerMessage, outcome.kind === 'built' ? transferable(outcome.documents.map((d) => d.bytes)) : []);
      });
    });
    port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
  })().catch((error: unknown) => {
    // Thrown outside the promise, so the thread ends with it and the pool sees why.
    setImmediate(() => {
      throw error;
    });
  });
}
