// How a line is written into the content stream so that its text copies back in reading order.
//
// Measured facts this relies on (poppler pdftotext 22.12, pdf.js 5.x; Arabic set in Amiri):
// - pdf.js never reorders text items: it keeps content-stream order and runs its own bidi on each item
//   alone. An item ends at a backward jump of more than 0.2 em, a vertical move of more than 0.25 em, a gap
//   over 0.6 em, a change of font or size, and at marked content (BMC/BDC/EMC). Its bidi calls an item
//   LTR when under 30 % of its characters are Arabic/Hebrew. It gives a glyph whose text contains a
//   combining mark (\p{Mn}) no advance, and drops whitespace glyphs (word spaces come back only from gaps
//   between the glyphs of one item). It reverses a multi-character ToUnicode entry that starts with an RTL
//   character; poppler does not — so a multi-character entry reads right in one of them only.
// - poppler goes by geometry (stream order does not matter): it breaks a word at a gap over 0.1 em, at an
//   overlap over 0.2 em, and at a glyph that starts within 0.1 em of the previous glyph's start (its
//   duplicate-text test: "أخير ا" when marks are positioned with offsets). It takes a line's direction
//   from its majority script.
// - Both take a glyph's position from the text matrix and the /W widths only; an empty ToUnicode entry
//   comes back as junk (the CID).
//
// So: one text object per line, glyphs in visual order, NO numbers inside the strings: every CID's /W
// width is the distance to the next CID's origin (font-embed.ts gives one outline several CIDs when it
// needs several widths or texts). Every CID carries exactly one code point: a glyph standing for several
// characters (ligature; base with its marks) is followed by blank CIDs (the space outline) carrying the
// others, the glyph's advance shared among them, each at least 0.11 em from the previous one (characters
// that do not fit move over a neighbour in the same word, order kept). Glyphs with no text (the tail of a
// multiple substitution, kashida) and zero-width glyphs (harakat, ZWNJ) are drawn as paths (one Form
// XObject per glyph) after the text object; their text goes to the logically preceding base. A line in
// two fonts, or one pdf.js would guess in the wrong direction, is written piece by piece in logical order,
// each piece its own marked-content sequence. Result, measured by tests/render/pdf/extract.test.ts:
// every word back in order from both readers on the test articles.
// Known limits of the readers, not of the file: pdf.js cuts a word-final haraka that is visually first
// after a word gap off its letter ("مشكول ٌ"); pdf.js loses the word space between two pieces of a line;
// poppler swaps the halves of a line whose majority script is not the paragraph's.
import type { FontFace } from '../fonts/faces.js';
import type { Line, PlacedGlyph, TextStyle } from '../paragraph/types.js';
import { fmt, rgb } from './canvas.js';
import { runStrokes } from './strokes.js';

/** What text-layer needs from the document: fonts by face, and an XObject drawing one glyph outline. */
export interface GlyphSink {
  /** The font resource name for a face ("F1"). */
  font(face: FontFace): string;
  /** The CID for (glyph, text, width in 1/1000 em) in the face's font. */
  cid(face: FontFace, glyphId: number, text: string, width: number): number;
  /** A glyph id with no outline in the face (its space), for CIDs that only carry text. */
  blank(face: FontFace): number;
  /** The name of a Form XObject holding a glyph outline in font units. */
  outline(face: FontFace, glyphId: number): string;
}

export interface LinkArea {
  /** The model link's target: the annotation's URI action. */
  url: string;
  /** Left edge, PDF user space: the run's left edge. */
  x: number;
  /** Bottom edge, PDF user space (y up): 0.35 em below the baseline. */
  y: number;
  /** The run's width, in points. */
  width: number;
  /** 1.25 em of the run's size, in points. */
  height: number;
}

export interface WrittenLine {
  /** Content-stream operators: the line's text object, then glyphs drawn as outlines, then under- and strike lines. */
  operators: string;
  /** One area per linked run, for the page's link annotations. */
  links: LinkArea[];
}

interface Slot {
  glyph: PlacedGlyph;
  style: TextStyle;
  /** Absolute origin of the outline, PDF user space. */
  x: number;
  y: number;
  /** Pen position after this glyph (origin without xOffset plus advance). */
  penEnd: number;
  /** Text for ToUnicode once zero-width neighbours are folded in; null = draw as outline only. */
  text: string | null;
  rtl: boolean;
  baseline: number;
}

// A glyph narrower than this (in em) is folded into its base: poppler's duplicate test is 0.1 em.
const FOLD_BELOW = 0.09;
// The least distance between the starts of two CIDs, in em: poppler's duplicate test is 0.1 em.
const MIN_STEP = 0.11;
// A gap between two text glyphs larger than this (in em) is a real gap (no glyph spans it): move there.
const JUMP_ABOVE = 0.3;

/**
 * Writes one line. `left` is the x of the line's left edge and `baseline` the y of its baseline, both in
 * PDF user space (y up); `rtlBase` is the paragraph direction.
 */
export function writeLine(line: Line, left: number, baseline: number, sink: GlyphSink, rtlBase: boolean): WrittenLine {
  const slots: Slot[] = [];
  const links: LinkArea[] = [];
  const strokes: string[] = [];
  for (const run of line.runs) {
    let pen = left + run.x;
    const runSlots: Slot[] = [];
    for (const glyph of run.glyphs) {
      runSlots.push({
        glyph,
        style: run.style,
        x: pen + glyph.xOffset,
        // yOffset follows the shaper's convention: positive raises the glyph.
        y: baseline + glyph.yOffset,
        penEnd: pen + glyph.advance,
        text: glyph.text,
        rtl: run.rtl,
        baseline,
      });
      pen += glyph.advance;
    }
    foldZeroWidth(runSlots, run.rtl);
    slots.push(...runSlots);
    const size = run.style.size;
    if (run.style.link) {
      links.push({ url: run.style.link, x: left + run.x, y: baseline - 0.35 * size, width: run.width, height: 1.25 * size });
    }
    strokes.push(...runStrokes(run, left, baseline));
  }

  const out: string[] = [];
  const emits = emissions(slots, sink);
  if (emits.length > 0) {
    out.push('BT');
    let colour = '';
    // Ts and Tz outlive BT/ET (text state): every piece sets its rise first (NaN forces it) and resets Tz.
    let rise: number;
    const segments = logicalSegments(emits, rtlBase);
    for (const segment of segments) {
      const first = segment[0] as Emit;
      // A marked-content sequence per piece: pdf.js ends a text item at BMC/EMC even where the font stays.
      if (segments.length > 1) out.push('/Span BMC');
      let codes = '';
      const flush = (): void => {
        if (codes !== '') out.push(`<${codes}> Tj`);
        codes = '';
      };
      const size = first.style.size;
      // pdf.js measures its spacing thresholds in Tf units: a piece with word gaps wider than its 0.6 em
      // limit is set at twice the size, half the horizontal scaling (Tz 50) and half the height in the
      // text matrix — identical on the page, while pdf.js's em (and poppler's transformed size: the
      // vertical scale) stays at the true size for poppler and doubles for pdf.js.
      const wide = hasWideGaps(segment, size);
      const yScale = wide ? 0.5 : 1;
      const matrix = (x: number): string => `1 0 0 ${yScale} ${fmt(x)} ${fmt(baseline)} Tm`;
      out.push(`/${sink.font(first.style.face)} ${fmt(wide ? 2 * size : size)} Tf`);
      if (wide) out.push('50 Tz');
      out.push(matrix(first.x));
      rise = Number.NaN;
      // Where the text matrix's pen actually is (quantised widths differ from the ideal by < 1e-5 em).
      let pos = first.x;
      for (const emit of segment) {
        const fill = rgb(emit.style.color);
        if (fill !== colour) {
          flush();
          out.push(`${fill} rg`);
          colour = fill;
        }
        if (emit.moveTo && emit !== first) {
          flush();
          out.push(matrix(emit.x));
          pos = emit.x;
        }
        if (!(Math.abs(emit.rise - rise) <= 0.001)) {
          flush();
          // Ts is in text space units, which the text matrix scales vertically.
          out.push(`${fmt(emit.rise / yScale)} Ts`);
          rise = emit.rise;
        }
        const units = Math.round(((emit.end - pos) / size) * 1000 * 100) / 100;
        pos += (units * size) / 1000;
        codes += sink.cid(emit.style.face, emit.glyphId, emit.text, units).toString(16).padStart(4, '0');
      }
      flush();
      if (wide) out.push('100 Tz');
      if (segments.length > 1) out.push('EMC');
    }
    out.push('ET');
  }

  // Outlines of the glyphs that carry no text of their own, after the text object (painting order does
  // not matter: glyphs of one line never overlap in a way that shows).
  let colour = '';
  for (const slot of slots) {
    if (slot.text !== null) continue;
    if (slot.glyph.glyphId === 0 && slot.glyph.advance === 0) continue;
    const font = slot.style.face.font;
    if (font.outline(slot.glyph.glyphId).length === 0) continue;
    const fill = rgb(slot.style.color);
    if (fill !== colour) {
      out.push(`${fill} rg`);
      colour = fill;
    }
    const scale = slot.style.size / font.unitsPerEm;
    out.push(`q ${fmt(scale)} 0 0 ${fmt(scale)} ${fmt(slot.x)} ${fmt(slot.y)} cm /${sink.outline(slot.style.face, slot.glyph.glyphId)} Do Q`);
  }
  out.push(...strokes);
  return { operators: out.join('\n'), links };
}

/**
 * Splits the line's CIDs where the font or size changes and orders the pieces logically. pdf.js ends a
 * text item at every font or size change and keeps items in content order, so an RTL line set in two
 * fonts (a bold word) must be written right piece first; within a piece glyphs stay in visual order.
 * Pieces in the paragraph's direction are reversed (for RTL), runs of pieces in the other direction keep
 * their order (UAX #9 L2 for two levels). Poppler goes by position only, so this costs it nothing.
 */
function logicalSegments(emits: readonly Emit[], rtlBase: boolean): Emit[][] {
  // pdf.js guesses each item's direction: LTR when under 30 % of its characters are Arabic or Hebrew.
  // A line that it would guess wrong (an RTL line mostly URL or English, an LTR line mostly Arabic) is
  // also split where the direction changes, so each item is of one direction and pdf.js cannot misread it.
  const split = rtlBase ? rtlShare(emits) < 0.34 : rtlShare(emits) >= 0.26;
  const segments: Emit[][] = [];
  for (const emit of emits) {
    const last = segments[segments.length - 1];
    const previous = last?.[last.length - 1];
    const same = previous !== undefined && previous.style.face === emit.style.face && previous.style.size === emit.style.size && (!split || previous.rtl === emit.rtl);
    if (last && same) last.push(emit);
    else segments.push([emit]);
  }
  if (segments.length < 2) return segments;
  const against = (segment: Emit[]): boolean => segment.every((e) => e.rtl !== rtlBase);
  const visual = rtlBase ? [...segments].reverse() : segments;
  // Re-reverse maximal runs of segments in the other direction: they read in visual order (LTR in RTL).
  const out: Emit[][] = [];
  let i = 0;
  while (i < visual.length) {
    let j = i;
    while (j < visual.length && against(visual[j] as Emit[])) j++;
    if (j > i) {
      // RTL base: the reversal above turned them round, turn them back; LTR base: they read right to left.
      out.push(...visual.slice(i, j).reverse());
      i = j;
    } else {
      out.push(visual[i] as Emit[]);
      i++;
    }
  }
  return out;
}

/** Whether a piece has a word gap over 0.55 em and none under 0.21 em (pdf.js's space minimum, doubled). */
function hasWideGaps(segment: readonly Emit[], size: number): boolean {
  let widest = 0;
  let narrowest = Infinity;
  for (const emit of segment) {
    if (emit.text !== ' ') continue;
    const gap = (emit.end - emit.x) / size;
    widest = Math.max(widest, gap);
    narrowest = Math.min(narrowest, gap);
  }
  return widest > 0.55 && narrowest > 0.21;
}

/** Share of the line's characters that pdf.js counts as right-to-left (R, AL, AN), as its bidi() does. */
function rtlShare(emits: readonly Emit[]): number {
  let rtl = 0;
  let total = 0;
  for (const emit of emits) {
    for (const ch of emit.text) {
      total++;
      const cp = ch.codePointAt(0) ?? 0;
      const mark = (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed);
      if (!mark && ((cp >= 0x0590 && cp <= 0x08ac) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff))) rtl++;
    }
  }
  return total === 0 ? 0 : rtl / total;
}

/** One CID shown in the text object: a glyph (or a blank) carrying one character of text. */
interface Emit {
  style: TextStyle;
  glyphId: number;
  text: string;
  /** Origin, and where the next CID starts (the width to give this one). */
  x: number;
  end: number;
  rise: number;
  /** Set the text matrix here first (a real gap precedes it). */
  moveTo: boolean;
  rtl: boolean;
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
function emissions(slots: readonly Slot[], sink: GlyphSink): Emit[] {
  const text = slots.filter((s) => s.text !== null);
  // Interval of each text glyph: from its origin to the next text glyph's origin (or its own pen end when
  // a real gap follows).
  const ends: number[] = [];
  const moves: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const slot = text[i] as Slot;
    const next = text[i + 1];
    const natural = slot.penEnd + (next ? next.glyph.xOffset : 0);
    const jump = next !== undefined && Math.abs(next.x - natural) > JUMP_ABOVE * slot.style.size;
    ends.push(next && !jump ? next.x : slot.penEnd);
    moves.push(jump);
  }
  const out: Emit[] = [];
  let i = 0;
  while (i < text.length) {
    // A segment: one word of one run (split at spaces, at style changes and at real gaps).
    let j = i + 1;
    if (!isSpace(text[i] as Slot)) {
      while (j < text.length && !moves[j - 1] && (text[j] as Slot).style === (text[i] as Slot).style && (text[j] as Slot).rtl === (text[i] as Slot).rtl && !isSpace(text[j] as Slot)) j++;
    }
    const segment = text.slice(i, j);
    // Fast path, most glyphs of most text: one code point over a glyph wide enough to hold it.
    if (segment.every((s, k) => isSingle(s.text ?? '') && (ends[i + k] as number) - s.x >= MIN_STEP * s.style.size)) {
      segment.forEach((slot, k) => {
        out.push({
          style: slot.style,
          glyphId: slot.glyph.glyphId,
          text: slot.text ?? '',
          x: slot.x,
          end: ends[i + k] as number,
          rise: slot.y - slot.baseline,
          moveTo: k === 0 && i > 0 && (moves[i - 1] ?? false),
          rtl: slot.rtl,
        });
      });
      i = j;
      continue;
    }
    const chars = segment.map((s) => {
      const cps = [...(s.text ?? '')];
      return s.rtl ? cps.reverse() : cps;
    });
    const counts = distribute(
      chars.map((c) => c.length),
      segment.map((s, k) => Math.floor(((ends[i + k] as number) - s.x) / (MIN_STEP * s.style.size))),
    );
    const flat = chars.flat();
    let c = 0;
    segment.forEach((slot, k) => {
      const n = counts[k] as number;
      const start = slot.x;
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
          glyphId: p === 0 ? slot.glyph.glyphId : sink.blank(slot.style.face),
          text: ch,
          x: start + p * step,
          end: p === parts.length - 1 ? stop : start + (p + 1) * step,
          rise: slot.y - slot.baseline,
          moveTo: p === 0 && k === 0 && i > 0 && (moves[i - 1] ?? false),
          rtl: slot.rtl,
        });
      });
    });
    i = j;
  }
  return out;
}

/** One code point (a surrogate pair counts as one). */
function isSingle(text: string): boolean {
  return text.length === 1 || (text.length === 2 && (text.codePointAt(0) ?? 0) > 0xffff);
}

function isSpace(slot: Slot): boolean {
  const text = slot.text ?? '';
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
function foldZeroWidth(slots: Slot[], rtl: boolean): void {
  const order = slots.map((_, i) => (rtl ? slots.length - 1 - i : i));
  let base: Slot | undefined;
  let pending = '';
  for (const index of order) {
    const slot = slots[index] as Slot;
    const size = slot.style.size;
    if (slot.glyph.text === '') {
      slot.text = null;
      continue;
    }
    const narrow = Math.max(slot.glyph.advance, slot.glyph.fontAdvance) < FOLD_BELOW * size;
    if (narrow && slot.glyph.text !== ' ') {
      slot.text = null;
      if (base) base.text = `${base.text ?? ''}${slot.glyph.text}`;
      else pending += slot.glyph.text;
      continue;
    }
    slot.text = pending + slot.glyph.text;
    pending = '';
    base = slot;
  }
  // A run of nothing but zero-width glyphs: keep the first one as text so nothing is lost.
  if (pending !== '' && order.length > 0) {
    const first = slots[order[0] as number] as Slot;
    first.text = pending;
  }
}
