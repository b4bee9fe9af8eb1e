// The text layer as users get it back: pdf.js (as Firefox's find and copy join its items), poppler's
// pdftotext and a reader that follows the tags must each return the article's words in reading order
// (≥ 99.5 %), harakat on their letters, no word reversed, every number intact, no presentation forms;
// MuPDF 1.21 and Ghostscript, which read content order, every word at least letter-reversed.
import { inlineText } from '../../../../src/model/text.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveArticle, type Article } from '../../../../src/model/index.js';
import { renderBlocks, renderPdf } from '../../../../src/render/pdf/index.js';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import { measureOf, pageGeometry } from '../../../../src/render/pdf/pages/geometry.js';
import { loadTheme } from '../../../../src/theme/index.js';
import type { LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import { markdownLike, mixedMarkdown, paragraph, persian, sample, vowelled } from '../../../support/articles.js';
import { collector, renderContext } from '../../../support/context.js';
import { ghostscriptText, mutoolText, pdfjsItems, pdfjsText, pdftotext, structureText } from '../../../support/pdf.js';
import { has } from '../../../support/tools.js';
import { PRESENTATION_FORMS, articleText, compare, extractedWords, letterWords, withoutBidiControls } from '../../../support/words.js';

const POPPLER = has('pdftotext');
if (!POPPLER) console.warn('pdftotext not installed: the poppler half of the text-layer tests is skipped');
const CONTENT_ORDER = { mupdf: has('mutool') ? mutoolText : undefined, ghostscript: has('gs') ? ghostscriptText : undefined };
if (!CONTENT_ORDER.mupdf || !CONTENT_ORDER.ghostscript) console.warn('mutool or gs not installed: the MuPDF or Ghostscript text-layer tests are skipped');

// Whether every line of the article is in one font and size (pdf.js starts a new item at a font change),
// and the share of its words poppler gives back in order (below 99.5 % only where poppler puts bidi
// embedding marks inside a word that joins an Arabic prefix to Latin or digits: «وLibreOffice», «و3.14»).
const cases: [string, () => Article | Promise<Article>, boolean, number][] = [
  ['the sample article', sample, true, 0.995],
  ['a fully vowelled article', vowelled, true, 0.995],
  ['a Markdown-like article with Latin, URLs, percentages and lists', markdownLike, false, 0.995],
  ['a Persian article', persian, true, 0.995],
  ['a Markdown article with bold, italic, code, a link, lists, a quote and a table', mixedMarkdown, false, 0.985],
];

/** Every table cell's text of the article. */
function cellTexts(article: Article): string[] {
  return article.blocks.flatMap((b) => (b.type === 'table' ? [...b.header, ...b.rows.flat()].map((cell) => inlineText(cell).trim()) : [])).filter((t) => t !== '');
}
/** pdf.js's text with a space put back between two cells it joined (each cell's text found whole). */
function splitCells(text: string, article: Article): string {
  let out = text;
  for (const cell of cellTexts(article)) out = out.split(cell).join(` ${cell} `);
  return out;
}

describe.each(cases)('text layer of %s', (_name, make, oneFontPerLine, popplerShare) => {
  let article: Article;
  let pdf: Uint8Array;
  let expected: string;
  const diagnostics = collector();
  beforeAll(async () => {
    article = await make();
    pdf = await renderPdf(article, renderContext({ diagnostics }));
    expected = articleText(article);
  });

  /** An extraction has the article's words in reading order, none reversed, every number, no presentation forms. */
  const expectReadBack = (text: string, share = 0.995): void => {
    const result = compare(expected, text);
    expect(result.share, `missing: ${result.missing.join(' ')}`).toBeGreaterThanOrEqual(share);
    expect(result.reversed).toEqual([]);
    expect(result.missingNumbers).toEqual([]);
    expect(text).not.toMatch(PRESENTATION_FORMS);
  };

  it('comes back from pdf.js in reading order, unreversed, numbers intact', async () => {
    // Known limit: pdf.js joins two cells of an RTL table row with no space between them (it drops the
    // space at the jump back to the left); the table's words are checked cell by cell in e2e/blocks.test.ts.
    expectReadBack(splitCells(await pdfjsText(pdf), article));
  });

  it.skipIf(!POPPLER)('comes back from pdftotext in reading order, unreversed, numbers intact', () => {
    expectReadBack(pdftotext(pdf), popplerShare);
  });

  it('comes back in reading order from its structure tree (each piece\'s /ActualText)', async () => {
    expectReadBack(await structureText(pdf));
  });

  it('keeps every haraka on its letter in pdf.js and pdftotext', async () => {
    // pdf.js skips a mark's position: a word-final haraka that is visually first after a word space came
    // back cut off («مَشْكُول ٌ»), and one first on its line came back at the end of the line before.
    const readers = [splitCells(await pdfjsText(pdf), article), ...(POPPLER ? [pdftotext(pdf)] : [])];
    for (const text of readers) {
      const result = compare(expected, text, { marks: true });
      expect(result.share, `missing: ${result.missing.join(' ')}`).toBeGreaterThanOrEqual(Math.min(popplerShare, 0.99));
    }
  });

  it('lets Firefox find every word, with its harakat (match diacritics) and without', async () => {
    // As pdf.js's find bar searches: in the page text its items make, whole words as typed.
    const text = (await pdfjsText(pdf)).normalize('NFC');
    const bare = (t: string): string => t.replace(/\p{M}/gu, '');
    const words = [...new Set(letterWords(expected.normalize('NFC')))];
    expect(words.filter((w) => !text.includes(w))).toEqual([]);
    expect(words.filter((w) => !bare(text).includes(bare(w)))).toEqual([]);
  });

  it('keeps each ZWNJ inside its word in pdf.js and pdftotext (Persian «کنترل‌ها», not «کنترلها»)', async () => {
    // pdf.js drops a glyph whose text ends in a format character: a ZWNJ of its own CID was lost.
    const joined = [...new Set(expected.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+(?:\u200c[\p{L}\p{M}\p{N}]+)+/gu) ?? [])];
    if (_name === 'a Persian article') expect(joined.length).toBeGreaterThan(3);
    const readers = { 'pdf.js': await pdfjsText(pdf), ...(POPPLER ? { pdftotext: pdftotext(pdf) } : {}) };
    for (const [reader, text] of Object.entries(readers)) {
      const back = withoutBidiControls(text.normalize('NFC'));
      expect(joined.filter((w) => !back.includes(w)), reader).toEqual([]);
    }
  });

  it.skipIf(!oneFontPerLine).each(Object.entries(CONTENT_ORDER).filter(([, read]) => read !== undefined))('keeps every word and number in %s, which reads Arabic words letter-reversed', (reader, read) => {
    if (!read) throw new Error('filtered out above');
    // MuPDF 1.21 and Ghostscript's txtwrite take glyphs in content order, which is visual for every
    // right-to-left PDF (readers.test.ts shows why it must stay so): a known limit (README). What they
    // must still give: every number intact, and each word either as written or letter for letter reversed.
    // (A line cut into pieces, written in reading order for pdf.js, can also glue two words at a piece's
    // edge in them: only articles of one font per line are held to this.)
    // Ghostscript 10.00 also garbles the second code point of a multi-character ToUnicode entry (it reads
    // the low bytes of the first and the second): the marked word spaces pdf.js needs (text-layer.ts)
    // come back as U+200F U+0F20, read here as the space they are.
    // For the same reason it garbles the letter that carries a Persian ZWNJ (a ZWNJ of its own CID is lost
    // in pdf.js, see glyph-text.ts): pdf.js, the far more used reader, wins; such words are not asked of it.
    let text = read(pdf);
    const garbled = new Set<string>();
    if (reader === 'ghostscript') {
      text = text.replace(/\u200f\u0f20/gu, ' ');
      for (const word of expected.match(/\S*\u200c\S*/gu) ?? []) for (const part of extractedWords(word)) garbled.add(part);
    }
    const result = compare(expected, text);
    expect(result.missingNumbers).toEqual([]);
    const got = new Map<string, number>();
    for (const word of extractedWords(text)) got.set(word, (got.get(word) ?? 0) + 1);
    const missing = extractedWords(expected).filter((word) => !garbled.has(word)).filter((word) => {
      const key = [word, [...word].reverse().join('')].find((w) => (got.get(w) ?? 0) > 0);
      if (key !== undefined) got.set(key, (got.get(key) ?? 0) - 1);
      return key === undefined;
    });
    expect(missing).toEqual([]);
  });

  it.runIf(oneFontPerLine)('gives pdf.js one text item per line', async () => {
    // A line that pdf.js splits into items is read piecewise, in content order: for RTL that is reversed.
    // A line whose leftmost glyph is a haraka used to give that haraka an item of its own.
    const items = await pdfjsItems(pdf);
    const perLine = new Map<string, string[]>();
    for (const item of items) perLine.set(`${item.page}:${item.y}`, [...(perLine.get(`${item.page}:${item.y}`) ?? []), item.str]);
    const split = [...perLine.values()].filter((parts) => parts.length > 1);
    expect(split).toEqual([]);
    expect(perLine.size).toBeGreaterThan(5);
  });

  it('renders without warnings', () => {
    expect(diagnostics.messages).toEqual([]);
  });
});

describe('the comparison itself', () => {
  it('notices reversed words, lost numbers and words out of order', () => {
    const result = compare('قمة ألاسكا يوم 15 أغسطس 2025', 'ةمق ألاسكا يوم 51 أغسطس 2025');
    expect(result.reversed).toEqual(['ةمق', '51']);
    expect(result.missingNumbers).toEqual(['15']);
    expect(compare('واحد اثنان ثلاثة', 'ثلاثة اثنان واحد').share).toBeCloseTo(1 / 3);
    expect(compare('أَخِيرًا، الحرب.', 'أخيرا الحرب').share).toBe(1);
    expect(compare('يوم 15 أغسطس', '\u202bيوم \u202a 15\u202cأغسطس\u202c').share).toBe(1);
  });
});

describe('lines that pdf.js would read in the wrong direction', () => {
  // pdf.js calls an item LTR when under 30 % of its characters are Arabic: such lines are written as
  // one item per direction, in logical order.
  const line = (lang: 'ar' | 'en', value: string): Article =>
    resolveArticle({ meta: { title: lang === 'ar' ? 'روابط' : 'Links', lang }, blocks: [paragraph(value)] });

  it.each([
    ['an Arabic line that is mostly a URL', line('ar', 'المصدر: https://example.org/reports/2025/annual-summary')],
    ['an Arabic line that is mostly English', line('ar', 'قال: The quick brown fox jumps over the lazy dog')],
    ['an English line that is mostly Arabic', line('en', 'He said: قمة ألاسكا اختبار جديد للعلاقات الروسية الأمريكية')],
  ])('reads %s in order in pdf.js', async (_name, article) => {
    const pdf = await renderPdf(article, renderContext());
    const expected = articleText(article);
    expect(compare(expected, await pdfjsText(pdf)).share).toBe(1);
    // Poppler takes a line's direction from its majority script and orders the two parts by it: every
    // word comes back, intact, but such a line's two halves swap. A poppler limit: geometry cannot say more.
    if (POPPLER) expect([...extractedWords(pdftotext(pdf))].sort()).toEqual([...extractedWords(expected), '1'].sort());
  });
});

describe('a line with word gaps wider than pdf.js allows within one item', () => {
  it('still reads as one item, in order', async () => {
    const article = resolveArticle({ meta: { title: 'فجوات' }, blocks: [paragraph('كتب المؤلف كلمات قليلة في يوم 15 أغسطس')] });
    const context = renderContext();
    const geometry = pageGeometry(context.theme, article.meta.dir === 'rtl');
    const blocks = layoutArticle(article, context, measureOf(geometry));
    // Widen every word space of the paragraph to 0.9 em (pdf.js starts a new item past 0.6 em; poppler
    // itself splits a line at gaps of about 1.1 em, so wider is not asked).
    const laid = blocks[blocks.length - 1] as LaidOutBlock;
    const widened: LaidOutBlock = {
      ...laid,
      lines: laid.lines.map((line) => {
        let x = 0;
        const runs = line.runs.map((run) => {
          const glyphs = run.glyphs.map((g) => (g.text === ' ' ? { ...g, advance: 0.9 * run.style.size } : g));
          const width = glyphs.reduce((sum, g) => sum + g.advance, 0);
          const out = { ...run, glyphs, x, width };
          x += width;
          return out;
        });
        return { ...line, runs };
      }),
    };
    const pdf = await renderBlocks(article, context, [...blocks.slice(0, -1), widened], geometry);
    const body = (await pdfjsItems(pdf)).filter((item) => item.y === Math.round(item.y) && item.str.length > 1 && !item.str.includes('فجوات'));
    expect(body.map((item) => item.str)).toHaveLength(1);
    expect(compare(articleText(article), await pdfjsText(pdf)).share).toBe(1);
    if (POPPLER) expect(compare(articleText(article), pdftotext(pdf)).share).toBe(1);
  });
});

describe('a line with spaces in a row (a JSON model\'s text as typed, or a Markdown cell padded)', () => {
  // pdf.js takes the spaces of a run for one gap, as wide as all of them; past 0.6 em it starts a new item
  // there and gives the items in content order: the two halves of the line came back swapped.
  it('reads as one item, in order, in pdf.js and pdftotext', async () => {
    const text = 'أصبح مفهوم المحيط الفيزيائي التقليدي مثل الجدران النارية   والتحكم في الوصول أقل فعالية';
    const article = resolveArticle({ meta: { title: 'فراغات' }, blocks: [paragraph(text)] });
    const pdf = await renderPdf(article, renderContext());
    const body = (await pdfjsItems(pdf)).filter((item) => item.str.includes('النارية') || item.str.includes('والتحكم'));
    expect(body.map((item) => item.str)).toHaveLength(1);
    expect(compare(articleText(article), await pdfjsText(pdf)).share).toBe(1);
    if (POPPLER) expect(compare(articleText(article), pdftotext(pdf)).share).toBe(1);
  });
});

describe('a word stretched by kashida', () => {
  it('comes back whole from pdf.js and pdftotext, however long the kashida', async () => {
    const article = resolveArticle({
      meta: { title: 'كشيدة' },
      blocks: [paragraph('بعد شهور من التكهنات حول إمكانية عقد قمة بين الرئيس الأمريكي والرئيس الروسي في ولاية ألاسكا يوم 15 أغسطس المقبل، تم الإعلان أخيرًا عن لقاء مرتقب بين الزعيمين.')],
    });
    const context = renderContext({ theme: { ...loadTheme(), justify: 'kashida' } });
    const geometry = pageGeometry(context.theme, true);
    const blocks = layoutArticle(article, context, measureOf(geometry));
    // Lengthen the first kashida of the paragraph to 0.9 em: past the gap at which pdf.js starts a new
    // item and far past the one at which poppler starts a new word.
    const laid = blocks[blocks.length - 1] as LaidOutBlock;
    let stretched = false;
    const lines = laid.lines.map((line) => {
      let x = 0;
      const runs = line.runs.map((run) => {
        const glyphs = run.glyphs.map((g, i) => {
          // Kashidas carry no text; the first one of the paragraph (not a run's first glyph).
          if (stretched || g.text !== '' || i === 0) return g;
          stretched = true;
          return { ...g, advance: 0.9 * run.style.size };
        });
        const width = glyphs.reduce((sum, g) => sum + g.advance, 0);
        const out = { ...run, glyphs, x, width };
        x += width;
        return out;
      });
      return { ...line, runs };
    });
    expect(stretched).toBe(true);
    const pdf = await renderBlocks(article, context, [...blocks.slice(0, -1), { ...laid, lines }], geometry);
    expect(compare(articleText(article), await pdfjsText(pdf)).share).toBe(1);
    expect(compare(articleText(article), await pdfjsText(pdf), { marks: true }).share).toBe(1);
    if (POPPLER) expect(compare(articleText(article), pdftotext(pdf)).share).toBe(1);
  });
});

describe('code in a right-to-left article', () => {
  it('reads left to right, Arabic comments included', async () => {
    const article = resolveArticle({
      meta: { title: 'شيفرة', lang: 'ar' },
      blocks: [{ type: 'code', value: 'const total = price * 2; // السعر مضاعفا مرتين', lang: 'js' }],
    });
    const pdf = await renderPdf(article, renderContext());
    expect(compare(articleText(article), await pdfjsText(pdf)).share).toBe(1);
  });
});
