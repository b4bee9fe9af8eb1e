// What `warraq serve` is started with, its defaults, and the sizes and durations its flags are written in.
import { readdirSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { PageSize } from '../theme/schema.js';
import { PACKAGE_ROOT } from '../theme/load.js';

/** How the service runs. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one (the log says which). */
  port: number;
  /** The address to bind: 127.0.0.1 unless told otherwise, so nothing is exposed by accident. */
  host: string;
  /** Worker threads that build (one per core by default). */
  jobs: number;
  /** Requests waiting for a worker beyond the ones being built; more are refused with 429. */
  queue: number;
  /** The largest request body, attachments included (413 past it). */
  maxBody: number;
  /** A request's time limit in milliseconds, waiting included: its work is cancelled past it (503 or 504). */
  timeout: number;
  /** The heap a worker may use, in MB: an article that needs more fails alone, its worker is replaced. */
  workerMemory: number;
  /** The theme used when a request names none: a bundled name or a folder (the operator's, trusted). */
  template: string;
  /** The page size when a request names none; the theme's own when absent. */
  pageSize?: PageSize | undefined;
  /** pino's log level (structured JSON lines on stdout). */
  logLevel: string;
  /** Requests a minute one client address may make to /v1/ (429 past it); 0 turns the limit off. */
  rateLimit: number;
}

/** The defaults: every core, a queue of four requests a worker, 10 MB, 30 s, 1 GB a worker, 600 a minute a client. */
export function defaultServeOptions(): ServeOptions {
  const jobs = Math.max(1, availableParallelism());
  return { port: 8080, host: '127.0.0.1', jobs, queue: 4 * jobs, maxBody: 10 * 1024 * 1024, timeout: 30_000, workerMemory: 1024, template: 'default', logLevel: 'info', rateLimit: 600 };
}

const SIZE_UNITS: Readonly<Record<string, number>> = Object.freeze<Record<string, number>>({ '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 });

/** A number and a unit of `units` ("10MB", "30s"; a bare number takes the '' unit), or undefined. */
function quantity(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? units[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) return undefined;
  const value = Math.round(Number(match[1]) * unit);
  return value >= 1 ? value : undefined;
}

/** "10MB", "512KB", "1048576" → bytes; undefined when it is no size. */
export function parseSize(text: string): number | undefined {
  return quantity(text, SIZE_UNITS);
}

const DURATION_UNITS: Readonly<Record<string, number>> = Object.freeze<Record<string, number>>({ '': 1000, ms: 1, s: 1000, m: 60_000, min: 60_000 });

/** "30s", "500ms", "2m", "45" (seconds) → milliseconds; undefined when it is no duration. */
export function parseDuration(text: string): number | undefined {
  return quantity(text, DURATION_UNITS);
}

/**
 * The themes a request may name: the bundled ones only. A request never names a folder, which would make
 * the service read wherever the request says; the operator's --template may.
 */
export function bundledThemes(): string[] {
  const templates = path.join(PACKAGE_ROOT, 'templates');
  return readdirSync(templates, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(templates, entry.name, 'theme.json')))
    .map((entry) => entry.name)
    .sort();
}
