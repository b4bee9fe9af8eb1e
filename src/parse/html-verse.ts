// Poems on web pages, before Readability sees them: poetry sites set a line of verse as an element of
// its own holding its two hemistichs (ganjoor's div.b > div.m1 + div.m2, aldiwan's div.bet-1 > h3 + h3,
// «shatr»/«sadr»/«ajz» classes), or as a table of two cells a row. Readability drops class names and
// flattens such markup, so each poem is rewritten first into one marked element that survives it:
// <blockquote data-warraq-verse> of <p data-warraq-line> lines of <span data-warraq-half> halves.
// html-blocks.ts maps that element onto a verse block.
import type { Inline, VerseLine } from '../model/schema.js';
import { all, childElements, tagName, textOf, type DomDocument, type DomElement } from './html-dom.js';

/** The class of a line of verse: ganjoor's b/b2, aldiwan's bet-1, and the names sites give a bayt. */
const LINE_CLASS = /^(?:b|b2|bet|beyt|beit|bayt|bait|byt|abyat|verse-line|poem-line|she3r-line)(?:[-_]\d+)?$/i;
/** The class of a hemistich: ganjoor's m1/m2, and shatr, sadr, ajz, misra, hemistich. */
const HALF_CLASS = /^(?:m[12]|shatr|shatr[-_]?[12]|sadr|ajz|ajuz|ajoz|misra|mesra|mesra[-_]?[12]|hemistich|hemistich[-_]?[12])$/i;
/** A hemistich is a few words; a table cell or a column longer than this is prose. */
const HALF_MAX_WORDS = 14;
/** A table's cells are hemistichs when they hold this many words on average. */
const TABLE_MEAN_WORDS = 3.5;
/** A poem is at least two lines: a lone pair of cells is a layout table. */
const MIN_LINES = 2;

export const VERSE_ATTRIBUTE = 'data-warraq-verse';
const LINE_ATTRIBUTE = 'data-warraq-line';
const HALF_ATTRIBUTE = 'data-warraq-half';

function hasClass(el: DomElement, pattern: RegExp): boolean {
  return (el.getAttribute('class') ?? '').split(/\s+/u).some((c) => pattern.test(c));
}

function words(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/** Line classes too short to tell a poem by alone (ganjoor's b, b2): their hemistichs must be marked. */
const TERSE_LINE_CLASS = /^b2?$/i;

/**
 * A line element's hemistichs: its children of a hemistich class, else (for a line class that says
 * so plainly, not a bare «b») its two children with text.
 */
function halvesOf(line: DomElement): DomElement[] | undefined {
  const children = childElements(line).filter((c) => textOf(c) !== '');
  const marked = children.filter((c) => hasClass(c, HALF_CLASS));
  const plain = (line.getAttribute('class') ?? '').split(/\s+/u).some((c) => LINE_CLASS.test(c) && !TERSE_LINE_CLASS.test(c));
  if (marked.length === 0 && !plain) return undefined;
  const halves = marked.length > 0 ? marked : children;
  if (halves.length === 0) return textOf(line) === '' ? undefined : [line];
  if (halves.length > 2 || halves.some((h) => words(textOf(h)) > HALF_MAX_WORDS)) return undefined;
  return halves;
}

/** Rows of a table that is a poem: every row two short cells with text (empty spacer cells aside), no header. */
function tableLines(table: DomElement): DomElement[][] | undefined {
  if (table.querySelector('th, table') !== null) return undefined;
  const rows = all(table, 'tr').filter((tr) => tr.closest('table') === table);
  const lines = rows.map((tr) => childElements(tr).filter((c) => tagName(c) === 'td' && textOf(c) !== ''));
  if (lines.length < MIN_LINES || lines.some((cells) => cells.length !== 2)) return undefined;
  // A data table of two columns has short labels and figures; hemistichs are phrases of a few words.
  const counts = lines.flat().map((c) => words(textOf(c)));
  const phrases = counts.every((n) => n >= 2 && n <= HALF_MAX_WORDS) && counts.reduce((a, b) => a + b, 0) >= TABLE_MEAN_WORDS * counts.length;
  return phrases && !lines.flat().some((c) => /\p{Nd}/u.test(textOf(c))) ? lines : undefined;
}

/** Runs of sibling line elements under one parent, in document order. */
function lineGroups(doc: DomDocument): DomElement[][] {
  const lines = doc.body ? all(doc.body, '[class]').filter((el) => hasClass(el, LINE_CLASS) && halvesOf(el) !== undefined) : [];
  const groups: DomElement[][] = [];
  for (const line of lines) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && last.parentNode === line.parentNode && !last.contains(line)) group.push(line);
    else if (!lines.some((other) => other !== line && other.contains(line))) groups.push([line]);
  }
  return groups.filter((g) => g.length >= MIN_LINES);
}

/** The marked element for the poem's lines (each its hemistich elements), their content moved into it. */
function markedPoem(doc: DomDocument, lines: readonly DomElement[][]): DomElement {
  const poem = doc.createElement('blockquote');
  poem.setAttribute(VERSE_ATTRIBUTE, '');
  for (const halves of lines) {
    const line = doc.createElement('p');
    line.setAttribute(LINE_ATTRIBUTE, '');
    for (const half of halves) {
      const span = doc.createElement('span');
      span.setAttribute(HALF_ATTRIBUTE, '');
      // Block elements inside a hemistich (aldiwan's <h3>) would break the line: only their content moves.
      while (half.firstChild) span.append(half.firstChild);
      line.append(span);
    }
    poem.append(line);
  }
  return poem;
}

/** Rewrites every poem of the page into the marked form; returns how many it found. */
export function markVerse(doc: DomDocument): number {
  let found = 0;
  for (const group of lineGroups(doc)) {
    const poem = markedPoem(doc, group.map((line) => halvesOf(line) ?? []));
    group[0]!.before(poem);
    for (const line of group) line.remove();
    found++;
  }
  for (const table of doc.body ? all(doc.body, 'table') : []) {
    const lines = tableLines(table);
    if (!lines) continue;
    table.before(markedPoem(doc, lines));
    table.remove();
    found++;
  }
  return found;
}

/** The lines of a marked poem, each hemistich's inlines read by `inlinesOf`; undefined when it holds none. */
export function markedVerseLines(poem: DomElement, inlinesOf: (el: DomElement) => Inline[]): VerseLine[] | undefined {
  const lines: VerseLine[] = [];
  for (const line of all(poem, `[${LINE_ATTRIBUTE}]`)) {
    const halves = all(line, `[${HALF_ATTRIBUTE}]`).map(inlinesOf).filter((h) => h.length > 0);
    if (halves.length === 1 || halves.length === 2) lines.push(halves);
  }
  return lines.length > 0 ? lines : undefined;
}
