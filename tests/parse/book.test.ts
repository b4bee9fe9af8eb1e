import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBook } from '../../src/parse/book.js';
import { BOOK as FIXTURES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

describe('book reader', () => {
  it('reads book.yaml: meta, articles in the order listed, relative to the file', async () => {
    const book = await parseBook([path.join(FIXTURES, 'book.yaml')]);
    expect(book.meta).toMatchObject({ title: 'أسبوع ألاسكا', subtitle: 'ملف عن القمة الروسية الأمريكية', editors: ['هيئة التحرير'], date: '2025-08-20', lang: 'ar', dir: 'rtl' });
    expect(book.articles.map((a) => a.meta.title)).toEqual(['ما يأمل بوتين في تحقيقه من قمته مع ترامب', 'كييف تراقب القمة من بعيد', 'أسواق الطاقة بعد القمة']);
  });

  it('binds files in the order given, or by date, with --title', async () => {
    const files = ['energy.md', 'kyiv.txt', 'alaska-summit.txt'].map((f) => path.join(FIXTURES, f));
    const given = await parseBook(files, { title: 'ملف' });
    expect(given.articles.map((a) => a.meta.title)[0]).toBe('أسواق الطاقة بعد القمة');
    expect(given.meta).toMatchObject({ title: 'ملف', lang: 'ar', dir: 'rtl', editors: [] });
    const byDate = await parseBook(files, { title: 'ملف', order: 'date' });
    // Only energy.md is dated: it goes first, the undated keep their order after it.
    expect(byDate.articles.map((a) => a.meta.title)).toEqual(['أسواق الطاقة بعد القمة', 'كييف تراقب القمة من بعيد', 'ما يأمل بوتين في تحقيقه من قمته مع ترامب']);
  });

  it('names a folder book after the folder; refuses a book without title, articles or valid YAML', async () => {
    expect((await parseBook([FIXTURES])).meta.title).toBe('book');
    await expect(parseBook([path.join(FIXTURES, 'kyiv.txt')])).rejects.toThrow(/the book has no title/);
    const dir = tempDir('warraq-book-');
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'title: x\narticles: [a.txt\n');
    await expect(parseBook([broken])).rejects.toThrow(/^.*broken\.yaml: broken YAML at line \d+/);
    const noArticles = path.join(dir, 'none.yaml');
    writeFileSync(noArticles, 'title: x\narticles: 3\n');
    await expect(parseBook([noArticles])).rejects.toThrow(/"articles" must be a list of article files/);
    const missing = path.join(dir, 'missing.yaml');
    writeFileSync(missing, 'title: x\narticles: [nope.txt]\n');
    await expect(parseBook([missing])).rejects.toThrow(/nope\.txt: cannot read \(no such file\)/);
  });
});
