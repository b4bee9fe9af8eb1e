import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { BOOK } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

describe('warraq book', () => {
  it('binds the book.yaml into one PDF, EPUB and DOCX named after it', () => {
    const out = tempDir();
    const run = warraq(['book', path.join(BOOK, 'book.yaml'), '--out', out]);
    // Its scraped article ends in a «read also» marker: left out, and said so.
    expect(run.stderr).toBe(`warning: ${path.join(BOOK, 'alaska-summit.txt')}: dropped a line of web boilerplate at the end: «اقرا ايضا»\n`);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['book.docx', 'book.epub', 'book.pdf']);
  });

  it('takes article files with --title, --name and --format', () => {
    const out = tempDir();
    const files = ['kyiv.txt', 'energy.md'].map((f) => path.join(BOOK, f));
    const run = warraq(['book', ...files, '--title', 'ملف', '--name', 'week', '--format', 'epub', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['week.epub']);
  });

  it('refuses a book without a title in one line, writing nothing', () => {
    const out = tempDir();
    const run = warraq(['book', path.join(BOOK, 'kyiv.txt'), '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^warraq: .*kyiv\.txt: the book has no title \(give --title or a book\.yaml with "title:"\)$/);
    expect(readdirSync(out)).toEqual([]);
  });
});
