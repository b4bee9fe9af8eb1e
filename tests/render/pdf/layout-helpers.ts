// Shared by the layout tests of paragraph/ and blocks/: the default measure, where a line's glyphs sit,
// and an independent character-level UAX #9 L1–L2 oracle that says in which visual order a line's
// characters must come out.
import { expect } from 'vitest';
import { inlineText, type Article } from '../../../src/model/index.js';
import type { Line, GlyphRun } from '../../../src/render/pdf/paragraph/types.js';
import type { LaidOutBlock } from '../../../src/render/pdf/blocks/types.js';
import { bidiClass, embeddingLevels } from '../../../src/text/bidi.js';
import { loadTheme, PAGE_SIZES, type Theme } from '../../../src/theme/index.js';

/** The text column of the default theme's page: page width less inner and outer margins. */
export function defaultMeasure(theme: Theme = loadTheme()): number {
  return PAGE_SIZES[theme.page.size].width - theme.page.margins.inner - theme.page.margins.outer;
}

export function lineWidth(line: Line): number {
  return line.runs.reduce((sum, run) => sum + run.width, 0);
}

export function lineLeft(line: Line): number {
  return line.runs[0]?.x ?? 0;
}

export function lineRight(line: Line): number {
  const last = line.runs.at(-1);
  return last ? last.x + last.width : 0;
}

export function blockText(block: LaidOutBlock): string {
  return block.lines.map((l) => l.text).join('');
}

/** The characters a line's glyphs stand for, in visual (left-to-right) order. */
export function visualChars(line: Line): string[] {
  const out: string[] = [];
  for (const run of line.runs) {
    for (const glyph of run.glyphs) {
      const chars = [...glyph.text];
      out.push(...(run.rtl ? chars.reverse() : chars));
    }
  }
  return out;
}

const TRAILING = new Set(['WS', 'FSI', 'LRI', 'RLI', 'PDI', 'S', 'B']);

/**
 * Reference reordering of one line's characters (UAX #9 L1 trailing white space, L2 reversal), computed
 * character by character from bidi-js's resolved levels for the whole paragraph.
 */
export function expectedVisual(paragraphText: string, lineStart: number, lineEnd: number, dir: 'rtl' | 'ltr'): string[] {
  const { levels } = embeddingLevels(paragraphText, dir);
  const base = dir === 'rtl' ? 1 : 0;
  const chars = [...paragraphText.slice(lineStart, lineEnd)];
  // Work in code units but keep surrogate pairs as one entry.
  const lv: number[] = [];
  let offset = lineStart;
  for (const c of chars) {
    lv.push(levels[offset] ?? base);
    offset += c.length;
  }
  for (let i = chars.length - 1; i >= 0 && TRAILING.has(bidiClass(chars[i] ?? '')); i--) lv[i] = base;
  for (let i = 0; i < chars.length; i++) if (/[\n\u2029]/.test(chars[i] ?? '')) lv[i] = base;
  const order = chars.map((_, i) => i);
  const max = Math.max(base, ...lv);
  const minOdd = Math.min(...lv.map((l) => (l % 2 === 1 ? l : l + 1)));
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if ((lv[order[i] ?? 0] ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && (lv[order[j] ?? 0] ?? 0) >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order.map((i) => chars[i] ?? '');
}

/** Glyphs of a line in visual order, each with its run. */
export function visualGlyphs(line: Line): { run: GlyphRun; glyph: GlyphRun['glyphs'][number]; x: number }[] {
  const out: { run: GlyphRun; glyph: GlyphRun['glyphs'][number]; x: number }[] = [];
  for (const run of line.runs) {
    let x = run.x;
    for (const glyph of run.glyphs) {
      out.push({ run, glyph, x });
      x += glyph.advance;
    }
  }
  return out;
}

/**
 * Every paragraph of an RTL article comes back exactly: its lines' texts join to the paragraph, and each
 * line's glyphs, read in visual order, are its characters in the order UAX #9 puts them.
 */
export function expectParagraphsBack(article: Article, blocks: readonly LaidOutBlock[]): void {
  for (const [index, block] of article.blocks.entries()) {
    if (block.type !== 'paragraph') continue;
    const laid = blocks[index + 2]; // after the title and subtitle blocks
    const text = inlineText(block.children);
    expect(laid?.lines.map((l) => l.text).join('')).toBe(text);
    let offset = 0;
    for (const line of laid?.lines ?? []) {
      expect(visualChars(line).join('')).toBe(expectedVisual(text, offset, offset + line.text.length, 'rtl').join(''));
      offset += line.text.length;
    }
  }
}
