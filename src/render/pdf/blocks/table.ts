// Tables: a grid of cells in the paragraph's direction (in RTL the first column is on the right), each
// cell's text wrapped to its column, column widths from the content (every column gets at least its
// longest word, the rest of the measure shared by how much more each column's longest line wants), the
// header row bold on the shade. A numeric column is aligned on the right, so figures line up by their units; text to
// its start (the model carries no column alignment). Each cell is a block of its own (TH or TD) and
// pagination places a row's cells side by side, never splitting a row, repeating the header row on
// every page the table continues on.
import type { Direction, Inline } from '../../../model/schema.js';
import { inlineText } from '../../../model/text.js';
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
}

const NUMERIC = /^[\s\p{Sc}%٪+\-−.,٫٬()]*[\p{Nd}][\p{Nd}\s.,٫٬:/%٪\-−]*[\p{Sc}%٪]?$/u;

export function layoutTable(header: readonly Inline[][], rows: readonly Inline[][][], setting: TableSetting): LaidOutBlock[] {
  const all = [...(header.length > 0 ? [{ cells: header, header: true }] : []), ...rows.map((cells) => ({ cells, header: false }))];
  const columns = Math.max(0, ...all.map((row) => row.cells.length));
  if (columns === 0) return [];
  const numeric = Array.from({ length: columns }, (_, c) => {
    const texts = rows.map((row) => inlineText(row[c] ?? []).trim()).filter((t) => t !== '');
    return texts.length > 0 && texts.every((t) => NUMERIC.test(t));
  });
  // Widths each column wants: its longest line unwrapped, and its longest word.
  const want = new Array<number>(columns).fill(0);
  const least = new Array<number>(columns).fill(0);
  for (const row of all) {
    row.cells.forEach((cell, c) => {
      want[c] = Math.max(want[c] ?? 0, ...setting.setCell(cell, row.header, 'start', 100_000).map(inkWidth));
      least[c] = Math.max(least[c] ?? 0, ...setting.setCell(cell, row.header, 'start', 1).map(inkWidth));
    });
  }
  const widths = columnWidths(want.map((w) => w + 2 * PAD_X + 1), least.map((w) => w + 2 * PAD_X + 1), setting.measure);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const rtl = setting.dir === 'rtl';
  const out: LaidOutBlock[] = [];
  all.forEach((row, r) => {
    let before = 0;
    for (let c = 0; c < columns; c++) {
      const width = widths[c] ?? 0;
      const boxX = rtl ? tableWidth - before - width : before;
      before += width;
      // Figures line up by their units, on the right whatever the direction (digits run left to right).
      const align: Align = row.header ? 'center' : numeric[c] ? (rtl ? 'start' : 'end') : 'start';
      const lines = setting.setCell(row.cells[c] ?? [], row.header, align, Math.max(1, width - 2 * PAD_X));
      out.push({
        role: row.header ? 'TH' : 'TD',
        lines,
        indent: setting.indent,
        spaceBefore: r === 0 ? setting.spaceAfter / 2 : 0,
        spaceAfter: r === all.length - 1 ? setting.spaceAfter * 1.5 : 0,
        keepWithNext: false,
        cell: { table: setting.table, row: r, column: c, header: row.header, x: boxX + PAD_X, width, boxX, padY: PAD_Y, tableWidth },
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
