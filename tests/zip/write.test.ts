import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../src/zip/write.js';
import { writeTemp } from '../support/temp.js';
import { has } from '../support/tools.js';

const DATE = new Date(Date.UTC(2025, 7, 15, 9, 30, 10));
const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);

describe('zip writer', () => {
  const entries = [
    { name: 'mimetype', data: new TextEncoder().encode('application/epub+zip'), store: true },
    { name: 'OEBPS/قمة.xhtml', data: new TextEncoder().encode('<p>قمة ألاسكا</p>'.repeat(50)) },
    { name: 'OEBPS/fonts/big.ttf', data: big },
  ];

  it('writes entries in order, with their bytes, the fixed date, and the first one stored', async () => {
    const bytes = writeZip(entries, DATE);
    expect(Buffer.from(bytes.subarray(30, 38)).toString()).toBe('mimetype');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true)).toBe(0); // method: stored
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    for (const entry of entries) {
      expect(Buffer.from(await zip.file(entry.name)!.async('uint8array')).equals(Buffer.from(entry.data))).toBe(true);
      expect(zip.file(entry.name)!.date.toISOString()).toBe('2025-08-15T09:30:10.000Z');
    }
  });

  it('is byte-identical for the same entries, and clamps dates to what ZIP can hold', () => {
    expect(Buffer.from(writeZip(entries, DATE)).equals(Buffer.from(writeZip(entries, DATE)))).toBe(true);
    expect(Buffer.from(writeZip(entries, new Date(0))).equals(Buffer.from(writeZip(entries, new Date(Date.UTC(1980, 0, 1)))))).toBe(true);
  });

  it.skipIf(!has('unzip'))('passes unzip -t', () => {
    const file = writeTemp(writeZip(entries, DATE), 'a.zip');
    const run = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(run.status, run.stdout).toBe(0);
  });
});
