// A book as one PDF, read back as a reader's tools see it: the contents page lists the articles in order
// with the pages pdf.js finds them on, the outline points at those pages, every article opens a page and
// comes back word for word; the file is valid and reproducible.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article, Book } from '../../../../src/model/index.js';
import { parseString } from '../../../../src/parse/index.js';
import type { RenderContext } from '../../../../src/render/context.js';
import { renderPdfBook } from '../../../../src/render/pdf/index.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { bookArticle, bookArticles, bookOf, fixtureBook } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { latin1, openPdf, pdfjsPages, qpdfCheck, type PdfPages, type TextItem as PageItem } from '../../../support/pdf.js';
import { has } from '../../../support/tools.js';
import { articleText, compare, extractedWords } from '../../../support/words.js';

const same = (a: string, b: string): boolean => extractedWords(a).join(' ') === extractedWords(b).join(' ');
const DIGITS = /^[0-9\u0660-\u0669\u06F0-\u06F9]+$/u;
const number = (s: string): number => Number(s.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => String((d.codePointAt(0) as number) & 0xf)));

/** The contents pages: from page 2, those where an article's title has a page number on its baseline. */
function contentsPages(book: Book, pages: readonly PageItem[][]): PageItem[][] {
  const titles = book.articles.map((a) => a.meta.title);
  const isContents = (items: PageItem[]): boolean =>
    items.some((t) => titles.some((title) => same(t.str, title)) && items.some((d) => d.y === t.y && DIGITS.test(d.str.trim())));
  const out: PageItem[][] = [];
  // A blank verso of the title page may come first (contents opening recto).
  const from = pages[1]?.length === 0 ? 2 : 1;
  for (const items of pages.slice(from)) {
    if (!isContents(items)) break;
    out.push(items);
  }
  return out;
}

/** `count` articles, the i-th a copy of `pick(i)` with its number after its title (so no two titles are alike). */
function numbered(count: number, pick: (i: number) => Article | undefined): Article[] {
  return Array.from({ length: count }, (_, i) => {
    const base = pick(i);
    if (!base) throw new Error('fixture missing');
    return { ...base, meta: { ...base.meta, title: `${base.meta.title} ${i + 1}` } };
  });
}

describe('a book of three articles as a PDF', () => {
  let book: Book;
  let pdf: Uint8Array;
  let pages: PdfPages;
  let tocPage: number;
  /** For each article: the page number its contents entry prints. */
  let printed: number[];

  beforeAll(async () => {
    book = await fixtureBook();
    pdf = await renderPdfBook(book, renderContext());
    pages = await pdfjsPages(pdf);
    tocPage = pages.items.findIndex((items) => items.some((i) => same(i.str, 'المحتويات'))) + 1;
    // An entry's number is the digits-only item on the baseline of its title (its last line).
    const toc = pages.items[tocPage - 1] ?? [];
    printed = book.articles.map((article) => {
      const title = toc.find((i) => same(i.str, article.meta.title));
      const digits = title && toc.find((i) => Math.abs(i.y - title.y) <= 1 && DIGITS.test(i.str.trim()));
      return digits ? number(digits.str.trim()) : NaN;
    });
  }, 60_000);

  /** The first page after the contents on which pdf.js finds the article's title as a line of its own. */
  const foundOn = (title: string): number => pages.items.findIndex((items, i) => i + 1 > tocPage && items.some((item) => same(item.str, title))) + 1;

  it('has a title page with the book title, subtitle, editors and date', () => {
    const first = pages.texts[0] ?? '';
    for (const expected of [book.meta.title, book.meta.subtitle ?? '', 'هيئة التحرير', '2025']) {
      expect(extractedWords(first).join(' ')).toContain(extractedWords(expected).join(' '));
    }
  });

  it('lists the three titles on the contents page, in order', () => {
    expect(tocPage).toBe(2);
    const toc = pages.items[tocPage - 1] ?? [];
    const at = book.articles.map((a) => toc.findIndex((i) => same(i.str, a.meta.title)));
    expect(at.every((i) => i >= 0)).toBe(true);
    // Top to bottom: baselines fall (PDF y grows upwards).
    const ys = at.map((i) => (toc[i] as PageItem).y);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
  });

  it('prints for each article the page pdf.js finds its title on', () => {
    const found = book.articles.map((a) => foundOn(a.meta.title));
    expect(printed.every((n) => Number.isInteger(n) && n > tocPage)).toBe(true);
    expect(printed).toEqual(found);
    // And those pages are in book order, distinct.
    expect(new Set(found).size).toBe(3);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it('opens every article on a new page: its title is the top line there', () => {
    for (const article of book.articles) {
      const page = foundOn(article.meta.title);
      const items = pages.items[page - 1] ?? [];
      const top = items.reduce((best, i) => (i.y > best.y ? i : best));
      expect(same(top.str, article.meta.title)).toBe(true);
    }
  });

  it('numbers every page after the title page in one run, and heads continuation pages: book title verso, article recto', () => {
    const lowest = (items: PageItem[]): PageItem | undefined => items.reduce<PageItem | undefined>((low, i) => (!low || i.y < low.y ? i : low), undefined);
    expect(DIGITS.test(lowest(pages.items[0] ?? [])?.str.trim() ?? '')).toBe(false);
    for (let n = 2; n <= pages.items.length; n++) expect(lowest(pages.items[n - 1] ?? [])?.str.trim(), `folio of page ${n}`).toBe(String(n));
    const starts = book.articles.map((a) => foundOn(a.meta.title));
    let continuations = 0;
    for (let n = tocPage + 1; n <= pages.items.length; n++) {
      if (starts.includes(n)) continue;
      const article = book.articles[starts.filter((s) => s <= n).length - 1];
      const items = pages.items[n - 1] ?? [];
      const top = items.reduce((best, i) => (i.y > best.y ? i : best));
      // Facing pages: the book's title on the even (verso) page, the article's on the odd (recto) one.
      const head = n % 2 === 0 ? book.meta.title : (article?.meta.title ?? '');
      expect(same(top.str, head), `running head of page ${n}`).toBe(true);
      continuations++;
    }
    expect(continuations).toBeGreaterThan(0);
  });

  it('has one outline entry per article, pointing at its opening page, headings nested below', async () => {
    const doc = await openPdf(pdf);
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.map((o) => o.title)).toEqual(book.articles.map((a) => a.meta.title.replace(/\s+/g, ' ').trim()));
    for (const [i, entry] of outline.entries()) {
      const dest = entry.dest;
      expect(Array.isArray(dest)).toBe(true);
      const pageIndex = await doc.getPageIndex((dest as unknown[])[0] as { num: number; gen: number });
      expect(pageIndex + 1).toBe(printed[i]);
    }
    // The sample's question headings are under the first article's entry.
    const first = book.articles[0];
    const headings = first?.blocks.filter((b) => b.type === 'heading').length ?? 0;
    expect(headings).toBeGreaterThan(0);
    expect(outline[0]?.items.length).toBe(headings);
    await doc.destroy();
  });

  it("gives back every article's words in reading order from its own pages", () => {
    const starts = book.articles.map((a) => foundOn(a.meta.title));
    book.articles.forEach((article, i) => {
      const end = starts[i + 1] ?? pages.texts.length + 1;
      const text = pages.texts.slice((starts[i] as number) - 1, end - 1).join('\n');
      const result = compare(articleText(article), text);
      expect(result.share, `article ${i + 1} missing: ${result.missing.join(' ')}`).toBeGreaterThanOrEqual(0.995);
      expect(result.reversed).toEqual([]);
    });
  });

  it('carries the book meta: title, editors as author, language, dates from the build date', async () => {
    const doc = await openPdf(pdf);
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe(book.meta.title);
    expect(info.Author).toBe('هيئة التحرير');
    expect(info.Subject).toBe(book.meta.subtitle);
    expect(info.Language).toBe('ar');
    await doc.destroy();
    expect(latin1(pdf)).toContain('D:20250815093000Z');
  });

  it.skipIf(!has('qpdf'))('passes qpdf --check', () => {
    const run = qpdfCheck(pdf);
    expect(run.output).toContain('No syntax or stream encoding errors');
    expect(run.status).toBe(0);
  });

  it('is byte-identical when rendered again', async () => {
    const again = await renderPdfBook(book, renderContext());
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });
});

describe('a long book with a left-to-right article', () => {
  let book: Book;
  let pdf: Uint8Array;
  let pages: PdfPages;

  beforeAll(async () => {
    const [kyiv, energy] = await Promise.all([bookArticle('kyiv.txt'), bookArticle('energy.md')]);
    const english = await parseString(
      '# Markets after the summit\n\nOil traders watched Anchorage closely; prices moved little on the day.\n\n## Gas\n\nEuropean gas contracts for the winter rose slightly before the talks.\n',
      'md',
      { lang: 'en' },
    );
    // Thirty entries: the contents take two pages, which moves every article a page on.
    const articles = numbered(30, (i) => (i === 7 ? english : i % 2 === 0 ? kyiv : energy));
    book = bookOf(articles, { title: 'ملف طويل', editors: [], lang: 'ar', dir: 'rtl' });
    pdf = await renderPdfBook(book, renderContext());
    pages = await pdfjsPages(pdf);
  }, 60_000);

  it('sets its contents over several pages and still prints the right numbers', async () => {
    const tocPages = contentsPages(book, pages.items);
    expect(tocPages.length).toBeGreaterThanOrEqual(2);
    expect(tocPages[0]?.some((i) => same(i.str, 'المحتويات'))).toBe(true);
    const firstArticlePage = 2 + tocPages.length;
    const toc = tocPages.flat();
    const doc = await openPdf(pdf);
    const outline = (await doc.getOutline()) ?? [];
    expect(outline).toHaveLength(30);
    const printedNumbers: number[] = [];
    for (const [i, article] of book.articles.entries()) {
      const title = toc.find((item) => same(item.str, article.meta.title));
      expect(title, article.meta.title).toBeDefined();
      const digits = toc.find((item) => item.y === title?.y && DIGITS.test(item.str.trim()) && tocPages.some((p) => p.includes(item) && p.includes(title as PageItem)));
      const opening = pages.items.findIndex((items, n) => n + 1 >= firstArticlePage && items.some((item) => same(item.str, article.meta.title))) + 1;
      expect(opening).toBeGreaterThanOrEqual(firstArticlePage);
      expect(number(digits?.str.trim() ?? 'x')).toBe(opening);
      printedNumbers.push(opening);
      const dest = (outline[i]?.dest ?? []) as unknown[];
      expect((await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1).toBe(opening);
    }
    // The first article opens right after the last contents page.
    expect(printedNumbers[0]).toBe(firstArticlePage);
    await doc.destroy();
  });

  it('keeps the English article left to right, its words in order, tagged /Lang en', () => {
    const english = book.articles[7];
    if (!english) throw new Error('no article 8');
    // The last page with its title on it: the contents list it too.
    const opening = pages.items.findLastIndex((items) => items.some((item) => same(item.str, english.meta.title)));
    const result = compare(articleText(english), pages.texts[opening] ?? '');
    expect(result.share).toBeGreaterThanOrEqual(0.995);
    expect(pages.texts[opening]).toContain('Oil traders watched Anchorage closely');
    expect(latin1(pdf)).toMatch(/\/Lang \(en\)/);
  });

  it.skipIf(!has('qpdf'))('passes qpdf --check', () => {
    expect(qpdfCheck(pdf).status).toBe(0);
  });
});

describe('a book whose theme opens every article on a recto (a5: book.rectoOpenings)', () => {
  const a5 = (): RenderContext => renderContext({ theme: loadTheme('a5') });

  /** Contents pages (from page 2, those with a title and a number on its baseline) and the numbers they print. */
  function readContents(book: Book, pages: { items: PageItem[][] }): { tocPages: number; printed: number[] } {
    const toc = contentsPages(book, pages.items);
    const printed = book.articles.map((article) => {
      const page = toc.find((p) => p.some((i) => same(i.str, article.meta.title))) ?? [];
      const title = page.find((i) => same(i.str, article.meta.title));
      const digits = title && page.find((i) => i.y === title.y && DIGITS.test(i.str.trim()));
      return digits ? number(digits.str.trim()) : NaN;
    });
    return { tocPages: toc.length, printed };
  }

  /** What a reader checks in such a book: odd openings, true contents and outline, blank versos, one run of folios. */
  async function checkRecto(book: Book, pdf: Uint8Array): Promise<{ tocPages: number; blanks: number[] }> {
    const pages = await pdfjsPages(pdf);
    const { tocPages, printed } = readContents(book, pages);
    expect(tocPages).toBeGreaterThanOrEqual(1);
    // The contents open recto too: page 2, the title page's verso, is blank and they start on page 3.
    expect(pages.items[1]).toEqual([]);
    const firstArticlePage = 3 + tocPages;
    // Each article opens on the first page after the contents whose top line is its title.
    const top = (items: PageItem[]): PageItem | undefined => items.reduce<PageItem | undefined>((best, i) => (!best || i.y > best.y ? i : best), undefined);
    const openings: number[] = [];
    let from = firstArticlePage;
    for (const article of book.articles) {
      const at = pages.items.findIndex((items, n) => n + 1 >= from && same(top(items)?.str ?? '', article.meta.title)) + 1;
      expect(at, article.meta.title).toBeGreaterThan(0);
      openings.push(at);
      from = at + 1;
    }
    for (const page of openings) expect(page % 2, `article opening on page ${page}`).toBe(1);
    expect(printed).toEqual(openings);
    const doc = await openPdf(pdf);
    const outline = (await doc.getOutline()) ?? [];
    expect(outline).toHaveLength(book.articles.length);
    for (const [i, entry] of outline.entries()) {
      expect((await doc.getPageIndex((entry.dest as unknown[])[0] as { num: number; gen: number })) + 1).toBe(openings[i]);
    }
    await doc.destroy();
    // A page with no text at all (no running head, no folio either) is an even page just before an
    // opening; every other page from 2 carries its own number as its folio, so the count runs through.
    const blanks = pages.items.flatMap((items, n) => (items.length === 0 ? [n + 1] : []));
    for (const blank of blanks) {
      expect(blank % 2, `blank page ${blank}`).toBe(0);
      expect([3, ...openings]).toContain(blank + 1);
      expect(pages.texts[blank - 1]?.trim()).toBe('');
    }
    const lowest = (items: PageItem[]): PageItem | undefined => items.reduce<PageItem | undefined>((low, i) => (!low || i.y < low.y ? i : low), undefined);
    for (let n = 2; n <= pages.items.length; n++) {
      if (blanks.includes(n)) continue;
      expect(lowest(pages.items[n - 1] ?? [])?.str.trim(), `folio of page ${n}`).toBe(String(n));
    }
    return { tocPages, blanks };
  }

  it('inserts a blank verso before an article that would open on an even page', async () => {
    const book = bookOf(await bookArticles(), { title: 'أسبوع ألاسكا', editors: [], lang: 'ar', dir: 'rtl' });
    const pdf = await renderPdfBook(book, a5());
    const { blanks } = await checkRecto(book, pdf);
    // In A5 these three articles run to an odd number of pages somewhere: at least one blank is needed.
    expect(blanks.length).toBeGreaterThan(0);
    // The default theme sets the same book with no blank page at all.
    const plain = await pdfjsPages(await renderPdfBook(book, renderContext()));
    expect(plain.items.filter((items) => items.length === 0)).toHaveLength(0);
    const again = await renderPdfBook(book, a5());
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  }, 60_000);

  it('opens the contents recto and the first article recto after them, when the contents run long', async () => {
    const [kyiv, energy] = await Promise.all([bookArticle('kyiv.txt'), bookArticle('energy.md')]);
    const book = bookOf(numbered(12, (i) => (i % 2 === 0 ? kyiv : energy)), { title: 'ملف طويل', editors: [], lang: 'ar', dir: 'rtl' });
    const pdf = await renderPdfBook(book, a5());
    const { tocPages, blanks } = await checkRecto(book, pdf);
    // Two contents pages (3 and 4), after the title page's blank verso: the first article opens on page 5.
    expect(tocPages).toBe(2);
    expect(blanks).toContain(2);
    expect(blanks).not.toContain(4);
    // Blank pages (an empty content stream) keep the file valid.
    if (has('qpdf')) expect(qpdfCheck(pdf).status).toBe(0);
  }, 60_000);
});
