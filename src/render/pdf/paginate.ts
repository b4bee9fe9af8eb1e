// Stage 6: paginate. A pure function from laid-out blocks to pages of positioned lines.
// Rules: the text block comes from the theme's page size and margins, inner margin on the binding side
// (RTL books bind on the right of odd pages; facing pages mirror); a heading stays with the first two
// lines of what follows; no paragraph leaves one line alone at the foot (orphan) or the head (widow) of a
// page; space before a block is dropped at the top of a page; running head (from page 2) and folio are
// passed in as finished lines so this stage never shapes text.
import type { LaidOutBlock, Line } from './types.js';

export interface PageGeometry {
  width: number;
  height: number;
  margins: { top: number; bottom: number; inner: number; outer: number };
  /** Paragraph direction of the text on the pages: lines and indents start on the right when true. */
  rtl: boolean;
  /**
   * Side the pages are bound on, when it differs from the text's direction (a left-to-right article in a
   * right-to-left book); `rtl` when absent.
   */
  bindRtl?: boolean | undefined;
}

/** A line on a page. x is the left edge of the line's measure, baseline is measured from the page top. */
export interface PlacedLine {
  line: Line;
  x: number;
  baseline: number;
  /** Index of the block in the input, and of the line in the block (-1 for running head and folio). */
  block: number;
  index: number;
}

export interface PlacedImage {
  path: string;
  x: number;
  /** Top edge, from the page top. */
  top: number;
  width: number;
  height: number;
  block: number;
}

export interface PlacedRule {
  x: number;
  y: number;
  width: number;
  block: number;
}

export interface PageBookmark {
  title: string;
  level: number;
  /** Top of the heading, from the page top. */
  top: number;
  block: number;
}

export interface Page {
  /** 1-based page number. */
  number: number;
  lines: PlacedLine[];
  images: PlacedImage[];
  rules: PlacedRule[];
  bookmarks: PageBookmark[];
  /** Running head and folio: not part of the article's text flow. */
  furniture: PlacedLine[];
  /** Dot leaders (the contents of a book): drawn, not text; y is the baseline from the page top. */
  leaders?: { x: number; y: number; width: number }[] | undefined;
}

export interface Furniture {
  /** The running head (the article title), set from page 2 on. */
  runningHead?: Line | undefined;
  /** The folio line for a page number. */
  folio?: ((page: number) => Line | undefined) | undefined;
}

/** Left and right margins of a page: the inner (binding) margin on the right of odd RTL pages. */
export function pageMargins(geometry: PageGeometry, pageNumber: number): { left: number; right: number } {
  const { inner, outer } = geometry.margins;
  const odd = pageNumber % 2 === 1;
  // LTR: odd pages are rectos bound on the left. RTL: odd pages are bound on the right.
  const innerOnLeft = (geometry.bindRtl ?? geometry.rtl) ? !odd : odd;
  return innerOnLeft ? { left: inner, right: outer } : { left: outer, right: inner };
}

/** Width of the text block. */
export function measureOf(geometry: PageGeometry): number {
  return geometry.width - geometry.margins.inner - geometry.margins.outer;
}

const MIN_LINES = 2;

/** `firstPage`: the number of the first page, for a run of pages inside a longer document (a book). */
export function paginate(blocks: readonly LaidOutBlock[], geometry: PageGeometry, furniture: Furniture = {}, firstPage = 1): Page[] {
  const pages: Page[] = [];
  const bottom = geometry.height - geometry.margins.bottom;
  let page = newPage(firstPage);
  let y = geometry.margins.top;
  let pendingSpace = 0;

  function newPage(number: number): Page {
    const p: Page = { number, lines: [], images: [], rules: [], bookmarks: [], furniture: [] };
    pages.push(p);
    return p;
  }
  function breakPage(): void {
    page = newPage(page.number + 1);
    y = geometry.margins.top;
    pendingSpace = 0;
  }
  const empty = (): boolean => page.lines.length === 0 && page.images.length === 0 && page.rules.length === 0;
  const lineX = (block: LaidOutBlock, line: Line): number => {
    const { left, right } = pageMargins(geometry, page.number);
    return geometry.rtl ? geometry.width - right - block.indent - line.measure : left + block.indent;
  };
  const heights = (lines: readonly Line[], count: number): number => lines.slice(0, count).reduce((sum, l) => sum + l.height, 0);
  const imageHeight = (block: LaidOutBlock): number => (block.image ? fitImage(block.image, geometry).height : 0);
  // Height a block needs at the top of its placement: what may not be separated from its start.
  const headHeight = (block: LaidOutBlock): number => {
    const n = block.lines.length;
    const keep = n < 2 * MIN_LINES ? n : MIN_LINES;
    return imageHeight(block) + (block.rule ? ruleHeight(block) : 0) + heights(block.lines, keep);
  };

  blocks.forEach((block, blockIndex) => {
    const space = Math.max(pendingSpace, block.spaceBefore);
    let need = headHeight(block);
    if (block.keepWithNext) {
      need = imageHeight(block) + heights(block.lines, block.lines.length);
      const next = blocks[blockIndex + 1];
      if (next) need += Math.max(block.spaceAfter, next.spaceBefore) + headHeight(next);
    }
    if (!empty() && y + space + need > bottom) breakPage();
    if (!empty()) y += space;

    if (block.outline) page.bookmarks.push({ ...block.outline, top: y, block: blockIndex });
    if (block.rule) {
      const { left } = pageMargins(geometry, page.number);
      const h = ruleHeight(block);
      page.rules.push({ x: left, y: y + h / 2, width: measureOf(geometry), block: blockIndex });
      y += h;
    }
    if (block.image) {
      const size = fitImage(block.image, geometry);
      if (!empty() && y + size.height > bottom) breakPage();
      const { left } = pageMargins(geometry, page.number);
      page.images.push({ path: block.image.path, x: left + (measureOf(geometry) - size.width) / 2, top: y, width: size.width, height: size.height, block: blockIndex });
      y += size.height;
    }

    let index = 0;
    const lines = block.lines;
    while (index < lines.length) {
      const rest = lines.length - index;
      let fit = 0;
      let used = 0;
      while (fit < rest && y + used + (lines[index + fit] as Line).height <= bottom + 0.01) {
        used += (lines[index + fit] as Line).height;
        fit++;
      }
      let take = fit;
      if (take < rest) {
        // Widow: never leave fewer than two lines for the next page; orphan: never one line at the foot.
        if (rest - take < MIN_LINES) take = rest - MIN_LINES;
        if (take < MIN_LINES) take = 0;
        if (take === 0 && empty()) take = Math.max(1, fit); // a page too short for the rules: do not loop
      }
      for (let k = 0; k < take; k++) {
        const line = lines[index + k] as Line;
        page.lines.push({ line, x: lineX(block, line), baseline: y + line.ascent, block: blockIndex, index: index + k });
        y += line.height;
      }
      index += take;
      if (index < lines.length) breakPage();
    }
    pendingSpace = block.spaceAfter;
  });

  addFurniture(pages, geometry, furniture);
  return pages;
}

function ruleHeight(block: LaidOutBlock): number {
  return Math.max(12, block.spaceBefore + block.spaceAfter);
}

/** An image scaled down (never up) to the text block and at most 60 % of its height. */
export function fitImage(image: { width: number; height: number }, geometry: PageGeometry): { width: number; height: number } {
  const maxWidth = measureOf(geometry);
  const maxHeight = 0.6 * (geometry.height - geometry.margins.top - geometry.margins.bottom);
  const scale = Math.min(1, maxWidth / image.width, maxHeight / image.height);
  return { width: image.width * scale, height: image.height * scale };
}

export function addFurniture(pages: Page[], geometry: PageGeometry, furniture: Furniture): void {
  for (const page of pages) {
    const { left, right } = pageMargins(geometry, page.number);
    const measure = geometry.width - left - right;
    // Running head: centred on the text block, half the top margin above it; not on the opening page.
    const head = furniture.runningHead;
    if (head && page !== pages[0]) {
      page.furniture.push({ line: head, x: left + (measure - lineWidth(head)) / 2 - lineStart(head), baseline: geometry.margins.top / 2 + head.ascent / 2, block: -1, index: -1 });
    }
    const folio = furniture.folio?.(page.number);
    if (folio) {
      const baseline = geometry.height - geometry.margins.bottom / 2 + folio.ascent / 2;
      page.furniture.push({ line: folio, x: left + (measure - lineWidth(folio)) / 2 - lineStart(folio), baseline, block: -1, index: -1 });
    }
  }
}

/** Left edge of the ink of a line relative to its measure, and its width: for centring furniture. */
function lineStart(line: Line): number {
  return line.runs.length === 0 ? 0 : Math.min(...line.runs.map((r) => r.x));
}
function lineWidth(line: Line): number {
  if (line.runs.length === 0) return 0;
  return Math.max(...line.runs.map((r) => r.x + r.width)) - lineStart(line);
}
