// Ink-skipping underlines, as browsers draw them (CSS text-decoration-skip-ink: auto): a link's underline
// breaks where a glyph's outline crosses it, so the descenders of Arabic letters (ر ى ع ق و, the tails
// of ن and ي) are not cut through but stand clear with a little space on each side.
import { memo } from '../../../support/memo.js';
import type { FontFace } from '../fonts/faces.js';
import type { OutlineCommand } from '../fonts/face-font.js';
import type { GlyphRun } from '../paragraph/types.js';

/** Where the underline sits and how thick it is, in ems below the baseline (y up: negative). */
export const UNDERLINE = { position: -0.12, thickness: 1 / 18 } as const;
/** Space kept clear between the ink and the underline's broken ends, in ems. */
const CLEARANCE = 0.06;
/** Pieces of underline shorter than this (in ems) are left out: a dash between two descenders reads as dirt. */
const SHORTEST = 0.12;
/** Points sampled along each curve of an outline. */
const STEPS = 8;

// The x ranges (in ems, from the glyph's origin) where a glyph's ink crosses the underline's band.
const crossings = memo<string, readonly (readonly [number, number])[]>('pdf underline crossings', 4096);

/**
 * Where a glyph's outline enters the underline band (widened by the clearance above and below), in ems;
 * `lift` is how far the shaper moved the glyph up (a mark's yOffset), in hundredths of an em.
 */
export function glyphCrossings(face: FontFace, glyphId: number, lift = 0): readonly (readonly [number, number])[] {
  return crossings.getOrMake(`${face.path}\u0000${glyphId}\u0000${lift}`, () => {
    const font = face.font;
    const upem = font.unitsPerEm;
    const low = (UNDERLINE.position - lift / 100 - UNDERLINE.thickness / 2 - CLEARANCE / 2) * upem;
    const high = (UNDERLINE.position - lift / 100 + UNDERLINE.thickness / 2 + CLEARANCE / 2) * upem;
    const box = font.glyphBox(glyphId);
    if (box.minY > high || box.maxY < low) return [];
    const ranges: [number, number][] = [];
    for (const [x0, y0, x1, y1] of segments(font.outline(glyphId))) {
      if (Math.max(y0, y1) < low || Math.min(y0, y1) > high) continue;
      // The part of the segment inside the band.
      const clip = (y: number): number => (y1 === y0 ? x0 : x0 + ((x1 - x0) * (y - y0)) / (y1 - y0));
      const ta = Math.min(Math.max(y0, low), high);
      const tb = Math.min(Math.max(y1, low), high);
      const xa = clip(ta);
      const xb = clip(tb);
      ranges.push([Math.min(xa, xb) / upem, Math.max(xa, xb) / upem]);
    }
    return merge(ranges);
  });
}

/** The outline as straight segments [x0, y0, x1, y1], curves sampled. */
function segments(outline: readonly OutlineCommand[]): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const to = (nx: number, ny: number): void => {
    out.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const { type, values: v } of outline) {
    if (type === 'M') {
      x = startX = v[0] ?? 0;
      y = startY = v[1] ?? 0;
    } else if (type === 'L') {
      to(v[0] ?? 0, v[1] ?? 0);
    } else if (type === 'Q' || type === 'C') {
      const [px, py] = [x, y];
      for (let k = 1; k <= STEPS; k++) {
        const t = k / STEPS;
        const u = 1 - t;
        if (type === 'Q') {
          to(u * u * px + 2 * u * t * (v[0] ?? 0) + t * t * (v[2] ?? 0), u * u * py + 2 * u * t * (v[1] ?? 0) + t * t * (v[3] ?? 0));
        } else {
          const bx = u * u * u * px + 3 * u * u * t * (v[0] ?? 0) + 3 * u * t * t * (v[2] ?? 0) + t * t * t * (v[4] ?? 0);
          const by = u * u * u * py + 3 * u * u * t * (v[1] ?? 0) + 3 * u * t * t * (v[3] ?? 0) + t * t * t * (v[5] ?? 0);
          to(bx, by);
        }
      }
    } else {
      to(startX, startY);
    }
  }
  return out;
}

function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The pieces [x0, x1] of a run's underline, page x: the run's width less where its glyphs' ink crosses
 * the underline, each crossing widened by the clearance; pieces too short to read as a line left out.
 */
export function underlinePieces(run: GlyphRun, x0: number): [number, number][] {
  const size = run.style.size;
  const gaps: [number, number][] = [];
  let pen = x0;
  for (const g of run.glyphs) {
    for (const [a, b] of glyphCrossings(run.style.face, g.glyphId, Math.round((100 * g.yOffset) / size))) {
      gaps.push([pen + g.xOffset + (a - CLEARANCE) * size, pen + g.xOffset + (b + CLEARANCE) * size]);
    }
    pen += g.advance;
  }
  const end = x0 + run.width;
  const pieces: [number, number][] = [];
  let from = x0;
  for (const [a, b] of merge(gaps)) {
    if (a > from) pieces.push([from, Math.min(a, end)]);
    from = Math.max(from, b);
  }
  if (from < end) pieces.push([from, end]);
  return pieces.filter(([a, b]) => b - a >= SHORTEST * size);
}
