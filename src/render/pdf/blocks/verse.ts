// Verse in the PDF, as Arabic and Persian books set it: each line's two hemistichs side by side with a
// gap, both stretched to one common width (the poem's widest hemistich, at most half the measure), the
// first on the start side; where the measure is too narrow for that (A5), one hemistich per line, the
// second indented. The halves of a line are two Lines on one row (Line.sharesRow), never a page between
// them, the first hemistich (the right one in right-to-left verse) written first.
import type { Inline } from '../../../model/schema.js';
import type { Line } from '../paragraph/types.js';

/** Sets inlines into lines at a measure: justified (and its last line too when `fill`), or from the start side. */
export type HalfSetter = (inlines: readonly Inline[], measure: number, how: 'fill' | 'justify' | 'start') => Line[];

export interface VerseOptions {
  /** The measure the poem is set in, in points. */
  measure: number;
  /** The body size: the gap between hemistichs and the indent of a second one are in its ems. */
  size: number;
  /** Right-to-left verse: the first hemistich on the right. */
  rtl: boolean;
}

/** The gap between the halves of a line, in ems. */
const GAP_EMS = 2.5;
/** The indent of a second hemistich set under its first, in ems. */
const INDENT_EMS = 2;
/** Lines side by side as long as no more than this share of the hemistichs is too wide for its half. */
const TOO_WIDE_SHARE = 0.1;
/** A hemistich narrower than this share of its column is centred in it rather than stretched across it. */
const FILL_SHARE = 0.5;
/** The most a word space may widen in a stretched hemistich, in ems. */
const MAX_SPACE_GAIN = 0.35;
/** Measure at which a hemistich is set to learn its natural width: no line of verse is as wide. */
const UNBOUNDED = 100000;

/** How the poem is set: its hemistichs side by side in columns of `column` points, or one per line. */
export type VerseMode =
  | {
      /** Two hemistichs side by side. */
      kind: 'paired';
      /** The width each hemistich is set in, in points. */
      column: number;
    }
  | {
      /** One hemistich per line, the second indented. */
      kind: 'stacked';
    };

/** The lines' rows, one list of Lines per line of verse (each never split across pages). */
export function layoutVerse(lines: readonly (readonly Inline[][])[], set: HalfSetter, options: VerseOptions): Line[][] {
  const mode = verseMode(lines, set, options);
  return lines.map((halves) => {
    const [first = [], second] = halves;
    if (second === undefined) return set(first, options.measure, 'justify');
    return mode.kind === 'paired' ? paired(first, second, mode.column, set, options) : stacked(first, second, set, options);
  });
}

/** Side by side when the lines have two halves and nearly all fit in half the measure less the gap. */
export function verseMode(lines: readonly (readonly Inline[][])[], set: HalfSetter, options: VerseOptions): VerseMode {
  const halves = lines.filter((l) => l.length === 2).flat();
  if (halves.length === 0) return { kind: 'stacked' };
  const half = (options.measure - GAP_EMS * options.size) / 2;
  const widths = halves.map((h) => naturalWidth(set(h, UNBOUNDED, 'start')));
  const tooWide = widths.filter((w) => w > half).length;
  if (half <= 0 || tooWide > halves.length * TOO_WIDE_SHARE) return { kind: 'stacked' };
  return { kind: 'paired', column: Math.min(half, Math.max(...widths)) };
}

/** How much wider than the font's own space the widest word space of the lines is, in points. */
function widestSpaceGain(lines: readonly Line[]): number {
  let gain = 0;
  for (const line of lines) for (const run of line.runs) for (const g of run.glyphs) if (g.text === ' ') gain = Math.max(gain, g.advance - g.fontAdvance);
  return gain;
}

function naturalWidth(lines: readonly Line[]): number {
  return Math.max(0, ...lines.map((l) => l.runs.reduce((sum, r) => sum + r.width, 0)));
}

/** The two halves in their columns, centred on the measure; a line with a half too long for its column is stacked. */
function paired(first: Inline[], second: Inline[], column: number, set: HalfSetter, options: VerseOptions): Line[] {
  const gap = GAP_EMS * options.size;
  const margin = (options.measure - 2 * column - gap) / 2;
  const [firstX, secondX] = options.rtl ? [margin + column + gap, margin] : [margin, margin + column + gap];
  const inColumn = (inlines: Inline[]): Line[] => {
    const natural = set(inlines, column, 'justify');
    if (natural.length > 1) return natural;
    const filled = set(inlines, column, 'fill');
    // Stretched by tatweel, and spaces only a little: word gaps much wider than a space read as columns
    // to text extractors (and look torn). A hemistich that would need them is centred in its half.
    return naturalWidth(natural) >= FILL_SHARE * column && widestSpaceGain(filled) <= MAX_SPACE_GAIN * options.size ? filled : natural.map((line) => centred(line));
  };
  const a = inColumn(first);
  const b = inColumn(second);
  // A hemistich broken inside its column would leave a word or two alone under it.
  if (a.length !== 1 || b.length !== 1) return stacked(first, second, set, options);
  return merge(a[0]!, firstX, b[0]!, secondX, options.measure);
}

/** A line moved to the middle of its measure. */
function centred(line: Line): Line {
  const left = Math.min(...line.runs.map((r) => r.x));
  const width = naturalWidth([line]);
  const shift = (line.measure - width) / 2 - left;
  return { ...line, runs: line.runs.map((r) => ({ ...r, x: r.x + shift })) };
}

/**
 * The two halves at their offsets as two Lines on one row, the first hemistich first: the text layer
 * writes each as its own stretch, in reading order, so no extractor runs the halves together or swaps them.
 */
function merge(a: Line, ax: number, b: Line, bx: number, measure: number): Line[] {
  const placed = (line: Line, dx: number): Line => ({ ...line, measure, runs: line.runs.map((r) => ({ ...r, x: r.x + dx })) });
  const height = Math.max(a.height, b.height);
  const ascent = Math.max(a.ascent, b.ascent);
  return [{ ...placed(a, ax), height, ascent, continuesRow: true }, { ...placed(b, bx), height, ascent, sharesRow: true }];
}

/** One hemistich per line: the first from the start side, the second indented from it. */
function stacked(first: Inline[], second: Inline[], set: HalfSetter, options: VerseOptions): Line[] {
  const indent = INDENT_EMS * options.size;
  const under = set(second, Math.max(1, options.measure - indent), 'start').map((line) => ({
    ...line,
    measure: options.measure,
    runs: options.rtl ? line.runs : line.runs.map((r) => ({ ...r, x: r.x + indent })),
  }));
  return [...set(first, options.measure, 'start'), ...under];
}
