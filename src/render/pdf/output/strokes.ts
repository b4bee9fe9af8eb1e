// The lines drawn with a run of text: a link's underline, struck-through text's strikethrough. Paths, not
// text, so the text layer copies back the same letters with or without them.
import type { GlyphRun } from '../paragraph/types.js';
import { fmt, stroke } from './canvas.js';
import { UNDERLINE, underlinePieces } from './ink-skip.js';

/**
 * Content-stream operators for the run's underline and strikethrough, in the run's colour. `left` is the x of
 * the line's left edge and `baseline` its y, PDF user space (y up). A run is one direction on one line and its
 * x and width are visual, so right-to-left runs and struck text that wraps need nothing more: each line's
 * piece of it gets its own stroke.
 */
export function runStrokes(run: GlyphRun, left: number, baseline: number): string[] {
  const { size, color, face } = run.style;
  const [x0, x1] = [left + run.x, left + run.x + run.width];
  const out: string[] = [];
  if (run.style.underline) {
    // Broken where the glyphs' ink crosses it (ink-skip.ts): descenders stand clear of the line.
    const y = baseline + UNDERLINE.position * size;
    for (const [a, b] of underlinePieces(run, x0)) out.push(hairline(color, UNDERLINE.thickness * size, a, b, y));
  }
  if (run.style.strike) {
    const { position, thickness } = face.font.strikeout;
    const em = size / face.font.unitsPerEm;
    out.push(hairline(color, thickness * em, x0, x1, baseline + position * em));
  }
  return out;
}

/** A horizontal line from x0 to x1 at height y, `width` thick. */
function hairline(color: string, width: number, x0: number, x1: number, y: number): string {
  return `q ${stroke(color)} ${fmt(width)} w ${fmt(x0)} ${fmt(y)} m ${fmt(x1)} ${fmt(y)} l S Q`;
}
