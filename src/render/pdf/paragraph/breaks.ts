// Line breaking: the pieces (cut at UAX #14 opportunities by segment.ts) into lines; widths come from
// the shaped pieces. Justified paragraphs are broken by total fit (Knuth–Plass), which chooses all of a
// paragraph's breaks together so that word spacing is even from line to line; other text is broken
// greedily (first fit).
import type { Piece } from './segment.js';

/** A line as a range of pieces, end exclusive. */
export interface LineRange {
  /** Index of the line's first piece. */
  start: number;
  /** Index after the line's last piece. */
  end: number;
  /** The paragraph's last line, or a line ended by a forced break: set at natural width, not justified. */
  last: boolean;
}

/** How much word spaces may give, for line breaking and justification. */
export interface Spacing {
  /** How far a space may stretch, as a fraction of its natural width. */
  stretch: number;
  /** How far a space may shrink, as a fraction of its natural width. */
  shrink: number;
}

export const DEFAULT_SPACING: Readonly<Spacing> = Object.freeze<Spacing>({ stretch: 0.7, shrink: 0.3 });

interface Sums {
  width: number[];
  stretch: number[];
  shrink: number[];
}

function prefixSums(pieces: readonly Piece[], spacing: Spacing): Sums {
  const width = [0];
  const stretch = [0];
  const shrink = [0];
  for (const p of pieces) {
    const space = p.kind === 'space';
    width.push((width.at(-1) ?? 0) + p.width);
    stretch.push((stretch.at(-1) ?? 0) + (space ? p.width * spacing.stretch : 0));
    shrink.push((shrink.at(-1) ?? 0) + (space ? p.width * spacing.shrink : 0));
  }
  return { width, stretch, shrink };
}

/** Pieces a line ends with that are set at zero width: the white space it was broken at. */
function trailingSpaceEnd(pieces: readonly Piece[], start: number, end: number): number {
  let e = end;
  while (e > start && pieces[e - 1]?.kind !== 'word') e--;
  return e;
}

/** Natural width, stretch and shrink of pieces [start, end) set as a line. */
export function lineMetrics(pieces: readonly Piece[], start: number, end: number, spacing: Spacing = DEFAULT_SPACING): { width: number; stretch: number; shrink: number } {
  const e = trailingSpaceEnd(pieces, start, end);
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  for (let i = start; i < e; i++) {
    const p = pieces[i];
    if (!p) continue;
    width += p.width;
    if (p.kind === 'space') {
      stretch += p.width * spacing.stretch;
      shrink += p.width * spacing.shrink;
    }
  }
  return { width, stretch, shrink };
}

function candidates(pieces: readonly Piece[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (!p || p.breakAfter === 'none') continue;
    // Break after the whole run of white space, never between a word and the space after it.
    const next = pieces[i + 1];
    if (p.breakAfter !== 'required' && next && next.kind !== 'word' && i + 1 < pieces.length) continue;
    out.push(i + 1);
  }
  if (out.at(-1) !== pieces.length) out.push(pieces.length);
  return out;
}

/** First fit: as many pieces on each line as fit. */
export function breakGreedy(pieces: readonly Piece[], measure: number): LineRange[] {
  const lines: LineRange[] = [];
  const cands = candidates(pieces);
  let start = 0;
  let lastFit = -1;
  for (const c of cands) {
    const forced = c === pieces.length || pieces[c - 1]?.breakAfter === 'required';
    const { width } = lineMetrics(pieces, start, c);
    if (width > measure + 1e-6 && lastFit > start) {
      lines.push({ start, end: lastFit, last: false });
      start = lastFit;
    }
    lastFit = c;
    if (forced) {
      lines.push({ start, end: c, last: true });
      start = c;
      lastFit = -1;
    }
  }
  return lines.filter((l) => l.end > l.start);
}

interface Node {
  position: number;
  fitness: number;
  demerits: number;
  previous: Node | null;
  line: number;
}

/**
 * Knuth–Plass total fit. Lines whose adjustment ratio leaves [-1, tolerance] are infeasible; if no
 * feasible set of breaks exists, the tolerance is relaxed once and then first fit is used.
 */
export function breakTotalFit(pieces: readonly Piece[], measure: number, spacing: Spacing = DEFAULT_SPACING): LineRange[] {
  if (pieces.length === 0) return [];
  for (const tolerance of [1, 3]) {
    const result = totalFit(pieces, measure, spacing, tolerance);
    if (result) return result;
  }
  return breakGreedy(pieces, measure);
}

function totalFit(pieces: readonly Piece[], measure: number, spacing: Spacing, tolerance: number): LineRange[] | null {
  const sums = prefixSums(pieces, spacing);
  const cands = candidates(pieces);
  let active: Node[] = [{ position: 0, fitness: 1, demerits: 0, previous: null, line: 0 }];
  for (const c of cands) {
    const forced = c === pieces.length || pieces[c - 1]?.breakAfter === 'required';
    const emergency = pieces[c - 1]?.emergency === true;
    const e = trailingSpaceEnd(pieces, 0, c);
    const best = new Map<number, Node>();
    const survivors: Node[] = [];
    for (const a of active) {
      const width = (sums.width[e] ?? 0) - (sums.width[a.position] ?? 0);
      const stretch = (sums.stretch[e] ?? 0) - (sums.stretch[a.position] ?? 0);
      const shrink = (sums.shrink[e] ?? 0) - (sums.shrink[a.position] ?? 0);
      let ratio: number;
      if (e <= a.position) ratio = 0;
      else if (width < measure) ratio = forced ? 0 : stretch > 0 ? (measure - width) / stretch : Infinity;
      else if (width > measure) ratio = shrink > 0 ? (measure - width) / shrink : -Infinity;
      else ratio = 0;
      // Too long already: no later break can start from this node.
      if (ratio < -1) {
        if (!forced) continue;
      } else survivors.push(a);
      if (ratio < -1 || ratio > tolerance) {
        // A line with no spaces that cannot fill (one long word) is accepted rather than failing the paragraph.
        if (!(ratio === Infinity && tolerance > 1)) continue;
      }
      const badness = Number.isFinite(ratio) ? 100 * Math.abs(ratio) ** 3 : 10_000;
      const penalty = emergency ? 5000 : 0;
      let demerits = (10 + badness) ** 2 + penalty;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += 3000;
      const total = a.demerits + demerits;
      const existing = best.get(fitness);
      if (!existing || total < existing.demerits) best.set(fitness, { position: c, fitness, demerits: total, previous: a, line: a.line + 1 });
    }
    active = forced ? [] : survivors;
    for (const node of best.values()) active.push(node);
    if (forced && active.length === 0) return null;
    if (active.length === 0) return null;
  }
  let end: Node | undefined;
  for (const node of active) if (node.position === pieces.length && (!end || node.demerits < end.demerits)) end = node;
  if (!end) return null;
  const lines: LineRange[] = [];
  for (let n: Node | null = end; n?.previous; n = n.previous) {
    const forced = n.position === pieces.length || pieces[n.position - 1]?.breakAfter === 'required';
    lines.push({ start: n.previous.position, end: n.position, last: forced });
  }
  return lines.reverse();
}
