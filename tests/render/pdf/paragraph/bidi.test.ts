// Mixed-direction text inside Arabic paragraphs: numbers, percentages, dates, Latin names, an English
// sentence, brackets and Arabic-Indic digits. Each case is checked on the line's logical text, on the
// visual order of its glyphs against a character-level UAX #9 oracle, and on the specific order a reader
// would look at.
import { describe, expect, it } from 'vitest';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import { faceChain } from '../../../../src/render/pdf/fonts/faces.js';
import { shape } from '../../../../src/render/pdf/paragraph/shape.js';
import type { Line } from '../../../../src/render/pdf/paragraph/types.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { article, paragraph } from '../../../support/articles.js';
import { collector, renderContext } from '../../../support/context.js';
import { defaultMeasure, expectedVisual, lineLeft, lineRight, visualChars, visualGlyphs } from '../layout-helpers.js';

const theme = loadTheme();
const face = faceChain(theme, 'regular')[0]!;

function lay(text: string, measure = defaultMeasure()): Line[] {
  const diagnostics = collector();
  const blocks = layoutArticle(article([paragraph(text)]), renderContext({ theme, diagnostics }), measure);
  expect(diagnostics.messages).toEqual([]);
  const lines = blocks[1]?.lines ?? [];
  expect(lines.map((l) => l.text).join('')).toBe(text);
  let offset = 0;
  for (const line of lines) {
    const visual = visualGlyphs(line).flatMap(({ run, glyph }) => (run.rtl ? [...glyph.text].reverse() : [...glyph.text]));
    expect(visual.join('')).toBe(expectedVisual(text, offset, offset + line.text.length, 'rtl').join(''));
    offset += line.text.length;
  }
  return lines;
}

/** The glyph texts of a line, left to right, with empty texts (marks, ligature tails) dropped. */
function leftToRight(line: Line): string[] {
  return visualGlyphs(line)
    .map(({ glyph }) => glyph.text)
    .filter((t) => t !== '');
}

/** True if `part` occurs in `whole` as consecutive elements. */
function contains(whole: string[], part: string[]): boolean {
  for (let i = 0; i + part.length <= whole.length; i++) if (part.every((p, j) => whole[i + j] === p)) return true;
  return false;
}

function glyphX(line: Line, text: string, nth = 0): number {
  const found = visualGlyphs(line).filter(({ glyph }) => glyph.text === text);
  const hit = found[nth];
  if (!hit) throw new Error(`no glyph for ${text} on the line`);
  return hit.x;
}

describe('bidi inside Arabic paragraphs', () => {
  it('keeps numbers left to right and ends the line with its full stop on the left', () => {
    const [line] = lay('يوم 15 أغسطس 2025.');
    expect(line).toBeDefined();
    if (!line) return;
    const order = leftToRight(line);
    expect(contains(order, ['2', '0', '2', '5'])).toBe(true);
    expect(contains(order, ['1', '5'])).toBe(true);
    expect(order[0]).toBe('.');
    // Reading from the right: يوم, then 15, then أغسطس, then 2025.
    expect(glyphX(line, '1')).toBeLessThan(glyphX(line, 'ي'));
    expect(glyphX(line, '2')).toBeLessThan(glyphX(line, 'أ'));
    expect(glyphX(line, 'أ')).toBeLessThan(glyphX(line, '1'));
    // The digits' glyphs are the font's LTR-shaped digits, not a reversed Arabic run.
    const digits = [...shape(face, '2025', { rtl: false, script: 'arab', language: 'ARA ' }).glyphs].map((g) => g.glyphId);
    const drawn = visualGlyphs(line).filter(({ glyph }) => /^[0-9]$/.test(glyph.text)).map(({ glyph }) => glyph.glyphId);
    expect(contains(drawn.map(String), digits.map(String))).toBe(true);
    // The last line of an RTL paragraph is set flush right.
    expect(lineRight(line)).toBeCloseTo(line.measure, 3);
    expect(lineLeft(line)).toBeGreaterThan(100);
  });

  it('orders percentages with the Latin and the Arabic percent sign', () => {
    const [line] = lay('ارتفعت الأسعار بنسبة 25% هذا العام و٣٠٪ في العام الماضي.');
    if (!line) throw new Error('no line');
    const order = leftToRight(line);
    // After Arabic letters, digits are Arabic numbers (UAX #9 W2), so the percent sign is not absorbed
    // into them: both read right to left as number, then per cent, with the sign on the digits' left.
    expect(contains(order, ['%', '2', '5'])).toBe(true);
    expect(contains(order, ['٪', '٣', '٠'])).toBe(true);
    expect(order[0]).toBe('.');
  });

  it('orders dates as UAX #9 does: slashed dates whole, hyphenated ones part by part', () => {
    const [line] = lay('عقد الاجتماع في 2025/08/15 ثم في 15-08-2025 مرة أخرى.');
    if (!line) throw new Error('no line');
    const order = leftToRight(line);
    // A slash between numbers joins them (UAX #9 W4): the date stays one left-to-right piece.
    expect(contains(order, [...'2025/08/15'])).toBe(true);
    // A hyphen after Arabic letters does not (numbers there are Arabic numbers): each number stays
    // left to right, and the parts read right to left, day first, as in a browser.
    expect(contains(order, [...'2025-08-15'])).toBe(true);
  });

  it('sets Latin names left to right, inside mirrored parentheses', () => {
    const text = 'التقى ترامب (Donald Trump) بالرئيس بوتين في ألاسكا.';
    const [line] = lay(text);
    if (!line) throw new Error('no line');
    const order = leftToRight(line);
    expect(contains(order, [...'Donald Trump'])).toBe(true);
    // The opening parenthesis (logically first) is on the right of the name and drawn mirrored.
    const open = visualGlyphs(line).find(({ glyph }) => glyph.text === '(');
    const close = visualGlyphs(line).find(({ glyph }) => glyph.text === ')');
    if (!open || !close) throw new Error('parentheses missing');
    expect(open.x).toBeGreaterThan(glyphX(line, 'p'));
    expect(close.x).toBeLessThan(glyphX(line, 'D'));
    expect(open.glyph.glyphId).toBe(face.font.glyphFor(0x29));
    expect(close.glyph.glyphId).toBe(face.font.glyphFor(0x28));
  });

  it('mirrors parentheses around Arabic text', () => {
    const [line] = lay('قال المتحدث (في تصريح صحفي) إن القمة مهمة.');
    if (!line) throw new Error('no line');
    const open = visualGlyphs(line).find(({ glyph }) => glyph.text === '(');
    const close = visualGlyphs(line).find(({ glyph }) => glyph.text === ')');
    if (!open || !close) throw new Error('parentheses missing');
    // In RTL the opening bracket is on the right, so it is drawn with the glyph of ")".
    expect(open.x).toBeGreaterThan(close.x);
    expect(open.glyph.glyphId).toBe(face.font.glyphFor(0x29));
    expect(close.glyph.glyphId).toBe(face.font.glyphFor(0x28));
    expect(open.x).toBeGreaterThan(glyphX(line, 'ف'));
    expect(close.x).toBeLessThan(glyphX(line, 'ص'));
  });

  it('sets an English sentence left to right within the Arabic line', () => {
    const [line] = lay('وقال المتحدث باسم البيت الأبيض: We will not give up on peace. ثم غادر القاعة.');
    if (!line) throw new Error('no line');
    const order = leftToRight(line);
    expect(contains(order, [...'We will not give up on peace'])).toBe(true);
    // The sentence sits between the Arabic before it (on its right) and after it (on its left).
    expect(glyphX(line, 'W')).toBeLessThan(glyphX(line, 'ب'));
    expect(glyphX(line, 'W')).toBeGreaterThan(glyphX(line, 'ث'));
    expect(glyphX(line, 'W')).toBeLessThan(glyphX(line, 'p'));
  });

  it('keeps Arabic-Indic digits left to right', () => {
    const [line] = lay('في عام ٢٠٢٥ وقعت ١٢ حادثة.');
    if (!line) throw new Error('no line');
    const order = leftToRight(line);
    expect(contains(order, ['٢', '٠', '٢', '٥'])).toBe(true);
    expect(contains(order, ['١', '٢'])).toBe(true);
    expect(order[0]).toBe('.');
  });

  it('nests levels: Arabic inside English inside Arabic, with and without isolates', () => {
    // Levels 1, 2 and 3 on one line; the oracle in lay() checks the whole visual order.
    const [line] = lay('قال المراسل: He wrote \u2067مرحبا بكم\u2069 in his notes ثم سكت.');
    if (!line) throw new Error('no line');
    // Left to right on the page: the English, inside it the Arabic greeting reversed (read right to left).
    const visual = visualChars(line).join('').replace(/[\u2066-\u2069]/g, '');
    const greeting = [...'مرحبا بكم'].reverse().join('');
    expect(visual).toContain(`He wrote ${greeting} in his notes`);
    const [plain] = lay('قال المراسل: He wrote مرحبا بكم in his notes ثم سكت.');
    if (!plain) throw new Error('no line');
    // Without the isolate the greeting belongs to the Arabic paragraph (level 1), so the English splits
    // into two runs around it, as UAX #9 (and every browser) sets it.
    expect(visualChars(plain).join('')).toContain(`in his notes ${greeting} He wrote`);
  });

  it('reorders each line on its own after breaking', () => {
    const sentence = 'أعلن البيت الأبيض يوم 15 أغسطس 2025 أن الرئيس Donald Trump سيلتقي نظيره الروسي (فلاديمير بوتين) بنسبة 25% من التوقعات.';
    const text = `${sentence} ${sentence} ${sentence}`;
    const lines = lay(text, 180);
    expect(lines.length).toBeGreaterThan(4);
    const last = lines.at(-1);
    if (!last) throw new Error('no line');
    expect(leftToRight(last)[0]).toBe('.');
    for (const line of lines) {
      expect(lineRight(line)).toBeCloseTo(line.measure, 3);
      for (const { x, glyph } of visualGlyphs(line)) {
        expect(x).toBeGreaterThanOrEqual(-1e-6);
        expect(x + glyph.advance).toBeLessThanOrEqual(line.measure + 1e-6);
      }
    }
  });
});
