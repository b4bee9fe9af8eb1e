// Markdown that would keep micromark busy for minutes, found by a linear scan before it reads the source.
// Two kinds, both measured (node --cpu-prof: micromark's prepareList, resolveAllAttention, labelEnd):
// - list and quote markers piled on one line ("- - - - …" 4000 times nests 4000 lists: 7 s, then a stack
//   overflow): refused, naming the line and the limit;
// - inline marks (* _ ~ [ ] ` < \ !) by the thousand in one paragraph: micromark's time grows with their
//   square (10 000 "*" around a word: 12 s; "[a](" 100 000 times: over a minute). Such a paragraph is read
//   as plain text, with a warning: its marks become private-use stand-ins that no parser touches, and the
//   reader turns them back (restoreMarks). Real paragraphs hold a few dozen marks and are never touched.
import type { Root, Nodes } from 'mdast';
import { UserError, type Diagnostics } from '../support/errors.js';
import { MAX_NESTING } from '../support/limits.js';

/** The most inline marks one paragraph, heading or table cell may hold and still be read as Markdown. */
export const MAX_PARAGRAPH_MARKS = 2000;
/** The most lines holding marks one stretch between blank lines may have (code included). */
export const MAX_PARAGRAPH_LINES = 5000;
/** The budget of the whole document: the sum of each paragraph's marks squared (micromark's work grows so). */
export const MAX_MARK_WORK = 50_000_000;

/** Parses Markdown the way the reader does (same extensions), or with inline constructs off. */
export type MarkdownParser = (source: string, inlines: boolean) => Root;

/** The source micromark may read, and how many paragraphs of it are read as plain text. */
export interface BoundedSource {
  /** The source, with the marks of over-budget paragraphs replaced by their stand-ins. */
  text: string;
  /** How many paragraphs, headings or cells were taken as plain text. */
  flattened: number;
}

// The marks micromark's inline constructs start from, and their stand-ins (outside markdown-source's).
const MARKS = '*_~[]`<\\!';
const STAND_IN = 0xe020;
const MARK_CLASS = /[*_~[\]`<\\!]/gu;
const STAND_IN_CLASS = /[\uE020-\uE028]/gu;
const HAS_STAND_IN = /[\uE020-\uE028]/u;

/** Whether a character code is one of MARKS. */
function isMark(c: number): boolean {
  return c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 96 || c === 60 || c === 92 || c === 33;
}

/**
 * Refuses lines that nest past MAX_NESTING, and flattens paragraphs over the mark budget. The cheap pass
 * counts marks between blank lines; only a source it flags is parsed a first time with inline constructs
 * off (linear), which tells paragraphs from code exactly.
 */
export function boundMarkdown(text: string, file: string, diagnostics: Diagnostics, parse: MarkdownParser): BoundedSource {
  refuseDeepLines(text, file);
  if (!overBudget(text, file)) return { text, flattened: 0 };
  // Stand-ins already in the source would be turned into marks: such a source is read as it is.
  if (HAS_STAND_IN.test(text)) {
    throw new UserError(`${file}: a paragraph holds more than ${MAX_PARAGRAPH_MARKS} formatting marks (* _ [ ] …) and private-use characters: refused`);
  }
  const spans = inlineSpans(parse(text, false)).map((s) => ({ ...s, marks: countMarks(text, s.start, s.end) }));
  const heavy = new Set(spans.filter((s) => s.marks > MAX_PARAGRAPH_MARKS));
  let work = spans.reduce((sum, s) => (heavy.has(s) ? sum : sum + s.marks * s.marks), 0);
  for (const s of [...spans].sort((a, b) => b.marks - a.marks)) {
    if (work <= MAX_MARK_WORK) break;
    if (heavy.has(s)) continue;
    heavy.add(s);
    work -= s.marks * s.marks;
  }
  if (heavy.size === 0) return { text, flattened: 0 };
  const ordered = [...heavy].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of ordered) {
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(MARK_CLASS, (m) => String.fromCharCode(STAND_IN + MARKS.indexOf(m)));
    at = s.end;
  }
  out += text.slice(at);
  const line = lineOf(text, ordered[0]!.start);
  diagnostics.warn(ordered.length === 1
    ? `${file}: line ${line}: a paragraph with ${ordered[0]!.marks} formatting marks (* _ [ ] …, more than ${MAX_PARAGRAPH_MARKS}) read as plain text`
    : `${file}: ${ordered.length} paragraphs with too many formatting marks (* _ [ ] …, more than ${MAX_PARAGRAPH_MARKS} in one, or too many in all) read as plain text, the first at line ${line}`);
  return { text: out, flattened: ordered.length };
}

/** Stand-ins back into the marks they replaced. */
export function restoreMarks(text: string): string {
  return text.replace(STAND_IN_CLASS, (c) => MARKS[c.charCodeAt(0) - STAND_IN]!);
}

/**
 * Whether some stretch between blank lines holds more marks than a paragraph may, or all of them more work.
 * Refuses a stretch of more than MAX_PARAGRAPH_LINES lines holding marks: micromark merges a paragraph's
 * text pieces one splice at a time, so its time grows with the square of such lines, whether or not the
 * marks are read as Markdown (20 000 lines: 6 s). Code fences are not trusted to tell code here: inside an
 * HTML block or a quote, "```" is no fence, and a wrong guess would let such a stretch through.
 */
function overBudget(text: string, file: string): boolean {
  let marks = 0;
  let markedLines = 0;
  let work = 0;
  let lineWork = 0;
  let over = false;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    lineNo++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') {
      work += marks * marks;
      lineWork += markedLines * markedLines;
      marks = 0;
      markedLines = 0;
      continue;
    }
    let here = 0;
    for (let i = 0; i < line.length; i++) if (isMark(line.charCodeAt(i))) here++;
    marks += here;
    if (marks > MAX_PARAGRAPH_MARKS) over = true;
    if (here > 0 && ++markedLines > MAX_PARAGRAPH_LINES) {
      throw new UserError(`${file}: line ${lineNo}: more than ${MAX_PARAGRAPH_LINES} lines with formatting marks (* _ [ ] …) without a blank line between them: refused`);
    }
  }
  if (lineWork + markedLines * markedLines > MAX_MARK_WORK) throw new UserError(`${file}: too many lines with formatting marks (* _ [ ] …) between blank lines in all: refused`);
  return over || work + marks * marks > MAX_MARK_WORK;
}

interface Span {
  /** Offset of the span's first character. */
  start: number;
  /** Offset just past it. */
  end: number;
}

/** Where inline content lies: paragraphs, headings and table cells (code, HTML and front matter are not). */
function inlineSpans(root: Root): Span[] {
  const out: Span[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && start !== undefined && end !== undefined) out.push({ start, end });
    else if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return out;
}

function countMarks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (isMark(text.charCodeAt(i))) n++;
  return n;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

// A line that is a thematic break ("- - -", "* * *"), however long: no nesting.
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;

/**
 * Refuses a line that opens more than MAX_NESTING lists and quotes ("> - 1. - …") or is indented past what
 * MAX_NESTING levels take: micromark's time grows faster than the nesting, and every walk of it overflows.
 */
function refuseDeepLines(text: string, file: string): void {
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    lineNo++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const depth = lineDepth(text, start, end);
    if (depth.indent >= 4 * MAX_NESTING || (depth.markers > MAX_NESTING && !THEMATIC_BREAK.test(text.slice(start, end)))) {
      throw new UserError(`${file}: nested more than ${MAX_NESTING} levels deep (lists, quotes, emphasis) at line ${lineNo}: refused`);
    }
    start = end + 1;
  }
}

/** The leading indentation of a line, and how many quote and list markers open it. */
function lineDepth(text: string, start: number, end: number): { indent: number; markers: number } {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  const indent = i - start;
  let markers = 0;
  const spaceAt = (j: number): boolean => j >= end || text[j] === ' ' || text[j] === '\t';
  for (;;) {
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= end) break;
    const c = text[i]!;
    if (c === '>') {
      markers++;
      i++;
      continue;
    }
    if ((c === '-' || c === '*' || c === '+') && spaceAt(i + 1)) {
      markers++;
      i += 2;
      continue;
    }
    let j = i;
    while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
    if (j > i && (text[j] === '.' || text[j] === ')') && spaceAt(j + 1)) {
      markers++;
      i = j + 2;
      continue;
    }
    break;
  }
  return { indent, markers };
}
