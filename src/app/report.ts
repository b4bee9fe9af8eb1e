// `--report FILE`: what a batch (or one shard of it) did, as JSON Lines an engine can act on: one line an
// input, in batch order, with the files written and their SHA-256, or the error. A failed line is a
// manifest line too (manifest.ts takes a report's fields), so the retry is `--manifest` of those lines.
import { randomBytes } from 'node:crypto';
import { rm, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../support/errors.js';
import type { ArticleSettings, BatchItem, BuildFailure, BuildResult } from './options.js';

/** One input's line of the report. */
export interface ReportLine {
  /** The input as the batch named it. */
  input: string;
  /** Built (every asked format written) or failed (nothing written for it). */
  status: 'built' | 'failed';
  /** Each file written: its path, size in bytes and SHA-256 (lowercase hex). */
  outputs?: { path: string; bytes: number; sha256: string }[];
  /** The input's warnings. */
  warnings?: string[];
  /** Why it failed: the one-line error the command printed. */
  error?: string;
  /** The manifest settings it was built with, so that a failed line retries as it was asked. */
  lang?: string;
  /** As lang. */
  template?: string;
  /** As lang. */
  pageSize?: string;
  /** As lang: the formats, comma-separated. */
  format?: string;
}

/** One input's outcome, as the batch collects it. */
export type Outcome =
  | {
      /** The input, with its manifest settings. */
      item: BatchItem;
      /** What was built. */
      result: BuildResult;
    }
  | {
      /** The input, with its manifest settings. */
      item: BatchItem;
      /** Why it was not. */
      failure: BuildFailure;
    };

function settingsOf(settings: ArticleSettings | undefined): Partial<ReportLine> {
  if (!settings) return {};
  const { lang, template, pageSize, formats } = settings;
  return { ...(lang ? { lang } : {}), ...(template ? { template } : {}), ...(pageSize ? { pageSize } : {}), ...(formats ? { format: formats.join(',') } : {}) };
}

export function reportLine(outcome: Outcome): ReportLine {
  const settings = settingsOf(outcome.item.settings);
  if ('failure' in outcome) return { input: outcome.item.input, status: 'failed', error: outcome.failure.message, ...settings };
  const { result } = outcome;
  const outputs = result.outputs.map((file, index) => ({ path: file, bytes: result.sizes[index] ?? 0, sha256: result.digests[index] ?? '' }));
  return { input: outcome.item.input, status: 'built', outputs, warnings: result.warnings, ...settings };
}

/** Writes the report whole under a temporary name, then renames it: a reader never sees half a report. */
export async function writeReport(file: string, outcomes: readonly Outcome[]): Promise<void> {
  const text = outcomes.map((outcome) => `${JSON.stringify(reportLine(outcome))}\n`).join('');
  const temporary = path.join(path.dirname(file), `.warraq-report-${randomBytes(8).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UserError(`${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
