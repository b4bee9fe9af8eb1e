// Tables: a grid of cells in the paragraph's direction (in RTL the first column is on the right), each
// cell's text wrapped to its column, column widths from the content (every column gets at least its
// longest word, the rest of the measure shared by how much more each column's longest line wants; a cell
// over several columns widens them evenly when they are too narrow for it), the header rows (and cells that
// head their rows) bold on the shade, each cell aligned as model/table.ts says. Each cell is a block of its own (TH or TD) and
// pagination places a band of rows (rows that cells merged downwards bind) side by side, never splitting
// it unless it is taller than a page, repeating the header rows on every page the table continues on.
import type { Direction, Inline } from '../../../model/schema.js';
import { cellAlignment, isHeading, rowBands, type TableGrid } from '../../../model/table.js';
import { tableColumnWidths } from '../../table-widths.js';
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
  /** A cell's longest word, bold or not, at most `cap` wide: the least its column may be. */
  cellLeast(inlines: readonly Inline[], bold: boolean, cap: number): number;
  /** Extra fields for every cell block (its own direction and language, when not the article's). */
  extra?: Partial<LaidOutBlock> | undefined;
  /** Sets the table's caption, centred to a measure; absent when the table has none. */
  setCaption?: ((measure: number) => Line[]) | undefined;
}

export function layoutTable(grid: TableGrid, setting: TableSetting): LaidOutBlock[] {
  const { columns } = grid;
  if (columns === 0 || grid.rows.length === 0) return [];
  // Widths each column wants: its longest line unwrapped, and its longest word (table-widths.ts).
  const pad = 2 * PAD_X + 1;
  const widths = tableColumnWidths(grid, setting.measure, (cell, header) => ({
    want: Math.max(0, ...setting.setCell(cell.inlines, header, 'start', 100_000).map(inkWidth)) + pad,
    least: setting.cellLeast(cell.inlines, header, setting.measure) + pad,
  }));
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
      const heading = isHeading(row, cell);
      const lines = setting.setCell(cell.inlines, heading, align, Math.max(1, width - 2 * PAD_X));
      // pdf.js joins a cell's last line to the next cell's first on its baseline with nothing between
      // («الوفاق1204877»): a cell the row goes on from ends in a word space, as a verse line's first half does.
      const last = lines.at(-1);
      if (last && cell.column + cell.columns < columns) lines[lines.length - 1] = { ...last, continuesRow: true };
      out.push({
        role: heading ? 'TH' : 'TD',
        lines,
        indent: setting.indent,
        spaceBefore: r === 0 && out.length === 0 ? setting.spaceAfter / 2 : 0,
        spaceAfter: r + cell.rows >= grid.rows.length ? setting.spaceAfter * 1.5 : 0,
        keepWithNext: false,
        cell: { table: setting.table, row: r, band: bandOf[r] ?? 0, column: cell.column, rows: cell.rows, columns: cell.columns, header: row.header, rowHeader: cell.rowHeader, x: boxX + PAD_X, width, boxX, padY: PAD_Y, tableWidth },
        ...setting.extra,
      });
    }
  });
  return out;
}

/** The width of a line's ink: from its leftmost run to the end of its rightmost. */
function inkWidth(line: Line): number {
  if (line.runs.length === 0) return 0;
  return Math.max(...line.runs.map((r) => r.x + r.width)) - Math.min(...line.runs.map((r) => r.x));
}
