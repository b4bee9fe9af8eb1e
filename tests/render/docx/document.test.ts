// What a user (or Word) reads in word/document.xml and its sibling parts, for the sample and for a
// Markdown article that mixes Latin words, numbers, a URL, lists, a quote, code and a table into Arabic.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { loadTheme } from '../../../src/theme/index.js';
import { englishDocx as english, mixedMarkdown as mixed, sample } from '../../support/articles.js';
import { articleText, letterWords } from '../../support/words.js';
import { ARABIC_LETTER, LATIN_OR_DIGIT, W, elements, isOn, paragraphs, part, render, xml, type ParagraphInfo } from './helpers.js';

const cases: [string, () => Promise<Article>][] = [
  ['the sample article', sample],
  ['a Markdown article with Latin words and lists', mixed],
];

describe.each(cases)('DOCX of %s', (_name, load) => {
  it('is right-to-left in every paragraph but code, in the section and in the defaults', async () => {
    const { zip } = await render(await load());
    const document = await xml(zip, 'word/document.xml');
    const paras = paragraphs(document);
    expect(paras.length).toBeGreaterThan(5);
    for (const p of paras) {
      if (p.style === 'SourceCode') {
        // Code reads left to right in any article: w:bidi explicitly off.
        expect(p.bidiWritten && !p.bidi, 'code paragraph is LTR').toBe(true);
      } else {
        expect(p.bidi, `paragraph "${p.text.slice(0, 40)}" has w:bidi`).toBe(true);
      }
    }
    const sectPr = elements(document, 'sectPr')[0];
    expect(isOn(sectPr, 'bidi')).toBe(true);
    expect(isOn(sectPr, 'rtlGutter')).toBe(true);
    for (const name of ['word/header1.xml', 'word/footer1.xml']) {
      expect(paragraphs(await xml(zip, name)).every((p) => p.bidi)).toBe(true);
    }
    const styles = await xml(zip, 'word/styles.xml');
    const defaultPPr = elements(elements(styles, 'pPrDefault')[0]!, 'pPr')[0];
    expect(isOn(defaultPPr, 'bidi')).toBe(true);
  });

  it('marks every Arabic run w:rtl with the Arabic language, and no Latin or digit run', async () => {
    const { zip } = await render(await load());
    const runs = paragraphs(await xml(zip, 'word/document.xml')).flatMap((p) => p.runs).filter((r) => r.text.trim() !== '');
    const arabic = runs.filter((r) => ARABIC_LETTER.test(r.text));
    const latin = runs.filter((r) => LATIN_OR_DIGIT.test(r.text) && !ARABIC_LETTER.test(r.text));
    expect(arabic.length).toBeGreaterThan(10);
    for (const run of arabic) {
      expect(run.rtl, `"${run.text.slice(0, 30)}" is w:rtl`).toBe(true);
      expect(run.bidiLang).toBe('ar-SA');
      // A run is one bidi level: Latin letters never share a run with Arabic ones.
      expect(/[A-Za-z]/.test(run.text), `"${run.text.slice(0, 30)}" holds no Latin`).toBe(false);
    }
    for (const run of latin) expect(run.rtl, `"${run.text}" is not w:rtl`).toBe(false);
  });

  it('holds the model text, word for word and in order', async () => {
    const article = await load();
    const { zip } = await render(article);
    const all = paragraphs(await xml(zip, 'word/document.xml'));
    // The dateline (the article's date as the theme writes it, tests/render/dates.test.ts) is not model text.
    const text = all.filter((p) => p.style !== 'Dateline').map((p) => p.text).join('\n');
    expect(letterWords(text)).toEqual(letterWords(articleText(article)));
    expect(all.filter((p) => p.style === 'Dateline').length).toBe(article.meta.date === undefined ? 0 : 1);
  });

  it('uses named styles: Title, Heading 1, Body Text', async () => {
    const { zip } = await render(await load());
    const used = new Set(paragraphs(await xml(zip, 'word/document.xml')).map((p) => p.style));
    for (const style of ['Title', 'Subtitle', 'Heading1', 'BodyText']) expect(used.has(style), style).toBe(true);
    const styles = await part(zip, 'word/styles.xml');
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"\/>/);
    // Body Text is justified; RTL paragraphs are aligned with start/both, never left/right.
    expect(styles).toMatch(/w:styleId="BodyText">(?:(?!<\/w:style>).)*<w:jc w:val="both"\/>/);
    expect(styles).not.toMatch(/<w:jc w:val="(left|right)"/);
    const document = await part(zip, 'word/document.xml');
    expect(document).not.toMatch(/<w:jc w:val="(left|right)"/);
    // Styles, not direct formatting: no paragraph in the body sets its own font or size.
    expect(document).not.toMatch(/<w:rFonts|<w:sz /);
  });

  it('gives the complex-script slots the theme font and sizes', async () => {
    const { zip } = await render(await load());
    const styles = await xml(zip, 'word/styles.xml');
    const defaults = elements(styles, 'rPrDefault')[0]!;
    const fonts = elements(defaults, 'rFonts')[0]!;
    expect(fonts.getAttributeNS(W, 'cs')).toBe('Amiri');
    expect(fonts.getAttributeNS(W, 'ascii')).toBe('Amiri');
    expect(elements(defaults, 'szCs')[0]?.getAttributeNS(W, 'val')).toBe('24'); // 12 pt body
    const heading = elements(styles, 'style').find((s) => s.getAttributeNS(W, 'styleId') === 'Heading1')!;
    expect(elements(heading, 'szCs')[0]?.getAttributeNS(W, 'val')).toBe('30'); // 15 pt
    expect(elements(heading, 'bCs')).toHaveLength(1);
  });

  it('is A4 with the theme margins, the binding gutter on the right, a running title and page numbers', async () => {
    const article = await load();
    const { zip } = await render(article);
    const document = await xml(zip, 'word/document.xml');
    const pgSz = elements(document, 'pgSz')[0]!;
    expect([pgSz.getAttributeNS(W, 'w'), pgSz.getAttributeNS(W, 'h')]).toEqual(['11906', '16838']);
    const pgMar = elements(document, 'pgMar')[0]!;
    // inner 72 pt = outer 60 pt + a 12 pt gutter, which w:rtlGutter puts on the right.
    expect(['top', 'bottom', 'left', 'right', 'gutter'].map((a) => pgMar.getAttributeNS(W, a))).toEqual(['1440', '1440', '1200', '1200', '240']);
    expect(paragraphs(await xml(zip, 'word/header1.xml')).map((p) => p.text).join('')).toBe(article.meta.title);
    expect(await part(zip, 'word/footer1.xml')).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
  });
});

describe('DOCX of the Markdown article', () => {
  it('numbers lists right to left: decimal and bullet, nested, each list its own instance', async () => {
    const { zip } = await render(await mixed());
    const document = await xml(zip, 'word/document.xml');
    const listParas = elements(document, 'p').filter((p) => elements(p, 'numPr').length > 0);
    expect(listParas).toHaveLength(7);
    const levels = listParas.map((p) => elements(p, 'ilvl')[0]?.getAttributeNS(W, 'val'));
    expect(levels).toEqual(['0', '0', '0', '0', '0', '1', '0']);
    const numIds = new Set(listParas.map((p) => elements(p, 'numId')[0]?.getAttributeNS(W, 'val')));
    expect(numIds.size).toBeGreaterThanOrEqual(2);
    const numbering = await part(zip, 'word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    for (const p of listParas) expect(isOn(elements(p, 'pPr')[0], 'bidi')).toBe(true);
  });

  it('links the URL as an external hyperlink in the link colour, underlined, and keeps code and table text', async () => {
    const { zip } = await render(await mixed());
    const rels = await part(zip, 'word/_rels/document.xml.rels');
    expect(rels).toMatch(/Id="rIdLink1" Type="[^"]+\/hyperlink" Target="https:\/\/www\.unicode\.org\/standard\/standard\.html" TargetMode="External"/);
    const document = await part(zip, 'word/document.xml');
    // In justified Arabic text the link's look is direct formatting, not the Hyperlink style (runs.ts says why).
    const link = /<w:hyperlink [^>]*r:id="rIdLink1"[^>]*>(.*?)<\/w:hyperlink>/.exec(document)?.[1] ?? '';
    const linkRuns = link.match(/<w:r>.*?<\/w:r>/g) ?? [];
    expect(linkRuns.map((r) => /<w:t[^>]*>([^<]*)</.exec(r)?.[1]).join('')).toBe('موقع Unicode');
    const colour = loadTheme().colours.link.replace('#', '').toUpperCase();
    for (const run of linkRuns) {
      expect(run).toContain(`<w:color w:val="${colour}"/>`);
      expect(run).toMatch(/<w:u w:val="single"/);
      expect(run).not.toContain('<w:rStyle');
    }
    const paras = paragraphs(await xml(zip, 'word/document.xml'));
    expect(paras.filter((p) => p.style === 'SourceCode').map((p) => p.text)).toEqual(["const dir = 'rtl';\nconsole.log(dir);"]);
    expect(document).toContain('<w:bidiVisual/>');
    expect(paras.some((p) => p.style === 'Quote')).toBe(true);
  });

  it('records title, subject, author, keywords, language and the build date in core.xml', async () => {
    const date = new Date(Date.UTC(2025, 2, 1));
    const { zip } = await render(await mixed(), { buildDate: date });
    const core = await part(zip, 'docProps/core.xml');
    expect(core).toContain('<dc:title>دليل قصير إلى Unicode في الكتابة العربية</dc:title>');
    expect(core).toContain('<dc:subject>كيف تتعايش العربية مع English والأرقام</dc:subject>');
    expect(core).toContain('<dc:creator>سارة الخطيب</dc:creator>');
    expect(core).toContain('<cp:keywords>يونيكود, bidi</cp:keywords>');
    expect(core).toContain('<dc:language>ar</dc:language>');
    expect(core).toMatch(/<dcterms:created [^>]*>2025-03-01T00:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified [^>]*>2025-03-01T00:00:00Z<\/dcterms:modified>/);
  });
});

describe('DOCX theme options', () => {
  it('justifies with kashida when the theme asks for it, and Letter paper when it says Letter', async () => {
    const theme = { ...loadTheme(), justify: 'kashida' as const, page: { ...loadTheme().page, size: 'Letter' as const } };
    const { zip } = await render(await sample(), { theme });
    const styles = await part(zip, 'word/styles.xml');
    expect(styles).toMatch(/w:styleId="BodyText">(?:(?!<\/w:style>).)*<w:jc w:val="lowKashida"\/>/);
    const pgSz = elements(await xml(zip, 'word/document.xml'), 'pgSz')[0]!;
    expect([pgSz.getAttributeNS(W, 'w'), pgSz.getAttributeNS(W, 'h')]).toEqual(['12240', '15840']);
  });

  it('writes no made-up author when the article names none', async () => {
    const { zip } = await render(await sample());
    expect(await part(zip, 'docProps/core.xml')).not.toMatch(/<dc:creator|Un-named/);
  });
});

describe('DOCX of an English article', () => {
  it('has no bidi and no rtl anywhere, and Latin language tags', async () => {
    const { zip } = await render(await english());
    for (const name of ['word/document.xml', 'word/styles.xml', 'word/header1.xml', 'word/footer1.xml', 'word/numbering.xml']) {
      const text = await part(zip, name);
      expect(text, name).not.toMatch(/<w:(bidi|rtl|rtlGutter|bidiVisual)\b/);
    }
    const paras: ParagraphInfo[] = paragraphs(await xml(zip, 'word/document.xml'));
    expect(paras.map((p) => p.text)).toContain('Why styles matter');
    expect(await part(zip, 'word/styles.xml')).toContain('<w:lang w:val="en-US"');
    expect(await part(zip, 'docProps/core.xml')).toContain('<dc:language>en</dc:language>');
  });

  it('puts its link in the Hyperlink style', async () => {
    const { zip } = await render(await english());
    expect(await part(zip, 'word/document.xml')).toMatch(/<w:hyperlink [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>the manual</);
  });
});
