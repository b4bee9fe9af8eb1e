// From a line's glyphs to the CIDs its text object shows: which glyphs carry text and which are drawn as
// outlines, one code point per CID, each CID's width and the logical order of the glyphs. text-layer.ts
// says why each rule is there (the measured behaviour of pdf.js, poppler, MuPDF and Ghostscript).
import type { PlacedGlyph, TextStyle } from '../paragraph/types.js';
import type { FontFace } from '../fonts/faces.js';

/** One glyph of a line on its way into the text layer. */
export interface Slot {
  /** The glyph as the paragraph stage placed it. */
  glyph: PlacedGlyph;
  /** Its run's style. */
  style: TextStyle;
  /** Absolute origin of the outline, PDF user space. */
  x: number;
  /** Baseline of the outline (shaper's y offset included), PDF user space. */
  y: number;
  /** Pen position after this glyph (origin without xOffset plus advance). */
  penEnd: number;
  /** Text for ToUnicode once zero-width neighbours are folded in; null = draw as outline only. */
  text: string | null;
  /** Whether its run reads right to left. */
  rtl: boolean;
  /**
   * Its outline is drawn as a path and its text rides on blank CIDs: a glyph off the baseline (the font
   * raises or lowers it; on the baseline no reader sees a line of its own there), or one whose CIDs start
   * before it (see `emissions`).
   */
  outlined: boolean;
  /** The run's language. */
  lang: string;
  /** Part of the list-item label (set for text slots). */
  label: boolean;
  /** The text slot whose piece an outline-only slot is drawn with (itself for text slots). */
  owner: Slot;
  /** Index of the piece the slot is drawn with (set once the line is cut into pieces). */
  piece?: number | undefined;
}

// A glyph narrower than this (in em) is folded into its base: poppler's duplicate test is 0.1 em.
const FOLD_BELOW = 0.09;
// The least distance between the starts of two CIDs, in em: poppler's duplicate test is 0.1 em.
const MIN_STEP = 0.11;
// A gap between two text glyphs larger than this (in em) is a real gap (no glyph spans it): move there.
const JUMP_ABOVE = 0.3;
// The width of a word space followed by a word-final haraka (in em): under pdf.js's 0.102 em, so it adds
// no space of its own after the one it already puts before the haraka, and over poppler's 0.03 em, so
// poppler still sees two words.
const NARROW_SPACE = 0.07;
const MARK = /^\p{Mn}/u;

/**
 * The slots in logical order: UAX #9 rule L2 run backwards over the visual order, with each run at the
 * lowest level its direction allows under the paragraph's (1 for right-to-left text in either paragraph,
 * 2 for left-to-right text in a right-to-left one). Deeper nesting is rare enough to read as two levels.
 */
export function logicalOrder(slots: readonly Slot[], rtlBase: boolean): Slot[] {
  const level = (s: Slot): number => (s.rtl ? 1 : rtlBase ? 2 : 0);
  let out = [...slots];
  for (let k = rtlBase ? 2 : 1; k >= 1; k--) {
    const next: Slot[] = [];
    let i = 0;
    while (i < out.length) {
      let j = i;
      while (j < out.length && level(out[j] as Slot) >= k) j++;
      if (j > i) {
        next.push(...out.slice(i, j).reverse());
        i = j;
      } else next.push(out[i++] as Slot);
    }
    out = next;
  }
  return out;
}

/** Marks the text slots whose text starts within the first `length` UTF-16 units of the line's logical text. */
export function markLabel(slots: readonly Slot[], rtlBase: boolean, length: number): void {
  if (length <= 0) return;
  let offset = 0;
  for (const slot of logicalOrder(slots, rtlBase)) {
    if (slot.text === null) continue;
    slot.label = offset < length;
    offset += slot.text.length;
  }
}

/** One CID shown in the text object: a glyph (or a blank) carrying one character of text. */
export interface Emit {
  /** The style (font, size, colour) it is shown in. */
  style: TextStyle;
  /** The glyph drawn for it (a blank one for characters riding along). */
  glyphId: number;
  /** Its one code point of text. */
  text: string;
  /** Its origin, PDF user space. */
  x: number;
  /** Where the next CID starts: the width to give this one. */
  end: number;
  /** Set the text matrix here first (a real gap precedes it). */
  moveTo: boolean;
  /** Whether its run reads right to left. */
  rtl: boolean;
  /** The glyph it is (part of). */
  slot: Slot;
}

/**
 * Turns the text glyphs of a line into CIDs that each carry exactly one character (a code point).
 * Multi-character ToUnicode entries are read back in opposite orders by the two readers (pdf.js reverses
 * an RTL entry, poppler does not), so a glyph standing for several characters — a ligature, a base with
 * its folded marks — is followed by blank glyphs (the font's space outline) carrying the other
 * characters, the glyph's advance shared among them. Each CID must also start at least 0.1 em after the
 * previous one (poppler's duplicate test), so within a word, characters that do not fit over their own
 * glyph are moved over a neighbour of the same word; visual order is kept throughout.
 */
export function emissions(slots: readonly Slot[], blank: (face: FontFace) => number): Emit[] {
  const text = slots.filter((s) => s.text !== null);
  // Where each text glyph's pen gets to with the outline-only glyphs after it (a kashida, marks): a
  // kashida is part of its word, so the CID before it spans it — never a move, which pdf.js and poppler
  // would take for a gap and cut the word at («مُرْتَفِ عٍ»).
  const reach = new Map<Slot, number>();
  let last: Slot | undefined;
  for (const slot of slots) {
    if (slot.text !== null) last = slot;
    if (last) reach.set(last, slot.penEnd);
  }
  // Interval of each text glyph: from its origin to the next text glyph's origin (or its own pen end when
  // a real gap follows).
  const ends: number[] = [];
  const moves: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const slot = text[i] as Slot;
    const next = text[i + 1];
    const natural = (reach.get(slot) ?? slot.penEnd) + (next ? next.glyph.xOffset : 0);
    const jump = next !== undefined && Math.abs(next.x - natural) > JUMP_ABOVE * slot.style.size;
    ends.push(next && !jump ? next.x : (reach.get(slot) ?? slot.penEnd));
    moves.push(jump);
  }
  const out: Emit[] = [];
  let i = 0;
  while (i < text.length) {
    // A segment: one word of one run (split at spaces, at style changes and at real gaps).
    let j = i + 1;
    if (!isSpace(text[i] as Slot)) {
      const head = text[i] as Slot;
      const sameWord = (s: Slot): boolean => s.style === head.style && s.rtl === head.rtl && s.label === head.label && !isSpace(s);
      while (j < text.length && !moves[j - 1] && sameWord(text[j] as Slot)) j++;
    }
    const segment = text.slice(i, j);
    // Fast path, most glyphs of most text: one code point over a glyph wide enough to hold it.
    if (segment.every((s, k) => isSingle(s.text ?? '') && (ends[i + k] as number) - s.x >= MIN_STEP * s.style.size)) {
      segment.forEach((slot, k) => {
        out.push({
          style: slot.style,
          glyphId: slot.outlined ? blank(slot.style.face) : slot.glyph.glyphId,
          text: slot.text ?? '',
          x: slot.x,
          end: ends[i + k] as number,
          moveTo: k === 0 && i > 0 && (moves[i - 1] ?? false),
          rtl: slot.rtl,
          slot,
        });
      });
      i = j;
      continue;
    }
    const chars = segment.map((s) => {
      const cps = [...(s.text ?? '')];
      return s.rtl ? cps.reverse() : cps;
    });
    // A word whose visually first character is a mark (the haraka that ends an RTL word) right after a
    // word space: pdf.js skips the mark's position and puts the space before it, then sees the gap up to
    // the letter as a second space ("مشكول ٌ"). The space is narrowed so pdf.js sees no gap, and the
    // word's CIDs start right after it; the glyph itself is drawn as a path where it was.
    const first = segment[0] as Slot;
    const space = out[out.length - 1];
    let start0 = first.x;
    if (space !== undefined && MARK.test(chars[0]?.[0] ?? '') && space.slot === text[i - 1] && isSpace(space.slot) && !moves[i - 1]) {
      const size = space.style.size;
      const narrowed = space.x + NARROW_SPACE * size;
      const lead = chars[0]?.findIndex((ch) => !MARK.test(ch)) ?? -1;
      if (lead > 0 && first.x - narrowed >= lead * MIN_STEP * size) {
        // The marks fit in the gap: blank CIDs there, and the glyph keeps its own CID where it is.
        space.end = narrowed;
        const step = (first.x - narrowed) / lead;
        (chars[0] as string[]).splice(0, lead).forEach((ch, m) => {
          out.push({ style: first.style, glyphId: blank(first.style.face), text: ch, x: narrowed + m * step, end: narrowed + (m + 1) * step, moveTo: false, rtl: first.rtl, slot: first });
        });
      } else if (narrowed < first.x) {
        space.end = narrowed;
        start0 = narrowed;
        first.outlined = true;
      }
    }
    const startOf = (k: number): number => (k === 0 ? start0 : (segment[k] as Slot).x);
    const counts = distribute(
      chars.map((c) => c.length),
      segment.map((s, k) => Math.floor(((ends[i + k] as number) - startOf(k)) / (MIN_STEP * s.style.size))),
    );
    const flat = chars.flat();
    let c = 0;
    segment.forEach((slot, k) => {
      const n = counts[k] as number;
      const start = startOf(k);
      const stop = ends[i + k] as number;
      const mine = flat.slice(c, c + n);
      c += n;
      // Overflow a segment cannot hold goes, as one entry, on its last glyph (logical order for pdf.js).
      if (k === segment.length - 1 && c < flat.length) {
        const rest = flat.slice(c);
        mine.push((slot.rtl ? rest.reverse() : rest).join(''));
        c = flat.length;
      }
      const parts = mine.length === 0 ? [''] : mine;
      const step = (stop - start) / parts.length;
      parts.forEach((ch, p) => {
        out.push({
          style: slot.style,
          glyphId: p === 0 && !slot.outlined ? slot.glyph.glyphId : blank(slot.style.face),
          text: ch,
          x: start + p * step,
          end: p === parts.length - 1 ? stop : start + (p + 1) * step,
          moveTo: p === 0 && k === 0 && i > 0 && (moves[i - 1] ?? false),
          rtl: slot.rtl,
          slot,
        });
      });
    });
    i = j;
  }
  widenSpaces(out);
  return carryFormatCharacters(out, blank);
}

/**
 * pdf.js ends its item at a space glyph followed by less than 0.102 em of advance (and gives the space an
 * item of its own), so a right-to-left line whose word spaces are that narrow came back one item a word,
 * in visual order: the words reversed. Nastaliq sets words that close, its cursive joins reaching over
 * the gap. Such a space starts earlier instead, 0.11 em before the next CID, taking the room from the CID
 * before it (whose outline stays where it is; every later CID keeps its place). A space narrowed on purpose
 * before a word-final haraka is left alone.
 */
function widenSpaces(out: Emit[]): void {
  for (let k = 1; k + 1 < out.length; k++) {
    const space = out[k] as Emit;
    const before = out[k - 1] as Emit;
    if (!isSpaceText(space.text) || space.moveTo || before.style !== space.style || MARK.test((out[k + 1] as Emit).text)) continue;
    const least = MIN_STEP * space.style.size;
    const start = space.end - least;
    if (start < space.x && start - before.x >= least) {
      before.end = start;
      space.x = start;
    }
  }
}

const FORMAT = /^\p{Cf}$/u;

/**
 * pdf.js drops a glyph whose text ends in a format character (\p{Cf}: ZWNJ, ZWJ, LRM…), so a CID of its
 * own loses the Persian ZWNJ («کنترل‌ها» came back «کنترلها»). Such a character rides instead at the start
 * of the CID to its right, in the same word: both readers turn that entry round with its right-to-left
 * line (pdf.js reverses no entry that starts with a character outside the RTL blocks), so it comes back
 * after the letter before it; in left-to-right text it simply comes before the letter after it. Where no
 * such neighbour can take it, it keeps its own CID (poppler still reads it).
 */
function carryFormatCharacters(out: Emit[], blank: (face: FontFace) => number): Emit[] {
  const kept: Emit[] = [];
  for (let k = 0; k < out.length; k++) {
    const emit = out[k] as Emit;
    const next = out[k + 1];
    if (!FORMAT.test(emit.text) || next === undefined || next.moveTo || next.style !== emit.style || next.rtl !== emit.rtl || isSpaceText(next.text)) {
      kept.push(emit);
      continue;
    }
    const blankId = blank(emit.style.face);
    if (next.glyphId === blankId) {
      // The next CID only carries text: it takes over this one's place and glyph.
      out[k + 1] = { ...next, glyphId: emit.glyphId, text: emit.text + next.text, x: emit.x, moveTo: emit.moveTo };
    } else if (emit.glyphId === blankId) {
      // This one only carries text: the CID before it (or the move) spans its room instead.
      const before = kept[kept.length - 1];
      if (emit.moveTo || before === undefined) out[k + 1] = { ...next, text: emit.text + next.text, moveTo: true };
      else {
        before.end = next.x;
        out[k + 1] = { ...next, text: emit.text + next.text };
      }
    } else kept.push(emit);
  }
  return kept;
}

/** One code point (a surrogate pair counts as one). */
function isSingle(text: string): boolean {
  return text.length === 1 || (text.length === 2 && (text.codePointAt(0) ?? 0) > 0xffff);
}

function isSpace(slot: Slot): boolean {
  return isSpaceText(slot.text ?? '');
}

function isSpaceText(text: string): boolean {
  // trim() removes exactly what \s matches (WhiteSpace and LineTerminator), without a regex per glyph.
  return text === ' ' || (text !== '' && text.trim() === '');
}

/**
 * Shares characters among glyphs: `want[k]` characters belong over glyph k, which has room for `room[k]`
 * (at least one each while room allows). Returns counts in the same order, summing to the total, never
 * above the room except where the whole segment has too little (the caller puts the rest on the last).
 */
export function distribute(want: readonly number[], room: readonly number[]): number[] {
  const cap = room.map((r) => Math.max(1, r));
  const counts = want.map((w, k) => Math.min(w, cap[k] as number));
  let carry = 0;
  // Forward: what does not fit over a glyph moves to the next one (visual order is kept).
  for (let k = 0; k < want.length; k++) {
    const total = (want[k] as number) + carry;
    counts[k] = Math.min(total, cap[k] as number);
    carry = total - (counts[k] as number);
  }
  // Backward: what falls off the end moves onto earlier glyphs with room to spare.
  for (let k = want.length - 1; k >= 0 && carry > 0; k--) {
    const spare = (cap[k] as number) - (counts[k] as number);
    const take = Math.min(spare, carry);
    counts[k] = (counts[k] as number) + take;
    carry -= take;
  }
  if (carry > 0 && counts.length > 0) counts[counts.length - 1] = (counts[counts.length - 1] as number) + carry;
  return counts;
}

/**
 * Zero-width glyphs (marks, joiners) and glyphs with no text become outline-only; a zero-width glyph's text
 * joins the logically preceding text glyph of the run (the following one when it starts the run).
 * Visual order is left to right, so in an RTL run "logically preceding" is to the right (higher index).
 */
export function foldZeroWidth(slots: Slot[], rtl: boolean): void {
  const order = slots.map((_, i) => (rtl ? slots.length - 1 - i : i));
  let base: Slot | undefined;
  let pending = '';
  // Outline-only glyphs met before any base: drawn with the first base that follows.
  const orphans: Slot[] = [];
  const drawnWith = (slot: Slot): void => {
    if (base) slot.owner = base;
    else orphans.push(slot);
  };
  for (const index of order) {
    const slot = slots[index] as Slot;
    const size = slot.style.size;
    if (slot.glyph.text === '') {
      slot.text = null;
      drawnWith(slot);
      continue;
    }
    const narrow = Math.max(slot.glyph.advance, slot.glyph.fontAdvance) < FOLD_BELOW * size;
    if (narrow && slot.glyph.text !== ' ') {
      slot.text = null;
      if (base) base.text = `${base.text ?? ''}${slot.glyph.text}`;
      else pending += slot.glyph.text;
      drawnWith(slot);
      continue;
    }
    slot.text = pending + slot.glyph.text;
    pending = '';
    base = slot;
    for (const orphan of orphans.splice(0)) orphan.owner = slot;
  }
  // A run of nothing but zero-width glyphs: keep the first one as text so nothing is lost.
  if (pending !== '' && order.length > 0) {
    const first = slots[order[0] as number] as Slot;
    first.text = pending;
    first.owner = first;
    for (const orphan of orphans.splice(0)) if (orphan !== first) orphan.owner = first;
  }
}
