// The bullets of unordered lists by nesting level, as the PDF and the DOCX draw them and as the EPUB's
// reading systems do by default (disc, circle, square).
const BULLETS = Object.freeze(['•', '◦', '▪']);

/** The bullet of a list at nesting `depth` (0: outermost). */
export function bulletOf(depth: number): string {
  return BULLETS[depth % BULLETS.length] ?? '•';
}
