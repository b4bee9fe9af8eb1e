// One paragraph through the layout stages: itemize → shape → break → justify → reorder → Lines.
import type { Diagnostics } from '../../../support/errors.js';
import type { Direction } from '../../../model/schema.js';
import type { Theme } from '../../../theme/schema.js';
import { itemize, type Span } from './itemize.js';
import { justifyLine, type Align, type SetPiece } from './justify.js';
import { kashidaJustifier } from './kashida.js';
import { breakGreedy, breakTotalFit } from './breaks.js';
import { breakOpportunities, buildPieces } from './segment.js';
import { reorderLine } from './reorder.js';
import type { FontFace } from '../fonts/faces.js';
import { IMAGE_DESCENT, type GlyphRun, type Line } from './types.js';

export interface ParagraphOptions {
  /** The paragraph's base direction: its bidi base level, and which side start and end are. */
  dir: Direction;
  /** The article's language: runs in its script are tagged with it. */
  lang: string;
  /** Where lines sit in the measure; 'justify' also breaks by total fit rather than greedily. */
  align: Align;
  /** Line width in points. */
  measure: number;
  /** The theme: font faces, line height, and kashida or inter-word justification. */
  theme: Theme;
  /** Where characters no face can draw are reported. */
  diagnostics: Diagnostics;
  /** Code points already reported missing in this render. */
  warned: Set<number>;
  /** Size used for the line height of an empty line. */
  size: number;
  /** With 'justify': bring the last line to the measure too (a hemistich filling its half of a verse line). */
  fill?: boolean | undefined;
  /** Stretch Arabic-script words with tatweel before widening spaces, whatever the theme says (verse). */
  kashida?: boolean | undefined;
}

export function layoutParagraph(spans: readonly Span[], options: ParagraphOptions): Line[] {
  const nonEmpty = spans.filter((s) => s.text !== '');
  if (nonEmpty.length === 0) return [];
  const itemized = itemize(nonEmpty, { dir: options.dir, lang: options.lang, theme: options.theme, diagnostics: options.diagnostics, warned: options.warned });
  const pieces = buildPieces(itemized, breakOpportunities(itemized.text), options.measure);
  const ranges = options.align === 'justify' ? breakTotalFit(pieces, options.measure) : breakGreedy(pieces, options.measure);
  const kashida = (options.kashida ?? options.theme.justify === 'kashida') ? kashidaJustifier(itemized, options.theme.kashida.maxElongation) : undefined;
  const rtlBase = options.dir === 'rtl';
  return ranges.map((range) => {
    const set = justifyLine(pieces, options.fill === true ? { ...range, last: false } : range, { measure: options.measure, align: options.align, kashida });
    const visual = reorderLine(set.pieces, itemized.baseLevel);
    const first = pieces[range.start];
    const last = pieces[range.end - 1];
    const text = first && last ? itemized.text.slice(first.start, last.end) : '';
    return buildLine(visual, set.width, text, options, rtlBase);
  });
}

/**
 * The paragraph's widest piece that no line may break inside: its longest word, with the pieces a style
 * change inside a word makes taken together (CSS's min-content width). Words wider than `cap` count as
 * `cap`: they are cut anyway, and a hostile megabyte-long word is never shaped whole.
 */
export function minContentWidth(spans: readonly Span[], options: Pick<ParagraphOptions, 'dir' | 'lang' | 'theme' | 'diagnostics' | 'warned'>, cap: number): number {
  const nonEmpty = spans.filter((s) => s.text !== '');
  if (nonEmpty.length === 0) return 0;
  const itemized = itemize(nonEmpty, options);
  let widest = 0;
  let word = 0;
  for (const piece of buildPieces(itemized, breakOpportunities(itemized.text), cap)) {
    if (piece.kind !== 'word') {
      word = 0;
      continue;
    }
    word += piece.width;
    widest = Math.max(widest, word);
    if (piece.breakAfter !== 'none') word = 0;
  }
  return Math.min(widest, cap);
}

function buildLine(visual: readonly SetPiece[], width: number, text: string, options: ParagraphOptions, rtlBase: boolean): Line {
  const measure = options.measure;
  let x: number;
  const slack = Math.max(0, measure - width);
  switch (options.align) {
    // A justified line that could not be filled (no spaces to widen) sits on the start side like the last.
    case 'justify':
    case 'start':
      x = rtlBase ? slack : 0;
      break;
    case 'end':
      x = rtlBase ? 0 : slack;
      break;
    case 'center':
      x = slack / 2;
      break;
  }
  const runs: GlyphRun[] = [];
  let size = 0;
  let face: FontFace | null = null;
  for (const s of visual) {
    const rtl = s.level % 2 === 1;
    const style = s.piece.item.style;
    if (s.piece.kind === 'word' && style.size > size) {
      size = style.size;
      face = style.face;
    }
    const previous = runs.at(-1);
    if (previous && previous.style === style && previous.rtl === rtl && previous.lang === s.piece.item.lang) {
      previous.glyphs.push(...s.glyphs);
      previous.width += s.width;
    } else {
      runs.push({ style, rtl, lang: s.piece.item.lang, glyphs: [...s.glyphs], x, width: s.width });
    }
    x += s.width;
  }
  if (size === 0) {
    size = options.size;
    face = visual[0]?.piece.item.style.face ?? null;
  }
  const height = size * options.theme.lineHeight;
  let ascent = size * 0.8 + (height - size) / 2;
  if (face) {
    const font = face.font;
    const asc = (font.ascent / font.unitsPerEm) * size;
    const desc = (-font.descent / font.unitsPerEm) * size;
    // Half-leading model: the font's ascent-to-descent box centred in the line box.
    ascent = (height - (asc + desc)) / 2 + asc;
  }
  // A picture taller than the type (in a table cell) raises the line's top to hold it, a point clear.
  const above = Math.max(0, ...runs.map((r) => (r.style.image ? r.style.image.height - IMAGE_DESCENT * r.style.size + 1 : 0)));
  if (above > ascent) return { runs, measure, ascent: above, height: height + above - ascent, text };
  return { runs, measure, ascent, height, text };
}
