// The real-document corpus stays accounted for: every file in tests/fixtures/real/ has its entry (source,
// commit, licence) in SOURCES.md and every entry its file, so that no document arrives or stays without
// its provenance and licence. What the command makes of these documents is scripts/corpus-report.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL } from '../support/paths.js';

const listed = (): string[] =>
  [...readFileSync(path.join(REAL, 'SOURCES.md'), 'utf8').matchAll(/^## (.+)$/gm)].map(([, name]) => name!.trim()).sort();
const present = (): string[] => readdirSync(REAL).filter((name) => name !== 'SOURCES.md').sort();

describe('the real-document corpus', () => {
  it('has an entry in SOURCES.md for every file', () => {
    const entries = new Set(listed());
    expect(present().filter((name) => !entries.has(name))).toEqual([]);
  });

  it('has a file for every entry in SOURCES.md', () => {
    const files = new Set(present());
    expect(listed().filter((name) => !files.has(name))).toEqual([]);
    expect(listed().length).toBeGreaterThanOrEqual(15);
  });
});
