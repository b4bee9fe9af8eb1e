// Justification. A broken line's pieces get their final advances: the white space it was broken
// at is set to zero width, and in a justified line every line but the last is brought to the measure by
// widening (or narrowing) the spaces between words, or first by kashida (see kashida.ts).
import type { Piece } from './segment.js';
import type { LineRange, Spacing } from './breaks.js';
import { DEFAULT_SPACING } from './breaks.js';
import type { PlacedGlyph } from './types.js';

/** A piece as set on one line: its own copy of the glyphs, with justified advances. */
export interface SetPiece {
  /** The paragraph's piece this is set from: its item, kind and text range. */
  piece: Piece;
  /** Logical order: a word's shared glyphs (new ones if kashida stretched it), a space's own copies. */
  glyphs: PlacedGlyph[];
  /** Advance on this line in points: natural plus justification's share; 0 for white space ending the line. */
  width: number;
  /** Embedding level on this line (white space at the line's end drops to the paragraph level, UAX #9 L1). */
  level: number;
}

export type Align = 'justify' | 'start' | 'center' | 'end';

export interface JustifyOptions {
  /** The width a justified line is brought to, in points. */
  measure: number;
  /** Only 'justify' changes advances, and never on a last line (LineRange.last). */
  align: Align;
  /** How far spaces may stretch and shrink; DEFAULT_SPACING when absent. */
  spacing?: Spacing;
  /** Stretches Arabic words with tatweel before widening spaces (theme.justify === 'kashida'). */
  kashida?: ((set: SetPiece[], extra: number) => number) | undefined;
}

export interface SetLine {
  /** The line's pieces, in logical order. */
  pieces: SetPiece[];
  /** Sum of the pieces' widths, in points: the measure once justified, unless no space could take up the difference. */
  width: number;
}

export function justifyLine(pieces: readonly Piece[], range: LineRange, options: JustifyOptions): SetLine {
  const spacing = options.spacing ?? DEFAULT_SPACING;
  let contentEnd = range.end;
  while (contentEnd > range.start && pieces[contentEnd - 1]?.kind !== 'word') contentEnd--;
  const set: SetPiece[] = [];
  let width = 0;
  for (let i = range.start; i < range.end; i++) {
    const piece = pieces[i];
    if (!piece) continue;
    const trailing = i >= contentEnd;
    // Words keep their (frozen, cached) glyph objects: a long article repeats its words, and sharing
    // them keeps memory flat. Spaces get their own copies, since justification changes their advances.
    const glyphs = piece.kind === 'word' && !trailing ? piece.glyphs : piece.glyphs.map((g) => ({ ...g, advance: trailing ? 0 : g.advance }));
    const w = trailing ? 0 : piece.width;
    set.push({ piece, glyphs, width: w, level: piece.item.level });
    width += w;
  }
  if (options.align !== 'justify' || range.last) return { pieces: set, width };
  let extra = options.measure - width;
  if (extra > 0 && options.kashida) {
    const used = options.kashida(set, extra);
    width += used;
    extra -= used;
  }
  if (Math.abs(extra) < 1e-9) return { pieces: set, width };
  const spaces = set.filter((s, index) => s.piece.kind === 'space' && index < contentEnd - range.start);
  const weight = spaces.reduce((sum, s) => sum + s.width * (extra > 0 ? spacing.stretch : spacing.shrink), 0);
  if (weight <= 0) return { pieces: set, width };
  for (const s of spaces) {
    const delta = (extra * s.width * (extra > 0 ? spacing.stretch : spacing.shrink)) / weight;
    const per = delta / s.glyphs.length;
    for (const g of s.glyphs) g.advance += per;
    s.width += delta;
    width += delta;
  }
  return { pieces: set, width };
}
