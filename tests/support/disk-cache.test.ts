// The disk cache (font subsets, deflated fonts): where it lives, that a hit gives the bytes a miss gives,
// and that a damaged entry or an unusable folder costs only time, never a wrong or failed document.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { subsetFont } from '../../src/fonts/subset.js';
import { cacheFile, cacheFolder, ENTRY_LIMIT, readCached, sha256Hex, writeCached } from '../../src/support/disk-cache.js';
import { warraq } from './cli.js';
import { FONTS, SAMPLE } from './paths.js';
import { tempDir, writeTemp } from './temp.js';

const AMIRI = path.join(FONTS, 'Amiri-Regular.ttf');

describe('subset cache', () => {
  it('lives where WARRAQ_CACHE_DIR or XDG_CACHE_HOME say, and can be turned off', () => {
    expect(cacheFolder({ WARRAQ_CACHE_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(cacheFolder({ WARRAQ_CACHE_DIR: 'off' })).toBeUndefined();
    expect(cacheFolder({ WARRAQ_CACHE_DIR: '' })).toBeUndefined();
    expect(cacheFolder({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/warraq');
  });

  it('gives back what was stored, and treats a damaged entry as a miss', () => {
    const folder = tempDir('warraq-cache-');
    const font = new Uint8Array(readFileSync(AMIRI));
    const codePoints = [0x627, 0x628, 0x644];
    const file = cacheFile(folder, 'subsets', `${sha256Hex(font)} unicodes ${codePoints.join(',')}`);
    expect(readCached(file)).toBeUndefined();
    const subset = subsetFont(font, codePoints);
    writeCached(file, subset);
    expect(readCached(file)).toEqual(subset);
    // Another character set is another entry.
    expect(cacheFile(folder, 'subsets', `${sha256Hex(font)} unicodes 1575`)).not.toBe(file);
    const damaged = new Uint8Array(readFileSync(file));
    damaged[100] = (damaged[100] ?? 0) ^ 0xff;
    writeFileSync(file, damaged);
    expect(readCached(file)).toBeUndefined();
    writeFileSync(file, damaged.subarray(0, 10));
    expect(readCached(file)).toBeUndefined();
  });

  it('stays bounded over a long batch, pruning the least recently used entries first', () => {
    const folder = tempDir('warraq-cache-');
    const entry = (i: number): string => cacheFile(folder, 'subsets', `entry ${i}`);
    for (let i = 0; i < ENTRY_LIMIT; i++) writeCached(entry(i), new Uint8Array([i & 255, 1, 2]));
    // Entry 0 is the oldest written, but it is read now: pruning must spare it.
    expect(readCached(entry(0))).toEqual(new Uint8Array([0, 1, 2]));
    writeCached(entry(ENTRY_LIMIT), new Uint8Array([7, 7, 7]));
    const left = readdirSync(path.join(folder, 'subsets'));
    expect(left.length).toBeLessThan(ENTRY_LIMIT);
    expect(left.length).toBeGreaterThan(ENTRY_LIMIT / 2);
    expect(readCached(entry(0))).toEqual(new Uint8Array([0, 1, 2]));
    expect(readCached(entry(ENTRY_LIMIT))).toEqual(new Uint8Array([7, 7, 7]));
    expect(readCached(entry(1))).toBeUndefined();
  });

  it('is skipped when its folder cannot be made', () => {
    const blocker = writeTemp('not a folder', 'a-file');
    const file = cacheFile(blocker, 'subsets', 'unicodes 1575');
    expect(() => writeCached(file, new Uint8Array([1, 2, 3]))).not.toThrow();
    expect(readCached(file)).toBeUndefined();
  });

  it('makes no difference to the documents: no cache, a run that fills it and one that reads it give the same bytes', () => {
    const folder = tempDir('warraq-cache-');
    const build = (cache: string): string => {
      const out = tempDir('warraq-out-');
      const run = warraq(['build', SAMPLE, '--out', out], { WARRAQ_CACHE_DIR: cache });
      expect(run.status, run.stderr).toBe(0);
      return out;
    };
    const uncached = build('off');
    const filling = build(folder);
    // PDF, EPUB and DOCX subsets; the EPUB's and the DOCX's deflated fonts.
    expect(readdirSync(path.join(folder, 'subsets')).length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(path.join(folder, 'deflated')).length).toBeGreaterThanOrEqual(4);
    const reading = build(folder);
    for (const name of ['alaska-summit.pdf', 'alaska-summit.epub', 'alaska-summit.docx']) {
      const expected = readFileSync(path.join(uncached, name));
      expect(Buffer.compare(readFileSync(path.join(filling, name)), expected), name).toBe(0);
      expect(Buffer.compare(readFileSync(path.join(reading, name)), expected), name).toBe(0);
    }
  });
});
