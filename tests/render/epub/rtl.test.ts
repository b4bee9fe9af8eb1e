// Direction, language and fonts: what makes Apple Books, Kobo and Readium open the book right to left
// in Amiri — and an English book left to right with no RTL marker anywhere.
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { blocksText } from '../../../src/model/index.js';
import { arabicMarkdown, englishMarkdown, persianMarkdown, sample } from '../../support/articles.js';
import { elements, first, render, spinePages, validateEverythingMade, type Rendered } from './helpers.js';

const allTextEntries = (epub: Rendered): Promise<Map<string, string>> => epub.texts(/\.(xhtml|opf|ncx|css|xml)$/);

describe('an Arabic article (the sample)', () => {
  it('declares ar and rtl on <package>, dc:language and the spine', async () => {
    const epub = await render('sample', await sample());
    const opf = await epub.xml('OEBPS/content.opf');
    const pkg = opf.documentElement!;
    expect(pkg.getAttribute('xml:lang')).toBe('ar');
    expect(pkg.getAttribute('dir')).toBe('rtl');
    expect(first(opf, 'language').textContent).toBe('ar');
    expect(first(opf, 'spine').getAttribute('page-progression-direction')).toBe('rtl');
    // The library's defaults that the issue measured must be gone.
    expect(elements(opf, 'guide')).toHaveLength(0);
  });

  it('puts dir="rtl" and lang="ar" on the <html> and <body> of every page, the nav document included', async () => {
    const epub = await render('sample', await sample());
    const pages = await spinePages(epub);
    expect(pages.map((p) => p.href)).toEqual(['title.xhtml', 'toc.xhtml', 'article.xhtml']);
    for (const { href, doc } of pages) {
      const html = doc.documentElement!;
      expect({ href, dir: html.getAttribute('dir'), lang: html.getAttribute('lang'), xmlLang: html.getAttribute('xml:lang') }).toEqual({
        href,
        dir: 'rtl',
        lang: 'ar',
        xmlLang: 'ar',
      });
      expect(first(doc, 'body').getAttribute('dir')).toBe('rtl');
    }
  });

  it('titles the navigation «المحتويات», lists every heading and has landmarks', async () => {
    const article = await sample();
    const epub = await render('sample', article);
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const navs = elements(nav, 'nav');
    const toc = navs.find((n) => n.getAttribute('epub:type') === 'toc')!;
    expect(first(toc, 'h1').textContent).toBe('المحتويات');
    const headings = article.blocks.filter((b) => b.type === 'heading').length;
    expect(headings).toBeGreaterThan(3);
    // The article itself plus one entry per heading, each pointing at an id that exists.
    const links = elements(toc, 'a').map((a) => a.getAttribute('href') ?? '');
    expect(links).toHaveLength(headings + 1);
    const page = await epub.xml('OEBPS/article.xhtml');
    const ids = new Set(elements(page, '*').map((e) => e.getAttribute('id')).filter(Boolean));
    for (const href of links.slice(1)) expect(ids.has(href.split('#')[1] ?? '')).toBe(true);
    const landmarks = navs.find((n) => n.getAttribute('epub:type') === 'landmarks')!;
    expect(elements(landmarks, 'a').map((a) => a.getAttribute('epub:type'))).toEqual(['titlepage', 'toc', 'bodymatter']);
  });

  it('embeds the theme body family (subset faces that keep shaping) and uses it through @font-face and font-family', async () => {
    const article = await sample();
    const epub = await render('sample', article);
    const opf = await epub.xml('OEBPS/content.opf');
    const fonts = elements(opf, 'item').filter((i) => (i.getAttribute('media-type') ?? '').startsWith('font/'));
    // No emphasis in the sample: the italic faces stay out.
    expect(fonts.map((f) => f.getAttribute('href'))).toEqual(['fonts/Amiri-Regular.ttf', 'fonts/Amiri-Bold.ttf']);
    const withEmphasis = await (await render('arabic-md', await arabicMarkdown())).xml('OEBPS/content.opf');
    expect(elements(withEmphasis, 'item').map((i) => i.getAttribute('href'))).toContain('fonts/Amiri-Italic.ttf');
    const used = new Set([...blocksText(article.blocks)].map((c) => c.codePointAt(0)!));
    for (const f of fonts) {
      const data = await epub.zip.file(`OEBPS/${f.getAttribute('href')}`)!.async('uint8array');
      const font = fontkit.create(Buffer.from(data)) as fontkit.Font;
      expect(font.familyName).toBe('Amiri');
      // The reader shapes the Arabic itself: the layout tables must survive subsetting.
      expect(Object.keys((font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables)).toEqual(expect.arrayContaining(['GSUB', 'GPOS', 'GDEF']));
      for (const codePoint of used) if (codePoint > 0x20) expect(font.hasGlyphForCodePoint(codePoint), `U+${codePoint.toString(16)}`).toBe(true);
    }
    const css = await epub.text('OEBPS/style.css');
    for (const f of fonts) expect(css).toContain(`url("${f.getAttribute('href')}")`);
    expect(css).toMatch(/font-weight: bold; src: url\("fonts\/Amiri-Bold\.ttf"\)/);
    expect(css).toMatch(/body \{ font-family: "Amiri"/);
    expect(css).not.toMatch(/direction\s*:|unicode-bidi|letter-spacing/);
    // Every page links the stylesheet.
    for (const { doc } of await spinePages(epub)) {
      expect(elements(doc, 'link').map((l) => l.getAttribute('href'))).toContain('style.css');
    }
    // Apple Books honours embedded fonts only when told to, in both places it looks.
    expect(elements(opf, 'meta').some((m) => m.getAttribute('property') === 'ibooks:specified-fonts' && m.textContent === 'true')).toBe(true);
    expect(await epub.text('META-INF/com.apple.ibooks.display-options.xml')).toMatch(/<option name="specified-fonts">true<\/option>/);
  });
});

describe('Latin inside Arabic', () => {
  it('isolates Latin stretches, code and trailing neutrals with dir="ltr"', async () => {
    const epub = await render('arabic-md', await arabicMarkdown());
    const page = await epub.xml('OEBPS/article.xhtml');
    const ltr = elements(page, 'span')
      .filter((s) => s.getAttribute('dir') === 'ltr')
      .map((s) => s.textContent);
    // «C++» must keep its "++" inside the isolate, or an RTL paragraph shows "++C".
    expect(ltr).toEqual(expect.arrayContaining(['Elmendorf-Richardson', 'Reuters', 'Gazprom', 'NATO', 'C++', 'Windows 10']));
    expect(ltr).not.toContain('C');
    // "Reuters" sits inside <em>: the isolate wraps the emphasised word, not half of it.
    const em = elements(page, 'em').find((e) => e.textContent === 'Reuters')!;
    const parent = em.parentNode as Element;
    expect([parent.localName, parent.getAttribute('dir')]).toEqual(['span', 'ltr']);
    // Code is left to right too.
    expect(elements(page, 'code').find((c) => c.textContent === 'npm install warraq')).toBeTruthy();
    expect(ltr).toContain('npm install warraq');
    // A paragraph wholly in English gets dir="ltr" itself, and then needs no isolate inside.
    const english = elements(page, 'p').find((p) => (p.textContent ?? '').startsWith('"No deal'))!;
    expect(english.getAttribute('dir')).toBe('ltr');
    expect(elements(english, 'span')).toHaveLength(0);
    // Arabic paragraphs that merely open with a Latin word stay right to left.
    expect(elements(page, 'p').filter((p) => p.getAttribute('dir') === 'ltr')).toHaveLength(1);
    // Arabic never gets wrapped on an Arabic page.
    expect(elements(first(page, 'body'), '*').some((e) => e.getAttribute('dir') === 'rtl')).toBe(false);
  });
});

describe('a Persian article', () => {
  it('says fa everywhere a language is declared, and «فهرست» in the nav', async () => {
    const article = await persianMarkdown();
    expect(article.meta.lang).toBe('fa');
    const epub = await render('persian-md', article);
    const opf = await epub.xml('OEBPS/content.opf');
    expect(opf.documentElement!.getAttribute('xml:lang')).toBe('fa');
    expect(opf.documentElement!.getAttribute('dir')).toBe('rtl');
    expect(first(opf, 'language').textContent).toBe('fa');
    expect(first(opf, 'spine').getAttribute('page-progression-direction')).toBe('rtl');
    for (const { doc } of await spinePages(epub)) {
      expect(doc.documentElement!.getAttribute('lang')).toBe('fa');
      expect(doc.documentElement!.getAttribute('xml:lang')).toBe('fa');
      expect(doc.documentElement!.getAttribute('dir')).toBe('rtl');
    }
    expect((await epub.xml('OEBPS/toc.ncx')).documentElement!.getAttribute('xml:lang')).toBe('fa');
    const nav = await epub.xml('OEBPS/toc.xhtml');
    expect(first(nav, 'h1').textContent).toBe('فهرست مطالب');
    // No Arabic label slipped in.
    for (const [name, text] of await allTextEntries(epub)) expect({ name, ar: /xml:lang="ar"|lang="ar"|المحتويات/.test(text) }).toEqual({ name, ar: false });
  });
});

describe('an English article', () => {
  it('is left to right with no RTL marker anywhere', async () => {
    const article = await englishMarkdown();
    expect(article.meta.lang).toBe('en');
    const epub = await render('english-md', article);
    const opf = await epub.xml('OEBPS/content.opf');
    expect(opf.documentElement!.getAttribute('xml:lang')).toBe('en');
    expect(first(opf, 'spine').getAttribute('page-progression-direction')).toBe('ltr');
    for (const { doc } of await spinePages(epub)) expect(doc.documentElement!.getAttribute('dir')).toBe('ltr');
    expect(first(await epub.xml('OEBPS/toc.xhtml'), 'h1').textContent).toBe('Contents');
    for (const [name, text] of await allTextEntries(epub)) {
      // No rtl attribute or value, no bidi control characters, no Arabic-script labels.
      expect({ name, rtl: /rtl/i.test(text), controls: /[\u200F\u202B\u202E\u2067\u061C]/u.test(text), arabic: /[\u0600-\u06FF]/u.test(text) }).toEqual({
        name,
        rtl: false,
        controls: false,
        arabic: false,
      });
    }
  });
});

validateEverythingMade();
