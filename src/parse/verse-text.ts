// Verse in plain text: runs of short lines that are not sentences (a poem, a hemistich a line), lines of
// two hemistichs with a separator between them (a tab, a wide gap, « * », «…»), and Qur'anic verses that
// end in an end-of-ayah number (۝١, ﴿١﴾, (1)). Without this rule each such line was a heading.
import type { Block, Inline, VerseLine } from '../model/schema.js';
import { SENTENCE_END, wordCount } from './title.js';

/** A hemistich is short: Persian and Arabic ones run to about ten words, free verse's lines to a dozen. */
const HEMISTICH_MAX_WORDS = 12;
/** So few lines never make a poem: three headings in a row are rarer than a three-line stanza. */
const MIN_RUN = 3;
/** A run is verse when at most this share of its lines ends a sentence (a quatrain's last line may). */
const MAX_SENTENCE_SHARE = 0.4;

/** An end-of-ayah number: ۝ and digits (either side), an ornate-parenthesised number, or a bracketed one. */
const AYAH_END = /(?:\u06DD\s*[\p{Nd}]+|[\p{Nd}]+\s*\u06DD|\uFD3F\s*[\p{Nd}]+\s*\uFD3E|\uFD3E\s*[\p{Nd}]+\s*\uFD3F|\(\s*[\p{Nd}]+\s*\))$/u;

/** Where one hemistich ends and the next begins, on a line that holds both. */
const HEMISTICH_SEPARATORS: readonly RegExp[] = Object.freeze([/\t+/u, / {3,}|[\u2003\u2002\u3000]+/u, /\s+\*{1,3}\s+/u, /\s+(?:…|\.\.\.)\s+/u]);

/** A line that is an ayah: it ends in its number. */
export function isAyahLine(line: string): boolean {
  return AYAH_END.test(line.trim());
}

/** The two hemistichs of a line that holds both, each a few words of letters; undefined for any other line. */
export function splitHemistichs(line: string): [string, string] | undefined {
  for (const separator of HEMISTICH_SEPARATORS) {
    const parts = line.split(separator).map((p) => p.trim());
    if (parts.length !== 2) continue;
    const [first = '', second = ''] = parts;
    // «count:\t12» is a record, not verse: both sides are words of letters.
    const hemistich = (p: string): boolean => wordCount(p) >= 2 && wordCount(p) <= HEMISTICH_MAX_WORDS && /\p{L}/u.test(p) && !/[:：]$/u.test(p);
    if (hemistich(first) && hemistich(second)) return [first, second];
  }
  return undefined;
}

function isShortLine(line: string): boolean {
  return wordCount(line) <= HEMISTICH_MAX_WORDS && /\p{L}/u.test(line) && !line.includes('\t');
}

/** One of a run's lines, as the run rules read it. */
type Kind = 'ayah' | 'paired' | 'short' | 'other';

function kindOf(line: string): Kind {
  if (isAyahLine(line)) return 'ayah';
  if (splitHemistichs(line)) return 'paired';
  return isShortLine(line) ? 'short' : 'other';
}

/** A line that could be a hemistich of a poem: short, of letters, not a sentence's end. */
export function isHemistichLine(line: string): boolean {
  const kind = kindOf(line);
  return (kind === 'short' || kind === 'paired') && !SENTENCE_END.test(line);
}

/** A stretch of the body's lines that is verse: [start, end) and how its lines pair. */
export interface VerseRun {
  /** Index of its first line. */
  start: number;
  /** Index after its last line. */
  end: number;
}

/**
 * The verse runs among the lines (`breaks[i]`: a blank line before line i ends any run): two or more
 * ayahs in a row; three or more lines of two hemistichs or short lines, most of them not sentences.
 */
export function verseRuns(lines: readonly string[], breaks: ReadonlySet<number> = new Set()): VerseRun[] {
  const kinds = lines.map(kindOf);
  const runs: VerseRun[] = [];
  let i = 0;
  while (i < lines.length) {
    const kind = kinds[i]!;
    if (kind === 'other') {
      i++;
      continue;
    }
    const ayahs = kind === 'ayah';
    let end = i + 1;
    while (end < lines.length && !breaks.has(end) && (ayahs ? kinds[end] === 'ayah' : kinds[end] === 'paired' || kinds[end] === 'short')) end++;
    // A poem's last line may end in a full stop, its first never does: a sentence before it is prose.
    let start = i;
    while (!ayahs && start < end && SENTENCE_END.test(lines[start]!)) start++;
    const sentences = lines.slice(start, end).filter((l) => SENTENCE_END.test(l)).length;
    if (ayahs ? end - start >= 2 : end - start >= MIN_RUN && sentences <= (end - start) * MAX_SENTENCE_SHARE) runs.push({ start, end });
    i = end;
  }
  return runs;
}

const text = (value: string): Inline[] => [{ type: 'text', value }];

/**
 * A verse block of the run's lines: an ayah a line; a line of two hemistichs as they are; short lines,
 * one hemistich each, paired into lines of two (a poem saved a hemistich a line, as ganjoor's are) unless
 * some line of the run already holds both halves, when each line is a line.
 */
export function verseBlock(lines: readonly string[]): Block {
  const ayahs = lines.every(isAyahLine);
  const split = lines.map(splitHemistichs);
  const verseLines: VerseLine[] = [];
  if (ayahs || split.some((s) => s !== undefined)) {
    lines.forEach((line, k) => verseLines.push(ayahs ? [text(line)] : (split[k]?.map(text) ?? [text(line)])));
  } else {
    for (let k = 0; k < lines.length; k += 2) verseLines.push(lines.slice(k, k + 2).map(text));
  }
  return { type: 'verse', lines: verseLines };
}
