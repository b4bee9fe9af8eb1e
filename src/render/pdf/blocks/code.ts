// Code blocks: the theme's monospace face (Arabic in code falls back to the body face), left to right
// whatever the article's direction, never justified, on a light ground. A source line longer than the
// measure wraps, and the end of each line it wraps from carries a marker (a hooked arrow, ↩) drawn as a
// path, not text: it shows the break is not in the source, and copying the code gives back the source.
import type { Diagnostics } from '../../../support/errors.js';
import type { Theme } from '../../../theme/schema.js';
import { layoutParagraph } from '../paragraph/index.js';
import type { Line } from '../paragraph/types.js';
import type { LaidOutBlock } from './types.js';

/** How far the ground reaches past the code's measure on each side, in points. */
export const CODE_PAD = 6;

/** What a code block is set with. */
export interface CodeSetting {
  /** The theme: the code face and size, the shade colour. */
  theme: Theme;
  /** The article's language: Arabic runs in the code are tagged with it. */
  lang: string;
  /** The width the block may take (the text block less any list or quote indent). */
  measure: number;
  /** The indent of the block's ground from the start side. */
  indent: number;
  /** Space below the block. */
  spaceAfter: number;
  /** Where characters no face has are reported. */
  diagnostics: Diagnostics;
  /** Code points already reported missing in this render. */
  warned: Set<number>;
}

export function layoutCode(source: string, setting: CodeSetting): LaidOutBlock {
  const { theme } = setting;
  const size = theme.sizes.code;
  const style = { bold: false, italic: false, size, color: theme.colours.text, code: true };
  // Room on each side for the ground, and at the end of the line for the wrap marker.
  const markWidth = size * 1.2;
  const measure = Math.max(1, setting.measure - 2 * CODE_PAD - markWidth);
  const options = { dir: 'ltr' as const, lang: setting.lang, align: 'start' as const, theme, diagnostics: setting.diagnostics, warned: setting.warned, size };
  const lines: Line[] = [];
  const wrapMarks: boolean[] = [];
  // Code keeps its line breaks; tabs become four spaces.
  for (const text of source.replace(/\t/g, '    ').split('\n')) {
    const set = layoutParagraph([{ text: text === '' ? ' ' : text, style }], { ...options, measure });
    set.forEach((line, i) => {
      // Every line keeps the full measure so the ground is one box; the marker sits past the text's end.
      lines.push({ ...line, measure: measure + markWidth });
      wrapMarks.push(i < set.length - 1);
    });
  }
  return {
    role: 'Code',
    lines,
    indent: setting.indent + CODE_PAD,
    spaceBefore: 0,
    spaceAfter: setting.spaceAfter + CODE_PAD / 2,
    keepWithNext: false,
    shade: { pad: CODE_PAD },
    wrapMarks: wrapMarks.some(Boolean) ? { lines: wrapMarks, size } : undefined,
  };
}
