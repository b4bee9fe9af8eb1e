// One bad file never stops a batch: a user's mistake or a bug that one input exposes is reported with
// that input's name, and every other input is still built. Outputs appear whole or not at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/app/build.js';
import { warraq } from '../support/cli.js';
import { BOOK, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

// The reader with a bug that only the file named b-bug.txt exposes.
vi.mock('../../src/parse/index.js', async (original) => {
  const real = await original<typeof import('../../src/parse/index.js')>();
  return {
    ...real,
    parseFile: async (...args: Parameters<typeof real.parseFile>) => {
      if (args[0].endsWith('b-bug.txt')) throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return real.parseFile(...args);
    },
  };
});

function batchFolder(): string {
  const dir = tempDir('warraq-batch-');
  writeFileSync(path.join(dir, 'a.txt'), readFileSync(SAMPLE));
  writeFileSync(path.join(dir, 'b-bug.txt'), 'BUG\n\nفقرة أولى فيها ما يكفي من الكلمات لتكون فقرة عادية في المقال.\n');
  writeFileSync(path.join(dir, 'c-empty.txt'), '');
  writeFileSync(path.join(dir, 'd.txt'), readFileSync(SAMPLE));
  return dir;
}

describe('a batch', () => {
  it('builds every other file past a bug one input exposes, and names that input', async () => {
    const out = tempDir('warraq-out-');
    const { results, failures } = await build([batchFolder()], { out, jobs: 1 });
    expect(results.map((r) => path.basename(r.input))).toEqual(['a.txt', 'd.txt']);
    expect(failures.map((f) => path.basename(f.input))).toEqual(['b-bug.txt', 'c-empty.txt']);
    expect(failures[0]?.message).toMatch(/b-bug\.txt: internal error .*Cannot read properties/);
    expect(failures[0]?.message).not.toContain('\n');
    expect(readdirSync(out).sort()).toEqual(['a.docx', 'a.epub', 'a.pdf', 'd.docx', 'd.epub', 'd.pdf']);
  });

  it('writes an article\'s documents whole or not at all: a folder in the way of one leaves none new and no temporary', async () => {
    const dir = tempDir('warraq-in-');
    writeFileSync(path.join(dir, 'a.txt'), readFileSync(SAMPLE));
    const out = tempDir('warraq-out-');
    mkdirSync(path.join(out, 'a.docx'));
    const { results, failures } = await build([path.join(dir, 'a.txt')], { out, jobs: 1 });
    expect(results).toEqual([]);
    expect(failures[0]?.message).toMatch(/a\.docx: cannot write \(a folder or special file is in the way\)/);
    expect(readdirSync(out)).toEqual(['a.docx']);
  });
});

describe('the command', () => {
  it('prints a file name with control characters escaped: a newline cannot forge an error line', () => {
    const dir = tempDir('warraq-names-');
    writeFileSync(path.join(dir, 'a\nerror: all good.txt'), '');
    writeFileSync(path.join(dir, 'b.txt'), readFileSync(SAMPLE));
    const out = tempDir('warraq-out-');
    const run = warraq(['build', dir, '--out', out, '--format', 'epub']);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines.some((line) => line.startsWith('error: all good'))).toBe(false);
    expect(run.stderr).toContain('a\\u{A}error: all good.txt');
    expect(readdirSync(out)).toEqual(['b.epub']);
  });

  it('refuses a book name that is a path: nothing is written outside --out', () => {
    const base = tempDir('warraq-book-');
    const out = path.join(base, 'out');
    const run = warraq(['book', path.join(BOOK, 'book.yaml'), '--out', out, '--name', '../escaped', '--format', 'epub']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the book's name "\.\.\/escaped" must be a file name, not a path/);
    expect(existsSync(path.join(base, 'escaped.epub'))).toBe(false);
  });
});
