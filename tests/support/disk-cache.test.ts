// The disk cache (font subsets, deflated fonts): where it lives, that a hit gives the bytes a miss gives,
// and that a damaged entry or an unusable folder costs only time, never a wrong or failed document.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
    const key = `${sha256Hex(font)} unicodes ${codePoints.join(',')}`;
    const file = cacheFile(folder, 'subsets', key);
    expect(readCached(file, key)).toBeUndefined();
    const subset = subsetFont(font, codePoints);
    writeCached(file, key, subset);
    expect(readCached(file, key)).toEqual(subset);
    // Another character set is another entry.
    expect(cacheFile(folder, 'subsets', `${sha256Hex(font)} unicodes 1575`)).not.toBe(file);
    const damaged = new Uint8Array(readFileSync(file));
    damaged[100] = (damaged[100] ?? 0) ^ 0xff;
    writeFileSync(file, damaged);
    expect(readCached(file, key)).toBeUndefined();
    writeFileSync(file, damaged.subarray(0, 10));
    expect(readCached(file, key)).toBeUndefined();
  });

  it('stays bounded over a long batch, pruning the least recently used entries first', () => {
    const folder = tempDir('warraq-cache-');
    const key = (i: number): string => `entry ${i}`;
    const entry = (i: number): string => cacheFile(folder, 'subsets', key(i));
    const read = (i: number): Uint8Array | undefined => readCached(entry(i), key(i));
    for (let i = 0; i < ENTRY_LIMIT; i++) writeCached(entry(i), key(i), new Uint8Array([i & 255, 1, 2]));
    // Entry 0 is the oldest written, but it is read now: pruning must spare it.
    expect(read(0)).toEqual(new Uint8Array([0, 1, 2]));
    writeCached(entry(ENTRY_LIMIT), key(ENTRY_LIMIT), new Uint8Array([7, 7, 7]));
    const left = readdirSync(path.join(folder, 'subsets'));
    expect(left.length).toBeLessThan(ENTRY_LIMIT);
    expect(left.length).toBeGreaterThan(ENTRY_LIMIT / 2);
    expect(read(0)).toEqual(new Uint8Array([0, 1, 2]));
    expect(read(ENTRY_LIMIT)).toEqual(new Uint8Array([7, 7, 7]));
    expect(read(1)).toBeUndefined();
  });

  it('binds an entry to its key: an entry copied over another is a miss, not the other input\'s result', () => {
    const folder = tempDir('warraq-cache-');
    const a = cacheFile(folder, 'subsets', 'key a');
    const b = cacheFile(folder, 'subsets', 'key b');
    writeCached(a, 'key a', new Uint8Array([1, 1, 1]));
    writeCached(b, 'key b', new Uint8Array([2, 2, 2]));
    copyFileSync(a, b);
    expect(readCached(b, 'key b')).toBeUndefined();
    expect(readCached(a, 'key a')).toEqual(new Uint8Array([1, 1, 1]));
  });

  it('never reads through a symlink, and prunes only regular files it wrote, never through a symlink', () => {
    const folder = tempDir('warraq-cache-');
    const victims = tempDir('warraq-victims-');
    // Files that are not the cache's: some named like entries, one a symlink to a victim.
    for (let i = 0; i < 600; i++) writeFileSync(path.join(victims, i % 2 ? `${'0'.repeat(60)}${String(i).padStart(4, '0')}` : `note-${i}.txt`), 'keep me');
    mkdirSync(path.join(folder, 'subsets'), { recursive: true });
    const planted = cacheFile(folder, 'subsets', 'planted');
    symlinkSync(path.join(victims, 'note-0.txt'), planted);
    expect(readCached(planted, 'planted')).toBeUndefined();
    // The kind folder itself a symlink to the victims' folder: writing past the limit prunes.
    const linked = path.join(folder, 'linked');
    symlinkSync(victims, linked);
    for (let i = 0; i < 20; i++) writeCached(cacheFile(folder, 'linked', `k${i}`), `k${i}`, new Uint8Array([i]));
    const left = readdirSync(victims);
    expect(left.filter((name) => !/^[0-9a-f]{64}$/.test(name) || readFileSync(path.join(victims, name), 'utf8') === 'keep me').length).toBe(600);
    expect(readFileSync(path.join(victims, 'note-0.txt'), 'utf8')).toBe('keep me');
  });

  it('is skipped when its folder cannot be made', () => {
    const blocker = writeTemp('not a folder', 'a-file');
    const file = cacheFile(blocker, 'subsets', 'unicodes 1575');
    expect(() => writeCached(file, 'unicodes 1575', new Uint8Array([1, 2, 3]))).not.toThrow();
    expect(readCached(file, 'unicodes 1575')).toBeUndefined();
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
