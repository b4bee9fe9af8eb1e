// A table's column widths from its content, for every format that sets them itself (the PDF measures
// with its shaper, the DOCX estimates from the text): each column gets at least its longest word, the rest
// of the measure shared by how much more each wants, and a cell over several columns widens them evenly
// when they are too narrow for it — CSS 2.1's automatic table layout (17.5.2.2), in outline.
import { isHeading, type GridCell, type TableGrid } from '../model/table.js';

/** What a cell asks of its columns: its text on one line (`want`) and its longest word (`least`). */
export interface CellWidths {
  /** Its text unwrapped, padding included. */
  want: number;
  /** Its longest unbreakable piece, padding included. */
  least: number;
}

/** The grid's column widths within `measure`, in the unit `measureCell` gives (told whether the cell is set bold as a heading). */
export function tableColumnWidths(grid: TableGrid, measure: number, measureCell: (cell: GridCell, heading: boolean) => CellWidths): number[] {
  const want = new Array<number>(grid.columns).fill(0);
  const least = new Array<number>(grid.columns).fill(0);
  const spanning: { cell: GridCell; widths: CellWidths }[] = [];
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      const widths = measureCell(cell, isHeading(row, cell));
      if (cell.columns > 1) spanning.push({ cell, widths });
      else {
        want[cell.column] = Math.max(want[cell.column] ?? 0, widths.want);
        least[cell.column] = Math.max(least[cell.column] ?? 0, widths.least);
      }
    }
  }
  for (const { cell, widths } of spanning) {
    widen(want, cell.column, cell.columns, widths.want);
    widen(least, cell.column, cell.columns, widths.least);
  }
  return columnWidths(want, least, measure);
}

/** Widens columns `from`…`from + count - 1` evenly until together they are `need` wide. */
function widen(widths: number[], from: number, count: number, need: number): void {
  const have = widths.slice(from, from + count).reduce((a, b) => a + b, 0);
  if (have >= need) return;
  for (let c = from; c < from + count; c++) widths[c] = (widths[c] ?? 0) + (need - have) / count;
}

/**
 * Column widths within `measure`: what each wants when all fit; else each its least, and the measure
 * left over shared in proportion to how much more each wants. When the leasts alone overflow (a long URL
 * in one column), the columns whose least is within an even share keep it and the others share the rest
 * by their leasts: one long word is cut, not every column squeezed.
 */
export function columnWidths(want: readonly number[], least: readonly number[], measure: number): number[] {
  const total = want.reduce((a, b) => a + b, 0);
  if (total <= measure) return [...want];
  const floor = least.reduce((a, b) => a + b, 0);
  if (floor >= measure) return squeezed(least, measure);
  const extra = want.map((w, i) => Math.max(0, w - (least[i] ?? 0)));
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  return least.map((w, i) => w + (extraTotal === 0 ? 0 : ((extra[i] ?? 0) * (measure - floor)) / extraTotal));
}

/** Leasts that overflow `measure`, brought within it: the narrow ones kept, the wide ones scaled. */
function squeezed(least: readonly number[], measure: number): number[] {
  const kept = new Array<boolean>(least.length).fill(false);
  let room = measure;
  for (let changed = true; changed; ) {
    changed = false;
    const open = least.filter((_, i) => !kept[i]).length;
    least.forEach((w, i) => {
      if (!kept[i] && open > 0 && w <= room / open) {
        kept[i] = true;
        room -= w;
        changed = true;
      }
    });
  }
  const wide = least.reduce((sum, w, i) => (kept[i] ? sum : sum + w), 0);
  return least.map((w, i) => (kept[i] || wide === 0 ? w : (w * room) / wide));
}
