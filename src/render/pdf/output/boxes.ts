// Boxes under and beside text: code's ground, table cell borders, a quote's rule on its start side.
import type { PlacedBox } from '../pages/types.js';
import { fill, fmt, stroke } from './canvas.js';

/** Content-stream operators for a box (PDF user space: y up, `pageHeight` flips the page's top-down y), in the theme's `colours`. */
export function boxOperators(box: PlacedBox, pageHeight: number, colours: Readonly<Record<'shade' | 'rule', string>>): string {
  const [x0, x1] = [box.x, box.x + box.width];
  const [y0, y1] = [pageHeight - box.top - box.height, pageHeight - box.top];
  const out: string[] = ['q'];
  if (box.fill) out.push(`${fill(colours[box.fill])} ${fmt(x0)} ${fmt(y0)} ${fmt(box.width)} ${fmt(box.height)} re f`);
  if (box.stroke) {
    out.push(`${stroke(colours[box.stroke])} ${fmt(box.lineWidth ?? 0.5)} w`);
    const sides = box.sides ?? ['top', 'bottom', 'left', 'right'];
    const line = (ax: number, ay: number, bx: number, by: number): string => `${fmt(ax)} ${fmt(ay)} m ${fmt(bx)} ${fmt(by)} l`;
    if (sides.includes('top')) out.push(line(x0, y1, x1, y1));
    if (sides.includes('bottom')) out.push(line(x0, y0, x1, y0));
    if (sides.includes('left')) out.push(line(x0, y0, x0, y1));
    if (sides.includes('right')) out.push(line(x1, y0, x1, y1));
    out.push('S');
  }
  out.push('Q');
  return out.join(' ');
}

/**
 * A hooked arrow (↩) ending at `x` (its right edge) on the baseline, drawn as a path in `colour`: a code
 * line's wrap marker, which must not come back as text when the code is copied.
 */
export function wrapMarkOperators(mark: { x: number; baseline: number; size: number }, pageHeight: number, colour: string): string {
  const s = mark.size;
  const y = pageHeight - mark.baseline + 0.3 * s;
  const [right, left] = [mark.x - 0.1 * s, mark.x - 0.75 * s];
  const top = y + 0.3 * s;
  const head = 0.15 * s;
  return [
    'q', stroke(colour), fmt(s / 16), 'w 1 J 1 j',
    `${fmt(right)} ${fmt(top)} m ${fmt(right)} ${fmt(y)} l ${fmt(left)} ${fmt(y)} l S`,
    `${fmt(left + head)} ${fmt(y + head)} m ${fmt(left)} ${fmt(y)} l ${fmt(left + head)} ${fmt(y - head)} l S`,
    'Q',
  ].join(' ');
}
