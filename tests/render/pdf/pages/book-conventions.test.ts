// Book conventions in the a5 theme (issue #19), read back page by page with poppler's pdftotext and
// pdf.js: the contents and every article open on an odd (recto) page; an opening page has no running head
// and its text starts lower (the sink) than on the pages after it; after it, even (verso) pages carry the
// book's title and odd (recto) pages the article's; folios are in each article's own digits; the A5 page
// is proportioned as a book page (outer margin at least 15 mm, bottom margin larger than the top, the
// inner one wider for the binding).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../../src/model/index.js';
import { renderPdfBook } from '../../../../src/render/pdf/index.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { bookArticles, bookOf, BOOK_META, persian } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { pdfjsPages, pdftotext, type PdfPages } from '../../../support/pdf.js';
import { extractedWords, withoutBidiControls } from '../../../support/words.js';

const MM = 72 / 25.4;
const words = (text: string): string => extractedWords(text).join(' ');
/** pdftotext's lines of one page, blank ones left out. */
const pageLines = (pdf: Uint8Array, page: number): string[] =>
  pdftotext(pdf, { first: page })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '\f');

describe('a book in the a5 theme', () => {
  let book: Book;
  let pdf: Uint8Array;
  let pages: PdfPages;
  let count: number;
  /** For each article, the page it opens on: the first page whose first line is its title. */
  let openings: number[];

  beforeAll(async () => {
    book = bookOf([...(await bookArticles()), persian()], { ...BOOK_META });
    pdf = await renderPdfBook(book, renderContext({ theme: loadTheme('a5') }));
    pages = await pdfjsPages(pdf);
    count = pages.items.length;
    openings = [];
    let from = 2;
    for (const article of book.articles) {
      let at = from;
      while (at <= count && words(pageLines(pdf, at)[0] ?? '') !== words(article.meta.title)) at++;
      openings.push(at);
      from = at + 1;
    }
  }, 120_000);

  it('opens the contents and every article on an odd page', () => {
    const contents = pages.texts.findIndex((t) => t.includes('المحتويات')) + 1;
    expect(contents).toBe(3);
    // The title page's verso is blank.
    expect(pageLines(pdf, 2)).toEqual([]);
    for (const [i, page] of openings.entries()) {
      expect(page, book.articles[i]?.meta.title).toBeLessThanOrEqual(count);
      expect(page % 2, `opening of ${book.articles[i]?.meta.title}`).toBe(1);
    }
  });

  it('heads verso pages with the book title and recto pages with the article title, opening pages with none', () => {
    let versos = 0;
    let rectos = 0;
    for (let n = openings[0] ?? count; n <= count; n++) {
      const lines = pageLines(pdf, n);
      if (lines.length === 0) continue; // a blank verso before an opening
      const k = openings.filter((o) => o <= n).length - 1;
      const article = book.articles[k];
      const first = words(lines[0] ?? '');
      if (openings.includes(n)) {
        // The title of the article, and nothing above it.
        expect(first, `page ${n}`).toBe(words(article?.meta.title ?? ''));
        expect(first).not.toBe(words(book.meta.title));
        continue;
      }
      if (n % 2 === 0) {
        expect(first, `verso page ${n}`).toBe(words(book.meta.title));
        versos++;
      } else {
        expect(first, `recto page ${n}`).toBe(words(article?.meta.title ?? ''));
        rectos++;
      }
    }
    expect(versos).toBeGreaterThan(0);
    expect(rectos).toBeGreaterThan(0);
  });

  it('sinks the first line of an opening page below the first line of the pages after it', () => {
    const ys = (n: number): number[] => [...new Set((pages.items[n - 1] ?? []).map((i) => i.y))].sort((a, b) => b - a);
    const opening = openings[0] ?? 0;
    // The continuation page: its top baseline is the running head, the next one the first line of text.
    const next = opening + 1;
    const openingTop = ys(opening)[0] ?? 0;
    const continuationText = ys(next)[1] ?? 0;
    // PDF y grows upwards: the opening's title stands well below where continuation text starts.
    expect(continuationText - openingTop).toBeGreaterThan(40);
  });

  it("numbers each article's pages in its own digits", () => {
    const folio = (n: number): string => withoutBidiControls(pageLines(pdf, n).at(-1) ?? '');
    // The Persian article's (opening) page in Persian digits, the Arabic ones' in the Western digits they write.
    const persianOpening = openings[3] ?? 0;
    expect(folio(persianOpening)).toBe(String(persianOpening).replace(/\d/g, (d) => String.fromCodePoint(0x06f0 + Number(d))));
    expect(folio((openings[0] ?? 0) + 1)).toBe(String((openings[0] ?? 0) + 1));
  });

  it('has book margins: outer at least 15 mm, bottom deeper than top, inner wider for the binding', () => {
    const { margins } = loadTheme('a5').page;
    expect(margins.outer).toBeGreaterThanOrEqual(15 * MM);
    expect(margins.bottom).toBeGreaterThan(margins.top);
    expect(margins.inner).toBeGreaterThan(margins.outer);
    // And on the page: an odd page of an RTL book binds on the right, so its text sits nearer the left edge.
    const bbox = pdftotext(pdf, { first: (openings[0] ?? 0) + 2, bbox: true });
    const xs = [...bbox.matchAll(/<line xMin="([\d.]+)"[^>]*xMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const left = Math.min(...xs.map((x) => x[0]));
    const right = 419.53 - Math.max(...xs.map((x) => x[1]));
    expect(left).toBeGreaterThanOrEqual(15 * MM - 1);
    expect(right).toBeGreaterThan(left);
  });
});
