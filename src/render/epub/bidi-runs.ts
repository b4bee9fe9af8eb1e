// Where a right-to-left page needs explicit left-to-right isolation (and the reverse): maximal stretches
// of the opposite script, e.g. «Windows 10» or «C++» or a URL inside Arabic prose. Without isolation the
// trailing neutrals of such a stretch ("++", ".", ")") take the paragraph's direction and jump to the
// wrong side. The bidi classes come from src/text (bidi-js), the same UAX #9 data the PDF uses.
import type { Direction } from '../../model/schema.js';
import { bidiClass } from '../../text/index.js';

export interface Run {
  /** UTF-16 offset of the run's first character: a strong character of the opposite direction. */
  start: number;
  /** UTF-16 offset just past the run's last character (exclusive), trailing punctuation left out. */
  end: number;
}

const RTL_STRONG: ReadonlySet<string> = new Set(['R', 'AL']);

function isStrong(cls: string, dir: Direction): boolean {
  return dir === 'rtl' ? RTL_STRONG.has(cls) : cls === 'L';
}

export function opposite(dir: Direction): Direction {
  return dir === 'rtl' ? 'ltr' : 'rtl';
}

/** Bidi class per UTF-16 offset (the low half of a surrogate pair repeats the pair's class). */
function classes(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const cls = bidiClass(ch);
    for (let k = 0; k < ch.length; k++) out.push(cls);
  }
  return out;
}

// Sentence punctuation and quotation marks that belong to the surrounding sentence, not to the
// embedded stretch: "(see Windows 10)." keeps the ")" and "." outside.
const TRAILING = /[\s.,;:!?،؛؟…«»"'“”‘’]/u;

/**
 * Stretches of text written in the direction opposite to `base`: from a strong character of the other
 * direction up to (not including) the next strong character of the base direction or line break, minus
 * trailing whitespace, sentence punctuation and unmatched closing brackets.
 */
export function oppositeRuns(text: string, base: Direction): Run[] {
  const cls = classes(text);
  const other = opposite(base);
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isStrong(cls[i] ?? '', other)) {
      i++;
      continue;
    }
    const start = i;
    let j = i;
    while (j < text.length && !isStrong(cls[j] ?? '', base) && cls[j] !== 'B') j++;
    const end = trimEnd(text, start, j);
    runs.push({ start, end });
    i = j;
  }
  return runs;
}

/** Moves `end` back over characters that belong to the outer sentence. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    const ch = text[e - 1];
    if (e <= start || ch === undefined) return e;
    if (TRAILING.test(ch)) {
      e--;
      continue;
    }
    const closer = CLOSERS[ch];
    if (closer !== undefined && count(text, start, e, closer) < count(text, start, e, ch)) {
      e--;
      continue;
    }
    return e;
  }
}

const CLOSERS: Record<string, string> = Object.freeze<Record<string, string>>({ ')': '(', ']': '[', '}': '{' });

function count(text: string, start: number, end: number, ch: string): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text[i] === ch) n++;
  return n;
}

/** Whether the text has strong characters of `dir`. */
export function hasStrong(text: string, dir: Direction): boolean {
  for (const ch of text) if (isStrong(bidiClass(ch), dir)) return true;
  return false;
}

/**
 * The direction a block of text needs: the page's, unless the block has no strong character of the
 * page's direction and some of the other (an English paragraph in an Arabic article). Deliberately not
 * "first strong character" (dir="auto"): an Arabic sentence that opens with a Latin name stays RTL.
 */
export function blockDirection(text: string, page: Direction): Direction {
  return !hasStrong(text, page) && hasStrong(text, opposite(page)) ? opposite(page) : page;
}
