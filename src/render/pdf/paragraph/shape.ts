// Stage 2: shaping. HarfBuzz turns a run of text into positioned glyphs; this stage adds which characters
// each glyph stands for (clusters that tile the text and never split a grapheme), so that the PDF text
// layer can give back the source text exactly, marks and ZWNJ included.
import * as hb from 'harfbuzzjs';
import type { FontFace } from '../fonts/faces.js';
import { lazy, memo } from '../../../support/memo.js';

/** One glyph in logical order. Lengths are in ems (font units / unitsPerEm): scale by the font size. */
export interface ShapedGlyph {
  /** Glyph id in the font. */
  glyphId: number;
  /** Advance to the next glyph as the shaper positions it (kerning included), in ems. */
  advance: number;
  /** The font's own advance for the glyph, in ems. */
  fontAdvance: number;
  /** Horizontal offset from the shaper (mark attachment), in ems. */
  xOffset: number;
  /** Vertical offset from the shaper (mark attachment), in ems, upwards. */
  yOffset: number;
  /** UTF-16 offset into the shaped text where this glyph's cluster starts. */
  clusterStart: number;
  /** UTF-16 offset where the cluster ends. */
  clusterEnd: number;
  /** True for the first glyph (logical order) of its cluster: it carries the cluster's text. */
  clusterHead: boolean;
  /** The characters the shaper says this glyph stands for (ligatures: several; mark tails: none). */
  codePoints: readonly number[];
}

export interface Shaped {
  /** Logical order: the reverse of the visual order when rtl. */
  glyphs: readonly ShapedGlyph[];
  /** Sum of advances, in ems. */
  width: number;
}

/** How a run is shaped. */
export interface ShapeOptions {
  /** Right-to-left run: HarfBuzz shapes it so (and mirrors its brackets). */
  rtl: boolean;
  /** OpenType script tag: 'arab', 'latn', 'hebr', 'DFLT'. */
  script: string;
  /** OpenType language system tag ('FAR ', 'URD '), or undefined for the script's default. */
  language?: string | undefined;
}

// Articles repeat their words, so shaping results are kept, up to a bound shared by all faces. Keyed by
// face, direction, script, language and the exact text.
const shapedWords = memo<string, Shaped>('pdf shaped words', 200_000);

export function shape(face: FontFace, text: string, options: ShapeOptions): Shaped {
  const key = `${face.path}\u0000${options.rtl ? 'r' : 'l'}${options.script}${options.language ?? ''}\u0000${text}`;
  return shapedWords.getOrMake(key, () => shapeUncached(face, text, options));
}

/** shape() without its memo: for text that will not be shaped again (the cuts of an overlong word). */
export function shapeOnce(face: FontFace, text: string, options: ShapeOptions): Shaped {
  return shapeUncached(face, text, options);
}

function shapeUncached(face: FontFace, text: string, options: ShapeOptions): Shaped {
  if (text === '') return { glyphs: [], width: 0 };
  // HarfBuzz (wasm, shipped in harfbuzzjs) is the shaper: the reference implementation, and fast.
  const font = face.font.harfBuzz;
  const buffer = filledBuffer(text, options);
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const scale = 1 / face.font.unitsPerEm;
  const count = infos.length;
  // HarfBuzz returns RTL runs in visual order; the pipeline works in logical order until reorder.
  const logical = (i: number): number => (options.rtl ? count - 1 - i : i);
  const codePoints = glyphCodePoints(text, Array.from({ length: count }, (_, i) => infos[logical(i)]?.cluster ?? 0));
  const clusters = alignClusters(text, codePoints, graphemeBoundaries(text));
  const glyphs: ShapedGlyph[] = [];
  let width = 0;
  for (let i = 0; i < count; i++) {
    const info = infos[logical(i)];
    const position = positions[logical(i)];
    const cluster = clusters[i];
    if (!info || !position || !cluster) continue;
    const advance = position.xAdvance * scale;
    width += advance;
    glyphs.push({
      glyphId: info.codepoint,
      advance,
      fontAdvance: face.font.advance(info.codepoint) * scale,
      xOffset: position.xOffset * scale,
      yOffset: position.yOffset * scale,
      clusterStart: cluster.start,
      clusterEnd: cluster.end,
      clusterHead: cluster.head,
      codePoints: codePoints[i] ?? [],
    });
  }
  return { glyphs, width };
}

/**
 * The characters each glyph (logical order) stands for, from HarfBuzz's cluster values: the first glyph of
 * a cluster gets the cluster's characters (a ligature: several), the glyphs after it in that cluster none.
 */
function glyphCodePoints(text: string, clusterOfGlyph: readonly number[]): number[][] {
  // In logical order the clusters of a monotone shaping rise: their starts need no sorting.
  const rising = clusterOfGlyph.every((cluster, i) => i === 0 || cluster >= (clusterOfGlyph[i - 1] ?? 0));
  const starts = rising ? clusterOfGlyph.filter((cluster, i) => i === 0 || cluster !== clusterOfGlyph[i - 1]) : [...new Set(clusterOfGlyph)].sort((a, b) => a - b);
  const endOf = new Map<number, number>();
  starts.forEach((start, k) => endOf.set(start, starts[k + 1] ?? text.length));
  const seen = new Set<number>();
  return clusterOfGlyph.map((start) => {
    if (seen.has(start)) return [];
    seen.add(start);
    return [...text.slice(start, endOf.get(start) ?? text.length)].map((char) => char.codePointAt(0) ?? 0);
  });
}

const tatweelSafe = memo<string, ReadonlySet<number>>('pdf tatweel-safe offsets', 50_000);

/**
 * The UTF-16 offsets of `text` before which HarfBuzz says a tatweel may go without disturbing the shaping
 * (HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL on the glyph of the cluster starting there): the letters join there
 * and no lookup of the font reaches across. Kashida placement asks it once per word.
 */
export function tatweelSafeOffsets(face: FontFace, text: string, options: ShapeOptions): ReadonlySet<number> {
  const key = `${face.path}\u0000${options.script}${options.language ?? ''}\u0000${text}`;
  return tatweelSafe.getOrMake(key, () => {
    const buffer = filledBuffer(text, options);
    buffer.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
    try {
      hb.shape(face.font.harfBuzz, buffer);
      const out = new Set<number>();
      for (const info of buffer.getGlyphInfos()) if (info.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) out.add(info.cluster);
      return out;
    } finally {
      // The buffer is shared: every other shaping expects the default flags.
      buffer.setFlags(hb.BufferFlag.DEFAULT);
    }
  });
}

// One HarfBuzz buffer, reused by every call: shaping is synchronous, so no two calls share it at once.
const sharedBuffer = lazy('pdf harfbuzz buffer', () => new hb.Buffer());

/** The shared buffer holding `text`, with its direction, script and language, ready to shape. */
function filledBuffer(text: string, options: ShapeOptions): InstanceType<typeof hb.Buffer> {
  const buffer = sharedBuffer();
  buffer.clearContents();
  // Cluster values are UTF-16 offsets; monotone characters keeps each mark in a cluster of its own
  // unless a ligature swallows it, which is what alignClusters expects of the shaper.
  buffer.addText(text);
  buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buffer.setDirection(options.rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buffer.setScript(hbScript(options.script));
  if (options.language) buffer.setLanguage(hbLanguage(options.language));
  return buffer;
}

/** OpenType script tag → HarfBuzz script (ISO 15924); 'DFLT' → Common. */
function hbScript(otTag: string): string {
  return otTag === 'DFLT' ? 'Zyyy' : hb.otTagToScript(otTag.padEnd(4, ' '));
}

const languages = memo<string, string>('pdf harfbuzz languages', 256);

/** OpenType language system tag → BCP 47, as HarfBuzz maps it back to the same language system. */
function hbLanguage(otTag: string): string {
  return languages.getOrMake(otTag, () => hb.otTagToLanguage(otTag.padEnd(4, ' ')));
}

const graphemeSegmenter = lazy('pdf grapheme segmenter', () => new Intl.Segmenter('und', { granularity: 'grapheme' }));

/**
 * How much text ICU's segmenter is handed at once. V8 walks a segmented string in time that grows with the
 * square of its length (40,000 letters: 2 s, 80,000: a minute); a window of this size keeps it linear.
 */
const GRAPHEME_WINDOW = 1024;

/**
 * The UTF-16 offsets where a grapheme starts in `text` (0 first, text.length never), in order: Intl's
 * grapheme segmentation, window by window. A window's boundaries are exact except at its end, because
 * UAX #29 decides each break from the characters before it and the one after; so each window starts at
 * the last boundary the one before found. A "grapheme" longer than a window (a letter with a thousand
 * marks: no real text) is cut at the window's end.
 */
function graphemeStarts(text: string): number[] {
  const out: number[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + GRAPHEME_WINDOW);
    // Never end a window inside a surrogate pair.
    if (to < text.length && /[\uDC00-\uDFFF]/.test(text[to] ?? '')) to--;
    let last = from;
    for (const { index } of graphemeSegmenter().segment(text.slice(from, to))) {
      last = from + index;
      out.push(last);
    }
    if (to === text.length) break;
    if (last > from) out.pop();
    from = last > from ? last : to;
  }
  return out;
}

// Letters, digits, spaces and punctuation of Basic Latin, Latin-1 and Arabic that are never part of a
// longer grapheme (Grapheme_Cluster_Break=Other): in text made only of them every character is a grapheme,
// and asking ICU (slow on first use, and per call) is not needed.
const SINGLE_CHARACTER_GRAPHEMES = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u00ff\u060c\u061b\u061f\u0621-\u064a\u0660-\u066f\u0671-\u06d5\u06ee-\u06ff\u2010-\u2027\u2030-\u205e]*$/;

// Latin, Hebrew and Arabic letters, digits, punctuation and spaces (Grapheme_Cluster_Break=Other), their
// combining marks (Extend) and the joiners ZWNJ and ZWJ: in text made only of these, a grapheme starts at
// every character that is not a mark or a joiner (UAX #29 GB9, GB999). Left out: controls and format
// characters (U+00AD, U+061C), Arabic's prepended number signs (U+0600–U+0605, U+06DD, U+08E2).
const SIMPLE_GRAPHEMES = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u024f\u0300-\u036f\u0591-\u05c7\u05d0-\u05ea\u05ef-\u05f4\u0606-\u061b\u061d-\u06dc\u06de-\u06ff\u0750-\u077f\u08a0-\u08e1\u08e3-\u08ff\u200c\u200d\u2010-\u2027\u2030-\u205e\ufb1d-\ufb4f\ufb50-\ufdff\ufe70-\ufefc]*$/;
const EXTENDS_GRAPHEME = /[\p{M}\u200c\u200d]/u;

/** Where each grapheme of `text` starts, without ICU for text of the common scripts (ICU costs µs a grapheme). */
export function graphemeOffsets(text: string): number[] {
  if (!SIMPLE_GRAPHEMES.test(text)) return graphemeStarts(text);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (i === 0 || !EXTENDS_GRAPHEME.test(text[i]!)) out.push(i);
  return out;
}

/** Offsets where a grapheme starts, or undefined when every character is a grapheme of its own. */
function graphemeBoundaries(text: string): Set<number> | undefined {
  if (SINGLE_CHARACTER_GRAPHEMES.test(text)) return undefined;
  return new Set(graphemeOffsets(text));
}

interface Cluster {
  start: number;
  end: number;
  head: boolean;
}

/**
 * Assigns every glyph (logical order) to a cluster: a stretch of the text no other cluster's glyphs
 * reach into. A ligature that skipped a mark (lam + shadda + alef) pulls the mark into its cluster;
 * glyphs with no characters (the tail of a multiple substitution) join the cluster before them;
 * characters no glyph claims (deleted by GSUB) join the cluster that precedes them. The clusters tile
 * the text, so concatenating each cluster's text once gives the input back exactly. With `boundaries`
 * (UTF-16 offsets), clusters also never split a grapheme: a letter and its marks are one cluster.
 */
export function alignClusters(text: string, glyphCodePoints: readonly (readonly number[])[], boundaries?: ReadonlySet<number>): Cluster[] {
  const cps: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    cps.push(cp);
    offsets.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  offsets.push(text.length);
  const consumed = new Uint8Array(cps.length);
  let low = 0;
  const n = glyphCodePoints.length;
  const first = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  for (let g = 0; g < n; g++) {
    for (const cp of glyphCodePoints[g] ?? []) {
      while (low < cps.length && consumed[low]) low++;
      let found = -1;
      for (let j = low; j < cps.length && j < low + 16; j++) {
        if (!consumed[j] && cps[j] === cp) {
          found = j;
          break;
        }
      }
      if (found < 0) continue;
      consumed[found] = 1;
      if (first[g] === -1 || found < (first[g] ?? 0)) first[g] = found;
      if (found > (last[g] ?? -1)) last[g] = found;
    }
  }
  // suffixMin[g]: the lowest character index any glyph from g on stands for.
  const suffixMin = new Array<number>(n + 1).fill(cps.length);
  for (let g = n - 1; g >= 0; g--) {
    const f = first[g] ?? -1;
    suffixMin[g] = f >= 0 ? Math.min(f, suffixMin[g + 1] ?? cps.length) : (suffixMin[g + 1] ?? cps.length);
  }
  const starts: number[] = [0];
  const heads: boolean[] = new Array<boolean>(n).fill(false);
  if (n > 0) heads[0] = true;
  let prefixMax = -1;
  for (let g = 0; g < n - 1; g++) {
    prefixMax = Math.max(prefixMax, last[g] ?? -1);
    const next = suffixMin[g + 1] ?? cps.length;
    const allowed = !boundaries || boundaries.has(offsets[next] ?? -1);
    if ((first[g + 1] ?? -1) >= 0 && prefixMax < next && next < cps.length && allowed) {
      heads[g + 1] = true;
      starts.push(next);
    }
  }
  const clusters: Cluster[] = [];
  let k = -1;
  for (let g = 0; g < n; g++) {
    if (heads[g]) k++;
    const startCp = starts[k] ?? 0;
    const endCp = starts[k + 1] ?? cps.length;
    clusters.push({ start: offsets[startCp] ?? 0, end: offsets[endCp] ?? text.length, head: heads[g] ?? false });
  }
  return clusters;
}
