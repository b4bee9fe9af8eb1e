// Tables: a grid of cells in the paragraph's direction (in RTL the first column is on the right), each
// cell's text wrapped to its column, column widths from the content (every column gets at least its
// longest word, the rest of the measure shared by how much more each column's longest line wants; a cell
// over several columns widens them evenly when they are too narrow for it), the header rows bold on the
// shade, each cell aligned as model/table.ts says. Each cell is a block of its own (TH or TD) and
// pagination places a band of rows (rows that cells merged downwards bind) side by side, never splitting
// it, repeating the header rows on every page the table continues on.
import type { Direction, Inline } from '../../../model/schema.js';
import { cellAlignment, rowBands, type TableGrid } from '../../../model/table.js';
import type { Align } from '../paragraph/justify.js';
import type { Line } from '../paragraph/types.js';
import type { LaidOutBlock } from './types.js';

/** Padding inside a cell, in points: across, and above and below its lines. */
const PAD_X = 5;
const PAD_Y = 2;

/** How a table is set: the article's cell setter and where the table sits. */
export interface TableSetting {
  /** The table's number in the article, from 0. */
  table: number;
  /** The width the table may take. */
  measure: number;
  /** Its indent from the start side. */
  indent: number;
  /** The direction of its rows: which side the first column is on. */
  dir: Direction;
  /** Space below the table. */
  spaceAfter: number;
  /** Sets a cell's text: its inlines, bold or not, aligned, to a measure. */
  setCell(inlines: readonly Inline[], bold: boolean, align: Align, measure: number): Line[];
  /** Extra fields for every cell block (its own direction and language, when not the article's). */
  extra?: Partial<LaidOutBlock> | undefined;
  /** Sets the table's caption, centred to a measure; absent when the table has none. */
  setCaption?: ((measure: number) => Line[]) | undefined;
}

export function layoutTable(grid: TableGrid, setting: TableSetting): LaidOutBlock[] {
  const { columns } = grid;
  if (columns === 0 || grid.rows.length === 0) return [];
  // Widths each column wants: its longest line unwrapped, and its longest word; cells of one column first.
  const pad = 2 * PAD_X + 1;
  const want = new Array<number>(columns).fill(0);
  const least = new Array<number>(columns).fill(0);
  const spanning: { column: number; columns: number; want: number; least: number }[] = [];
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      const w = Math.max(0, ...setting.setCell(cell.inlines, row.header, 'start', 100_000).map(inkWidth)) + pad;
      const l = Math.max(0, ...setting.setCell(cell.inlines, row.header, 'start', 1).map(inkWidth)) + pad;
      if (cell.columns > 1) spanning.push({ column: cell.column, columns: cell.columns, want: w, least: l });
      else {
        want[cell.column] = Math.max(want[cell.column] ?? 0, w);
        least[cell.column] = Math.max(least[cell.column] ?? 0, l);
      }
    }
  }
  for (const span of spanning) {
    widen(want, span.column, span.columns, span.want);
    widen(least, span.column, span.columns, span.least);
  }
  const widths = columnWidths(want, least, setting.measure);
  // Where each column starts, from the table's start edge; the last entry is the table's width.
  const offsets = [0];
  for (const w of widths) offsets.push((offsets.at(-1) ?? 0) + w);
  const tableWidth = offsets.at(-1) ?? 0;
  const rtl = setting.dir === 'rtl';
  const bandOf = new Array<number>(grid.rows.length).fill(0);
  rowBands(grid).forEach(([from, to], band) => bandOf.fill(band, from, to));
  const out: LaidOutBlock[] = [];
  // The caption above the table, centred over its width and kept with its first row.
  const caption = setting.setCaption?.(tableWidth);
  if (caption && caption.length > 0) {
    out.push({ role: 'Caption', lines: caption, indent: setting.indent, spaceBefore: setting.spaceAfter / 2, spaceAfter: 2, keepWithNext: true, tableCaption: true, ...setting.extra });
  }
  grid.rows.forEach((row, r) => {
    for (const cell of row.cells) {
      const before = offsets[cell.column] ?? 0;
      const width = (offsets[cell.column + cell.columns] ?? tableWidth) - before;
      const boxX = rtl ? tableWidth - before - width : before;
      const stated = cellAlignment(grid, row, cell);
      const align: Align = stated === 'start' || stated === 'center' ? stated : (stated === 'right') === rtl ? 'start' : 'end';
      const lines = setting.setCell(cell.inlines, row.header, align, Math.max(1, width - 2 * PAD_X));
      // pdf.js joins a cell's last line to the next cell's first on its baseline with nothing between
      // («الوفاق1204877»): a cell the row goes on from ends in a word space, as a verse line's first half does.
      const last = lines.at(-1);
      if (last && cell.column + cell.columns < columns) lines[lines.length - 1] = { ...last, continuesRow: true };
      out.push({
        role: row.header ? 'TH' : 'TD',
        lines,
        indent: setting.indent,
        spaceBefore: r === 0 && out.length === 0 ? setting.spaceAfter / 2 : 0,
        spaceAfter: r + cell.rows >= grid.rows.length ? setting.spaceAfter * 1.5 : 0,
        keepWithNext: false,
        cell: { table: setting.table, row: r, band: bandOf[r] ?? 0, column: cell.column, rows: cell.rows, columns: cell.columns, header: row.header, x: boxX + PAD_X, width, boxX, padY: PAD_Y, tableWidth },
        ...setting.extra,
      });
    }
  });
  return out;
}

/** Widens columns `from`…`from + count - 1` evenly until together they are `need` wide. */
function widen(widths: number[], from: number, count: number, need: number): void {
  const have = widths.slice(from, from + count).reduce((a, b) => a + b, 0);
  if (have >= need) return;
  for (let c = from; c < from + count; c++) widths[c] = (widths[c] ?? 0) + (need - have) / count;
}

/** The width of a line's ink: from its leftmost run to the end of its rightmost. */
function inkWidth(line: Line): number {
  if (line.runs.length === 0) return 0;
  return Math.max(...line.runs.map((r) => r.x + r.width)) - Math.min(...line.runs.map((r) => r.x));
}

/**
 * Column widths within `measure`: what each wants when all fit; else each its least, and the measure
 * left over shared in proportion to how much more each wants (the automatic table layout of CSS 2.1,
 * 17.5.2.2, in outline). Columns whose least alone overflow are scaled down to fit.
 */
export function columnWidths(want: readonly number[], least: readonly number[], measure: number): number[] {
  const total = want.reduce((a, b) => a + b, 0);
  if (total <= measure) return [...want];
  const floor = least.reduce((a, b) => a + b, 0);
  if (floor >= measure) return least.map((w) => (w * measure) / floor);
  const extra = want.map((w, i) => Math.max(0, w - (least[i] ?? 0)));
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  return least.map((w, i) => w + (extraTotal === 0 ? 0 : ((extra[i] ?? 0) * (measure - floor)) / extraTotal));
}
