// Between itemization and line breaking: the paragraph cut into pieces (a word's run, or a stretch of
// white space) at item boundaries and UAX #14 break opportunities, each shaped and carrying its glyphs
// with the exact logical text each glyph stands for.
import LineBreaker from 'linebreak';
import type { Itemized, Item } from './itemize.js';
import { otLanguage, otScript } from './itemize.js';
import { joinsAcross } from './joining.js';
import { graphemeOffsets, shape, shapeOnce, type Shaped, type ShapedGlyph } from './shape.js';
import type { FontFace } from '../fonts/faces.js';
import { OBJECT_REPLACEMENT, type PlacedGlyph } from './types.js';
import { memo } from '../../../support/memo.js';

/** Where UAX #14 lets a line end. */
export interface BreakOpportunity {
  /** UTF-16 offset where a new line may begin. */
  position: number;
  /** A mandatory break (a newline): the line must end here. */
  required: boolean;
}

/** The UAX #14 break opportunities of a paragraph's text (the `linebreak` package). */
export function breakOpportunities(text: string): BreakOpportunity[] {
  const breaker = new LineBreaker(text);
  const out: BreakOpportunity[] = [];
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) out.push({ position: b.position, required: b.required });
  return out;
}

export type PieceKind = 'word' | 'space' | 'newline';

/** A word's run or a stretch of white space, shaped: the unit line breaking works with. */
export interface Piece {
  /** UTF-16 offset of its first character in the paragraph text. */
  start: number;
  /** UTF-16 offset after its last character. */
  end: number;
  /** The run it belongs to (level, script, style). */
  item: Item;
  /** A word, white space, or a forced line break. */
  kind: PieceKind;
  /** Logical order, at the item's size. */
  glyphs: PlacedGlyph[];
  /** Sum of the glyphs' advances, in points. */
  width: number;
  /** A line may end after this piece: 'allowed' at a break opportunity, 'required' after a newline. */
  breakAfter: 'none' | 'allowed' | 'required';
  /** Breaking here cuts a word that is wider than the measure (a last resort). */
  emergency?: boolean;
  /** Shaped as joined to the piece before it (a style change inside a word). */
  joinBefore?: boolean;
  /** Shaped as joined to the piece after it. */
  joinAfter?: boolean;
}

const ZWJ = '\u200D';
const SPACE = /[\t \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]/u;
const NEWLINE = /[\n\r\u2028\u2029\u000B\u000C\u0085]/u;

export function buildPieces(itemized: Itemized, breaks: readonly BreakOpportunity[], measure: number): Piece[] {
  const { text, items } = itemized;
  const breakAt = new Map<number, boolean>();
  for (const b of breaks) breakAt.set(b.position, b.required);
  const pieces: Piece[] = [];
  for (const item of items) {
    let start = item.start;
    while (start < item.end) {
      const kind = kindOf(text[start] ?? '');
      let end = start + 1;
      if (kind === 'word') {
        while (end < item.end && !breakAt.has(end) && kindOf(text[end] ?? '') === 'word') end++;
        // Keep a surrogate pair whole.
        if (end < item.end && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
      } else if (kind === 'space') {
        while (end < item.end && kindOf(text[end] ?? '') === 'space') end++;
      } else if (text[start] === '\r' && text[end] === '\n' && end < item.end) {
        end++;
      }
      const required = breakAt.get(end);
      // A style change inside an Arabic word (a link or bold on part of it) must not break the joining:
      // both sides are shaped with a zero-width joiner standing in for the letter across the change.
      const previous = pieces.at(-1);
      const joinBefore =
        kind === 'word' && previous !== undefined && previous.kind === 'word' && previous.end === start && previous.item !== item &&
        previous.item.script === 'arabic' && item.script === 'arabic' && previous.item.rtl === item.rtl &&
        joinsAcross(text.slice(previous.start, previous.end), text.slice(start, end));
      if (joinBefore && previous) {
        const rejoined = makePiece(itemized, previous.item, previous.start, previous.end, 'word', previous.joinBefore === true, true);
        rejoined.breakAfter = previous.breakAfter;
        pieces[pieces.length - 1] = rejoined;
      }
      const breakAfter = kind === 'newline' || required === true ? 'required' : required === false ? 'allowed' : 'none';
      if (kind === 'word' && measure > 0 && end - start > SPLIT_WINDOW) {
        // Far wider than any line: cut without shaping it whole first.
        for (const part of splitOverlong(itemized, item, start, end, breakAfter, measure)) pieces.push(part);
      } else {
        const piece = makePiece(itemized, item, start, end, kind, joinBefore, false);
        piece.breakAfter = breakAfter;
        // An image in the line stands as its one no-break space, as wide as the image.
        if (item.style.image) sizeAsImage(piece, item.style.image.width);
        if (kind === 'word' && piece.width > measure && measure > 0) pieces.push(...splitOverlong(itemized, item, start, end, breakAfter, measure, piece.glyphs));
        else pieces.push(piece);
      }
      start = end;
    }
  }
  allowBreaksInOverlongWords(pieces, measure);
  return pieces;
}

/**
 * A word made of several pieces (style or direction changes inside it) that together are wider than the
 * measure may be broken between its pieces as a last resort; each piece alone already fits.
 */
function allowBreaksInOverlongWords(pieces: Piece[], measure: number): void {
  let first = 0;
  let width = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (!p) continue;
    if (p.kind !== 'word') {
      first = i + 1;
      width = 0;
      continue;
    }
    width += p.width;
    if (p.breakAfter === 'none' && i + 1 < pieces.length && pieces[i + 1]?.kind === 'word') continue;
    if (width > measure && measure > 0) {
      for (let k = first; k < i; k++) {
        const q = pieces[k];
        if (q && q.breakAfter === 'none') {
          q.breakAfter = 'allowed';
          q.emergency = true;
        }
      }
    }
    first = i + 1;
    width = 0;
  }
}


function sizeAsImage(piece: Piece, width: number): void {
  // Its text is the object replacement character, what Unicode has for "an object stands here": with no
  // text (a glyph drawn as a path) the line fell apart in two pieces, and as a space poppler took the gap
  // for one between columns and cut the line there.
  piece.glyphs = piece.glyphs.map((glyph, i) => ({ ...glyph, text: i === 0 ? OBJECT_REPLACEMENT : '', advance: i === 0 ? width : 0 }));
  piece.width = width;
}

function kindOf(char: string): PieceKind {
  if (NEWLINE.test(char)) return 'newline';
  return SPACE.test(char) ? 'space' : 'word';
}

interface Placed {
  glyphs: PlacedGlyph[];
  width: number;
}

// Scaled glyphs with their texts, per shaping result, size and source text: a warm render reuses them.
// Shared between pieces, so later stages copy before changing an advance (justify does).
const placedCache = memo<Shaped, Map<string, Placed>>('pdf placed glyphs', 200_000);

function placedGlyphs(shaped: Shaped, source: string, size: number, joinBefore: boolean, joinAfter: boolean): Placed {
  const bySize = placedCache.getOrMake(shaped, () => new Map());
  const key = `${size}\u0000${joinBefore ? 1 : 0}${joinAfter ? 1 : 0}\u0000${source}`;
  let placed = bySize.get(key);
  if (!placed) {
    placed = placeGlyphs(shaped, source, size, joinBefore, joinAfter);
    bySize.set(key, placed);
  }
  return placed;
}

/** A shaping's glyphs at `size`, each with the text it stands for in `source`. */
function placeGlyphs(shaped: Shaped, source: string, size: number, joinBefore: boolean, joinAfter: boolean): Placed {
  const glyphs: PlacedGlyph[] = [];
  let width = 0;
  const all = shaped.glyphs;
  // Drop the joiners added for context (first and last in logical order) and shift offsets back.
  const from = joinBefore && isJoiner(all[0]) ? 1 : 0;
  const to = joinAfter && isJoiner(all.at(-1)) ? all.length - 1 : all.length;
  const shift = joinBefore ? 1 : 0;
  for (let i = from; i < to; i++) {
    const g = all[i];
    if (!g) continue;
    const advance = g.advance * size;
    const start = Math.max(0, g.clusterStart - shift);
    const end = Math.min(source.length, g.clusterEnd - shift);
    glyphs.push(Object.freeze({
      glyphId: g.glyphId,
      text: g.clusterHead || i === from ? source.slice(start, end) : '',
      advance,
      fontAdvance: g.fontAdvance * size,
      xOffset: g.xOffset * size,
      yOffset: g.yOffset * size,
    }));
    width += advance;
  }
  return { glyphs, width };
}

function makePiece(itemized: Itemized, item: Item, start: number, end: number, kind: PieceKind, joinBefore = false, joinAfter = false): Piece {
  const size = item.style.size;
  const text = itemized.text;
  const glyphs: PlacedGlyph[] = [];
  let width = 0;
  if (kind === 'word') {
    const shaped = shapeRange(itemized, item, start, end, joinBefore, joinAfter);
    const placed = placedGlyphs(shaped, text.slice(start, end), size, joinBefore, joinAfter);
    return { start, end, item, kind, glyphs: placed.glyphs, width: placed.width, breakAfter: 'none', joinBefore, joinAfter };
  } else {
    // White space is not shaped: one space glyph per character (newlines drawn as zero-width spaces),
    // so justification can widen it and the text layer still gives back the exact characters.
    const space = spaceGlyph(item.style.face);
    const spaceAdvance = space.advance * size;
    for (let i = start; i < end; i++) {
      const advance = kind === 'space' ? spaceAdvance : 0;
      glyphs.push({ glyphId: space.id, text: text[i] ?? '', advance, fontAdvance: spaceAdvance, xOffset: 0, yOffset: 0 });
      width += advance;
    }
  }
  return { start, end, item, kind, glyphs, width, breakAfter: 'none' };
}

// Looked up once per face: every word gap asks for it.
const spaces = memo<FontFace, { id: number; advance: number }>('pdf space glyphs', 64);

function spaceGlyph(face: FontFace): { id: number; advance: number } {
  return spaces.getOrMake(face, () => {
    const id = face.font.glyphFor(0x20) ?? 0;
    return { id, advance: face.font.advance(id) / face.font.unitsPerEm };
  });
}

function isJoiner(glyph: ShapedGlyph | undefined): boolean {
  return glyph !== undefined && glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x200d;
}

/** The shaping of text[start, end) in the item's face; `cache: false` for text that will not come again. */
export function shapeRange(itemized: Itemized, item: Item, start: number, end: number, joinBefore = false, joinAfter = false, cache = true): Shaped {
  const text = `${joinBefore ? ZWJ : ''}${itemized.text.slice(start, end)}${joinAfter ? ZWJ : ''}`;
  return (cache ? shape : shapeOnce)(item.style.face, text, {
    rtl: item.rtl,
    script: otScript(item.script),
    language: otLanguage(item.lang),
  });
}

/**
 * Graphemes of an overlong word shaped at once to guess its cuts: many lines' worth, a bounded amount. A
 * word of more code units than this is not shaped whole at all.
 */
const SPLIT_WINDOW = 2048;
/** Graphemes at a window's end whose guessed widths are not relied on: the shaper saw nothing after them. */
const SPLIT_MARGIN = 32;

/**
 * A word wider than the measure (a long URL, a run of digits) is cut at grapheme boundaries into pieces
 * that each fit, rather than overflowing the margin. Each piece is shaped on its own. Where the cuts fall
 * is first guessed from one shaping of the word (of `whole`, when given), or, for a word longer than
 * SPLIT_WINDOW, of a window of it at a time, so the work stays linear in the word's length; one shaping of
 * each piece then confirms the guess, or a few steps back correct it where the letters' forms at the cut
 * differ. A 3,000-letter word costs a few dozen shapings, not thousands. The pieces' shapings are not kept
 * in the memos: they are never met again, and a megabyte-long word would fill them.
 */
function splitOverlong(itemized: Itemized, item: Item, start: number, end: number, breakAfter: Piece['breakAfter'], measure: number, whole?: readonly PlacedGlyph[]): Piece[] {
  const text = itemized.text;
  const bounds = graphemeOffsets(text.slice(start, end)).map((index) => start + index);
  bounds.push(end);
  const last = bounds.length - 1;
  const size = item.style.size;
  const out: Piece[] = [];
  let from = 0;
  let window = SPLIT_WINDOW;
  while (from < last) {
    const windowEnd = Math.min(last, from + window);
    const windowStart = bounds[from] ?? end;
    const glyphs = whole && from === 0 && windowEnd === last ? whole : placeGlyphs(shapeRange(itemized, item, windowStart, bounds[windowEnd] ?? end, false, false, false), text.slice(windowStart, bounds[windowEnd] ?? end), size, false, false).glyphs;
    // Width of the window up to each cluster start.
    const widthAt = new Map<number, number>();
    let offset = windowStart;
    let width = 0;
    for (const g of glyphs) {
      if (g.text !== '') {
        widthAt.set(offset, width);
        offset += g.text.length;
      }
      width += g.advance;
    }
    widthAt.set(bounds[windowEnd] ?? end, width);
    const trusted = windowEnd === last ? last : windowEnd - SPLIT_MARGIN;
    const cutsBefore = out.length;
    while (from < last) {
      const startOffset = bounds[from] ?? end;
      const base = widthAt.get(startOffset) ?? 0;
      let to = from + 1;
      let k = from + 1;
      for (; k <= windowEnd; k++) {
        const w = widthAt.get(bounds[k] ?? end);
        if (w === undefined) continue;
        if (w - base > measure) break;
        to = k;
      }
      // The piece may reach past what this window tells: on to the next window, from here.
      if (windowEnd < last && (k > windowEnd || to > trusted)) break;
      let shaped = shapeRange(itemized, item, startOffset, bounds[to] ?? end, false, false, false);
      while (to > from + 1 && shaped.width * size > measure) {
        to--;
        shaped = shapeRange(itemized, item, startOffset, bounds[to] ?? end, false, false, false);
      }
      const endOffset = bounds[to] ?? end;
      const placed = placeGlyphs(shaped, text.slice(startOffset, endOffset), size, false, false);
      const isLast = endOffset === end;
      const part: Piece = { start: startOffset, end: endOffset, item, kind: 'word', glyphs: placed.glyphs, width: placed.width, breakAfter: isLast ? breakAfter : 'allowed', joinBefore: false, joinAfter: false };
      if (!isLast) part.emergency = true;
      out.push(part);
      from = to;
    }
    // A window too narrow for one piece (glyphs of no width): a wider one.
    window = out.length > cutsBefore ? SPLIT_WINDOW : window * 2;
  }
  return out;
}
