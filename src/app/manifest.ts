// A batch's inputs beyond the command line, and its shares: what `--manifest` and `--shard` take.
// An archive of a million articles is cut into shares that an existing engine (GNU parallel, a
// Kubernetes Indexed Job, a queue) runs anywhere: the share of an input depends only on how it is named.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { UsageError } from '../support/errors.js';
import { PageSizeSchema } from '../theme/schema.js';
import { LANGUAGE_TAG_EXPECTED, parseFormatList, type ArticleSettings, type BatchItem, type Shard } from './options.js';
import { LANGUAGE_TAG } from '../model/schema.js';

/** A manifest larger than this is refused before it is read: a million lines of paths is ~100 MB. */
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

/**
 * One JSON line: an input and its own settings. A report's fields are taken and ignored, so that the
 * failed lines of a `--report` are a manifest for the retry; anything else is a typo and refused.
 */
const ManifestLine = z.strictObject({
  input: z.string({ error: 'expected the article file, a path' }).check(z.minLength(1, 'expected the article file, a path')),
  lang: z.optional(z.string().check(z.regex(LANGUAGE_TAG, LANGUAGE_TAG_EXPECTED))),
  template: z.optional(z.string().check(z.minLength(1))),
  pageSize: z.optional(PageSizeSchema),
  format: z.optional(z.union([z.string(), z.array(z.string())])),
  status: z.optional(z.unknown()),
  outputs: z.optional(z.unknown()),
  warnings: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
});

/** The fields a manifest line sets, as its errors list them. */
const MANIFEST_FIELDS = 'input, lang, template, pageSize, format';

/**
 * The inputs a manifest lists, in its order: one path a line, or a JSON object a line (`input` and any
 * of `lang`, `template`, `pageSize`, `format`). Blank lines and lines starting with # are skipped.
 * Paths are relative to the current folder, as on the command line (tar -T and xargs read lists so).
 * A malformed line is a UsageError naming the file and line: nothing is built from a broken list.
 */
export async function readManifest(file: string): Promise<BatchItem[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`${file}: cannot read the manifest (${info ? 'not a file' : 'no such file'})`);
  if (info.size > MAX_MANIFEST_BYTES) throw new UsageError(`${file}: the manifest is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB`);
  const text = await readFile(file, 'utf8');
  const items: BatchItem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    items.push(line.startsWith('{') ? jsonItem(line, where) : { input: line, key: shardKey(line) });
  });
  return items;
}

function jsonItem(line: string, where: string): BatchItem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError(`${where}: not a JSON object (a line starting with { must be one)`);
  }
  const parsed = ManifestLine.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') throw new UsageError(`${where}: unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')} (a line takes ${MANIFEST_FIELDS})`);
    const field = issue?.path.join('.');
    throw new UsageError(`${where}: ${field ? `${field}: ` : ''}${issue?.message ?? 'not a manifest line'}`);
  }
  const { input, lang, template, pageSize, format } = parsed.data;
  const formats = format === undefined ? undefined : parseFormatList(Array.isArray(format) ? format.join(',') : format);
  if (format !== undefined && !formats) throw new UsageError(`${where}: format: expected pdf, epub and/or docx`);
  const settings: ArticleSettings = { lang, template, pageSize, formats };
  const given = Object.values(settings).some((value) => value !== undefined);
  return { input, key: shardKey(input), ...(given ? { settings } : {}) };
}

/** The name an input's share is decided by: as written, tidied (`./a//b` is `a/b`), '/' on every system. */
export function shardKey(named: string): string {
  return path.posix.normalize(named.replaceAll('\\', '/'));
}

/** "2/4" → the second of four shares. Shares count from 1, as in Jest, Playwright and Vitest. */
export function parseShard(value: string): Shard | undefined {
  const match = /^(\d{1,9})\/(\d{1,9})$/.exec(value.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * The items of one share, in batch order. The batch is ordered by a hash of each item's key (so the
 * listing order of a folder, or of the manifest, changes nothing) and cut into `count` runs whose sizes
 * differ by one at most, the way Vitest and Jest shard test files: every item is in exactly one share.
 */
export function takeShard<T extends BatchItem>(items: readonly T[], shard: Shard): T[] {
  const hash = (key: string): string => createHash('sha256').update(key).digest('hex');
  const ranked = items.map((item, order) => ({ item, order, rank: hash(item.key) }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.order - b.order));
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return ranked
    .slice(start, end)
    .sort((a, b) => a.order - b.order)
    .map(({ item }) => item);
}
