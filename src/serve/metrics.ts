// /metrics in Prometheus's text format: requests by route and status, their durations, the queue, the
// workers, and what went wrong. Kept by the server object (no module state); written out on each scrape.
import type { PoolStats } from './pool.js';

/** Histogram bucket bounds of request durations, in seconds. */
const BUCKETS = Object.freeze([0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);

/** Why a job did not give a document; the label of warraq_job_failures_total. */
export type FailureReason = 'refused' | 'failed' | 'timeout' | 'expired' | 'crashed' | 'queue_full';

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly failures = new Map<FailureReason, number>();

  /** One answered request: its route (the pattern, not the URL), its status and how long it took. */
  request(route: string, status: number, seconds: number): void {
    const key = `route="${escapeLabel(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const histogram = this.durations.get(route) ?? { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.counts[i]!++;
    });
    histogram.sum += seconds;
    histogram.count++;
    this.durations.set(route, histogram);
  }

  /** A job that gave no document, and why. */
  failure(reason: FailureReason): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  /** The text a scrape gets. */
  render(pool: PoolStats): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    family('warraq_http_requests_total', 'counter', 'HTTP requests answered, by route and status.');
    for (const [labels, n] of [...this.requests].sort()) lines.push(`warraq_http_requests_total{${labels}} ${n}`);
    family('warraq_http_request_duration_seconds', 'histogram', 'Time to answer a request, by route.');
    for (const [route, h] of [...this.durations].sort(([a], [b]) => a.localeCompare(b))) {
      const label = `route="${escapeLabel(route)}"`;
      BUCKETS.forEach((bound, i) => lines.push(`warraq_http_request_duration_seconds_bucket{${label},le="${bound}"} ${h.counts[i]}`));
      lines.push(`warraq_http_request_duration_seconds_bucket{${label},le="+Inf"} ${h.count}`);
      lines.push(`warraq_http_request_duration_seconds_sum{${label}} ${h.sum}`, `warraq_http_request_duration_seconds_count{${label}} ${h.count}`);
    }
    family('warraq_job_failures_total', 'counter', 'Jobs that gave no document, by reason (refused: bad input; failed: a bug; timeout, expired: past the time limit running or waiting; crashed: the worker died; queue_full: refused with 429).');
    for (const [reason, n] of [...this.failures].sort()) lines.push(`warraq_job_failures_total{reason="${reason}"} ${n}`);
    family('warraq_queue_depth', 'gauge', 'Jobs waiting for a worker.');
    lines.push(`warraq_queue_depth ${pool.queued}`);
    family('warraq_jobs_running', 'gauge', 'Jobs being built.');
    lines.push(`warraq_jobs_running ${pool.running}`);
    family('warraq_workers', 'gauge', 'Render workers ready for jobs.');
    lines.push(`warraq_workers ${pool.workers}`);
    family('warraq_worker_replacements_total', 'counter', 'Render workers replaced after a timeout or a crash.');
    lines.push(`warraq_worker_replacements_total ${pool.replaced}`);
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
