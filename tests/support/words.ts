// Comparing the words an output shows with the article's. Each format's tests compare as strictly as the
// format allows, so there are three ways to cut a text into words, named for how much they forgive.
import { blocksText, type Article } from '../../src/model/index.js';

/** Everything a reader of the article sees as text: title, subtitle, then the blocks. */
export function articleText(article: Article): string {
  return [article.meta.title, article.meta.subtitle ?? '', blocksText(article.blocks)].join('\n');
}

/** Words split at white space only: every other character (punctuation, harakat, bidi marks) must match too. */
export function wordsAsWritten(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== '');
}

// Bidi controls: LRM, RLM, the embeddings and overrides, the isolates.
const CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The text without its bidi controls (which poppler adds around every stretch of the other direction). */
export function withoutBidiControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * The words a reader sees, punctuation aside: runs of letters, marks (harakat stay) and digits. Bidi
 * controls are dropped, so one inside a word does not split it.
 */
export function letterWords(text: string): string[] {
  return withoutBidiControls(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '');
}

// Harakat, Quranic marks, superscript alef, tatweel: not part of the word for comparison.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;
// ZWNJ (Persian) and other zero-width characters: pdf.js drops them from its text, poppler keeps them;
// either way the word is the same word.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * Words as a PDF text extractor gives them back, compared loosely: NFC; harakat, tatweel and zero-width
 * characters dropped; punctuation and symbols dropped from each word. Bidi controls separate words like
 * spaces: pdftotext wraps every LTR stretch of an RTL line in U+202A…U+202C and puts the space on the far
 * side of the mark ("يوم ‪ 15‬أغسطس").
 */
export function extractedWords(text: string, options: CompareOptions = {}): string[] {
  return text
    .normalize('NFC')
    .replace(CONTROLS, ' ')
    .replace(ZERO_WIDTH, '')
    .replace(options.marks ? /\u0640/gu : MARKS, '')
    .split(/\s+/u)
    .map((w) => w.replace(/[\p{P}\p{S}]/gu, ''))
    .filter((w) => w !== '');
}

/** How strictly two texts are compared. */
export interface CompareOptions {
  /** Keep harakat and other marks: a word must come back with each mark on its letter. */
  marks?: boolean | undefined;
}

/** Length of the longest common subsequence of two word lists: how many of `expected` come back in order. */
export function inOrder(expected: readonly string[], actual: readonly string[]): number {
  let previous = new Uint32Array(actual.length + 1);
  let current = new Uint32Array(actual.length + 1);
  for (const e of expected) {
    for (let j = 1; j <= actual.length; j++) {
      current[j] = e === actual[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[actual.length] ?? 0;
}

/** How an extraction compares with the article's text, word for word. */
export interface Comparison {
  expected: number;
  found: number;
  share: number;
  /** Extracted words that are an expected word reversed (and not themselves expected). */
  reversed: string[];
  /** Numbers of the article that do not come back as such. */
  missingNumbers: string[];
  /** Expected words absent from the extraction (for the failure message). */
  missing: string[];
}

const NUMBER = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬][0-9\u0660-\u0669\u06F0-\u06F9]+)*/gu;

/** Compares a PDF text extraction with the text it should give back, by extractedWords (harakat dropped unless told). */
export function compare(expectedText: string, actualText: string, options: CompareOptions = {}): Comparison {
  const expected = extractedWords(expectedText, options);
  const actual = extractedWords(actualText, options);
  const found = inOrder(expected, actual);
  const known = new Set(expected);
  const reversed = actual.filter((w) => {
    const r = [...w].reverse().join('');
    return r !== w && !known.has(w) && known.has(r);
  });
  const actualNumbers = new Map<string, number>();
  for (const n of actualText.normalize('NFC').match(NUMBER) ?? []) actualNumbers.set(n, (actualNumbers.get(n) ?? 0) + 1);
  const missingNumbers: string[] = [];
  for (const n of expectedText.normalize('NFC').match(NUMBER) ?? []) {
    const left = actualNumbers.get(n) ?? 0;
    if (left === 0) missingNumbers.push(n);
    else actualNumbers.set(n, left - 1);
  }
  const actualSet = new Set(actual);
  return {
    expected: expected.length,
    found,
    share: expected.length === 0 ? 1 : found / expected.length,
    reversed,
    missingNumbers,
    missing: expected.filter((w) => !actualSet.has(w)).slice(0, 20),
  };
}

/** Arabic presentation forms: what an extraction holds when the text layer gives glyphs instead of characters. */
export const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/u;
