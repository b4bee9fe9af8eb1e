// Pagination: a pure function from laid-out blocks to pages of positioned lines.
// Rules: the text block comes from the theme's page size and margins, inner margin on the binding side
// (RTL books bind on the right of odd pages; facing pages mirror); a heading stays with the first two
// lines of what follows; no paragraph leaves one line alone at the foot (orphan) or the head (widow) of a
// page; space before a block is dropped at the top of a page; running head (from page 2) and folio are
// passed in as finished lines so this stage never shapes text. Notes go to the foot of the page whose line
// holds their mark, under a short rule on the start side; a line is set on a page only if its notes' first
// lines fit at that page's foot too (so mark and note share the page), and what does not fit of a note
// continues at the foot of the next page, before that page's own notes.
import type { LaidOutBlock, TableCell } from '../blocks/types.js';
import type { Furniture } from '../blocks/furniture.js';
import type { Line } from '../paragraph/types.js';
import { measureOf, pageMargins, type PageGeometry } from './geometry.js';
import { emptyPage, type Page } from './types.js';

const MIN_LINES = 2;

/** Room between the text and the notes, the separator rule halfway. */
const FOOT_GAP = 10;
/** The separator's share of the measure. */
const FOOT_RULE = 0.3;

/** A line of a note, waiting for a page's foot. */
interface FootLine {
  line: Line;
  /** Its block (a note's) and line index there. */
  block: number;
  index: number;
}

/** The notes' lines waiting for the foot, and how many of them (from the start) must go on this page. */
interface FootState {
  queue: readonly FootLine[];
  must: number;
}

/**
 * `firstPage`: the number of the first page, for a run of pages inside a longer document (a book);
 * `sink`: how much lower than on the pages after it the text starts on the first page (a book's opening).
 */
export function paginate(blocks: readonly LaidOutBlock[], geometry: PageGeometry, furniture: Furniture = {}, firstPage = 1, sink = 0): Page[] {
  const pages: Page[] = [];
  const bottom = geometry.height - geometry.margins.bottom;
  let page = newPage(firstPage);
  let y = geometry.margins.top + sink;
  let pendingSpace = 0;
  const footBlocks = new Map<number, number[]>();
  blocks.forEach((b, i) => {
    if (b.foot !== undefined) footBlocks.set(b.foot, [...(footBlocks.get(b.foot) ?? []), i]);
  });
  const noteLines = (n: number): FootLine[] => (footBlocks.get(n) ?? []).flatMap((b) => (blocks[b] as LaidOutBlock).lines.map((line, index) => ({ line, block: b, index })));
  let foot: FootState = { queue: [], must: 0 };
  const queued = new Set<number>();
  const sum = (lines: readonly FootLine[], count: number): number => lines.slice(0, count).reduce((s, l) => s + l.line.height, 0);
  const reserve = (state: FootState): number => (state.must > 0 ? FOOT_GAP + sum(state.queue, state.must) : 0);
  /** The foot after a line citing `notes` is set: their lines queued, up to the first line of the last one a must. */
  const withNotes = (state: FootState, notes: readonly number[]): FootState => {
    const fresh = notes.filter((n) => !queued.has(n) && footBlocks.has(n));
    if (fresh.length === 0) return state;
    const added = fresh.map(noteLines);
    const last = added[added.length - 1] as FootLine[];
    const lines = added.flat();
    return { queue: [...state.queue, ...lines], must: state.queue.length + lines.length - last.length + Math.min(1, last.length) };
  };

  function newPage(number: number): Page {
    const p = emptyPage(number);
    pages.push(p);
    return p;
  }
  /** Sets the waiting notes' lines at the foot of the page, as many as fit; the rest wait for the next page. */
  function flushFoot(): void {
    if (foot.queue.length === 0) return;
    const room = bottom - y - FOOT_GAP;
    let count = 0;
    while (count < foot.queue.length && (count < foot.must || sum(foot.queue, count + 1) <= room + 0.01)) count++;
    if (count === 0) count = Math.min(1, foot.queue.length);
    const placed = foot.queue.slice(0, count);
    let top = bottom - sum(placed, count);
    const { left } = pageMargins(geometry, page.number);
    const measure = measureOf(geometry);
    const width = measure * FOOT_RULE;
    page.rules.push({ x: geometry.rtl ? left + measure - width : left, y: top - FOOT_GAP / 2, width, block: (placed[0] as FootLine).block });
    for (const f of placed) {
      const block = blocks[f.block] as LaidOutBlock;
      page.lines.push({ line: f.line, x: lineX(block, f.line), baseline: top + f.line.ascent, block: f.block, index: f.index });
      top += f.line.height;
    }
    const rest = foot.queue.slice(count);
    // Carried lines must go on the next page, as many as half a page holds (a note longer than that goes on).
    let must = 0;
    while (must < rest.length && sum(rest, must + 1) <= (bottom - geometry.margins.top) / 2) must++;
    foot = { queue: rest, must: Math.max(must, Math.min(1, rest.length)) };
  }
  function breakPage(): void {
    flushFoot();
    page = newPage(page.number + 1);
    y = geometry.margins.top;
    pendingSpace = 0;
  }
  const empty = (): boolean => page.lines.length === 0 && page.images.length === 0 && page.rules.length === 0;
  const lineX = (block: LaidOutBlock, line: Line): number => {
    const { left, right } = pageMargins(geometry, page.number);
    const indent = block.indent - (line.outdent ?? 0);
    return (block.rtl ?? geometry.rtl) ? geometry.width - right - indent - line.measure : left + indent;
  };
  // A line on the baseline of the one before it (a verse line's second half) takes no height of its own.
  const own = (line: Line): number => (line.sharesRow === true ? 0 : line.height);
  const heights = (lines: readonly Line[], count: number): number => lines.slice(0, count).reduce((sum, l) => sum + own(l), 0);
  const sumOf = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  const imageHeight = (block: LaidOutBlock): number => block.image?.height ?? 0;
  // Height a block needs at the top of its placement: what may not be separated from its start.
  const headHeight = (block: LaidOutBlock): number => {
    const n = block.lines.length;
    const keep = n < 2 * MIN_LINES ? n : MIN_LINES;
    return imageHeight(block) + (block.rule ? ruleHeight(block) : 0) + heights(block.lines, keep);
  };

  /** The ground under a code block's lines on this page, or a quote's rule down their start side. */
  function decorate(block: LaidOutBlock, first: Line, top: number, height: number): void {
    const x = lineX(block, first);
    if (block.shade) {
      const pad = block.shade.pad;
      (page.boxes ??= []).push({ x: x - pad, top: top - pad / 2, width: first.measure + 2 * pad, height: height + pad, fill: 'shade' });
    }
    if (block.startRule) {
      const rtl = block.rtl ?? geometry.rtl;
      const at = rtl ? x + first.measure + block.startRule.gap : x - block.startRule.gap;
      (page.boxes ??= []).push({ x: at, top, width: 0, height, stroke: 'rule', sides: ['left'], lineWidth: 1.5 });
    }
  }

  /**
   * One band of table rows: its cells side by side, never split; after a page break the header band
   * comes again. A band taller than a page (a cell merged down a hundred rows) is set row by row instead,
   * each merged cell in its first row, so that nothing runs off the page.
   */
  function placeBand(band: readonly number[], first: TableCell, flat = false): void {
    const cells = band.map((i) => blocks[i] as LaidOutBlock);
    const rows = bandHeights(band, flat);
    const height = rows.reduce((a, b) => a + b, 0);
    if (!flat && height > bottom - geometry.margins.top - reserve(foot)) {
      for (let start = 0; start < band.length; ) {
        let end = start + 1;
        while (end < band.length && blocks[band[end]!]?.cell?.row === blocks[band[start]!]?.cell?.row) end++;
        placeBand(band.slice(start, end), (blocks[band[start]!] as LaidOutBlock).cell as TableCell, true);
        start = end;
      }
      return;
    }
    // The header's bands (a header of two rows no cell merges is two bands), to repeat on each new page.
    if (first.header) headerRows.set(first.table, [...(first.band === 0 ? [] : (headerRows.get(first.table) ?? [])), ...band]);
    const space = first.row === 0 ? Math.max(pendingSpace, cells[0]?.spaceBefore ?? 0) : 0;
    const header = headerRows.get(first.table);
    if (flat && height > bottom - geometry.margins.top - reserve(foot) - (header && !first.header ? sumOf(bandHeights(header)) : 0)) {
      placeTallRow(band, header && !first.header ? header : undefined, space);
      pendingSpace = Math.max(...cells.map((c) => c.spaceAfter));
      return;
    }
    // A header band goes where the bands after it, down to the first of the body, fit with it (a body
    // band taller than a page: its first lines): never alone at a page's foot.
    let follow = 0;
    for (let next = bandAt(blocks, (band.at(-1) ?? 0) + 1); first.header && next.length > 0; next = bandAt(blocks, (next.at(-1) ?? 0) + 1)) {
      const cell = blocks[next[0]!]?.cell;
      if (!cell || cell.table !== first.table) break;
      const whole = sumOf(bandHeights(next));
      follow += cell.header || whole < bottom - geometry.margins.top - reserve(foot) - height ? whole : Math.max(...next.map((i) => heights((blocks[i] as LaidOutBlock).lines, MIN_LINES))) + 2 * cell.padY;
      if (!cell.header) break;
    }
    if (!empty() && y + space + height + follow > bottom - reserve(foot)) {
      breakPage();
      if (header && !first.header) drawBand(header, true, bandHeights(header));
    } else if (!empty()) y += space;
    drawBand(band, false, rows, flat);
    pendingSpace = Math.max(...cells.map((c) => c.spaceAfter));
  }

  /**
   * A row taller than a page (a cell of many paragraphs): each cell's lines go on down the page and on
   * to the next as a paragraph's do, every page's part of the row boxed as tall as its tallest cell
   * part, the header rows again at the top of each new page. Starts where the page is, when a few lines
   * fit there.
   */
  function placeTallRow(band: readonly number[], header: readonly number[] | undefined, space: number): void {
    const next = band.map(() => 0);
    const needFirst = Math.max(...band.map((i) => heights((blocks[i] as LaidOutBlock).lines, MIN_LINES)));
    if (!empty() && y + space + needFirst + 2 * ((blocks[band[0]!] as LaidOutBlock).cell?.padY ?? 0) > bottom - reserve(foot)) {
      breakPage();
      if (header) drawBand(header, true, bandHeights(header));
    } else if (!empty()) y += space;
    for (;;) {
      const { left, right } = pageMargins(geometry, page.number);
      let partHeight = 0;
      const taken = band.map((i, c) => {
        const block = blocks[i] as LaidOutBlock;
        const padY = block.cell?.padY ?? 0;
        const room = bottom - reserve(foot) - y - 2 * padY;
        let count = 0;
        let used = 0;
        while (next[c]! + count < block.lines.length && used + own(block.lines[next[c]! + count]!) <= room + 0.01) used += own(block.lines[next[c]! + count++]!);
        // A page too short for one line: the line goes anyway, so the row moves on.
        if (count === 0 && next[c]! < block.lines.length && empty()) used = own(block.lines[next[c]! + count++]!);
        partHeight = Math.max(partHeight, used + 2 * padY);
        return count;
      });
      band.forEach((i, c) => {
        const block = blocks[i] as LaidOutBlock;
        const cell = block.cell as TableCell;
        const tableLeft = (block.rtl ?? geometry.rtl) ? geometry.width - right - block.indent - cell.tableWidth : left + block.indent;
        (page.boxes ??= []).push({ x: tableLeft + cell.boxX, top: y, width: cell.width, height: partHeight, stroke: 'rule', ...(cell.header || cell.rowHeader ? { fill: 'shade' } : {}) });
        let lineY = y + cell.padY;
        for (let k = next[c]!; k < next[c]! + taken[c]!; k++) {
          const line = block.lines[k] as Line;
          page.lines.push({ line, x: tableLeft + cell.x, baseline: lineY + line.ascent, block: i, index: k });
          lineY += own(line);
        }
        next[c]! += taken[c]!;
      });
      y += partHeight;
      if (band.every((i, c) => next[c]! >= (blocks[i] as LaidOutBlock).lines.length)) return;
      breakPage();
      if (header) drawBand(header, true, bandHeights(header));
    }
  }

  /**
   * The heights of a band's rows: each as tall as its tallest cell of one row; a cell merged down rows
   * that needs more than they give lengthens the last of them.
   */
  function bandHeights(band: readonly number[], flat = false): number[] {
    const cells = band.map((i) => blocks[i] as LaidOutBlock);
    const spanOf = (c: LaidOutBlock): number => (flat ? 1 : (c.cell?.rows ?? 1));
    const top = Math.min(...cells.map((c) => c.cell?.row ?? 0));
    const count = Math.max(...cells.map((c) => (c.cell?.row ?? 0) + spanOf(c))) - top;
    const rows = new Array<number>(count).fill(0);
    const need = (c: LaidOutBlock): number => heights(c.lines, c.lines.length) + 2 * (c.cell?.padY ?? 0);
    const merged: LaidOutBlock[] = [];
    for (const c of cells) {
      const cell = c.cell as TableCell;
      if (spanOf(c) > 1) merged.push(c);
      else rows[cell.row - top] = Math.max(rows[cell.row - top] ?? 0, need(c));
    }
    merged.sort((a, b) => (a.cell as TableCell).row + (a.cell as TableCell).rows - ((b.cell as TableCell).row + (b.cell as TableCell).rows));
    for (const c of merged) {
      const cell = c.cell as TableCell;
      const from = cell.row - top;
      const have = rows.slice(from, from + cell.rows).reduce((a, b) => a + b, 0);
      const last = from + cell.rows - 1;
      if (need(c) > have) rows[last] = (rows[last] ?? 0) + need(c) - have;
    }
    return rows;
  }

  /**
   * Draws a band at y, its rows `rows` high (bandHeights), and moves y past it; `repeat`: the header band
   * again, drawn as an artifact; `flat`: one row of a band set row by row.
   */
  function drawBand(band: readonly number[], repeat: boolean, rows: readonly number[], flat = false): void {
    const top = Math.min(...band.map((i) => blocks[i]?.cell?.row ?? 0));
    // Where each row starts below y; the last entry is the band's height.
    const starts = [0];
    for (const h of rows) starts.push((starts.at(-1) ?? 0) + h);
    const { left, right } = pageMargins(geometry, page.number);
    for (const i of band) {
      const block = blocks[i] as LaidOutBlock;
      const cell = block.cell as TableCell;
      const rtl = block.rtl ?? geometry.rtl;
      const tableLeft = rtl ? geometry.width - right - block.indent - cell.tableWidth : left + block.indent;
      const span = flat ? 1 : cell.rows;
      const cellTop = y + (starts[cell.row - top] ?? 0);
      const height = (starts[cell.row - top + span] ?? 0) - (starts[cell.row - top] ?? 0);
      (page.boxes ??= []).push({ x: tableLeft + cell.boxX, top: cellTop, width: cell.width, height, stroke: 'rule', ...(cell.header || cell.rowHeader ? { fill: 'shade' } : {}) });
      // A cell merged down rows sits in the middle of them, as it does in a browser and the DOCX.
      const slack = span > 1 ? Math.max(0, height - heights(block.lines, block.lines.length) - 2 * cell.padY) / 2 : 0;
      let lineY = cellTop + cell.padY + slack;
      block.lines.forEach((line, k) => {
        const placed = { line, x: tableLeft + cell.x, baseline: lineY + line.ascent, block: i, index: k };
        if (repeat) (page.marks ??= []).push(placed);
        else page.lines.push(placed);
        lineY += line.height;
      });
    }
    y += starts.at(-1) ?? 0;
  }

  const headerRows = new Map<number, number[]>();
  for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
    const block = blocks[blockIndex] as LaidOutBlock;
    if (block.foot !== undefined) continue;
    if (block.cell) {
      const band = bandAt(blocks, blockIndex);
      placeBand(band, block.cell);
      blockIndex += band.length - 1;
      continue;
    }
    const space = Math.max(pendingSpace, block.spaceBefore);
    let need = headHeight(block);
    if (block.keepWithNext) {
      need = imageHeight(block) + heights(block.lines, block.lines.length);
      const next = blocks[blockIndex + 1];
      if (next) need += Math.max(block.spaceAfter, next.spaceBefore) + headHeight(next);
    }
    if (!empty() && y + space + need > bottom - reserve(foot)) breakPage();
    if (!empty()) y += space;

    if (block.outline) page.bookmarks.push({ ...block.outline, top: y, block: blockIndex });
    if (block.rule) {
      const { left } = pageMargins(geometry, page.number);
      const h = ruleHeight(block);
      // A short rule (the notes' separator) starts where the lines start: on the right of a right-to-left page.
      const width = measureOf(geometry) * (block.ruleShare ?? 1);
      const x = (block.rtl ?? geometry.rtl) ? left + measureOf(geometry) - width : left;
      page.rules.push({ x, y: y + h / 2, width, block: blockIndex });
      y += h;
    }
    if (block.image) {
      const size = block.image;
      if (!empty() && y + size.height > bottom - reserve(foot)) breakPage();
      const { left } = pageMargins(geometry, page.number);
      page.images.push({ path: block.image.path, data: block.image.data, x: left + (measureOf(geometry) - size.width) / 2, top: y, width: size.width, height: size.height, block: blockIndex });
      y += size.height;
    }

    let index = 0;
    const lines = block.lines;
    while (index < lines.length) {
      const rest = lines.length - index;
      let fit = 0;
      let used = 0;
      const cites = (k: number): number[] => block.cites?.find((c) => c.line === k)?.notes ?? [];
      // The foot after each count of lines set: a line fits only with its notes' first lines.
      const states: FootState[] = [foot];
      for (;;) {
        if (fit >= rest) break;
        const next = withNotes(states[fit] as FootState, cites(index + fit));
        if (y + used + own(lines[index + fit] as Line) + reserve(next) > bottom + 0.01) break;
        used += own(lines[index + fit] as Line);
        fit++;
        states.push(next);
      }
      // Never a page between a line and the one that shares its row.
      while (fit > 0 && fit < rest && (lines[index + fit] as Line).sharesRow === true) fit--;
      let take = fit;
      if (take < rest) {
        // Widow: never leave fewer than two lines for the next page; orphan: never one line at the foot.
        if (rest - take < MIN_LINES) take = rest - MIN_LINES;
        if (take < MIN_LINES) take = 0;
        if (take === 0 && empty()) take = Math.max(1, fit); // a page too short for the rules: do not loop
      }
      for (let k = states.length; k <= take; k++) states.push(withNotes(states[k - 1] as FootState, cites(index + k - 1)));
      foot = states[take] as FootState;
      for (let k = 0; k < take; k++) for (const n of cites(index + k)) queued.add(n);
      const top = y;
      let row = y;
      for (let k = 0; k < take; k++) {
        const line = lines[index + k] as Line;
        if (line.sharesRow !== true || k === 0) row = y;
        const x = lineX(block, line);
        page.lines.push({ line, x, baseline: row + line.ascent, block: blockIndex, index: index + k });
        if (block.wrapMarks?.lines[index + k]) (page.wraps ??= []).push({ x: x + line.measure, baseline: row + line.ascent, size: block.wrapMarks.size });
        y += own(line);
      }
      if (take > 0) decorate(block, lines[index] as Line, top, y - top);
      index += take;
      if (index < lines.length) breakPage();
    }
    pendingSpace = block.spaceAfter;
  }
  // The last notes, and what of them goes on past the text's last page.
  flushFoot();
  while (foot.queue.length > 0) {
    page = newPage(page.number + 1);
    y = geometry.margins.top;
    flushFoot();
  }

  addFurniture(pages, geometry, furniture);
  return pages;
}

/** The indices of the cells of the band that starts at block `start`: the blocks after it in the same band. */
function bandAt(blocks: readonly LaidOutBlock[], start: number): number[] {
  const first = blocks[start]?.cell;
  const row: number[] = [];
  for (let i = start; i < blocks.length; i++) {
    const cell = blocks[i]?.cell;
    if (!cell || !first || cell.table !== first.table || cell.band !== first.band) break;
    row.push(i);
  }
  return row;
}

function ruleHeight(block: LaidOutBlock): number {
  return Math.max(12, block.spaceBefore + block.spaceAfter);
}

export function addFurniture(pages: Page[], geometry: PageGeometry, furniture: Furniture): void {
  for (const page of pages) {
    const { left, right } = pageMargins(geometry, page.number);
    const measure = geometry.width - left - right;
    // Running head: centred on the text block, half the top margin above it; not on the opening page.
    // A book faces the book's title (verso, even pages) with the article's (recto, odd pages).
    const head = furniture.versoHead && page.number % 2 === 0 ? furniture.versoHead : furniture.runningHead;
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
