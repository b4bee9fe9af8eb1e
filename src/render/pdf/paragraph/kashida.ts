// Kashida justification (theme.justify === 'kashida'): a justified line is filled first by lengthening
// Arabic words with tatweel (U+0640), and only the rest by widening spaces. Tatweel goes only where the
// letters join anyway (a dual-joining letter followed by one that joins to it), never inside lam-alef,
// and the word is shaped again with it, so the font's own joining and contextual forms stay right.
// Tatweel glyphs stand for no source text: they carry '' and the text layer still gives back the source.
import type { Itemized } from './itemize.js';
import type { SetPiece } from './justify.js';
import { shape } from './shape.js';
import { otLanguage, otScript } from './itemize.js';
import type { PlacedGlyph } from './types.js';
import { ALEFS, LAM, joiningType } from './joining.js';

const TATWEEL = '\u0640';
/** Most tatweels in one word on one line: beyond this a word looks torn rather than stretched. */
const MAX_PER_WORD = 3;

/** Offsets (into `text`) after which a tatweel may go, best first: nearest the end of the word. */
export function kashidaPoints(text: string): number[] {
  const letters: { offset: number; end: number; cp: number }[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    const type = joiningType(cp);
    if (type === 'T') {
      // Marks stay with their letter: a tatweel goes after them.
      const last = letters.at(-1);
      if (last) last.end = i + size;
    } else {
      letters.push({ offset: i, end: i + size, cp });
    }
    i += size;
  }
  const points: number[] = [];
  for (let k = 0; k + 1 < letters.length; k++) {
    const a = letters[k];
    const b = letters[k + 1];
    if (!a || !b) continue;
    const ta = joiningType(a.cp);
    const tb = joiningType(b.cp);
    if (ta !== 'D' || (tb !== 'D' && tb !== 'R')) continue;
    // Lam-alef is one ligature: stretching it apart would break it.
    if (a.cp === LAM && ALEFS.has(b.cp)) continue;
    points.push(a.end);
  }
  return points.reverse();
}

function letterCount(word: string): number {
  let n = 0;
  for (const char of word) if (joiningType(char.codePointAt(0) ?? 0) !== 'T' && /\p{L}/u.test(char)) n++;
  return n;
}

interface Candidate {
  index: number;
  point: number;
  count: number;
}

export function kashidaJustifier(itemized: Itemized): (set: SetPiece[], extra: number) => number {
  return (set, extra) => {
    const candidates: Candidate[] = [];
    let contentEnd = set.length;
    while (contentEnd > 0 && set[contentEnd - 1]?.piece.kind !== 'word') contentEnd--;
    for (let index = 0; index < contentEnd; index++) {
      const s = set[index];
      if (!s || s.piece.kind !== 'word' || s.piece.item.script !== 'arabic' || !s.piece.item.rtl) continue;
      const word = itemized.text.slice(s.piece.start, s.piece.end);
      // Two-letter words (في، من) are not stretched: a long tatweel in them reads as a gap.
      if (letterCount(word) < 3) continue;
      const point = kashidaPoints(word)[0];
      if (point !== undefined) candidates.push({ index, point, count: 0 });
    }
    if (candidates.length === 0) return 0;
    // One tatweel per word per round, until the next would overfill the line.
    const face = candidates[0] ? set[candidates[0].index]?.piece.item.style.face : undefined;
    const size = candidates[0] ? (set[candidates[0].index]?.piece.item.style.size ?? 0) : 0;
    if (!face || size <= 0) return 0;
    const unit = shape(face, TATWEEL, { rtl: true, script: 'arab' }).width * size;
    if (unit <= 0) return 0;
    let budget = Math.floor(extra / unit);
    for (let round = 0; round < MAX_PER_WORD && budget > 0; round++) {
      for (const c of candidates) {
        if (budget <= 0) break;
        c.count++;
        budget--;
      }
    }
    let used = 0;
    for (const c of candidates) {
      if (c.count === 0) continue;
      const s = set[c.index];
      if (!s) continue;
      const stretched = stretch(itemized, s, c.point, c.count);
      used += stretched.width - s.width;
      s.glyphs = stretched.glyphs;
      s.width = stretched.width;
    }
    return used;
  };
}

/** The piece shaped again with `count` tatweels after `point` (an offset into the piece). */
function stretch(itemized: Itemized, s: SetPiece, point: number, count: number): { glyphs: PlacedGlyph[]; width: number } {
  const piece = s.piece;
  const source = itemized.text.slice(piece.start, piece.end);
  const text = source.slice(0, point) + TATWEEL.repeat(count) + source.slice(point);
  const shaped = shape(piece.item.style.face, text, { rtl: piece.item.rtl, script: otScript(piece.item.script), language: otLanguage(piece.item.lang) });
  const size = piece.item.style.size;
  // Offsets in the stretched text map back to the source by skipping the inserted tatweels.
  const toSource = (offset: number): number => (offset <= point ? offset : Math.max(point, offset - count));
  const glyphs: PlacedGlyph[] = [];
  let width = 0;
  for (const g of shaped.glyphs) {
    const advance = g.advance * size;
    const from = toSource(g.clusterStart);
    const to = toSource(g.clusterEnd);
    glyphs.push({
      glyphId: g.glyphId,
      text: g.clusterHead ? source.slice(from, to) : '',
      advance,
      fontAdvance: g.fontAdvance * size,
      xOffset: g.xOffset * size,
      yOffset: g.yOffset * size,
    });
    width += advance;
  }
  return { glyphs, width };
}
