// The book EPUB: three articles under one title page and one table of contents, each on its own page
// with its own language and direction, valid for both EPUBChecks and byte-reproducible.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Element } from '@xmldom/xmldom';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { blocksText, resolveArticle, type Article, type Book } from '../../../src/model/index.js';
import { resolveBookBuildDate } from '../../../src/render/context.js';
import { renderEpubBook } from '../../../src/render/epub/index.js';
import { readRoot as makeReadRoot } from '../../../src/support/read-root.js';
import { loadTheme } from '../../../src/theme/index.js';
import { BOOK_META, bookArticles as fixtureArticles, bookOf as bookWith, paragraph } from '../../support/articles.js';
import { collector, renderContext } from '../../support/context.js';
import { BOOK, FIXTURES, FONTS } from '../../support/paths.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable } from '../../support/validate.js';
import { wordsAsWritten } from '../../support/words.js';
import { elements, first, openEpub, spinePages, visibleText, type Rendered } from './helpers.js';

const TITLES = ['ما يأمل بوتين في تحقيقه من قمته مع ترامب', 'كييف تراقب القمة من بعيد', 'أسواق الطاقة بعد القمة'];

/** The fixture book's meta, with what a test sets besides (a cover). */
function bookOf(articles: Article[], extra: Partial<Book['meta']> = {}): Book {
  return bookWith(articles, { ...BOOK_META, ...extra });
}

/** As the command renders a book.yaml: figures relative to its folder, dated by the book. */
async function renderBook(book: Book): Promise<Rendered> {
  const diagnostics = collector();
  // The book's folder and the shared fixtures (the cover test takes its image from there).
  const readRoot = makeReadRoot([BOOK, FIXTURES]);
  const bytes = await renderEpubBook(book, renderContext({ theme: loadTheme('default'), diagnostics, resourceDir: BOOK, readRoot, buildDate: resolveBookBuildDate(book, {}) }));
  return openEpub('book', bytes, diagnostics.messages);
}

async function expectValid(epub: Rendered): Promise<void> {
  expect(await epubcheckTs(epub.bytes)).toEqual([]);
  if (javaEpubcheckAvailable) {
    const { version, findings } = await javaEpubcheck(epub.bytes);
    expect({ version, findings }).toEqual({ version: '4.2.6', findings: [] });
  }
}

/** The <li> children of an <ol>, without descending into nested lists. */
function items(ol: Element): Element[] {
  return Array.from(ol.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'li');
}

function childElement(el: Element, localName: string): Element | undefined {
  return Array.from(el.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === localName);
}

function tocNav(nav: Document): Element {
  const found = elements(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'toc');
  if (!found) throw new Error('no toc nav');
  return found;
}

/** Each embedded face is a subset (smaller than its file) that still has every letter, mark, digit and punctuation shown. */
async function expectFontsCoverPages(epub: Rendered): Promise<void> {
  const shown = new Set<string>();
  for (const { doc } of await spinePages(epub)) for (const ch of visibleText(first(doc, 'body'))) if (/\p{L}|\p{M}|\p{N}|\p{P}/u.test(ch)) shown.add(ch);
  const fontFiles = Object.keys(epub.zip.files).filter((n) => n.endsWith('.ttf'));
  // The body faces alone: no article has code (the code face was embedded for the line breaks that join
  // the articles' empty code), and none needs a fallback family.
  expect(fontFiles.map((n) => path.basename(n))).toEqual(['Amiri-Regular.ttf', 'Amiri-Bold.ttf']);
  for (const name of fontFiles) {
    const data = await epub.zip.file(name)!.async('uint8array');
    expect(data.byteLength).toBeLessThan(statSync(path.join(FONTS, path.basename(name))).size);
    // The code face sets code only (its Arabic falls back to Amiri): the body faces carry the pages.
    if (name.includes('JetBrainsMono')) continue;
    const font = fontkit.create(Buffer.from(data)) as fontkit.Font;
    expect({ name, missing: [...shown].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) }).toEqual({ name, missing: [] });
  }
}

describe('a book of three Arabic articles (the fixtures)', () => {
  let articles: Article[];
  let epub: Rendered;
  beforeAll(async () => {
    articles = await fixtureArticles();
    epub = await renderBook(bookOf(articles));
  });

  it('EPUBCheck (epubcheck-ts and Java 4.2.6) finds 0 errors and 0 warnings, and nothing was reported', async () => {
    expect(epub.warnings).toEqual([]);
    await expectValid(epub);
  }, 120_000);

  it('the nav («المحتويات») lists the three article titles in order, linking to their files, headings nested below', async () => {
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const toc = tocNav(nav);
    expect(first(toc, 'h1').textContent).toBe('المحتويات');
    const top = items(first(toc, 'ol'));
    expect(top.map((li) => childElement(li, 'a')?.textContent)).toEqual(articles.map((a) => a.meta.title));
    expect(articles.map((a) => a.meta.title)).toEqual(TITLES);
    expect(top.map((li) => childElement(li, 'a')?.getAttribute('href'))).toEqual(['article-1.xhtml', 'article-2.xhtml', 'article-3.xhtml']);
    // Each article's headings sit under its title and point at real ids of that article's page.
    for (const [i, li] of top.entries()) {
      const file = `article-${i + 1}.xhtml`;
      const page = await epub.xml(`OEBPS/${file}`);
      const pageHeadings = elements(first(page, 'body'), '*').filter((e) => /^h[1-6]$/.test(e.localName ?? '') && e.getAttribute('id'));
      const nested = childElement(li, 'ol');
      const links = nested ? elements(nested, 'a') : [];
      expect(links.map((a) => a.getAttribute('href'))).toEqual(pageHeadings.map((h) => `${file}#${h.getAttribute('id')}`));
      expect(links.map((a) => a.textContent)).toEqual(pageHeadings.map((h) => visibleText(h)));
      const modelHeadings = articles[i]!.blocks.filter((b) => b.type === 'heading');
      expect(links).toHaveLength(modelHeadings.length);
    }
    // The fixtures do have headings (so the nesting above was exercised).
    expect(elements(toc, 'ol').length).toBeGreaterThan(1);
  });

  it('landmarks: title page, contents, and the first article as body matter', async () => {
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const landmarks = elements(nav, 'nav').find((n) => n.getAttribute('epub:type') === 'landmarks')!;
    expect(elements(landmarks, 'a').map((a) => [a.getAttribute('epub:type'), a.getAttribute('href')])).toEqual([
      ['titlepage', 'title.xhtml'],
      ['toc', 'toc.xhtml'],
      ['bodymatter', 'article-1.xhtml'],
    ]);
  });

  it('the title page carries the book title, subtitle, editors and date', async () => {
    const page = await epub.xml('OEBPS/title.xhtml');
    const section = first(page, 'section');
    expect(section.getAttribute('epub:type')).toBe('titlepage');
    expect(first(section, 'h1').textContent).toBe('أسبوع ألاسكا');
    const lines = elements(section, 'p').map((p) => [p.getAttribute('class'), visibleText(p)]);
    expect(lines.slice(0, 2)).toEqual([
      ['subtitle', 'ملف عن القمة الروسية الأمريكية'],
      ['byline', 'هيئة التحرير'],
    ]);
    expect(lines[2]?.[0]).toBe('dateline');
    expect(lines[2]?.[1]).toContain('2025');
    expect(first(section, 'time').getAttribute('datetime')).toBe('2025-08-20');
  });

  it('spine: title page, nav, then the three articles; every page declares lang and dir', async () => {
    const pages = await spinePages(epub);
    expect(pages.map((p) => p.href)).toEqual(['title.xhtml', 'toc.xhtml', 'article-1.xhtml', 'article-2.xhtml', 'article-3.xhtml']);
    for (const { href, doc } of pages) {
      const html = doc.documentElement!;
      expect({ href, lang: html.getAttribute('lang'), xmlLang: html.getAttribute('xml:lang'), dir: html.getAttribute('dir') }).toEqual({ href, lang: 'ar', xmlLang: 'ar', dir: 'rtl' });
    }
  });

  it("each article page opens with the article's own title lines and then shows its model text word for word", async () => {
    for (const [i, article] of articles.entries()) {
      const page = await epub.xml(`OEBPS/article-${i + 1}.xhtml`);
      const section = first(page, 'section');
      expect(section.getAttribute('epub:type')).toBe('chapter');
      const header = first(section, 'header');
      expect(visibleText(first(header, 'h1'))).toBe(article.meta.title);
      // The title is the page's only h1: the article's own headings sit one level below it.
      expect(elements(section, 'h1')).toHaveLength(1);
      const levels = article.blocks.flatMap((b) => (b.type === 'heading' ? [`h${Math.min(6, b.level + 1)}`] : []));
      expect(elements(section, '*').filter((e) => e.getAttribute('id')?.startsWith('h-')).map((e) => e.localName)).toEqual(levels);
      const lines = new Map(elements(header, 'p').map((p) => [p.getAttribute('class'), visibleText(p)]));
      expect(lines.get('subtitle')).toBe(article.meta.subtitle);
      if (article.meta.authors.length > 0) expect(lines.get('byline')).toBe(article.meta.authors.join('، '));
      if (article.meta.date) expect(first(header, 'time').getAttribute('datetime')).toBe(article.meta.date);
      // The page text after the opening: exactly the article's blocks.
      const rest = Array.from(section.childNodes).filter((n) => n !== header);
      expect(wordsAsWritten(rest.map((n) => visibleText(n)).join('\n'))).toEqual(wordsAsWritten(blocksText(article.blocks)));
    }
    // The Markdown article has an author, so the byline branch above ran.
    expect(articles[2]!.meta.authors).toEqual(['ليلى حداد']);
  });

  it('package metadata comes from the book meta: title + subtitle, editors, date, modified = build date', async () => {
    const opf = await epub.xml('OEBPS/content.opf');
    const pkg = opf.documentElement!;
    expect([pkg.getAttribute('xml:lang'), pkg.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(first(opf, 'spine').getAttribute('page-progression-direction')).toBe('rtl');
    expect(first(opf, 'language').textContent).toBe('ar');
    const titles = elements(opf, 'title').map((t) => t.textContent);
    expect(titles).toEqual(['أسبوع ألاسكا', 'ملف عن القمة الروسية الأمريكية']);
    const refines = (id: string, property: string) =>
      elements(opf, 'meta').find((m) => m.getAttribute('refines') === `#${id}` && m.getAttribute('property') === property)?.textContent;
    expect(refines('subtitle', 'title-type')).toBe('subtitle');
    expect(elements(opf, 'creator').map((c) => c.textContent)).toEqual(['هيئة التحرير']);
    expect(refines(first(opf, 'creator').getAttribute('id')!, 'role')).toBe('edt');
    expect(first(opf, 'date').textContent).toBe('2025-08-20');
    const modified = elements(opf, 'meta').find((m) => m.getAttribute('property') === 'dcterms:modified');
    expect(modified?.textContent).toBe('2025-08-20T00:00:00Z');
    const summary = elements(opf, 'meta').find((m) => m.getAttribute('property') === 'schema:accessibilitySummary');
    expect(summary?.textContent).toContain('the reading order of the source articles, in the order given');
    expect(first(opf, 'identifier').textContent).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the identifier follows the content of the articles, not the run', async () => {
    const id = async (e: Rendered) => first(await e.xml('OEBPS/content.opf'), 'identifier').textContent;
    const same = await renderBook(bookOf(await fixtureArticles()));
    expect(await id(same)).toBe(await id(epub));
    const changed = articles.map((a, i) => (i === 2 ? { ...a, blocks: [...a.blocks, paragraph('خاتمة')] } : a));
    expect(await id(await renderBook(bookOf(changed)))).not.toBe(await id(epub));
  });

  it('embeds fonts that cover every character shown on any page', async () => {
    await expectFontsCoverPages(epub);
  });

  it('two builds (articles parsed afresh) are byte-identical', async () => {
    const again = await renderBook(bookOf(await fixtureArticles()));
    expect(Buffer.from(again.bytes).equals(Buffer.from(epub.bytes))).toBe(true);
  });
});

describe('a book mixing an English article among Arabic ones', () => {
  let epub: Rendered;
  beforeAll(async () => {
    const [alaska, kyiv] = await fixtureArticles();
    const english = resolveArticle({
      meta: { title: 'Notes from Anchorage', subtitle: 'What the press pool saw', authors: ['Omar Haddad'], lang: 'en' },
      blocks: [
        paragraph('The leaders met at Joint Base Elmendorf-Richardson for under three hours.'),
        { type: 'heading', level: 1, children: [{ type: 'text', value: 'After the summit' }] },
        { type: 'list', ordered: false, items: [[paragraph('No ceasefire was announced.')]] },
      ],
    });
    epub = await renderBook(bookOf([alaska!, english, kyiv!]));
  });

  it("gives the English article's page lang=en dir=ltr while the package stays ar/rtl", async () => {
    const dirs = (await spinePages(epub)).map(({ href, doc }) => [href, doc.documentElement!.getAttribute('lang'), doc.documentElement!.getAttribute('dir')]);
    expect(dirs).toEqual([
      ['title.xhtml', 'ar', 'rtl'],
      ['toc.xhtml', 'ar', 'rtl'],
      ['article-1.xhtml', 'ar', 'rtl'],
      ['article-2.xhtml', 'en', 'ltr'],
      ['article-3.xhtml', 'ar', 'rtl'],
    ]);
    const page = await epub.xml('OEBPS/article-2.xhtml');
    expect(first(page, 'body').getAttribute('dir')).toBe('ltr');
    // No RTL isolation inside a page that is LTR through and through.
    expect(elements(page, 'span').filter((s) => s.getAttribute('dir') === 'rtl')).toEqual([]);
    const opf = await epub.xml('OEBPS/content.opf');
    expect(first(opf, 'spine').getAttribute('page-progression-direction')).toBe('rtl');
  });

  it('its contents entry keeps English and LTR; the CSS indents its lists on the left', async () => {
    const toc = tocNav(await epub.xml('OEBPS/toc.xhtml'));
    const entry = items(first(toc, 'ol'))[1]!;
    expect([entry.getAttribute('lang'), entry.getAttribute('dir'), childElement(entry, 'a')?.textContent]).toEqual(['en', 'ltr', 'Notes from Anchorage']);
    expect(elements(entry, 'a').map((a) => a.getAttribute('href'))).toEqual(['article-2.xhtml', 'article-2.xhtml#h-1']);
    expect(await epub.text('OEBPS/style.css')).toContain('[dir="ltr"] ul, [dir="ltr"] ol { padding-left: 1.5em; padding-right: 0; }');
  });

  it('embeds fonts covering the English page too', async () => {
    await expectFontsCoverPages(epub);
  });

  it('is valid for both EPUBChecks', async () => {
    await expectValid(epub);
  }, 120_000);
});

describe('the cover image', () => {
  it('becomes the cover-image manifest item when the file is there', async () => {
    const epub = await renderBook(bookOf(await fixtureArticles(), { cover: '../articles/map.png' }));
    expect(epub.warnings).toEqual([]);
    const opf = await epub.xml('OEBPS/content.opf');
    const cover = elements(opf, 'item').filter((i) => i.getAttribute('properties') === 'cover-image');
    expect(cover.map((i) => [i.getAttribute('href'), i.getAttribute('media-type')])).toEqual([['images/cover.png', 'image/png']]);
    const png = await epub.zip.file('OEBPS/images/cover.png')!.async('uint8array');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expectValid(epub);
  }, 120_000);

  it('is reported and skipped when missing; the book is still valid', async () => {
    const epub = await renderBook(bookOf(await fixtureArticles(), { cover: 'no-such-cover.jpg' }));
    expect(epub.warnings).toEqual([expect.stringContaining('cover image "no-such-cover.jpg" not found')]);
    const opf = await epub.xml('OEBPS/content.opf');
    expect(elements(opf, 'item').filter((i) => i.getAttribute('properties') === 'cover-image')).toEqual([]);
    expect(Object.keys(epub.zip.files).filter((n) => n.includes('cover'))).toEqual([]);
    expect(await epubcheckTs(epub.bytes)).toEqual([]);
  });
});
