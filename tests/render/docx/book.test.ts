// The DOCX book read back as a checker would: the TOC field and its pre-filled entries, one Heading 1 per
// article on a new page with its headings one level down, every article's text in order and in its own
// direction, the book's header, properties and embedded font; byte-identical rebuilds; and, where
// LibreOffice is installed, the titles on the PDF it makes, the contents page listing them.
import type { Document as XmlDocument, Element } from '@xmldom/xmldom';
import { create as openFont } from 'fontkit';
import type JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { blocksText, type Article, type Block, type Book } from '../../../src/model/index.js';
import { parseString } from '../../../src/parse/index.js';
import { renderPdfBook } from '../../../src/render/pdf/index.js';
import { loadTheme } from '../../../src/theme/index.js';
import { renderContext } from '../../support/context.js';
import { BOOK_META as META, bookOf, fixtureBook } from '../../support/articles.js';
import { BOOK } from '../../support/paths.js';
import { pdfPages, pdftotext } from '../../support/pdf.js';
import { has, libreOfficePdf } from '../../support/tools.js';
import { articleText, inOrder, letterWords, withoutBidiControls } from '../../support/words.js';
import { ARABIC_LETTER, LATIN_OR_DIGIT, W, child, elements, isOn, paragraphs, part, renderBook as render, xml, type ParagraphInfo, type Rendered } from './helpers.js';

const ENGLISH = `---
title: Markets After the Summit
authors: [Jane Doe]
---

# Oil

Brent rose 2% before the summit and fell back after it.
`;

/** The book as the command renders it: figures relative to its folder. */
function renderBook(book: Book, template?: string): Promise<Rendered> {
  return render(book, { resourceDir: BOOK, ...(template !== undefined && { theme: loadTheme(template) }) });
}

/** A section's header or footer part of one type (default, first, even), as its paragraphs' text. */
async function marginText(zip: JSZip, sectPr: Element, kind: 'header' | 'footer', type: string): Promise<string | undefined> {
  const id = elements(sectPr, `${kind}Reference`).find((r) => r.getAttributeNS(W, 'type') === type)?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
  if (!id) return undefined;
  const rels = await part(zip, 'word/_rels/document.xml.rels');
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  const doc = await xml(zip, `word/${target}`);
  return kind === 'footer' ? (elements(doc, 'instrText').some((i) => /PAGE/.test(i.textContent ?? '')) ? 'PAGE' : '') : paragraphs(doc).map((p) => p.text).join('');
}

/** The paragraphs of each article: from its Heading 1 up to the next one. */
function articleParagraphs(all: ParagraphInfo[]): ParagraphInfo[][] {
  const out: ParagraphInfo[][] = [];
  for (const p of all) {
    if (p.style === 'Heading1') out.push([]);
    out[out.length - 1]?.push(p);
  }
  return out;
}

/** The model's headings at any depth, as the document lists them. */
function headings(blocks: readonly Block[]): Extract<Block, { type: 'heading' }>[] {
  return blocks.flatMap((b) => (b.type === 'heading' ? [b] : b.type === 'blockquote' ? headings(b.children) : b.type === 'list' ? b.items.flatMap((i) => headings(i.slice(1))) : []));
}

describe('DOCX book', () => {
  let book: Book;
  let zip: JSZip;
  let bytes: Uint8Array;
  let warnings: string[];
  let body: ParagraphInfo[];
  let documentXml: string;

  beforeAll(async () => {
    book = await fixtureBook();
    ({ bytes, zip, warnings } = await renderBook(book));
    body = paragraphs(await xml(zip, 'word/document.xml'));
    documentXml = await part(zip, 'word/document.xml');
  });

  it('renders the three fixture articles without warnings', () => {
    expect(book.articles).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it('opens with a title page: title, subtitle, editors, date; no running head on it', async () => {
    const first = body.slice(0, 4);
    expect(first.map((p) => p.style)).toEqual(['Title', 'Subtitle', 'TitlePageLine', 'TitlePageLine']);
    expect(first.map((p) => p.text).slice(0, 3)).toEqual([META.title, META.subtitle, 'هيئة التحرير']);
    expect(first[3]?.text).toMatch(/2025/);
    expect(first.every((p) => p.bidi)).toBe(true);
    const doc = await xml(zip, 'word/document.xml');
    const sectPr = elements(doc, 'sectPr')[0]!;
    expect(isOn(sectPr, 'titlePg')).toBe(true);
    const firstHeader = elements(sectPr, 'headerReference').find((h) => h.getAttributeNS(W, 'type') === 'first');
    expect(firstHeader).toBeDefined();
  });

  it('has a real TOC field (TOC \\o "1-2" \\h), pre-filled with the article titles and headings, which Word updates on open', async () => {
    const instructions = elements(await xml(zip, 'word/document.xml'), 'instrText').map((e) => e.textContent ?? '');
    const toc = instructions.filter((i) => /^\s*TOC\b/.test(i));
    expect(toc).toHaveLength(1);
    expect(toc[0]).toContain('TOC \\o "1-2"');
    expect(toc[0]).toContain('\\h');
    expect(await part(zip, 'word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    // The field's result: one TOC1 entry per article, in order, each linking to a bookmark on its title.
    // Each entry: its heading, a tab, and the page the heading is estimated to fall on (ascending).
    const entries = body.filter((p) => p.style === 'TOC1');
    const numbered = body.filter((p) => p.style === 'TOC1' || p.style === 'TOC2').map((p) => /\t(\d+)$/.exec(p.text)?.[1]);
    expect(numbered.every((n) => n !== undefined)).toBe(true);
    expect(numbered.map(Number)).toEqual([...numbered.map(Number)].sort((x, y) => x - y));
    const entryText = (p: { text: string }): string => p.text.replace(/\t\d+$/, '').trim();
    expect(entries.map(entryText)).toEqual(book.articles.map((a) => a.meta.title));
    const toc2 = body.filter((p) => p.style === 'TOC2').map(entryText);
    const topHeadings = book.articles.flatMap((a) => headings(a.blocks).filter((h) => h.level === 1).map((h) => blocksText([h])));
    expect(toc2).toEqual(topHeadings);
    const anchors = [...documentXml.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)].map((m) => m[1]);
    const bookmarks = new Set([...documentXml.matchAll(/<w:bookmarkStart [^>]*w:name="([^"]+)"/g)].map((m) => m[1]));
    expect(anchors.length).toBe(entries.length + toc2.length);
    for (const anchor of anchors) expect(bookmarks.has(anchor), `bookmark ${anchor}`).toBe(true);
    // The entries come before the first article.
    expect(body.findIndex((p) => p.style === 'TOC1')).toBeLessThan(body.findIndex((p) => p.style === 'Heading1'));
  });

  it('starts each article on a new page under its title as Heading 1, in book order', async () => {
    const doc = await xml(zip, 'word/document.xml');
    const h1 = elements(doc, 'p').filter((p) => {
      const pPr = child(p, 'pPr');
      return pPr && child(pPr, 'pStyle')?.getAttributeNS(W, 'val') === 'Heading1';
    });
    expect(h1.map((p) => elements(p, 't').map((t) => t.textContent).join(''))).toEqual(book.articles.map((a) => a.meta.title));
    // Each title opens a section of its own (the paragraph before it ends the previous one), which starts
    // on a new page: w:type nextPage, Word's default when the type is left out.
    for (const p of h1) {
      const previous = p.previousSibling as Element | null;
      const sectPr = previous && child(child(previous, 'pPr') ?? previous, 'sectPr');
      expect(sectPr, 'a section ends right before the title').toBeTruthy();
      expect(isOn(child(p, 'pPr'), 'pageBreakBefore'), 'no page break of its own: it would add a blank page').toBe(false);
    }
    const types = elements(doc, 'sectPr').map((sectPr) => child(sectPr, 'type')?.getAttributeNS(W, 'val') ?? 'nextPage');
    expect(types).toEqual(['nextPage', 'nextPage', ...book.articles.map(() => 'nextPage')]);
  });

  it('puts each article’s headings one level below its title (level n → Heading n+1, at most 6)', () => {
    const perArticle = articleParagraphs(body);
    book.articles.forEach((article, index) => {
      const expected = headings(article.blocks).map((h) => ({ style: `Heading${Math.min(6, h.level + 1)}`, text: blocksText([h]) }));
      const actual = (perArticle[index] ?? []).slice(1).filter((p) => p.style?.startsWith('Heading')).map((p) => ({ style: p.style, text: p.text }));
      expect(actual).toEqual(expected);
    });
    expect(body.filter((p) => p.style === 'Heading1')).toHaveLength(3);
  });

  it('carries every article’s text, in book order', () => {
    const expected = letterWords(book.articles.map(articleText).join('\n'));
    const actual = letterWords(articleParagraphs(body).flat().map((p) => p.text).join('\n'));
    expect(expected.length).toBeGreaterThan(300);
    expect(inOrder(expected, actual)).toBe(expected.length);
  });

  it('wires RTL as for single articles: w:bidi on the paragraphs, w:rtl and ar-SA on Arabic runs only', () => {
    for (const p of articleParagraphs(body).flat()) {
      if (p.style === 'SourceCode') continue;
      expect(p.bidi, `paragraph "${p.text.slice(0, 30)}"`).toBe(true);
      for (const run of p.runs) {
        if (ARABIC_LETTER.test(run.text)) expect(run).toMatchObject({ rtl: true, bidiLang: 'ar-SA' });
        if (LATIN_OR_DIGIT.test(run.text) && !ARABIC_LETTER.test(run.text)) expect(run.rtl, `run "${run.text}"`).toBe(false);
      }
    }
    // Digits such as 2% and 7.3 are present and left to right.
    expect(articleParagraphs(body).flat().some((p) => p.runs.some((r) => /\d/.test(r.text) && !r.rtl))).toBe(true);
  });

  it('heads every page but the first with the book title, and numbers them in the footer', async () => {
    const rels = await part(zip, 'word/_rels/document.xml.rels');
    const headers = [...rels.matchAll(/Target="(header\d+\.xml)"/g)].map((m) => m[1]!);
    const texts = await Promise.all(headers.map(async (h) => paragraphs(await xml(zip, `word/${h}`)).map((p) => p.text).join('')));
    expect(texts).toContain(META.title);
    const footers = [...rels.matchAll(/Target="(footer\d+\.xml)"/g)].map((m) => m[1]!);
    const footerXml = (await Promise.all(footers.map((f) => part(zip, `word/${f}`)))).join('');
    expect(footerXml).toMatch(/PAGE/);
  });

  it('takes its properties from the book and its dates from the build date', async () => {
    const core = await part(zip, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${META.title}</dc:title>`);
    expect(core).toContain(`<dc:subject>${META.subtitle}</dc:subject>`);
    expect(core).toContain('<dc:creator>هيئة التحرير</dc:creator>');
    expect(core).toContain('<dc:language>ar</dc:language>');
    expect(core).toMatch(/<dcterms:created [^>]*>2025-08-15T09:30:00Z</);
    expect(core).toMatch(/<dcterms:modified [^>]*>2025-08-15T09:30:00Z</);
  });

  it('embeds a body-font subset with a glyph for every character of every article', async () => {
    const table = await part(zip, 'word/fontTable.xml');
    const rels = await part(zip, 'word/_rels/fontTable.xml.rels');
    const match = /<w:embedRegular r:id="([^"]+)" w:fontKey="\{([0-9A-F-]+)\}"/.exec(table);
    expect(match).not.toBeNull();
    const target = new RegExp(`Id="${match![1]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    const data = Buffer.from(await zip.file(`word/${target}`)!.async('uint8array'));
    // ECMA-376 §17.8.1: the first 32 bytes are XORed with the key's bytes in reverse order.
    const key = Array.from({ length: 16 }, (_, i) => parseInt(match![2]!.replace(/-/g, '').slice(i * 2, i * 2 + 2), 16)).reverse();
    for (let i = 0; i < 32; i++) data[i] = (data[i] ?? 0) ^ (key[i % 16] ?? 0);
    const font = openFont(data);
    if (!('hasGlyphForCodePoint' in font)) throw new Error('not a single font');
    const used = new Set([...book.articles.map(articleText).join(''), ...META.title, ...META.subtitle].filter((c) => /\S/u.test(c)));
    const missing = [...used].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    // The subset keeps Amiri's whole editing repertoire besides the text, so this holds for any Arabic text;
    // what it guards is that the book's fonts are subset from its text (or more), never less.
    expect(missing).toEqual([]);
  });

  it('is byte-identical when built twice', async () => {
    const again = await renderBook(await fixtureBook());
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(bytes))).toBe(0);
  });
});

describe('DOCX book mixing directions', () => {
  let englishArticle: Article;
  let body: ParagraphInfo[][];
  let styles: string;

  beforeAll(async () => {
    const [arabic] = (await fixtureBook()).articles;
    englishArticle = await parseString(ENGLISH, 'md', { file: 'english.md' });
    const book = bookOf([arabic!, englishArticle]);
    const { zip } = await renderBook(book);
    body = articleParagraphs(paragraphs(await xml(zip, 'word/document.xml')));
    styles = await part(zip, 'word/styles.xml');
  });

  it('sets the LTR article without any w:bidi and without w:rtl runs, the RTL one with them', () => {
    expect(englishArticle.meta.dir).toBe('ltr');
    const [arabic, english] = body;
    expect(english?.[0]?.text).toBe('Markets After the Summit');
    for (const p of english ?? []) {
      expect(p.bidiWritten, `paragraph "${p.text}"`).toBe(false);
      expect(p.runs.every((r) => !r.rtl)).toBe(true);
    }
    expect(arabic?.filter((p) => p.style !== 'SourceCode').every((p) => p.bidi)).toBe(true);
    // The document defaults stay left to right, or the English paragraphs would inherit w:bidi.
    const defaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(styles)?.[0] ?? '';
    expect(defaults).not.toMatch(/<w:bidi\b/);
  });
});


describe('DOCX book in the a5 theme: recto openings, as the PDF sets them', () => {
  let book: Book;
  let zip: JSZip;
  let doc: XmlDocument;

  beforeAll(async () => {
    book = await fixtureBook();
    ({ zip } = await renderBook(book, 'a5'));
    doc = await xml(zip, 'word/document.xml');
  });

  it('opens the contents and every article on an odd page (w:type oddPage): Word and LibreOffice insert the blank verso', () => {
    const types = elements(doc, 'sectPr').map((sectPr) => child(sectPr, 'type')?.getAttributeNS(W, 'val') ?? 'nextPage');
    expect(types).toEqual(['nextPage', 'oddPage', ...book.articles.map(() => 'oddPage')]);
  });

  it('heads versos with the book title and rectos with the article’s, an opening page with nothing; folios on all but the title page', async () => {
    expect(await part(zip, 'word/settings.xml')).toMatch(/<w:evenAndOddHeaders\/>/);
    const sections = elements(doc, 'sectPr');
    expect(await marginText(zip, sections[0]!, 'footer', 'first')).toBe('');
    for (const [index, article] of book.articles.entries()) {
      const sectPr = sections[index + 2]!;
      expect(isOn(sectPr, 'titlePg')).toBe(true);
      expect(await marginText(zip, sectPr, 'header', 'default')).toBe(article.meta.title);
      expect(await marginText(zip, sectPr, 'header', 'even')).toBe(META.title);
      expect(await marginText(zip, sectPr, 'header', 'first')).toBe('');
      for (const type of ['default', 'even', 'first']) expect(await marginText(zip, sectPr, 'footer', type), `${type} footer`).toBe('PAGE');
    }
  });

  it('sinks each article’s title by the theme’s book.sink, as the PDF does', () => {
    const sink = loadTheme('a5').book.sink;
    expect(sink).toBeGreaterThan(0);
    const titles = elements(doc, 'p').filter((p) => child(child(p, 'pPr') ?? p, 'pStyle')?.getAttributeNS(W, 'val') === 'Heading1');
    expect(titles).toHaveLength(book.articles.length);
    for (const title of titles) expect(child(child(title, 'pPr')!, 'spacing')?.getAttributeNS(W, 'before')).toBe(String(sink * 20));
  });
});

describe.skipIf(!(has('soffice') && has('pdftotext')))('DOCX book through LibreOffice', () => {
  let pdf = '';
  let book: Book;

  beforeAll(async () => {
    book = await fixtureBook();
    pdf = libreOfficePdf((await renderBook(book)).bytes, 'book');
  }, 120_000);

  const text = (first?: number, last?: number): string => withoutBidiControls(pdftotext(pdf, { first, last }));

  it('shows the three titles, the contents page (page 2) listing them in order', () => {
    const all = text();
    for (const article of book.articles) expect(all).toContain(article.meta.title);
    const contents = text(2);
    expect(contents).toContain('المحتويات');
    const positions = book.articles.map((a) => contents.indexOf(a.meta.title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('starts each article on a page of its own, after the title and contents pages, with no running head above its title', () => {
    const pages = pdfPages(pdf);
    const starts = book.articles.map((a) => {
      for (let page = 3; page <= pages; page++) {
        // As in the PDF, an opening page has no running head: the article title is its first line.
        const lines = text(page).split('\n').filter((l) => l.trim() !== '');
        if (lines[0]?.trim() === a.meta.title) return page;
      }
      return -1;
    });
    expect(starts[0]).toBe(3);
    expect(starts.every((s, i) => s > (starts[i - 1] ?? 2))).toBe(true);
  });

  // The PAGEREF fields ship an estimate of their page (LibreOffice 7.4 shows it as it is; Word updates it
  // on open): every entry has one, within a page of where LibreOffice sets the heading.
  it('shows a page number for every contents entry, within one page of its heading', () => {
    const contents = text(2).split('\n');
    const pages = pdfPages(pdf);
    const entries = book.articles.flatMap((a) => [a.meta.title, ...headings(a.blocks).filter((h) => h.level === 1).map((h) => blocksText([h]))]);
    let from = 3;
    for (const entry of entries) {
      const line = contents.find((l) => l.includes(entry));
      // text() has dropped the bidi controls; the page number is the line's last run of digits, after the dots.
      const shown = Number(line?.match(/\d+/g)?.at(-1));
      let actual = -1;
      for (let page = from; page <= pages && actual < 0; page++) if (text(page).split('\n').some((l) => l.trim() === entry)) actual = page;
      expect(actual, `${entry} is set somewhere`).toBeGreaterThan(2);
      from = actual;
      expect(Math.abs(shown - actual), `${entry}: contents say ${shown}, LibreOffice sets it on page ${actual}`).toBeLessThanOrEqual(1);
    }
  });
});

// The a5 book as LibreOffice prints it (blank pages kept, as a printer gets them): paginated as the PDF,
// every article opening on the recto the PDF opens it on, the contents' numbers those pages. (Its running
// heads are not asserted: LibreOffice 25.2 puts a recto's head on the opening page of a section that
// starts on an odd page, and 7.4 drops the verso head after it; Word sets both as written.)
describe.skipIf(!(has('soffice') && has('pdftotext')))('DOCX a5 book through LibreOffice', () => {
  let book: Book;
  let pdf = '';
  let ours: Uint8Array;

  beforeAll(async () => {
    book = await fixtureBook();
    pdf = libreOfficePdf((await renderBook(book, 'a5')).bytes, 'book-a5');
    ours = await renderPdfBook(book, renderContext({ theme: loadTheme('a5'), resourceDir: BOOK }));
  }, 120_000);

  const lines = (source: string | Uint8Array, page: number): string[] =>
    withoutBidiControls(pdftotext(source, { first: page }))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  const pageOf = (source: string | Uint8Array, title: string, pages: number): number => {
    for (let page = 1; page <= pages; page++) if (lines(source, page).slice(0, 2).includes(title)) return page;
    return -1;
  };

  it('has the PDF’s pages, each article opening on the recto the PDF opens it on, listed with that page', () => {
    const pages = pdfPages(pdf);
    expect(pages).toBe(pdfPages(ours));
    const contents = lines(pdf, 3);
    expect(contents).toContain('المحتويات');
    for (const article of book.articles) {
      const page = pageOf(pdf, article.meta.title, pages);
      expect(page % 2, `${article.meta.title} opens on a recto`).toBe(1);
      expect(page, article.meta.title).toBe(pageOf(ours, article.meta.title, pages));
      const entry = contents.find((l) => l.includes(article.meta.title));
      expect(Number(entry?.match(/\d+/g)?.at(-1)), `contents entry of ${article.meta.title}`).toBe(page);
    }
  });
});
