// How a line is written into the content stream so that its text copies back in reading order.
//
// Measured facts this relies on (poppler pdftotext 22.12, pdf.js 5.x, MuPDF 1.21, Ghostscript 10.00;
// Arabic set in Amiri):
// - pdf.js never reorders text items: it keeps content-stream order and runs its own bidi on each item
//   alone. An item ends at a backward jump of more than 0.2 em, a vertical move of more than 0.25 em, a gap
//   over 0.6 em, a change of font or size, and at marked content (BMC/BDC/EMC). Its bidi calls an item
//   LTR when under 30 % of its characters are Arabic/Hebrew, and then leaves its neutral characters (a full
//   stop, a space) where they stand. It reverses a multi-character ToUnicode entry that starts with an RTL
//   character; poppler does not — so a multi-character entry reads right in one of them only.
// - pdf.js and spaces: a glyph whose text starts with white space is dropped; its space is added before
//   the next glyph of the same item (and a gap of 0.1–0.6 em between two glyphs of an item is a space), but
//   a backward jump (the next piece of a right-to-left line) forgets it. A glyph whose text is a
//   right-to-left mark and then a space is not white space to it: that space is kept.
// - pdf.js and marks: a glyph whose text contains a combining mark (\p{Mn}) gets no advance and no
//   position check. So a word space followed by a mark gave two spaces, the second between the mark and
//   its letter ("مشكول ٌ"), and a line whose first glyph is a mark hung it on the line before ("1ِ").
//   A text ending in a format character (\p{Cf}) is dropped whole: a ZWNJ rides at the start of a letter's
//   CID instead (glyph-text.ts), as the right-to-left mark does before a space.
// - poppler goes by geometry (stream order does not matter): it breaks a word at a gap over 0.1 em, at an
//   overlap over 0.2 em, and at a glyph that starts within 0.1 em of the previous glyph's start (its
//   duplicate-text test: "أخير ا" when marks are positioned with offsets). It takes a line's direction
//   from its majority script. Its -raw mode keeps the words in content order.
// - MuPDF 1.21 (mutool draw -F txt) takes characters in content order, and Ghostscript's txtwrite takes
//   each show string's characters in content order and sorts a line's strings by where each starts, left
//   to right; it puts a string on a line of its own when its baseline differs at all (a rise).
//   So both read a right-to-left line written left to right reversed, as they read LibreOffice's; written
//   in reading order, pdf.js and poppler read it wrong instead (readers.test.ts has the smallest PDFs).
//   Ghostscript 10.00 also garbles every code point after the first of a multi-character ToUnicode entry
//   (it makes each of the low bytes of the one before and its own: RLM + space reads U+200F U+0F20).
// - /ActualText: poppler honours it only on a /Span marked-content sequence, and spreads its characters
//   left to right over the glyphs' box, so right-to-left text comes out reversed; pdf.js, MuPDF 1.21 and
//   Ghostscript ignore it in text; pdf.js passes a structure element's /ActualText on as its accessible
//   name. So the logical text goes on structure elements (document.ts), never into the content stream.
// - Both pdf.js and poppler take a glyph's position from the text matrix and the /W widths only; an empty
//   ToUnicode entry comes back as junk (the CID).
//
// So: glyphs in visual order, NO numbers inside the strings: every CID's /W width is the distance to the
// next CID's origin (font-embed.ts gives one outline several CIDs when it needs several widths or texts).
// Every CID carries exactly one code point: a glyph standing for several characters (ligature; base with
// its marks) is followed by blank CIDs (the space outline) carrying the others, the glyph's advance shared
// among them, each at least 0.11 em from the previous one (characters that do not fit move over a
// neighbour in the same word, order kept). Glyphs with no text (the tail of a multiple substitution,
// kashida), zero-width glyphs (harakat, ZWNJ) and glyphs off the baseline are drawn as paths (one Form
// XObject per glyph) after the text object; their text goes to the logically preceding base (a raised
// glyph's to blank CIDs on the baseline). A word space before a word-final haraka is narrowed to 0.07 em
// (glyph-text.ts). A line is cut into pieces where its font or size changes, where pdf.js would guess its
// direction wrong, and where the structure needs an element of its own (a link, a list label, another
// language); the pieces are written in logical order, each its own text object and marked-content
// sequence, and each reports its logical text for the structure tree. The space between two pieces that
// pdf.js would lose, and a line that starts with a mark, get the one exception to one code point per CID:
// a right-to-left mark and a space (keepSpaces). Result, measured by tests/render/pdf/output/extract.test.ts:
// every word back in order, harakat on their letters, from pdf.js (as Firefox joins its items), poppler
// and the structure.
// Known limits of the readers, not of the file: pdf.js's bidi swaps a typographic quote that touches
// digits; poppler reads every line of a page whose letters are mostly Latin left to right; MuPDF 1.21 and
// Ghostscript read right-to-left words letter-reversed.
import type { FontFace } from '../fonts/faces.js';
import { IMAGE_DESCENT, type Line } from '../paragraph/types.js';
import { fill as fillColour, fmt, fmtScale } from './canvas.js';
import { runStrokes } from './strokes.js';
import { emissions, foldZeroWidth, logicalOrder, markLabel, type Emit, type Slot } from './glyph-text.js';

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
  /** What the link shows when it is an image in the line: the image's alt text (the annotation's /Contents). */
  alt?: string | undefined;
}

/** One marked-content sequence of a line: a stretch of one font, size, direction, language and link. */
export interface WrittenPiece {
  /** Content-stream operators: the piece's text object, then its glyphs drawn as outlines and its under- and strike lines. */
  operators: string;
  /** The piece's text in logical order: its structure element's /ActualText when `reordered`. */
  text: string;
  /** Whether its glyphs are written in an order other than its text's (right-to-left text, marks). */
  reordered: boolean;
  /** BCP 47 tag of its text. */
  lang: string;
  /** The live link the piece is the text of, if any. */
  link?: string | undefined;
  /** Whether the piece is (part of) a list item's label. */
  label: boolean;
  /** One area per linked run of the piece, for the page's link annotations. */
  links: LinkArea[];
}

export interface WrittenLine {
  /** The line's pieces, in logical (reading) order; their operators drawn in this order. */
  pieces: WrittenPiece[];
}

/** How to cut a line into pieces beyond what its fonts ask. */
export interface LineOptions {
  /** UTF-16 length of the list-item label at the start of the line's text (0: none): its own piece. */
  label?: number | undefined;
}

/** A piece being written: its emits in visual order. */
interface Piece {
  emits: Emit[];
  outlines: Slot[];
  underlines: string[];
  links: LinkArea[];
}

/**
 * Writes one line. `left` is the x of the line's left edge and `baseline` the y of its baseline, both in
 * PDF user space (y up); `rtlBase` is the paragraph direction.
 */
export function writeLine(line: Line, left: number, baseline: number, sink: GlyphSink, rtlBase: boolean, options: LineOptions = {}): WrittenLine {
  const slots: Slot[] = [];
  const runsOf: { first: number; last: number }[] = [];
  for (const run of line.runs) {
    let pen = left + run.x;
    const runSlots: Slot[] = [];
    const rise = run.style.rise ?? 0;
    for (const glyph of run.glyphs) {
      const slot: Slot = {
        glyph,
        style: run.style,
        x: pen + glyph.xOffset,
        // yOffset follows the shaper's convention: positive raises the glyph. A raised run (a superscript)
        // is drawn as outlines, its text on the baseline, as a mark's is: readers keep it on its line.
        y: baseline + glyph.yOffset + rise,
        penEnd: pen + glyph.advance,
        text: glyph.text,
        rtl: run.rtl,
        // .notdef (glyph 0: a character no face has) is drawn as an outline too: PDF/A forbids showing it.
        outlined: Math.abs(glyph.yOffset + rise) > 0.001 || glyph.glyphId === 0,
        lang: run.lang,
        label: false,
        owner: undefined as unknown as Slot,
      };
      slot.owner = slot;
      runSlots.push(slot);
      pen += glyph.advance;
    }
    foldZeroWidth(runSlots, run.rtl);
    runsOf.push({ first: slots.length, last: slots.length + runSlots.length - 1 });
    slots.push(...runSlots);
  }
  markLabel(slots, rtlBase, options.label ?? 0);

  const pieces = logicalSegments(emissions(slots, (face) => sink.blank(face)), rtlBase).map((emits): Piece => ({ emits, outlines: [], underlines: [], links: [] }));
  keepSpaces(pieces, (face) => sink.blank(face));
  if (line.continuesRow === true) endSpace(pieces, rtlBase, (face) => sink.blank(face));
  pieces.forEach((piece, p) => {
    for (const emit of piece.emits) emit.slot.piece = p;
  });
  // Outline-only glyphs (marks, kashidas) are drawn with the piece of the text they belong to; a glyph
  // with no base of its own (a run of kashidas alone) with its nearest neighbour's.
  slots.forEach((slot, i) => {
    if (slot.text !== null && !slot.outlined) return;
    let p = slot.owner.piece;
    for (let d = 1; p === undefined && d < slots.length; d++) p = slots[i - d]?.piece ?? slots[i + d]?.piece;
    pieces[p ?? 0]?.outlines.push(slot);
  });
  line.runs.forEach((run, r) => {
    const range = runsOf[r] as { first: number; last: number };
    const owner = pieces[slots.slice(range.first, range.last + 1).find((s) => s.piece !== undefined)?.piece ?? 0];
    if (!owner) return;
    const { size, image } = run.style;
    if (run.style.link) {
      // The type's box, up to a linked picture's top where it stands taller (in a table cell).
      const height = Math.max(1.25 * size, image ? image.height + (0.35 - IMAGE_DESCENT) * size : 0);
      owner.links.push({ url: run.style.link, x: left + run.x, y: baseline - 0.35 * size, width: run.width, height, alt: image?.alt });
    }
    owner.underlines.push(...runStrokes(run, left, baseline));
  });
  const logical = logicalOrder(slots, rtlBase);
  return { pieces: pieces.map((piece, p) => writePiece(piece, baseline, sink, logical.filter((s) => s.piece === p && s.text !== null))) };
}

/** The operators of one piece: BT…ET with its CIDs in visual order, then its outlines and underlines; `logical` its text slots in logical order. */
function writePiece(piece: Piece, baseline: number, sink: GlyphSink, logical: readonly Slot[]): WrittenPiece {
  const out: string[] = ['BT'];
  const first = piece.emits[0] as Emit;
  let colour = '';
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
  const wide = hasWideGaps(piece.emits, size);
  const yScale = wide ? 0.5 : 1;
  const matrix = (x: number): string => `1 0 0 ${yScale} ${fmt(x)} ${fmt(baseline)} Tm`;
  out.push(`/${sink.font(first.style.face)} ${fmt(wide ? 2 * size : size)} Tf`);
  if (wide) out.push('50 Tz');
  out.push(matrix(first.x));
  // Tz outlives BT/ET (text state): a wide piece resets it.
  // Where the text matrix's pen actually is (quantised widths differ from the ideal by < 1e-5 em).
  let pos = first.x;
  let colourName: string | undefined; // the theme colour `colour` was made from
  for (const emit of piece.emits) {
    const fill = emit.style.color === colourName ? colour : fillColour((colourName = emit.style.color));
    if (fill !== colour) {
      flush();
      out.push(fill);
      colour = fill;
    }
    if (emit.moveTo && emit !== first) {
      flush();
      out.push(matrix(emit.x));
      pos = emit.x;
    }
    const units = Math.round(((emit.end - pos) / size) * 1000 * 100) / 100;
    pos += (units * size) / 1000;
    codes += sink.cid(emit.style.face, emit.glyphId, emit.text, units).toString(16).padStart(4, '0');
  }
  flush();
  if (wide) out.push('100 Tz');
  out.push('ET');

  // Outlines of the glyphs that carry no text of their own, after the text object (painting order does
  // not matter: glyphs of one line never overlap in a way that shows).
  colour = '';
  for (const slot of piece.outlines) {
    if (slot.glyph.glyphId === 0 && slot.glyph.advance === 0) continue;
    const font = slot.style.face.font;
    if (font.outline(slot.glyph.glyphId).length === 0) continue;
    const fill = fillColour(slot.style.color);
    if (fill !== colour) {
      out.push(fill);
      colour = fill;
    }
    const scale = slot.style.size / font.unitsPerEm;
    out.push(`q ${fmtScale(scale)} 0 0 ${fmtScale(scale)} ${fmt(slot.x)} ${fmt(slot.y)} cm /${sink.outline(slot.style.face, slot.glyph.glyphId)} Do Q`);
  }
  out.push(...piece.underlines);

  const text = logical.map((s) => s.text).join('');
  return {
    operators: out.join('\n'),
    text,
    reordered: piece.emits.map((e) => e.text).join('') !== text,
    lang: first.slot.lang,
    link: first.style.link,
    label: first.slot.label,
    links: piece.links,
  };
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
    const same =
      previous !== undefined &&
      previous.style.face === emit.style.face &&
      previous.style.size === emit.style.size &&
      previous.style.link === emit.style.link &&
      previous.slot.lang === emit.slot.lang &&
      previous.slot.label === emit.slot.label &&
      (!split || previous.rtl === emit.rtl);
    if (last && same) last.push(emit);
    else segments.push([emit]);
  }
  // An item pdf.js takes for left-to-right keeps its neutral characters where they stand: a full stop
  // or space at right-to-left level (after an English word ending an Arabic sentence) would read on the
  // wrong side (".LibreOffice"). Such a piece is cut where the direction changes.
  for (let k = segments.length - 1; k >= 0; k--) {
    const segment = segments[k] as Emit[];
    if (readsRtl(segment) || segment.every((e) => !e.rtl)) continue;
    const parts: Emit[][] = [];
    for (const emit of segment) {
      const last = parts[parts.length - 1];
      if (last && (last[0] as Emit).rtl === emit.rtl) last.push(emit);
      else parts.push([emit]);
    }
    segments.splice(k, 1, ...parts);
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

// What a word space says when pdf.js must not take it for whitespace: a right-to-left mark, then the space.
const MARKED_SPACE = '\u200f ';
const MARK = /^\p{Mn}/u;

/**
 * pdf.js drops whitespace glyphs and makes word spaces from the gaps between the glyphs of one item;
 * after a jump back (the next piece of a right-to-left line, to the left of the last) it forgets a space
 * it has seen, so a space between two pieces is lost ("التقريرتجريبي"). Such a space goes, as a glyph
 * pdf.js keeps (a right-to-left mark and the space), into the right-to-left piece of the two, on the
 * side where its text ends or starts. And a line whose leftmost glyph is a mark (a word-final haraka)
 * starts with that glyph before pdf.js has compared any position on the line, so pdf.js hangs the mark
 * on the line before ("1ِ"): such a line starts with a marked space just left of it.
 */
function keepSpaces(pieces: Piece[], blank: (face: FontFace) => number): void {
  const reading = (piece: Piece): boolean => readsRtl(piece.emits);
  const mark = (space: Emit, like: Emit): void => {
    space.style = like.style;
    space.glyphId = blank(like.style.face);
    space.text = MARKED_SPACE;
  };
  for (let p = 0; p + 1 < pieces.length; p++) {
    const before = pieces[p] as Piece;
    const after = pieces[p + 1] as Piece;
    // A piece that was a lone space may have lent it to its neighbour: nothing is left to join.
    if (before.emits.length === 0 || after.emits.length === 0) continue;
    const head = before.emits[0] as Emit;
    const tail = after.emits[after.emits.length - 1] as Emit;
    // Only where pdf.js jumps back: the next piece lies to the left.
    if (tail.end > head.x + 0.1 * head.style.size) continue;
    if (reading(before) && head.text === ' ') mark(head, before.emits[1] ?? head);
    else if (reading(after) && tail.text === ' ') mark(tail, after.emits[after.emits.length - 2] ?? tail);
    else if (reading(before) && tail.text === ' ') {
      after.emits.pop();
      mark(tail, head);
      before.emits.unshift(tail);
    } else if (reading(after) && head.text === ' ') {
      before.emits.shift();
      mark(head, tail);
      after.emits.push(head);
    }
  }
  for (let p = pieces.length - 1; p >= 0; p--) if ((pieces[p] as Piece).emits.length === 0) pieces.splice(p, 1);
  const leftmost = pieces.reduce<Piece | undefined>((a, b) => (a === undefined || (b.emits[0] as Emit).x < (a.emits[0] as Emit).x ? b : a), undefined);
  const first = leftmost?.emits[0];
  if (leftmost && first && MARK.test(first.text)) {
    const size = first.style.size;
    leftmost.emits.unshift({ ...first, glyphId: blank(first.style.face), text: MARKED_SPACE, x: first.x - 0.25 * size, end: first.x, moveTo: false });
  }
}

/**
 * A line whose row goes on in another line (the first hemistich of a verse line, the second written after
 * it; a table cell, the next cell after it) ends in a marked space, so that pdf.js, which joins the two
 * items with nothing between, does not run the last word of one into the first of the other. It goes on
 * the logical end of the piece at the line's end, as pdf.js reads that piece: left of a right-to-left one,
 * right of a left-to-right one (a cell of figures in a right-to-left table).
 */
function endSpace(pieces: Piece[], rtlBase: boolean, blank: (face: FontFace) => number): void {
  const emits = pieces.flatMap((p) => p.emits);
  if (emits.length === 0) return;
  const lineEdge = emits.reduce((a, b) => (rtlBase ? (b.x < a.x ? b : a) : b.end > a.end ? b : a));
  const piece = pieces.find((p) => p.emits.includes(lineEdge)) as Piece;
  const rtl = readsRtl(piece.emits);
  const edge = piece.emits.reduce((a, b) => (rtl ? (b.x < a.x ? b : a) : b.end > a.end ? b : a));
  if (edge.text === MARKED_SPACE) return;
  const size = edge.style.size;
  const space: Emit = { ...edge, glyphId: blank(edge.style.face), text: MARKED_SPACE, x: rtl ? edge.x - 0.25 * size : edge.end, end: rtl ? edge.x : edge.end + 0.25 * size, moveTo: false };
  if (rtl) piece.emits.unshift(space);
  else piece.emits.push(space);
}

/**
 * Whether a piece has a word gap over 0.55 em and none under 0.21 em (pdf.js's space minimum, doubled).
 * pdf.js drops the space glyphs and measures the gap between the glyphs either side: spaces in a row
 * (a cell's text as typed, «النارية   والتحكم») are one gap, as wide as all of them.
 */
function hasWideGaps(segment: readonly Emit[], size: number): boolean {
  let widest = 0;
  let narrowest = Infinity;
  let gap = 0;
  let start = -1;
  for (const [i, emit] of segment.entries()) {
    if (emit.text !== ' ') continue;
    if (gap === 0) start = i;
    gap += (emit.end - emit.x) / size;
    const next = segment[i + 1]?.text;
    if (next === ' ') continue;
    // Spaces at an end of the piece (a line's hung final space) have no glyph beyond them: no gap. A
    // space narrowed before a word-final haraka (glyph-text.ts) is not a word gap pdf.js measures.
    if (start > 0 && next !== undefined && !MARK.test(next)) {
      widest = Math.max(widest, gap);
      narrowest = Math.min(narrowest, gap);
    }
    gap = 0;
  }
  return widest > 0.55 && narrowest > 0.21;
}

/** Whether pdf.js's bidi takes these CIDs, as one item, for right-to-left text (it does from 30 %, and for any item of at most 4 characters with one). */
function readsRtl(emits: readonly Emit[]): boolean {
  const share = rtlShare(emits);
  const length = emits.reduce((n, e) => n + e.text.length, 0);
  return share >= 0.3 || (share > 0 && length <= 4);
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
