import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

describe('warraq build', () => {
  it('writes the three documents of the sample, and nothing else', () => {
    const out = tempDir();
    const run = warraq(['build', SAMPLE, '--out', out]);
    // The scraped sample ends in a «read also» marker: left out, and said so.
    expect(run.stderr).toBe(`warning: ${SAMPLE}: dropped a line of web boilerplate at the end: «اقرا ايضا»\n`);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alaska-summit.docx', 'alaska-summit.epub', 'alaska-summit.pdf']);
    expect(readFileSync(path.join(out, 'alaska-summit.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(path.join(out, 'alaska-summit.epub')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(path.join(out, 'alaska-summit.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(run.stdout).toContain('alaska-summit.txt →');
  });

  it('a batch on worker threads and one with --jobs 1 write the same files, listed in input order', () => {
    const dir = tempDir();
    const inputs = path.join(dir, 'in');
    mkdirSync(inputs);
    // Three different articles: the sample, a shorter cut of it, and a one-paragraph note.
    const sample = readFileSync(SAMPLE, 'utf8');
    writeFileSync(path.join(inputs, 'a.txt'), sample);
    writeFileSync(path.join(inputs, 'b.txt'), sample.split('\n').slice(0, 6).join('\n'));
    writeFileSync(path.join(inputs, 'c.txt'), 'ملاحظة\nنص قصير من سطر واحد.');
    // Short batches build on one thread by default: ask for workers.
    const pooled = warraq(['build', inputs, '--out', path.join(dir, 'pooled'), '--jobs', '3']);
    const single = warraq(['build', inputs, '--out', path.join(dir, 'single'), '--jobs', '1']);
    expect(pooled.status, pooled.stderr).toBe(0);
    expect(single.status, single.stderr).toBe(0);
    const order = (stdout: string): string[] => stdout.trim().split('\n').map((line) => path.basename(line.split(' → ')[0] ?? ''));
    expect(order(pooled.stdout)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(order(single.stdout)).toEqual(order(pooled.stdout));
    const files = readdirSync(path.join(dir, 'pooled')).sort();
    expect(files).toHaveLength(9);
    expect(readdirSync(path.join(dir, 'single')).sort()).toEqual(files);
    for (const file of files) {
      expect(Buffer.compare(readFileSync(path.join(dir, 'pooled', file)), readFileSync(path.join(dir, 'single', file))), file).toBe(0);
    }
  });

  it('--format epub writes only the EPUB', () => {
    const out = tempDir();
    const run = warraq(['build', SAMPLE, '--out', out, '--format', 'epub']);
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toEqual(['alaska-summit.epub']);
  });

  it('reads a text with a stray NUL, or a few stray controls, as text: the controls dropped with a warning', () => {
    const dir = tempDir();
    const text = readFileSync(SAMPLE, 'utf8');
    const at = (n: number): number => text.indexOf(' ', Math.floor((text.length * n) / 4));
    const insert = (marks: readonly [number, string][]): string => marks.reduceRight((t, [i, c]) => t.slice(0, i) + c + t.slice(i), text);
    const inputs: Record<string, string> = {
      'nul.txt': insert([[at(2), '\u0000']]),
      'controls.txt': insert([[at(1), '\u0000'], [at(2), '\u001B'], [at(3), '\u0007']]),
    };
    mkdirSync(path.join(dir, 'in'));
    for (const [name, content] of Object.entries(inputs)) writeFileSync(path.join(dir, 'in', name), content);
    copyFileSync(SAMPLE, path.join(dir, 'in', 'clean.txt'));
    const run = warraq(['build', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--format', 'pdf', '--jobs', '1']);
    expect(run.status).toBe(0);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('control character'));
    expect(warnings).toEqual([
      `warning: ${path.join(dir, 'in', 'controls.txt')}: dropped 3 control character(s) (U+0000, U+001B, U+0007)`,
      `warning: ${path.join(dir, 'in', 'nul.txt')}: dropped 1 control character(s) (U+0000)`,
    ]);
    // What is left is the sample itself: the same PDF, byte for byte.
    const clean = readFileSync(path.join(dir, 'out', 'clean.pdf'));
    for (const name of ['nul', 'controls']) expect(readFileSync(path.join(dir, 'out', `${name}.pdf`)).equals(clean), name).toBe(true);
  });

  it('builds a UTF-16 file with BOM into the same documents as its UTF-8 twin', () => {
    const dir = tempDir();
    const utf16 = path.join(dir, 'utf16', 'alaska-summit.txt');
    const utf8 = path.join(dir, 'utf8', 'alaska-summit.txt');
    for (const d of ['utf16', 'utf8']) mkdirSync(path.join(dir, d));
    const text = readFileSync(SAMPLE, 'utf8');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    copyFileSync(SAMPLE, utf8);
    const a = warraq(['build', utf16, '--out', path.join(dir, 'o16'), '--format', 'epub,docx']);
    const b = warraq(['build', utf8, '--out', path.join(dir, 'o8'), '--format', 'epub,docx']);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    for (const f of ['alaska-summit.epub', 'alaska-summit.docx']) {
      expect(readFileSync(path.join(dir, 'o16', f)).equals(readFileSync(path.join(dir, 'o8', f)))).toBe(true);
    }
  });
});
