// UAX #9 through bidi-js, shared by every renderer: the PDF's line order and the DOCX's run split
// come from this one implementation.
import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import type { Direction } from '../model/schema.js';
import { lazy, memo } from '../support/memo.js';

// bidi-js builds its character tables when the instance is made: on first use, not on import.
const bidi = lazy('bidi-js instance', () => bidiFactory());

export type { EmbeddingLevels };

/** A maximal stretch of text at one embedding level; odd levels are right-to-left. */
export interface LevelRun {
  /** UTF-16 offset of the run's first character. */
  start: number;
  /** UTF-16 offset after its last character. */
  end: number;
  /** Its UAX #9 embedding level. */
  level: number;
}

// The PDF's itemizer and the DOCX's run split ask for the levels of the same paragraphs, and a batch
// repeats its boilerplate: each text's levels are resolved once. Callers only read them.
const resolved = memo<string, EmbeddingLevels>('bidi embedding levels', 1024);

export function embeddingLevels(text: string, base: Direction): EmbeddingLevels {
  return resolved.getOrMake(`${base}\0${text}`, () => bidi().getEmbeddingLevels(text, base));
}

export function isRtlLevel(level: number): boolean {
  return (level & 1) === 1;
}

/** Splits text into runs of one embedding level (UTF-16 offsets, end exclusive). */
export function levelRuns(text: string, base: Direction): LevelRun[] {
  const { levels } = embeddingLevels(text, base);
  return runsFromLevels(levels, 0, text.length);
}

export function runsFromLevels(levels: Uint8Array, start: number, end: number): LevelRun[] {
  const runs: LevelRun[] = [];
  let runStart = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || levels[i] !== levels[runStart]) {
      runs.push({ start: runStart, end: i, level: levels[runStart] ?? 0 });
      runStart = i;
    }
  }
  return runs;
}

export function bidiClass(char: string): string {
  return bidi().getBidiCharTypeName(char);
}
