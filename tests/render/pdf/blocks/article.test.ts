// Every kind of model block and inline, in RTL and LTR articles, as layoutArticle sets them.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveArticle, type Block } from '../../../../src/model/index.js';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import type { GlyphRun, Line } from '../../../../src/render/pdf/paragraph/types.js';
import type { LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { article, paragraph, paragraphOf } from '../../../support/articles.js';
import { collector, renderContext } from '../../../support/context.js';
import { png } from '../../../support/images.js';
import { tempDir } from '../../../support/temp.js';
import { defaultMeasure, expectedVisual, lineLeft, lineRight, visualChars, visualGlyphs } from '../layout-helpers.js';

const theme = loadTheme();
const measure = defaultMeasure();

function runsOf(block: LaidOutBlock | undefined): GlyphRun[] {
  return block?.lines.flatMap((l) => l.runs) ?? [];
}

function textOf(block: LaidOutBlock | undefined): string {
  return block?.lines.map((l) => l.text).join('') ?? '';
}

function checkVisual(lines: Line[], dir: 'rtl' | 'ltr'): void {
  const text = lines.map((l) => l.text).join('');
  let offset = 0;
  for (const line of lines) {
    expect(visualChars(line).join('')).toBe(expectedVisual(text, offset, offset + line.text.length, dir).join(''));
    offset += line.text.length;
  }
}

const ENGLISH =
  'The summit in Alaska on 15 August 2025 was the first meeting of the two presidents in years. Analysts in Washington and Moscow ' +
  'disagreed about what it could achieve, and the word قمة appeared in every Arabic headline. Neither side expected a breakthrough; ' +
  'both wanted to be seen talking, and both left with less than they had hoped for.';

describe('an English (LTR) article', () => {
  const diagnostics = collector();
  const blocks = layoutArticle(
    resolveArticle({ meta: { title: 'What Putin wants', lang: 'en' }, blocks: [{ type: 'heading', level: 2, children: [{ type: 'text', value: 'Why now?' }] }, paragraph(ENGLISH)] }),
    renderContext({ theme, diagnostics }),
    300,
  );

  it('justifies to both edges, sets the last line and headings flush left', () => {
    const [title, heading, body] = blocks;
    expect(lineLeft(title?.lines[0] as Line)).toBe(0);
    expect(heading?.role).toBe('H2');
    expect(heading?.lines[0]?.runs[0]?.style.size).toBe(theme.sizes.heading[1]);
    expect(lineLeft(heading?.lines[0] as Line)).toBe(0);
    const lines = body?.lines ?? [];
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(0, -1)) {
      expect(Math.abs(lineLeft(line))).toBeLessThan(0.5);
      expect(Math.abs(lineRight(line) - 300)).toBeLessThan(0.5);
    }
    const last = lines.at(-1) as Line;
    expect(lineLeft(last)).toBe(0);
    expect(lineRight(last)).toBeLessThan(299);
    expect(textOf(body)).toBe(ENGLISH);
    checkVisual(lines, 'ltr');
    expect(diagnostics.messages).toEqual([]);
  });

  it('sets an Arabic word inside English right to left', () => {
    const line = blocks[2]?.lines.find((l) => l.text.includes('قمة'));
    const run = line?.runs.find((r) => r.rtl);
    expect(run?.lang).toBe('ar');
    expect(run?.glyphs.map((g) => g.text).reverse().join('')).toBe('قمة');
  });

  it('uses English quotation marks for quotes', () => {
    const [, b] = layoutArticle(
      resolveArticle({ meta: { title: 'T', lang: 'en' }, blocks: [paragraphOf([{ type: 'text', value: 'He said ' }, { type: 'quote', children: [{ type: 'text', value: 'no' }] }, { type: 'text', value: '.' }])] }),
      renderContext(),
      measure,
    );
    expect(textOf(b)).toBe('He said \u201Cno\u201D.');
  });
});

describe('a Persian article', () => {
  it('keeps ZWNJ, Persian digits in order, and tags runs fa', () => {
    const text = 'می‌خواهم این کتاب‌ها را در سال ۱۴۰۳ بخوانم.';
    const blocks = layoutArticle(article([paragraph(text)], 'fa', 'کتاب‌ها'), renderContext(), measure);
    const body = blocks[1];
    expect(textOf(body)).toBe(text);
    expect(textOf(blocks[0])).toBe('کتاب‌ها');
    const glyphTexts = runsOf(body).flatMap((r) => r.glyphs.map((g) => g.text)).join('');
    expect(glyphTexts).toContain('\u200C');
    const order = visualGlyphs(body?.lines[0] as Line).map(({ glyph }) => glyph.text).filter((t) => t !== '');
    expect(order.join('')).toContain('۱۴۰۳');
    expect(order[0]).toBe('.');
    expect(runsOf(body).every((r) => r.lang === 'fa')).toBe(true);
    checkVisual(body?.lines ?? [], 'rtl');
  });
});

describe('inline styles', () => {
  const blocks = layoutArticle(
    article([
      paragraphOf([
        { type: 'text', value: 'نص عادي ' },
        { type: 'emphasis', children: [{ type: 'text', value: 'مائل' }] },
        { type: 'text', value: ' و' },
        { type: 'strong', children: [{ type: 'text', value: 'عريض ' }, { type: 'emphasis', children: [{ type: 'text', value: 'ومائل' }] }] },
        { type: 'text', value: ' ثم ' },
        { type: 'link', url: 'https://example.org/a', children: [{ type: 'text', value: 'رابط' }] },
        { type: 'text', value: ' و' },
        { type: 'quote', children: [{ type: 'text', value: 'اقتباس' }] },
        { type: 'text', value: ' و' },
        { type: 'code', value: 'x = 1' },
        { type: 'break' },
        { type: 'text', value: 'سطر جديد.' },
      ]),
    ]),
    renderContext(),
    measure,
  );
  const body = blocks[1];
  // The run whose text (in logical order) is exactly `text`, give or take surrounding spaces.
  const runFor = (text: string): GlyphRun | undefined =>
    runsOf(body).find((r) => (r.rtl ? [...r.glyphs].reverse() : r.glyphs).map((g) => g.text).join('').trim() === text);

  it('maps emphasis to italic, strong to bold, both to bold italic', () => {
    expect(runFor('مائل')?.style.face.key).toBe('Amiri-Italic');
    expect(runFor('عريض')?.style.face.key).toBe('Amiri-Bold');
    expect(runFor('ومائل')?.style.face.key).toBe('Amiri-BoldItalic');
    expect(runFor('نص عادي')?.style.face.key).toBe('Amiri-Regular');
  });

  it('colours links and carries their address', () => {
    const link = runFor('رابط');
    expect(link?.style.link).toBe('https://example.org/a');
    expect(link?.style.color).toBe(theme.colours.link);
    expect(runFor('نص عادي')?.style.link).toBeUndefined();
    expect(runFor('نص عادي')?.style.color).toBe(theme.colours.text);
  });

  it('quotes with guillemets in Arabic, sets code in the theme\'s code face, and breaks the line at a break', () => {
    expect(textOf(body)).toContain('«اقتباس»');
    expect(runFor('x = 1')?.style.face.key).toBe('JetBrainsMono-Regular');
    expect(body?.lines.length).toBe(2);
    expect(body?.lines[1]?.text).toBe('سطر جديد.');
    expect(body?.lines[0]?.text.endsWith('\n')).toBe(true);
    // The line before a break is not stretched to the measure.
    expect(lineLeft(body?.lines[0] as Line)).toBeGreaterThan(1);
  });
});

describe('a style change inside an Arabic word', () => {
  it('keeps the letters joined across it', () => {
    const blocks = layoutArticle(
      article([paragraphOf([{ type: 'text', value: 'قال بو' }, { type: 'link', url: 'https://example.org', children: [{ type: 'text', value: 'تين' }] }, { type: 'text', value: ' ذلك.' }])]),
      renderContext(),
      measure,
    );
    const line = blocks[1]?.lines[0] as Line;
    expect(line.text).toBe('قال بوتين ذلك.');
    const whole = layoutArticle(article([paragraph('قال بوتين ذلك.')]), renderContext(), measure)[1]?.lines[0] as Line;
    // Same glyphs, in the same visual order, as the word set in one style: joined forms on both sides.
    const ids = (l: Line): number[] => visualGlyphs(l).map(({ glyph }) => glyph.glyphId);
    expect(ids(line)).toEqual(ids(whole));
    const link = line.runs.find((r) => r.style.link);
    expect([...(link?.glyphs ?? [])].reverse().map((g) => g.text).join('')).toBe('تين');
  });
});

describe('block kinds', () => {
  const dir = tempDir('warraq-layout-');
  writeFileSync(path.join(dir, 'map.png'), png(400, 200));
  writeFileSync(path.join(dir, 'tall.png'), png(300, 3000));
  const model: Block[] = [
    { type: 'list', ordered: true, items: [[paragraph('البند الأول')], [paragraph('البند الثاني')]] },
    { type: 'list', ordered: false, items: [[paragraph('نقطة')]] },
    { type: 'blockquote', children: [paragraph('قول مأثور طويل بعض الشيء.')] },
    { type: 'code', value: 'const a = 1;\n\tif (a) {}' },
    { type: 'figure', src: 'map.png', alt: 'خريطة', caption: [{ type: 'text', value: 'خريطة ألاسكا' }] },
    { type: 'figure', src: 'missing.png', alt: 'صورة', caption: [] },
    { type: 'figure', src: 'tall.png', alt: 'طويلة', caption: [] },
    { type: 'thematicBreak' },
    { type: 'table', header: [[{ type: 'text', value: 'البلد' }], [{ type: 'text', value: 'العدد' }]], rows: [[[{ type: 'text', value: 'روسيا' }], [{ type: 'text', value: '15' }]]] },
  ];
  const diagnostics = collector();
  const context = renderContext({ theme, diagnostics, resourceDir: dir });
  const blocks = layoutArticle(resolveArticle({ meta: { title: 'عنوان', lang: 'ar', authors: ['سارة أحمد'], date: '2025-08-15' }, blocks: model }), context, measure);

  it('adds a byline with the authors and the date in the article language', () => {
    expect(blocks[1]?.role).toBe('P');
    expect(textOf(blocks[1])).toContain('سارة أحمد');
    // The date as the article's locale writes it (Node's ICU data decides the digits).
    expect(textOf(blocks[1])).toMatch(/15 أغسطس 2025|١٥ أغسطس ٢٠٢٥/);
    expect(runsOf(blocks[1])[0]?.style.color).toBe(theme.colours.muted);
  });

  it('falls back to the ISO date for a language tag ICU refuses', () => {
    const odd = layoutArticle(resolveArticle({ meta: { title: 'عنوان', lang: 'ar-1', date: '2025-08-15' }, blocks: [] }), renderContext(), measure);
    expect(textOf(odd[1])).toBe('2025-08-15');
  });

  it('numbers ordered lists in the article\'s (Western) digits with the marker hung on the right', () => {
    const items = blocks.filter((b) => b.role === 'LI');
    expect(items.map(textOf)).toEqual(['1. البند الأول', '2. البند الثاني', '• نقطة']);
    for (const item of items) {
      // The text is set a hang further in; the first line reaches back out over it with the marker.
      expect(item.indent).toBe(24 + 18);
      expect(item.lines[0]?.outdent).toBe(18);
      const glyphs = visualGlyphs(item.lines[0] as Line).filter(({ glyph }) => glyph.text.trim() !== '');
      // The marker is the rightmost thing on the line.
      expect(['1', '2', '•']).toContain(glyphs.at(-1)?.glyph.text);
      expect(lineRight(item.lines[0] as Line)).toBeCloseTo(item.lines[0]?.measure ?? 0, 3);
    }
  });

  it('shows the marker of an item that starts with a nested list above that list', () => {
    const nested = layoutArticle(
      article([{ type: 'list', ordered: false, items: [[{ type: 'list', ordered: true, items: [[paragraph('أ')], [paragraph('ب')]] }]] }]),
      renderContext(),
      measure,
    );
    expect(nested.slice(1).map((b) => [textOf(b), b.indent - (b.lines[0]?.outdent ?? 0)])).toEqual([
      ['•', 24],
      ['1. أ', 48],
      ['2. ب', 48],
    ]);
  });

  it('indents quotes, keeps code left to right with its line breaks', () => {
    const quote = blocks.find((b) => b.role === 'BlockQuote');
    expect(quote?.indent).toBe(24);
    expect(quote?.lines[0]?.measure).toBeCloseTo(measure - 24, 6);
    const code = blocks.find((b) => b.role === 'Code');
    expect(code?.lines.map((l) => l.text)).toEqual(['const a = 1;', '    if (a) {}']);
    for (const line of code?.lines ?? []) expect(lineLeft(line)).toBe(0);
    expect(code?.lines[0]?.runs.every((r) => !r.rtl || r.glyphs.every((g) => g.text.trim() === ''))).toBe(true);
  });

  it('sizes figures from the image, and warns and keeps the caption when the file is missing', () => {
    const figures = blocks.filter((b) => b.role === 'Caption');
    expect(figures[0]?.image).toMatchObject({ path: path.join(dir, 'map.png'), width: 300, height: 150 });
    expect(textOf(figures[0])).toBe('خريطة ألاسكا');
    expect(figures[1]?.image).toBeUndefined();
    // A tall image is scaled to 60 % of the text block's height (A4: 697.89 pt): the one cap, which
    // pagination used to apply a second time over the layout's 75 %, so the page showed 60 % already.
    expect(figures[2]?.image?.height).toBeCloseTo(697.89 * 0.6, 2);
    expect(figures[2]?.image?.width).toBeCloseTo((300 * 0.75 * 697.89 * 0.6) / (3000 * 0.75), 2);
    expect(textOf(figures[1])).toBe('صورة');
    expect(diagnostics.messages.some((m) => m.includes('missing.png'))).toBe(true);
  });

  it('draws a rule for a thematic break and sets a table cell by cell, the first column on the right', () => {
    expect(blocks.some((b) => b.rule === true && b.lines.length === 0)).toBe(true);
    const cells = blocks.filter((b) => b.cell !== undefined);
    expect(cells.map((b) => [b.role, textOf(b)])).toEqual([['TH', 'البلد'], ['TH', 'العدد'], ['TD', 'روسيا'], ['TD', '15']]);
    expect(runsOf(cells[0])[0]?.style.face.key).toBe('Amiri-Bold');
    expect(cells[0]!.cell!.boxX).toBeGreaterThan(cells[1]!.cell!.boxX);
    expect(cells[0]!.cell!.boxX + cells[0]!.cell!.width).toBeCloseTo(cells[0]!.cell!.tableWidth, 6);
  });
});

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

describe('text the fonts cannot set', () => {
  it.skipIf(!existsSync(DEJAVU))('takes a character Amiri lacks from the theme\'s fallback font', () => {
    const diagnostics = collector();
    const withFallback = { ...theme, fonts: { body: theme.fonts.body, fallback: [{ family: 'DejaVu Sans', regular: DEJAVU }] } };
    const text = 'إذا كان س ≤ ٥ فإن الشرط متحقق.';
    const blocks = layoutArticle(article([paragraph(text)]), renderContext({ theme: withFallback, diagnostics }), measure);
    expect(diagnostics.messages).toEqual([]);
    const run = runsOf(blocks[1]).find((r) => r.glyphs.some((g) => g.text === '≤'));
    expect(run?.style.face.key).toBe('DejaVuSans');
    expect(run?.glyphs.find((g) => g.text === '≤')?.glyphId).not.toBe(0);
    expect(textOf(blocks[1])).toBe(text);
    // Without the fallback the same text warns once and draws .notdef.
    const alone = collector();
    layoutArticle(article([paragraph(text)]), renderContext({ theme: { ...theme, fonts: { body: theme.fonts.body, fallback: [] } }, diagnostics: alone }), measure);
    expect(alone.messages).toEqual(['no font has U+2264 ≤; drawn as a missing glyph']);
  });

  it('draws a missing glyph and warns once per character', () => {
    const diagnostics = collector();
    // 日: in no bundled face (the default theme's chain ends with Noto Emoji, which draws the 😀).
    const text = 'ضحك 😀 كثيرا 日 اليوم 日.';
    const blocks = layoutArticle(article([paragraph(text)]), renderContext({ theme, diagnostics }), measure);
    expect(diagnostics.messages).toEqual(['no font has U+65E5 日; drawn as a missing glyph']);
    expect(textOf(blocks[1])).toBe(text);
    const missing = runsOf(blocks[1]).flatMap((r) => r.glyphs).filter((g) => g.text === '日');
    expect(missing.map((g) => g.glyphId)).toEqual([0, 0]);
    expect(runsOf(blocks[1]).find((r) => r.glyphs.some((g) => g.text === '😀'))?.style.face.key).toBe('NotoEmoji-Regular');
  });

  it('breaks a word longer than the line at grapheme boundaries', () => {
    const url = 'https://example.org/'.concat('abcdefghij'.repeat(12));
    const text = `انظر ${url} للمزيد.`;
    const blocks = layoutArticle(article([paragraph(text)]), renderContext(), 150);
    const lines = blocks[1]?.lines ?? [];
    expect(lines.length).toBeGreaterThan(4);
    expect(textOf(blocks[1])).toBe(text);
    for (const line of lines) {
      for (const run of line.runs) {
        expect(run.x).toBeGreaterThanOrEqual(-1e-6);
        expect(run.x + run.width).toBeLessThanOrEqual(150 + 1e-6);
      }
    }
    checkVisual(lines, 'rtl');
  });

  it('breaks a long word made of differently styled parts between its parts rather than overflow', () => {
    const parts = ['abcdefghij', 'klmnopqrst', 'uvwxyzabcd', 'efghijklmn', 'opqrstuvwx'];
    const children = parts.map((value, i) => (i % 2 === 0 ? { type: 'text' as const, value } : { type: 'strong' as const, children: [{ type: 'text' as const, value }] }));
    const blocks = layoutArticle(resolveArticle({ meta: { title: 'T', lang: 'en' }, blocks: [paragraphOf(children)] }), renderContext(), 120);
    const lines = blocks[1]?.lines ?? [];
    expect(lines.length).toBeGreaterThan(1);
    expect(textOf(blocks[1])).toBe(parts.join(''));
    for (const line of lines) expect(lineRight(line)).toBeLessThanOrEqual(120 + 1e-6);
  });
});
