// Reordering, per line and after breaking (UAX #9 L1–L2): a line's pieces in visual order,
// left to right, each piece's glyphs in visual order. Mirroring (L4) happened in shaping (HarfBuzz mirrors in RTL runs).
import type { SetPiece } from './justify.js';

/** Returns the line's pieces in visual (left-to-right) order with glyph arrays reversed for RTL pieces. */
export function reorderLine(set: readonly SetPiece[], baseLevel: number): SetPiece[] {
  // L1: white space at the end of the line (and before a forced break) takes the paragraph level, so
  // an RTL line's trailing space sits at its left end and an LTR run's space cannot pull it apart.
  const levels = set.map((s) => s.level);
  let trailing = true;
  for (let i = set.length - 1; i >= 0; i--) {
    const kind = set[i]?.piece.kind;
    if (kind === 'newline') {
      levels[i] = baseLevel;
      trailing = true;
    } else if (kind === 'space' && trailing) levels[i] = baseLevel;
    else trailing = false;
  }
  // L2: from the highest level down to the lowest odd level, reverse every maximal sequence at or above it.
  const order = set.map((_, i) => i);
  let highest = 0;
  let lowestOdd = Infinity;
  for (const level of levels) {
    highest = Math.max(highest, level);
    if (level % 2 === 1) lowestOdd = Math.min(lowestOdd, level);
  }
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    for (let i = 0; i < order.length; ) {
      if ((levels[order[i] ?? 0] ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && (levels[order[j] ?? 0] ?? 0) >= level) j++;
      const reversed = order.slice(i, j).reverse();
      order.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return order.map((index) => {
    const s = set[index] as SetPiece;
    const rtl = (levels[index] ?? 0) % 2 === 1;
    return { ...s, level: levels[index] ?? s.level, glyphs: rtl ? [...s.glyphs].reverse() : s.glyphs };
  });
}
