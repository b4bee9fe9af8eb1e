// The grid a table's cells make (model/table.ts), which all three renderers lay the table out by: HTML's
// table model in small, on the cases a hand-written or hostile table gives it.
import { describe, expect, it } from 'vitest';
import type { Block, TableSpan } from '../../src/model/schema.js';
import { cellAlignment, rowBands, tableGrid } from '../../src/model/table.js';
import { MAX_TABLE_CELLS } from '../../src/support/limits.js';

type Table = Extract<Block, { type: 'table' }>;
const text = (value: string) => [{ type: 'text' as const, value }];
const table = (header: string[], rows: string[][], spans?: TableSpan[], align?: Table['align']): Table => ({
  type: 'table',
  header: header.map(text),
  rows: rows.map((row) => row.map(text)),
  ...(spans && { spans }),
  ...(align && { align }),
});
/** Each grid row as "text@column" (+"×columns", "↓rows"), fillers as "_@column". */
const shown = (t: Table): string[][] =>
  tableGrid(t).rows.map((row) =>
    row.cells.map((c) => `${c.filler ? '_' : c.inlines.map((i) => (i.type === 'text' ? i.value : '')).join('')}@${c.column}${c.columns > 1 ? `×${c.columns}` : ''}${c.rows > 1 ? `↓${c.rows}` : ''}`),
  );

describe('tableGrid', () => {
  it('takes the rows headerRows names into the header, a few at most and never the whole table', () => {
    const rows = Array.from({ length: 20 }, (_, k) => [`صف ${k}`]);
    const headers = (headerRows: number, body = rows): number => tableGrid({ ...table(['رأس'], body), headerRows }).rows.filter((r) => r.header).length;
    expect(headers(0)).toBe(1);
    expect(headers(2)).toBe(3);
    expect(headers(1_000_000)).toBe(9);
    expect(headers(5, rows.slice(0, 3))).toBe(3);
    expect(tableGrid({ ...table([], rows), headerRows: 4 }).rows.some((r) => r.header)).toBe(false);
  });

  it('places each cell in the first slot its row has free, past the cells merged down from above', () => {
    const t = table([], [['أ', 'ب'], ['ج', 'د']], [{ row: 0, cell: 0, rows: 2 }]);
    // HTML does the same: the second row's cells move right of the merged one, and the table widens.
    expect(shown(t)).toEqual([['أ@0↓2', 'ب@1', '_@2'], ['ج@1', 'د@2']]);
    expect(tableGrid(t).columns).toBe(3);
  });

  it('fills short rows, and cuts spans short at the table’s edge and at a slot already taken', () => {
    const t = table([], [['أ', 'ب', 'ج'], ['د'], ['ه', 'و']], [{ row: 0, cell: 2, rows: 9 }, { row: 1, cell: 0, columns: 5 }]);
    expect(shown(t)).toEqual([['أ@0', 'ب@1', 'ج@2↓3'], ['د@0×2'], ['ه@0', 'و@1']]);
  });

  it('makes the header the first row and the rows its merged cells reach down over', () => {
    const t = table(['الفئة', 'القيم'], [['الأولى', 'الثانية'], ['س', '1', '2']], [{ row: 0, cell: 0, rows: 2 }, { row: 0, cell: 1, columns: 2 }]);
    expect(tableGrid(t).rows.map((r) => r.header)).toEqual([true, true, false]);
    expect(rowBands(tableGrid(t))).toEqual([[0, 2], [2, 3]]);
  });

  it('binds into one band the rows a merged cell covers', () => {
    const t = table([], [['أ', 'ب'], ['ج'], ['د', 'ه'], ['و']], [{ row: 0, cell: 0, rows: 2 }, { row: 2, cell: 1, rows: 2 }]);
    expect(rowBands(tableGrid(t))).toEqual([[0, 2], [2, 4]]);
  });

  it('bounds the grid however wide a hostile colspan asks it to be', () => {
    const rows = Array.from({ length: 200 }, () => ['خلية']);
    const grid = tableGrid(table([], rows, [{ row: 0, cell: 0, columns: 1000 }]));
    expect(grid.columns * grid.rows.length).toBeLessThanOrEqual(MAX_TABLE_CELLS);
  });

  it('aligns as the column states, a merged cell only where its columns agree; else header centred, figures right', () => {
    const t = table(['أ', 'ب'], [['نص', '12', '3.5'], ['نص آخر', '7', '10'], ['نص', 'مدمج']], [{ row: 0, cell: 1, columns: 2 }, { row: 3, cell: 1, columns: 2 }], [null, 'center', null]);
    const grid = tableGrid(t);
    const [head, body, , merged] = grid.rows;
    expect(head!.cells.map((c) => cellAlignment(grid, head!, c))).toEqual(['center', 'center']);
    expect(body!.cells.map((c) => cellAlignment(grid, body!, c))).toEqual(['start', 'center', 'right']);
    // Over a centred column and one of figures: neither's alignment, the text's start.
    expect(merged!.cells.map((c) => cellAlignment(grid, merged!, c))).toEqual(['start', 'start']);
  });
});
