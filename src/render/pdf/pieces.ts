// Between itemization and line breaking: the paragraph cut into pieces (a word's run, or a stretch of
// white space) at item boundaries and UAX #14 break opportunities, each shaped and carrying its glyphs
// with the exact logical text each glyph stands for.
import type { Itemized, Item } from './itemize.js';
import { otLanguage, otScript } from './itemize.js';
import type { BreakOpportunity } from './linebreak.js';
import { shape, type Shaped } from './shape.js';
import type { FontFace, PlacedGlyph } from './types.js';

export type PieceKind = 'word' | 'space' | 'newline';

export interface Piece {
  /** UTF-16 offsets into the paragraph text. */
  start: number;
  end: number;
  item: Item;
  kind: PieceKind;
  /** Logical order, at the item's size. */
  glyphs: PlacedGlyph[];
  width: number;
  /** A line may end after this piece: 'allowed' at a break opportunity, 'required' after a newline. */
  breakAfter: 'none' | 'allowed' | 'required';
  /** Breaking here cuts a word that is wider than the measure (a last resort). */
  emergency?: boolean;
}

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
      const piece = makePiece(itemized, item, start, end, kind);
      piece.breakAfter = kind === 'newline' || required === true ? 'required' : required === false ? 'allowed' : 'none';
      if (kind === 'word' && piece.width > measure && measure > 0) pieces.push(...splitOverlong(itemized, piece, measure));
      else pieces.push(piece);
      start = end;
    }
  }
  return pieces;
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
const placedCache = new WeakMap<Shaped, Map<string, Placed>>();

function placedGlyphs(shaped: Shaped, source: string, size: number): Placed {
  let bySize = placedCache.get(shaped);
  if (!bySize) {
    bySize = new Map();
    placedCache.set(shaped, bySize);
  }
  const key = `${size}\u0000${source}`;
  let placed = bySize.get(key);
  if (!placed) {
    const glyphs: PlacedGlyph[] = [];
    let width = 0;
    for (const g of shaped.glyphs) {
      const advance = g.advance * size;
      glyphs.push({
        glyphId: g.glyphId,
        text: g.clusterHead ? source.slice(g.clusterStart, g.clusterEnd) : '',
        advance,
        fontAdvance: g.fontAdvance * size,
        xOffset: g.xOffset * size,
        yOffset: g.yOffset * size,
      });
      width += advance;
    }
    placed = { glyphs, width };
    bySize.set(key, placed);
  }
  return placed;
}

function makePiece(itemized: Itemized, item: Item, start: number, end: number, kind: PieceKind): Piece {
  const size = item.style.size;
  const text = itemized.text;
  const glyphs: PlacedGlyph[] = [];
  let width = 0;
  if (kind === 'word') {
    const placed = placedGlyphs(shapeRange(itemized, item, start, end), text.slice(start, end), size);
    return { start, end, item, kind, glyphs: placed.glyphs, width: placed.width, breakAfter: 'none' };
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

// fontkit recomputes a glyph's metrics on every advanceWidth read: look the space up once per face.
const spaces = new WeakMap<FontFace, { id: number; advance: number }>();

function spaceGlyph(face: FontFace): { id: number; advance: number } {
  let found = spaces.get(face);
  if (!found) {
    const glyph = face.font.glyphForCodePoint(0x20);
    found = { id: glyph.id, advance: glyph.advanceWidth / face.font.unitsPerEm };
    spaces.set(face, found);
  }
  return found;
}

export function shapeRange(itemized: Itemized, item: Item, start: number, end: number): Shaped {
  return shape(item.style.face, itemized.shapingText.slice(start, end), {
    rtl: item.rtl,
    script: otScript(item.script),
    language: otLanguage(item.lang),
  });
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * A word wider than the measure (a long URL, a run of digits) is cut at grapheme boundaries into pieces
 * that each fit, rather than overflowing the margin. Each piece is shaped on its own.
 */
function splitOverlong(itemized: Itemized, piece: Piece, measure: number): Piece[] {
  const bounds: number[] = [];
  for (const { index } of graphemes.segment(itemized.text.slice(piece.start, piece.end))) bounds.push(piece.start + index);
  bounds.push(piece.end);
  const out: Piece[] = [];
  let from = 0;
  while (from < bounds.length - 1) {
    const startOffset = bounds[from] ?? piece.end;
    // Binary search for the longest run of graphemes that fits (at least one).
    let lo = from + 1;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const width = shapeRange(itemized, piece.item, startOffset, bounds[mid] ?? piece.end).width * piece.item.style.size;
      if (width <= measure) lo = mid;
      else hi = mid - 1;
    }
    const endOffset = bounds[lo] ?? piece.end;
    const part = makePiece(itemized, piece.item, startOffset, endOffset, 'word');
    const isLast = endOffset === piece.end;
    part.breakAfter = isLast ? piece.breakAfter : 'allowed';
    if (!isLast) part.emergency = true;
    out.push(part);
    from = lo;
  }
  return out;
}
