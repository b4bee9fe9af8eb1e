// List items: the marker hangs in the indent on the start side and every line of the item's text,
// wrapped ones included, lines up after it (a hanging indent); nested levels take • ◦ ▪ in turn (◦ and ▪
// come from the fallback chain: Amiri has only •); numbers are in the article's digits, as the folio;
// items sit closer together than paragraphs.
import { bulletOf } from '../../../locale/index.js';
import type { GlyphRun, Line, TextStyle } from '../paragraph/types.js';
import type { LaidOutBlock } from './types.js';

/** Indent of each nesting level of lists and quotes, in points. */
export const LIST_INDENT = 24;
/** Room the marker hangs in, on the start side of the item's text. */
export const HANG = 18;
/** Space after an item, as a share of the paragraph spacing. */
export const ITEM_SPACING = 0.35;

/** The marker of item `index` of a list at nesting `depth` (0: outermost), with the space after it. */
export function listMarker(ordered: boolean, start: number, index: number, depth: number, digits: (value: string) => string): string {
  return ordered ? `${digits(String(start + index))}. ` : `${bulletOf(depth)} `;
}

/**
 * The item's first block with its marker hung before its first line: `marker` is the marker set on a
 * line of its own; the block was set `HANG` points further in. Line 1 takes the marker's runs on its start
 * side and reaches that much further out; its text is the marker's then the block's, so the text layer
 * and the structure's Lbl read the label first.
 */
export function hangMarker(block: LaidOutBlock, marker: Line | undefined, rtl: boolean): LaidOutBlock {
  const first = block.lines[0];
  if (!first || !marker) return block;
  const width = Math.max(0, ...marker.runs.map((r) => r.x + r.width)) - Math.min(...marker.runs.map((r) => r.x));
  const from = Math.min(...marker.runs.map((r) => r.x));
  // Visual order left to right: in RTL the marker is right of the text, in LTR left of it.
  const markerRuns = marker.runs.map((r) => ({ ...r, x: r.x - from + (rtl ? first.measure + HANG - width : 0) }));
  const textRuns = first.runs.map((r) => ({ ...r, x: r.x + (rtl ? 0 : HANG) }));
  const merged: Line = {
    ...first,
    runs: rtl ? joinRuns(textRuns, markerRuns) : joinRuns(markerRuns, textRuns),
    measure: first.measure + HANG,
    outdent: HANG,
    ascent: Math.max(first.ascent, marker.ascent),
    text: `${marker.text}${first.text}`,
  };
  block.lines = [merged, ...block.lines.slice(1)];
  return block;
}

/**
 * The runs of `left` then `right` (visual order). Where the two meet in runs of one direction, language and
 * look, these become one run, the gap between them added to the space that ends the marker: the text layer
 * then reads marker, space and text in order, as it did when the marker was part of the paragraph.
 */
function joinRuns(left: readonly GlyphRun[], right: readonly GlyphRun[]): GlyphRun[] {
  const a = left.at(-1);
  const b = right[0];
  if (!a || !b || a.rtl !== b.rtl || a.lang !== b.lang || !sameLook(a.style, b.style)) return [...left, ...right];
  const gap = b.x - (a.x + a.width);
  const glyphs = [...a.glyphs.map((g) => ({ ...g })), ...b.glyphs.map((g) => ({ ...g }))];
  // The space at the seam (the marker's): on the left in an LTR marker, the right of an RTL one.
  const seam = a.glyphs.length - 1;
  const widened = glyphs[seam]?.text === ' ' ? seam : glyphs[seam + 1]?.text === ' ' ? seam + 1 : seam;
  const glyph = glyphs[widened];
  if (glyph) glyph.advance += gap;
  return [...left.slice(0, -1), { ...a, glyphs, width: a.width + gap + b.width }, ...right.slice(1)];
}

function sameLook(a: TextStyle, b: TextStyle): boolean {
  return a === b || (a.face === b.face && a.size === b.size && a.color === b.color && a.link === b.link && a.underline === b.underline && a.strike === b.strike);
}
