// YAML front matter → the article's metadata: the keys people write (author, tags, dek, url …) mapped onto
// the model's, lists from YAML lists or comma-separated text, dates as ISO days, anything else kept.
import type { MetaInput } from '../model/schema.js';
import { UserError } from '../support/errors.js';
import { readYaml } from './yaml.js';

/** The front matter's YAML as a mapping; its --- fence is line `line` of the file. */
export function readFrontMatter(source: string, line: number, file: string): Record<string, unknown> {
  // The --- fence is line `line`.
  const value = readYaml(source, file, 'YAML front matter', line);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${file}: YAML front matter must be a mapping of keys to values`);
  return value as Record<string, unknown>;
}

const META_ALIASES: Record<string, string> = Object.freeze<Record<string, string>>({
  author: 'authors',
  authors: 'authors',
  language: 'lang',
  lang: 'lang',
  direction: 'dir',
  dir: 'dir',
  url: 'source',
  source: 'source',
  tags: 'keywords',
  keywords: 'keywords',
  dek: 'subtitle',
  subtitle: 'subtitle',
  summary: 'description',
  description: 'description',
});

/** The front matter's keys as the model's metadata: aliases mapped, authors and keywords as lists, others kept. */
export function frontMatterToMeta(front: Record<string, unknown>, file: string): Partial<MetaInput> & { title?: string } {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(front)) {
    const target = META_ALIASES[key] ?? key;
    if (target === 'authors' || target === 'keywords') meta[target] = toStringList(value);
    else if (target === 'date') meta.date = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    else if (['title', 'subtitle', 'lang', 'dir', 'source', 'description', 'publisher'].includes(target)) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new UserError(`${file}: front matter "${key}" must be text`);
      meta[target] = String(value);
    } else meta[key] = value;
  }
  return meta;
}

function toStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[,،]/).map((s) => s.trim()).filter(Boolean);
  return value === null || value === undefined ? [] : [String(value)];
}
