// Kashida justification (theme.justify === 'kashida'), set the way Arabic typesetting does it rather
// than word by word from the start of the line. Each word offers at most one place: where the letters
// join (joining.ts), HarfBuzz says a tatweel will not disturb the shaping, and the place ranks highest by
// the classical priorities (Microsoft's Arabic justification; rank below). The line's few elongations
// go to the best of those places spread over the whole line, each no longer than the theme's
// kashida.maxElongation; short words and the line's last word are left alone, and what the elongations
// do not take up the word spaces do (justify.ts). The word is shaped again with its tatweels, so the
// font's joining and its elongated forms apply. Tatweel glyphs stand for no source text: they carry ''
// and the text layer still gives back the source.
import type { Itemized } from './itemize.js';
import type { SetPiece } from './justify.js';
import { shape, tatweelSafeOffsets, type ShapeOptions } from './shape.js';
import { otLanguage, otScript } from './itemize.js';
import type { PlacedGlyph } from './types.js';
import type { FontFace } from '../fonts/faces.js';
import { ALEFS, LAM, joiningType } from './joining.js';

const TATWEEL = '\u0640';
/** Words of this many letters or fewer (إلى، على، من) are never stretched: in them tatweel reads as a gap. */
const SHORT_WORD = 3;
/** Most places stretched on one line: one in each third of it. */
const PLACES = 3;

/** Seen, sheen, sad, dad and their Persian/Urdu/Pashto kin: the tatweel after them is the first choice. */
const SEENS: ReadonlySet<number> = new Set([0x0633, 0x0634, 0x0635, 0x0636, 0x069a, 0x069b, 0x069c, 0x069d, 0x069e, 0x06fa, 0x06fb]);
/** Final ha and ta marbuta (heh goal, ae): second. */
const HAS: ReadonlySet<number> = new Set([0x0647, 0x0629, 0x06c1, 0x06c3, 0x06d5, 0x06be]);
/** Final alef, and the finals Microsoft puts with it (tah, zah, kaf, gaf, lam; lam-alef by its lam): third. */
const ALEF_LIKE: ReadonlySet<number> = new Set([...ALEFS, 0x0637, 0x0638, 0x0643, 0x06a9, 0x06af, 0x0644]);
/** Final ra, zain, waw and their kin: fourth. */
const RA_WAW: ReadonlySet<number> = new Set([0x0631, 0x0632, 0x0698, 0x0691, 0x0648, 0x0624, 0x06c6, 0x06c7, 0x06c8, 0x06cb]);
/** Final ba-family and ya-family letters, stretched from the letter before them: fifth. */
const BA_YA: ReadonlySet<number> = new Set([0x0628, 0x062a, 0x062b, 0x0646, 0x067e, 0x0679, 0x064a, 0x0649, 0x0626, 0x06cc, 0x06d2, 0x06ba]);

/** Classical kashida priority: 1 best … 6 any other join. */
export type KashidaPriority = 1 | 2 | 3 | 4 | 5 | 6;

/** A place in a word where a tatweel may go. */
export interface KashidaPoint {
  /** UTF-16 offset into the word: the tatweel goes before the character there (after the marks of the letter before). */
  offset: number;
  /** Its rank by the classical priorities, 1 best. */
  priority: KashidaPriority;
  /** HarfBuzz flagged it safe; false where only the joining allows it (after a letter with marks). */
  flagged: boolean;
}

interface Letter {
  offset: number;
  end: number;
  cp: number;
  marked: boolean;
}

function letters(text: string): Letter[] {
  const out: Letter[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    if (joiningType(cp) === 'T') {
      // Marks stay with their letter: a tatweel goes after them.
      const last = out.at(-1);
      if (last) {
        last.end = i + size;
        last.marked = true;
      }
    } else {
      out.push({ offset: i, end: i + size, cp, marked: false });
    }
    i += size;
  }
  return out;
}

const joins = (a: Letter | undefined, b: Letter | undefined): boolean => {
  if (!a || !b) return false;
  const tb = joiningType(b.cp);
  return joiningType(a.cp) === 'D' && (tb === 'D' || tb === 'R');
};

/**
 * Every place in `text` where the letters join and a tatweel may go, with its priority, in the order of the
 * text. `safe` (HarfBuzz's safe-to-insert-tatweel offsets) narrows them where given; after a letter with
 * marks the flag is never set (the marks' positioning reaches across), so a join there is kept as the
 * joining alone allows it.
 */
export function kashidaPoints(text: string, safe?: ReadonlySet<number>): KashidaPoint[] {
  const ls = letters(text);
  const points: KashidaPoint[] = [];
  for (let k = 0; k + 1 < ls.length; k++) {
    const a = ls[k]!;
    const b = ls[k + 1]!;
    if (!joins(a, b)) continue;
    // Lam-alef is one ligature: stretching it apart would break it.
    if (a.cp === LAM && ALEFS.has(b.cp)) continue;
    const flagged = safe?.has(b.offset) ?? false;
    if (safe && !flagged && !a.marked) continue;
    const after = ls[k + 2];
    const final = !joins(b, after);
    // A lam-alef ending the word counts as a final alef, stretched before its lam.
    const finalLamAlef = b.cp === LAM && after !== undefined && ALEFS.has(after.cp) && ls[k + 3] === undefined;
    let priority: KashidaPriority = 6;
    if (SEENS.has(a.cp)) priority = 1;
    else if (final && HAS.has(b.cp)) priority = 2;
    else if ((final && ALEF_LIKE.has(b.cp)) || finalLamAlef) priority = 3;
    else if (final && RA_WAW.has(b.cp)) priority = 4;
    else if (final && BA_YA.has(b.cp)) priority = 5;
    points.push({ offset: a.end, priority, flagged });
  }
  return points;
}

/**
 * The one place a word is stretched at: its best-ranked point that `clean` accepts, the last of equals
 * (nearest the word's end).
 */
export function bestKashidaPoint(points: readonly KashidaPoint[], clean: (p: KashidaPoint) => boolean = () => true): KashidaPoint | undefined {
  const ranked = points.map((p, i) => ({ p, i })).sort((a, b) => a.p.priority - b.p.priority || b.i - a.i);
  return ranked.find(({ p }) => clean(p))?.p;
}

/**
 * Whether a tatweel at `p` adds only itself to the word's glyphs: where HarfBuzz could not say (after a
 * letter with marks), a font's own contextual elongation (Amiri's lam before a medial kaf) would add a
 * second one.
 */
function shapesCleanly(face: FontFace, word: string, options: ShapeOptions, p: KashidaPoint): boolean {
  if (p.flagged) return true;
  const natural = shape(face, word, options).glyphs.length;
  return shape(face, word.slice(0, p.offset) + TATWEEL + word.slice(p.offset), options).glyphs.length === natural + 1;
}

function letterCount(word: string): number {
  let n = 0;
  for (const char of word) if (joiningType(char.codePointAt(0) ?? 0) !== 'T' && /\p{L}/u.test(char)) n++;
  return n;
}

interface Candidate {
  /** Index of the word in the line's set pieces. */
  index: number;
  point: KashidaPoint;
  /** Middle of the word, from the line's logical start, in points. */
  at: number;
  count: number;
}

/**
 * Which candidates are stretched, `n` of them: the line cut into n equal stretches, the best-ranked
 * candidate of each (nearest its middle among equals); stretches without one leave their share to the best
 * of the rest, furthest from those already taken.
 */
function spread(candidates: readonly Candidate[], n: number, width: number): Candidate[] {
  const chosen: Candidate[] = [];
  const seg = width / n;
  for (let k = 0; k < n; k++) {
    const middle = (k + 0.5) * seg;
    let best: Candidate | undefined;
    for (const c of candidates) {
      if (c.at < k * seg || c.at >= (k + 1) * seg || chosen.includes(c)) continue;
      if (!best || c.point.priority < best.point.priority || (c.point.priority === best.point.priority && Math.abs(c.at - middle) < Math.abs(best.at - middle))) best = c;
    }
    if (best) chosen.push(best);
  }
  while (chosen.length < n) {
    let best: Candidate | undefined;
    let bestGap = -1;
    for (const c of candidates) {
      if (chosen.includes(c)) continue;
      const gap = Math.min(...chosen.map((o) => Math.abs(o.at - c.at)), width);
      if (!best || c.point.priority < best.point.priority || (c.point.priority === best.point.priority && gap > bestGap)) {
        best = c;
        bestGap = gap;
      }
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen;
}

function isWord(itemized: Itemized, s: SetPiece | undefined): boolean {
  return s !== undefined && s.piece.kind === 'word' && /\p{L}/u.test(itemized.text.slice(s.piece.start, s.piece.end));
}

function shapeOptions(s: SetPiece): ShapeOptions {
  const item = s.piece.item;
  return { rtl: item.rtl, script: otScript(item.script), language: otLanguage(item.lang) };
}

/** The line's justifier: takes up what it can of `extra` points with tatweel, and says how much it took. */
export function kashidaJustifier(itemized: Itemized, maxElongation: number): (set: SetPiece[], extra: number) => number {
  return (set, extra) => {
    let contentEnd = set.length;
    while (contentEnd > 0 && set[contentEnd - 1]?.piece.kind !== 'word') contentEnd--;
    // The last word stays as it is: an elongation there reads as the line's end pulled out. Its word is
    // the last piece with a letter, not a stop or bracket set apart by a space.
    let lastWord = contentEnd - 1;
    while (lastWord >= 0 && !isWord(itemized, set[lastWord])) lastWord--;
    const candidates: Candidate[] = [];
    let at = 0;
    for (let index = 0; index < contentEnd; index++) {
      const s = set[index];
      if (!s) continue;
      const middle = at + s.width / 2;
      at += s.width;
      if (index === lastWord || s.piece.kind !== 'word' || s.piece.item.script !== 'arabic' || !s.piece.item.rtl) continue;
      const word = itemized.text.slice(s.piece.start, s.piece.end);
      if (letterCount(word) <= SHORT_WORD) continue;
      const options = shapeOptions(s);
      const face = s.piece.item.style.face;
      const point = bestKashidaPoint(kashidaPoints(word, tatweelSafeOffsets(face, word, options)), (p) => shapesCleanly(face, word, options, p));
      if (point) candidates.push({ index, point, at: middle, count: 0 });
    }
    const first = candidates[0] ? set[candidates[0].index] : undefined;
    if (!first) return 0;
    const size = first.piece.item.style.size;
    const unit = shape(first.piece.item.style.face, TATWEEL, { rtl: true, script: 'arab' }).width * size;
    if (unit <= 0 || size <= 0) return 0;
    const budget = Math.floor(extra / unit);
    const most = Math.floor((maxElongation * size) / unit + 1e-9);
    if (budget <= 0 || most <= 0) return 0;
    // A calligrapher's line has a few elongations, not every word pulled a little: one a tatweel the budget
    // allows, up to PLACES, spread over the line; each as long as its share, at most the theme's maximum.
    const chosen = spread(candidates, Math.min(candidates.length, budget, PLACES), at);
    chosen.sort((a, b) => a.point.priority - b.point.priority || a.at - b.at);
    let left = Math.min(budget, chosen.length * most);
    for (const [k, c] of chosen.entries()) {
      c.count = Math.min(most, Math.ceil(left / (chosen.length - k)));
      left -= c.count;
    }
    let used = 0;
    for (const c of chosen) {
      const s = set[c.index];
      if (!s || c.count === 0) continue;
      const stretched = stretch(itemized, s, c.point.offset, c.count);
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
  const shaped = shape(piece.item.style.face, text, shapeOptions(s));
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
