// The book's table of contents: a heading, then one entry per article — its title on the start side (the
// right in a right-to-left book), its subtitle small below, and the page it starts on at the end side,
// on the baseline of the title's last line. The page numbers come in from outside: book.ts paginates
// the articles first and sets the contents again if its length moves them.
import type { Direction } from '../../../model/schema.js';
import { localeStrings } from '../../../locale/index.js';
import type { RenderContext } from '../../context.js';
import type { Furniture } from '../blocks/furniture.js';
import { setText } from '../blocks/front-matter.js';
import type { LaidOutBlock } from '../blocks/types.js';
import type { Line } from '../paragraph/types.js';
import { measureOf, pageMargins, type PageGeometry } from './geometry.js';
import { addFurniture } from './paginate.js';
import { emptyPage, type Page } from './types.js';

export interface TocEntry {
  /** The article's title, set bold on the start side, beside its page number. */
  title: string;
  /** The article's subtitle, set small under the title; absent, none. */
  subtitle?: string | undefined;
  /** The article's own direction: its title is set in it (and on the book's start side whatever it is). */
  dir: Direction;
  /** The article's own language: its title and subtitle are set in it. */
  lang: string;
  /** The page the article starts on. */
  page: number;
}

export interface TocOptions {
  /** The render's theme (sizes, colours, paragraph spacing) and diagnostics. */
  context: RenderContext;
  /** The book's geometry: rtl is the book's direction. */
  geometry: PageGeometry;
  /** The book's language: the contents heading's and the page numbers'. */
  lang: string;
  /** Number of the first contents page. */
  firstPage: number;
  /** Page numbers as the book writes them (digits). */
  digits: (value: string) => string;
  /** The folio line for each contents page (the book's, shared with its articles); absent, none. */
  folio: Furniture['folio'];
}

/** Contents pages for the entries, numbered from options.firstPage; blocks are indexed from 0. */
export function setContents(entries: readonly TocEntry[], options: TocOptions): { blocks: LaidOutBlock[]; pages: Page[] } {
  const { context, geometry } = options;
  const { sizes, colours, paragraphSpacing } = context.theme;
  const dir: Direction = geometry.rtl ? 'rtl' : 'ltr';
  const measure = measureOf(geometry);
  // The number column: room for four digits and a gap, whatever the numbers, so titles break the same
  // way whichever pages they start on.
  const numberSize = sizes.body * 1.05;
  const column = numberSize * 3.5;
  const blocks: LaidOutBlock[] = [];
  const pages: Page[] = [];
  const bottom = geometry.height - geometry.margins.bottom;
  let page = newPage(options.firstPage);
  let y = geometry.margins.top;

  function newPage(number: number): Page {
    const p = emptyPage(number);
    pages.push(p);
    return p;
  }

  const heading = setText(localeStrings(options.lang, dir).contents, { role: 'Title', size: sizes.title, color: colours.heading, bold: true, align: 'start', dir, lang: options.lang, measure }, context);
  blocks.push(heading);
  heading.lines.forEach((line, i) => {
    page.lines.push({ line, x: pageMargins(geometry, page.number).left, baseline: y + line.ascent, block: 0, index: i });
    y += line.height;
  });
  y += paragraphSpacing * 4;

  for (const entry of entries) {
    // A title in the other direction still sits on the book's start side.
    const align = entry.dir === dir ? 'start' : 'end';
    const titleMeasure = measure - column;
    const title = setText(entry.title, { role: 'P', size: sizes.body * 1.05, color: colours.heading, bold: true, align, dir: entry.dir, lang: entry.lang, measure: titleMeasure }, context);
    const subtitle = entry.subtitle
      ? setText(entry.subtitle, { role: 'P', size: sizes.body * 0.85, color: colours.subtitle, align, dir: entry.dir, lang: entry.lang, measure: titleMeasure }, context)
      : undefined;
    const number = setText(options.digits(String(entry.page)), { role: 'P', size: numberSize, color: colours.text, align: 'end', dir, lang: options.lang, measure }, context);
    const height = [...title.lines, ...(subtitle?.lines ?? [])].reduce((sum, l) => sum + l.height, 0);
    if (page.lines.length > 0 && y + height > bottom) {
      page = newPage(page.number + 1);
      y = geometry.margins.top;
    }
    const left = pageMargins(geometry, page.number).left;
    const titleX = geometry.rtl ? left + column : left;
    const titleIndex = blocks.push(title) - 1;
    let lastBaseline = y;
    title.lines.forEach((line, i) => {
      lastBaseline = y + line.ascent;
      page.lines.push({ line, x: titleX, baseline: lastBaseline, block: titleIndex, index: i });
      y += line.height;
    });
    // The number after the title in the stream, so it reads "title … page"; on the title's last baseline,
    // set over the full measure with align 'end', so its digits stand at the end side of the text block.
    const numberLine = number.lines[0];
    const lastTitle = title.lines[title.lines.length - 1];
    if (numberLine) {
      const numberIndex = blocks.push(number) - 1;
      page.lines.push({ line: numberLine, x: left, baseline: lastBaseline, block: numberIndex, index: 0 });
      if (lastTitle) {
        // Dot leaders between the ink of the title's last line and the ink of the number.
        const gap = sizes.body * 0.6;
        const titleInk = inkOf(lastTitle);
        const numberInk = inkOf(numberLine);
        const from = geometry.rtl ? left + numberInk.start + numberInk.width + gap : titleX + titleInk.start + titleInk.width + gap;
        const to = geometry.rtl ? titleX + titleInk.start - gap : left + numberInk.start - gap;
        if (to - from > gap) (page.leaders ??= []).push({ x: from, y: lastBaseline, width: to - from });
      }
    }
    if (subtitle) {
      const subtitleIndex = blocks.push(subtitle) - 1;
      subtitle.lines.forEach((line, i) => {
        page.lines.push({ line, x: titleX, baseline: y + line.ascent, block: subtitleIndex, index: i });
        y += line.height;
      });
    }
    y += paragraphSpacing * 2;
  }
  addFurniture(pages, geometry, { folio: options.folio });
  return { blocks, pages };
}

/** Ink extent of a line, relative to its measure's left edge. */
function inkOf(line: Line): { start: number; width: number } {
  if (line.runs.length === 0) return { start: 0, width: 0 };
  const start = Math.min(...line.runs.map((r) => r.x));
  return { start, width: Math.max(...line.runs.map((r) => r.x + r.width)) - start };
}
