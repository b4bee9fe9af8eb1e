// The service's render workers: a fixed number of warm worker threads, each running one job at a time, a
// bounded queue in front of them, and a time limit on every job. A job past its limit has its worker
// terminated (the work is cancelled, not left running); a worker that dies (out of memory, a crash) takes
// down only its own job; either way the worker is replaced.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Job, JobMessage, JobOutcome, RenderWorkerData, WorkerMessage } from './protocol.js';

// The worker's entry sits beside this module both compiled (build/serve/) and bundled (build/bundle/).
const WORKER_URL = new URL('./render-worker.js', import.meta.url);

/** How the pool runs. */
export interface PoolOptions {
  /** Worker threads. */
  size: number;
  /** Jobs that may wait for a worker; one more is refused (QueueFull). */
  queue: number;
  /** A worker's heap limit in MB. */
  workerMemory: number;
  /** The theme each worker warms up with. */
  template: string;
  /** Told when a worker ends unasked (out of memory, a crash) or fails to start. */
  onWorkerLost?: ((reason: string) => void) | undefined;
}

/** How a job ended: the worker's outcome, or what the pool made of it. */
export type PoolResult =
  | JobOutcome
  | {
      /** It ran past its time limit: its worker was terminated. */
      kind: 'timeout';
    }
  | {
      /** It waited past its time limit without a worker to take it. */
      kind: 'expired';
    }
  | {
      /** Its worker died under it (out of memory, a crash); the worker was replaced. */
      kind: 'crashed';
      /** Why the worker died. */
      message: string;
    };

/** The queue is full: try again in `retryAfter` seconds. */
export class QueueFull extends Error {
  override name = 'QueueFull';
  constructor(
    /** Seconds after which the queue has probably room again. */
    readonly retryAfter: number,
  ) {
    super('too many requests are waiting');
  }
}

/** The pool is shutting down and takes no more jobs. */
export class PoolClosed extends Error {
  override name = 'PoolClosed';
}

interface Pending {
  id: number;
  job: Job;
  resolve: (result: PoolResult) => void;
  timer: NodeJS.Timeout;
  slot?: Slot | undefined;
  folder?: string | undefined;
  started?: number | undefined;
  release: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Terminated (a job past its limit) or dead: takes no job. */
  retired: boolean;
  pending?: Pending | undefined;
  /** Why it died, from its 'error' event. */
  reason?: string | undefined;
}

/** What the pool is doing, for /metrics and /healthz. */
export interface PoolStats {
  /** Workers ready for jobs (busy or idle). */
  workers: number;
  /** Jobs being built. */
  running: number;
  /** Jobs waiting for a worker. */
  queued: number;
  /** Workers that had to be replaced (a timeout, a crash). */
  replaced: number;
}

export class RenderPool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closing = false;
  private replaced = 0;
  /** A running mean of job times, for Retry-After. */
  private meanMs = 100;
  private idle: (() => void) | undefined;

  constructor(private readonly options: PoolOptions) {}

  /** Starts every worker and waits for all to be warm; rejects (and stops them) if one cannot start. */
  async start(): Promise<void> {
    try {
      await Promise.all(Array.from({ length: this.options.size }, () => this.spawn()));
    } catch (error) {
      this.closing = true;
      await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
      throw error;
    }
  }

  /**
   * Runs a job within `timeLimit` ms, waiting included. Throws QueueFull when it cannot even wait,
   * PoolClosed when shutting down. `signal` aborts a job still waiting (its client went away).
   */
  run(job: Job, timeLimit: number, signal?: AbortSignal): Promise<PoolResult> {
    if (this.closing) return Promise.reject(new PoolClosed('the service is shutting down'));
    const free = [...this.slots].some((slot) => slot.ready && !slot.retired && !slot.pending);
    if (!free && this.waiting.length >= this.options.queue) return Promise.reject(new QueueFull(this.retryAfter()));
    return new Promise<PoolResult>((resolve) => {
      const pending: Pending = {
        id: this.nextId++,
        job,
        resolve,
        timer: setTimeout(() => this.deadline(pending), timeLimit),
        release: () => signal?.removeEventListener('abort', abandon),
      };
      const abandon = (): void => {
        const at = this.waiting.indexOf(pending);
        if (at >= 0) {
          this.waiting.splice(at, 1);
          this.finish(pending, { kind: 'expired' });
        }
      };
      signal?.addEventListener('abort', abandon, { once: true });
      this.waiting.push(pending);
      this.dispatch();
    });
  }

  stats(): PoolStats {
    const live = [...this.slots].filter((slot) => slot.ready && !slot.retired);
    return { workers: live.length, running: live.filter((slot) => slot.pending).length, queued: this.waiting.length, replaced: this.replaced };
  }

  /** Takes no more jobs, lets the waiting and running ones finish, then stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.waiting.length > 0 || [...this.slots].some((slot) => slot.pending)) await new Promise<void>((resolve) => (this.idle = resolve));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
  }

  private retryAfter(): number {
    return Math.max(1, Math.ceil(((this.waiting.length + 1) * this.meanMs) / this.options.size / 1000));
  }

  /** A new warm worker; resolves when it is ready, rejects if it dies first. */
  private spawn(): Promise<void> {
    const data: RenderWorkerData = { template: this.options.template };
    const worker = new Worker(WORKER_URL, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: this.options.workerMemory } });
    const slot: Slot = { worker, ready: false, retired: false };
    this.slots.add(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'ready') {
          slot.ready = true;
          resolve();
          this.dispatch();
          return;
        }
        const pending = slot.pending;
        if (!pending || pending.id !== message.id) return;
        slot.pending = undefined;
        this.finish(pending, message.outcome);
        this.dispatch();
      });
      worker.on('error', (error: Error & { code?: string }) => {
        slot.reason =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the article needed more memory than a worker may use (${this.options.workerMemory} MB)`
            : `a render worker crashed (${error.message})`;
      });
      worker.on('exit', () => {
        const wasReady = slot.ready;
        const reason = slot.reason ?? 'a render worker stopped';
        this.slots.delete(slot);
        const pending = slot.pending;
        slot.pending = undefined;
        if (pending) this.finish(pending, { kind: 'crashed', message: reason });
        if (this.closing) return;
        if (!wasReady) {
          reject(new Error(`a render worker could not start: ${reason}`));
          this.options.onWorkerLost?.(`a render worker could not start: ${reason}`);
        } else if (!slot.retired) {
          this.options.onWorkerLost?.(reason);
        }
        this.replace(wasReady);
      });
    });
  }

  /** A worker in the place of one that ended; after a pause if that one could not even start (no busy loop). */
  private replace(wasReady: boolean): void {
    this.replaced++;
    const again = (): void => {
      if (!this.closing) this.spawn().catch(() => {});
    };
    if (wasReady) again();
    else setTimeout(again, 1000).unref();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) break;
      if (!slot.ready || slot.retired || slot.pending) continue;
      const pending = this.waiting.shift()!;
      pending.slot = slot;
      pending.started = Date.now();
      slot.pending = pending;
      // The attachments' folder is the pool's: removed when the job ends, whatever became of the worker.
      if (pending.job.attachments.length > 0) pending.folder = mkdtempSync(path.join(tmpdir(), 'warraq-serve-'));
      slot.worker.postMessage({ id: pending.id, job: pending.job, folder: pending.folder } satisfies JobMessage);
    }
  }

  /** A job's time is up: a waiting one leaves the queue, a running one has its worker terminated. */
  private deadline(pending: Pending): void {
    const at = this.waiting.indexOf(pending);
    if (at >= 0) {
      this.waiting.splice(at, 1);
      this.finish(pending, { kind: 'expired' });
      return;
    }
    const slot = pending.slot;
    if (!slot || slot.pending !== pending) return;
    slot.retired = true;
    slot.pending = undefined;
    this.finish(pending, { kind: 'timeout' });
    void slot.worker.terminate();
  }

  private finish(pending: Pending, result: PoolResult): void {
    clearTimeout(pending.timer);
    pending.release();
    if (pending.started !== undefined && (result.kind === 'built' || result.kind === 'parsed')) {
      this.meanMs = 0.8 * this.meanMs + 0.2 * (Date.now() - pending.started);
    }
    if (pending.folder) void rm(pending.folder, { recursive: true, force: true }).catch(() => {});
    pending.resolve(result);
    if (this.idle && this.waiting.length === 0 && ![...this.slots].some((slot) => slot.pending)) {
      this.idle();
      this.idle = undefined;
    }
  }
}
