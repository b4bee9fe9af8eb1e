// A web page's table as the model's grid sees it: its rows of cells, whether the first row is a header,
// the cells merged across columns or down rows, the alignment each column's cells state, and the cells
// that head their rows or align otherwise than their column.
import type { TableAlign, TableCellFormat, TableSpan } from '../model/schema.js';
import type { TableGrid } from '../model/table.js';
import { childElements, collapse, statedAlignment, tagName, type DomElement } from './html-dom.js';

/** A table's cells as written, row by row. */
export interface TableShape {
  /** Each row's <td> and <th> cells, in order. */
  cells: DomElement[][];
  /** Whether the first row is the header: in <thead>, or headings (<th>) only. */
  headed: boolean;
  /**
   * How many rows after the header row head the table too: the rest of a <thead>, or (with no <thead>,
   * as a wiki writes tables) rows of several headings only; a row of one heading alone heads the rows below.
   */
  headerRows: number;
  /** The cells with a colspan or rowspan over 1, by row (the header first) and place in the row. */
  spans: TableSpan[];
  /** The widest row's columns, colspans counted. */
  width: number;
}

/** The table's shape; `undefined` for a layout table (a table in a table), whose cells are plain containers. */
export function tableShape(table: DomElement): TableShape | undefined {
  const rows = Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
  if (rows.length === 0 || table.querySelector('table') !== null) return undefined;
  const cells = rows.map((tr) => childElements(tr).filter((c) => tagName(c) === 'td' || tagName(c) === 'th'));
  const spans: TableSpan[] = [];
  const widths = cells.map(() => 0);
  cells.forEach((row, r) => row.forEach((cell, c) => {
    const across = spanAttribute(cell, 'colspan', 1, 1000);
    widths[r]! += across;
    // rowspan="0" reaches to the end of the table (HTML's row group, in a model that has one).
    const down = spanAttribute(cell, 'rowspan', 0, 65534) || cells.length - r;
    if (across > 1 || down > 1) spans.push({ row: r, cell: c, ...(down > 1 && { rows: down }), ...(across > 1 && { columns: across }) });
  }));
  const inHead = (r: number): boolean => (rows[r]?.closest('thead') ?? null) !== null;
  const headed = inHead(0) || (cells[0] ?? []).every((cell) => tagName(cell) === 'th');
  let headerRows = 0;
  if (headed) {
    const headings = (r: number): boolean => (cells[r] ?? []).length > 1 && (cells[r] ?? []).every((cell) => tagName(cell) === 'th');
    // Never the whole table: a table of headings alone is read with its first row as the header.
    while (1 + headerRows < rows.length - 1 && (inHead(0) ? inHead(1 + headerRows) : headings(1 + headerRows))) headerRows++;
  }
  return { cells, headed, headerRows, spans, width: Math.max(0, ...widths) };
}

/** A colspan or rowspan as HTML reads it: digits, clamped to its bounds; anything else is 1. */
function spanAttribute(cell: DomElement, name: string, least: number, most: number): number {
  const value = /^\s*(\d+)/.exec(cell.getAttribute(name) ?? '')?.[1];
  return value === undefined ? 1 : Math.min(most, Math.max(least, Number(value)));
}

/**
 * Each grid column's alignment: what every body cell that is its alone (no colspan) and has text states
 * alike, as CSS inherits it (<col> aligns nothing in a browser); `undefined` when no column has one.
 * `cells` are the table's cells as written, row by row, as `grid` was built from them.
 */
export function columnAlignment(table: DomElement, cells: readonly DomElement[][], grid: TableGrid): (TableAlign | null)[] | undefined {
  // Per column: undefined while no cell has spoken, a side while all agree, null once two disagree.
  const said = new Array<TableAlign | 'none' | null | undefined>(grid.columns).fill(undefined);
  grid.rows.forEach((row, r) => {
    if (row.header) return;
    row.cells.filter((c) => !c.filler).forEach((cell, c) => {
      const el = cells[r]?.[c];
      if (!el || cell.columns !== 1 || collapse(el.textContent ?? '') === '') return;
      const stated = inheritedAlignment(el, table) ?? 'none';
      const before = said[cell.column];
      said[cell.column] = before === undefined || before === stated ? stated : null;
    });
  });
  const align = said.map((a) => (a === undefined || a === 'none' ? null : a));
  return align.some((a) => a !== null) ? align : undefined;
}

/** A cell's alignment as CSS inherits it: its own, else its row's, its row group's, the table's. */
function inheritedAlignment(cell: DomElement, table: DomElement): TableAlign | undefined {
  for (let el: DomElement | null = cell; el; el = el === table ? null : (el.parentNode as DomElement | null)) {
    const stated = statedAlignment(el);
    if (stated) return stated;
  }
  return undefined;
}

/**
 * The cells out of their column's way: a body row's `<th>` that heads it (beside data cells, or
 * `scope="row"`; a row of `<th>` alone in the body heads the rows below it, and is a row heading too; a
 * `<thead>` row past what headerRows takes heads columns, not rows, so it stays plain),
 * and a cell with content whose stated alignment is not its column's. `align` is what columnAlignment gave.
 */
export function cellFormats(cells: readonly DomElement[][], grid: TableGrid, align: readonly (TableAlign | null)[] | undefined, table: DomElement): TableCellFormat[] {
  const formats: TableCellFormat[] = [];
  grid.rows.forEach((row, r) => {
    const written = cells[r] ?? [];
    const inHead = (written[0]?.closest('thead') ?? null) !== null;
    row.cells.filter((c) => !c.filler).forEach((cell, c) => {
      const el = written[c];
      if (!el) return;
      const scope = (el.getAttribute('scope') ?? '').trim().toLowerCase();
      const rowHeader = !row.header && !inHead && tagName(el) === 'th' && scope !== 'col' && scope !== 'colgroup';
      const hasContent = collapse(el.textContent ?? '') !== '' || el.querySelector('img') !== null;
      const stated = hasContent ? inheritedAlignment(el, table) : undefined;
      // What the cell's columns give it (model/table.ts cellAlignment): their side when they all state one alike.
      const columns = align?.slice(cell.column, cell.column + cell.columns) ?? [];
      const given = columns.every((a) => a === columns[0]) ? (columns[0] ?? undefined) : undefined;
      const own = stated !== undefined && stated !== given ? stated : undefined;
      if (rowHeader || own) formats.push({ row: r, cell: c, ...(rowHeader && { rowHeader }), ...(own && { align: own }) });
    });
  });
  return formats;
}
