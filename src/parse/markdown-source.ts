// What Markdown as people write it carries besides CommonMark, found in the source before micromark reads
// it (micromark would take TeX's "_" for emphasis and drop its "\{" escapes): TeX math between dollars,
// template tags of site generators ({% … %}, {{ … }}), JSX comments ({/* … */}, which react.dev puts at
// the end of headings as their ids). Math and JSX comments are replaced by placeholders that no parser
// touches and that the reader turns back into model nodes; template tags go. Code is left as it is.

/** A stretch of the source that is code (fenced, indented or inline): nothing in it is looked at. */
export interface SourceRange {
  /** Offset of its first character. */
  start: number;
  /** Offset just past its last character. */
  end: number;
}

/** The source with its extras replaced, and what the placeholders stand for. */
export interface PreparedSource {
  /** The text micromark reads. */
  text: string;
  /** TeX of each math placeholder, by its number, as written between the dollars. */
  math: readonly MathSpan[];
  /** The text of each JSX comment placeholder, by its number ("what-are-you-building" of {/*what-are-you-building*\/}). */
  comments: readonly string[];
  /** How many template tags ({% … %}, {{ … }}) were dropped. */
  templates: number;
}

/** One $…$ or $$…$$ of the source. */
export interface MathSpan {
  /** The TeX between the dollars, untouched. */
  tex: string;
  /** $$…$$: display math. */
  display: boolean;
}

// Private-use characters bracket the placeholders; a source that already holds them is read without.
const OPEN_MATH = '\uE000';
const OPEN_COMMENT = '\uE001';
const CLOSE = '\uE002';
const DIGIT_ZERO = 0xe010;
const RESERVED = /[\uE000-\uE002\uE010-\uE019]/u;

const digits = (n: number): string => [...String(n)].map((d) => String.fromCharCode(DIGIT_ZERO + Number(d))).join('');

/** A placeholder's kind and number, from the text a parser handed back. */
export const PLACEHOLDER = /([\uE000\uE001])([\uE010-\uE019]+)\uE002/gu;

export function placeholderNumber(encoded: string): number {
  return Number([...encoded].map((c) => c.charCodeAt(0) - DIGIT_ZERO).join(''));
}

export function isMathPlaceholder(opener: string): boolean {
  return opener === OPEN_MATH;
}

// Liquid/Jinja tags; "{{ x }}" has spaces inside, which JSX's "style={{margin: 0}}" has not.
const TEMPLATE = /\{%[^\n{]{0,1000}?%\}|\{\{\s[^\n{}]{0,1000}?\s\}\}/y;
// What each holds stops at the next opener ("{", an unescaped "$"): a source full of unclosed openers is read
// once, not once per opener.
const JSX_COMMENT = /\{\/\*([^\n{]{0,1000}?)\*\/\}/y;
const DISPLAY_MATH = /\$\$(?!\$)((?:\\[\s\S]|[^$\\]){1,10000}?)\$\$/y;
const INLINE_MATH = /\$(?![\s$])((?:\\.|[^$\\\n]){1,1000}?)(?<![\s\\])\$(?!\d)/y;

/**
 * The source with math, JSX comments and template tags replaced outside `code`; the source itself when it
 * has none of them, or holds the placeholder characters already.
 */
export function prepareSource(source: string, code: readonly SourceRange[]): PreparedSource {
  const none: PreparedSource = { text: source, math: [], comments: [], templates: 0 };
  if (!/[$]|\{[%{/]/.test(source) || RESERVED.test(source)) return none;
  const sorted = [...code].sort((a, b) => a.start - b.start);
  const math: MathSpan[] = [];
  const comments: string[] = [];
  let templates = 0;
  let out = '';
  let i = 0;
  let next = 0; // index into sorted
  while (i < source.length) {
    while (next < sorted.length && sorted[next]!.end <= i) next++;
    const range = sorted[next];
    if (range && range.start <= i) {
      out += source.slice(i, range.end);
      i = range.end;
      continue;
    }
    const limit = range ? range.start : source.length;
    const ch = source[i];
    // An escaped dollar or brace is text.
    if (ch === '\\' && i + 1 < limit) {
      out += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    const found = ch === '$' ? matchMath(source, i, limit) : ch === '{' ? matchBrace(source, i, limit) : undefined;
    if (!found) {
      out += ch;
      i++;
      continue;
    }
    if (found.kind === 'math') {
      out += `${OPEN_MATH}${digits(math.length)}${CLOSE}`;
      math.push({ tex: found.body, display: found.display });
    } else if (found.kind === 'comment') {
      out += `${OPEN_COMMENT}${digits(comments.length)}${CLOSE}`;
      comments.push(found.body.trim());
    } else templates++;
    i = found.end;
  }
  return { text: out, math, comments, templates };
}

type Found = { kind: 'math'; body: string; display: boolean; end: number } | { kind: 'comment'; body: string; end: number } | { kind: 'template'; end: number };

function matchAt(re: RegExp, source: string, at: number, limit: number): RegExpExecArray | undefined {
  re.lastIndex = at;
  const m = re.exec(source);
  return m && at + m[0].length <= limit ? m : undefined;
}

function matchMath(source: string, at: number, limit: number): Found | undefined {
  const display = matchAt(DISPLAY_MATH, source, at, limit);
  // Display math may span lines, never a blank one (a paragraph of its own).
  if (display && !/\n[ \t]*\n/.test(display[1]!)) return { kind: 'math', body: display[1]!, display: true, end: at + display[0].length };
  if (source[at + 1] === '$') return undefined;
  // "$5 and $10" is not math: the closing dollar follows a non-space and precedes no digit.
  const inline = matchAt(INLINE_MATH, source, at, limit);
  return inline ? { kind: 'math', body: inline[1]!, display: false, end: at + inline[0].length } : undefined;
}

function matchBrace(source: string, at: number, limit: number): Found | undefined {
  const comment = matchAt(JSX_COMMENT, source, at, limit);
  if (comment) return { kind: 'comment', body: comment[1]!, end: at + comment[0].length };
  const template = matchAt(TEMPLATE, source, at, limit);
  return template ? { kind: 'template', end: at + template[0].length } : undefined;
}
