// A table's cells on their grid, the one walk all three renderers lay a table out by: HTML's table model
// (HTML § 4.9.12) in small. Each cell takes the first free slot of its row, spans reach right (in reading
// order) and down; a span that would run past the table or into a slot already taken is cut short there,
// and slots no cell takes get an empty cell, so every grid row is whole and no two cells overlap.
import { MAX_TABLE_CELLS } from '../support/limits.js';
import type { Block, Inline, TableAlign, TableCellFormat } from './schema.js';
import { inlineText } from './text.js';

type Table = Extract<Block, { type: 'table' }>;

/** A cell where it sits on the grid. */
export interface GridCell {
  /** Its content. */
  inlines: readonly Inline[];
  /** Its first grid column, from 0, in reading order (on the right in a right-to-left table). */
  column: number;
  /** How many grid columns it covers (1 or more). */
  columns: number;
  /** How many grid rows it covers, its own first (1 or more). */
  rows: number;
  /** A slot no cell of the source took, filled so that the row is whole. */
  filler: boolean;
  /** A body cell that heads its row: set and tagged as a heading (a header row's cells head columns). */
  rowHeader: boolean;
  /** Its own alignment, over its column's; `undefined` when it takes its column's. */
  align: TableAlign | undefined;
}

/** One grid row: the cells that begin in it, in column order. */
export interface GridRow {
  /** A header row: the table's first when it has one, and those its cells reach down over. */
  header: boolean;
  /** The cells that begin in this row; slots covered from above have none. */
  cells: GridCell[];
}

/** The table as a grid. */
export interface TableGrid {
  /** Its rows, the header row first when there is one. */
  rows: GridRow[];
  /** How many grid columns it has. */
  columns: number;
  /** Each grid column's alignment as the source gives it; `undefined` where it gives none. */
  align: (TableAlign | undefined)[];
  /** Each grid column: whether every body cell of its own with text in it is a figure (a number, a price, a date). */
  numeric: boolean[];
}

/** A figure: digits with their separators, signs, currency and percent signs (Latin and Arabic). */
const NUMERIC = /^[\s\p{Sc}%٪+\-−.,٫٬()]*[\p{Nd}][\p{Nd}\s.,٫٬:/%٪\-−]*[\p{Sc}%٪]?$/u;

/** The most rows after the first a table's header takes from `headerRows`. */
const MAX_HEADER_ROWS = 8;

/** A cell that holds no value: a dash or two, or a question mark. */
const PLACEHOLDER = /^(?:[-‐‒–—−?؟]{1,3}|n\/a)$/iu;

export function tableGrid(table: Table): TableGrid {
  const source = [...(table.header.length > 0 ? [table.header] : []), ...table.rows];
  const spanOf = new Map<string, { rows: number; columns: number }>();
  for (const span of table.spans ?? []) spanOf.set(`${span.row}:${span.cell}`, { rows: span.rows ?? 1, columns: span.columns ?? 1 });
  const formatOf = new Map<string, TableCellFormat>();
  for (const format of table.cells ?? []) formatOf.set(`${format.row}:${format.cell}`, format);
  // Columns: as many as the cells take, spans counted (a cell pushed right by one merged down from above
  // widens the table, as in HTML), bounded as the readers bound cells so that a hostile colspan cannot
  // blow the grid up: a cell past the bound is left out.
  const bound = Math.max(1, Math.floor(MAX_TABLE_CELLS / Math.max(1, source.length)));
  const taken: boolean[][] = source.map(() => []);
  const free = (r: number, from: number, count: number): boolean => {
    for (let c = from; c < from + count; c++) if (taken[r]![c]) return false;
    return true;
  };
  let columns = 0;
  const rows: GridRow[] = source.map((row, r) => {
    const cells: GridCell[] = [];
    let column = 0;
    row.forEach((inlines, c) => {
      while (column < bound && taken[r]![column]) column++;
      if (column >= bound) return;
      const span = spanOf.get(`${r}:${c}`) ?? { rows: 1, columns: 1 };
      let across = 1;
      while (across < span.columns && column + across < bound && !taken[r]![column + across]) across++;
      const down = Math.max(1, Math.min(span.rows, source.length - r));
      let reach = 1;
      while (reach < down && free(r + reach, column, across)) reach++;
      for (let dr = 0; dr < reach; dr++) for (let dc = 0; dc < across; dc++) taken[r + dr]![column + dc] = true;
      const format = formatOf.get(`${r}:${c}`);
      cells.push({ inlines, column, columns: across, rows: reach, filler: false, rowHeader: format?.rowHeader === true, align: format?.align });
      column += across;
      columns = Math.max(columns, column);
    });
    return { header: false, cells };
  });
  // Fill the slots nobody took, so that every row is whole.
  rows.forEach((row, r) => {
    for (let column = 0; column < columns; column++) {
      if (!taken[r]![column]) row.cells.push({ inlines: [], column, columns: 1, rows: 1, filler: true, rowHeader: false, align: undefined });
    }
    row.cells.sort((a, b) => a.column - b.column);
  });
  const align = Array.from({ length: columns }, (_, c) => table.align?.[c] ?? undefined);
  const grid: TableGrid = { rows, columns, align, numeric: [] };
  // The header is the header row and the rows its cells reach down over (a two-row heading whose first
  // cell spans both): all of them repeat on each page the table goes on to.
  // The rows the source says head the table too (a <thead> of two rows) join it, with the bands they reach.
  const bands = rowBands(grid);
  if (table.header.length > 0) {
    // A few rows at most, and never the whole table: a header heads a body.
    const stated = 1 + Math.max(0, Math.min(table.headerRows ?? 0, MAX_HEADER_ROWS, table.rows.length - 1));
    const end = bands.find(([, to]) => to >= stated)?.[1] ?? stated;
    for (let r = 0; r < end; r++) rows[r]!.header = true;
  }
  // A header row's cells head their columns already.
  for (const row of rows) if (row.header) for (const cell of row.cells) cell.rowHeader = false;
  // Figures are told apart by the body's cells only; a column with no text is no column of figures.
  const figures = new Array<number>(columns).fill(0);
  for (const row of rows) {
    if (row.header) continue;
    for (const cell of row.cells) {
      if (cell.rowHeader) continue;
      // A dash alone stands for no value (a planet without moons): it leaves the column's figures figures.
      const text = cell.columns === 1 ? inlineText(cell.inlines).trim().replace(PLACEHOLDER, '') : '';
      if (text !== '') figures[cell.column] = NUMERIC.test(text) && figures[cell.column] !== -1 ? 1 : -1;
    }
  }
  grid.numeric = figures.map((f) => f === 1);
  return grid;
}

/** Whether a cell is a heading (bold, on the shade, TH/<th>): of its column in a header row, or of its row. */
export function isHeading(row: GridRow, cell: GridCell): boolean {
  return row.header || cell.rowHeader;
}

/**
 * How a cell's text is aligned, the same in every format: as the cell states, else as its column states
 * (a cell over several columns, as they all state alike); else a heading cell (of a column or of its row)
 * centred, as browsers set `<th>`, a column of figures to the right whatever the direction (digits run
 * left to right, so figures line up by their units), and text to its start.
 */
export function cellAlignment(grid: TableGrid, row: GridRow, cell: GridCell): TableAlign | 'start' {
  if (cell.align) return cell.align;
  const stated = grid.align[cell.column];
  const shared = grid.align.slice(cell.column, cell.column + cell.columns).every((a) => a === stated);
  if (stated && shared) return stated;
  if (isHeading(row, cell)) return 'center';
  return grid.numeric[cell.column] && cell.columns === 1 ? 'right' : 'start';
}

/**
 * The runs of rows that a page must not part: a cell merged down rows binds them, so each band is the
 * rows from one that no span crosses into, to the next. Given as [first row, row after the last].
 */
export function rowBands(grid: TableGrid): [number, number][] {
  const bands: [number, number][] = [];
  let start = 0;
  let end = 0;
  grid.rows.forEach((row, r) => {
    for (const cell of row.cells) end = Math.max(end, r + cell.rows);
    if (end <= r + 1) {
      bands.push([start, r + 1]);
      start = r + 1;
    }
  });
  return bands;
}
