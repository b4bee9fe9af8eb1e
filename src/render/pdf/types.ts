// The typed hand-over between the PDF pipeline's stages:
//   itemize → shape → linebreak → justify → reorder   (layout: a block of the model → Lines)
//   paginate → draw → document                         (output: Lines → pages → PDF bytes)
// All lengths are PDF points; x grows to the right, y grows downwards within a line box.
import type { FaceFont } from './face-font.js';

/** A loaded font file. Loaded once per process and shared (fonts.ts). */
export interface FontFace {
  /** Stable key, e.g. "Amiri-Bold": used for caching and resource names. */
  key: string;
  path: string;
  font: FaceFont;
}

/** Style of a stretch of text, resolved from the theme and the inline nesting. */
export interface TextStyle {
  face: FontFace;
  size: number;
  /** "#rrggbb" */
  color: string;
  /** Set on text inside a model link: draw adds a link annotation over it. */
  link?: string | undefined;
  underline?: boolean | undefined;
}

/** One glyph as drawn, after shaping, justification and reordering. */
export interface PlacedGlyph {
  glyphId: number;
  /**
   * The text this glyph stands for, in logical order. The first glyph of a cluster carries the whole
   * cluster's text; the others carry ''. Reading a line's glyphs in logical order and concatenating `text`
   * gives back the line's text exactly (marks included). Tatweel added for kashida justification carries ''.
   */
  text: string;
  /** Distance from this glyph's origin to the next glyph's origin on the line (justification included). */
  advance: number;
  /** The font's own advance for this glyph at this size (before kerning/justification). */
  fontAdvance: number;
  /** Mark and kerning offsets from the shaper. */
  xOffset: number;
  yOffset: number;
}

/** Glyphs of one style and one direction, in visual (left-to-right) order. */
export interface GlyphRun {
  style: TextStyle;
  rtl: boolean;
  /** BCP 47 tag of the text, for /Lang on the marked content. */
  lang: string;
  glyphs: PlacedGlyph[];
  /** x of the run's left edge, relative to the line's left edge. */
  x: number;
  width: number;
}

/** A finished line: runs in visual order, positioned within the measure. */
export interface Line {
  runs: GlyphRun[];
  /** The measure (available width) the line was set in. */
  measure: number;
  /** Distance from the top of the line box to the baseline. */
  ascent: number;
  /** Height of the line box (the leading): baselines of consecutive lines are this far apart. */
  height: number;
  /** The line's text in logical order, for tests and the structure tree. */
  text: string;
}

export type BlockRole = 'Title' | 'Subtitle' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'BlockQuote' | 'LI' | 'Caption' | 'Code';

/** A block of the model set into lines; pagination places it. */
export interface LaidOutBlock {
  role: BlockRole;
  lines: Line[];
  /** Indent from the start side (right in RTL), e.g. for quotes and list items. */
  indent: number;
  spaceBefore: number;
  spaceAfter: number;
  /** Headings: keep with the first lines of the next block. */
  keepWithNext: boolean;
  /** Heading text for the outline/bookmarks; undefined for other blocks. */
  outline?: { title: string; level: number } | undefined;
  /** An image to draw above the lines (figures). */
  image?: { path: string; width: number; height: number } | undefined;
  /** A horizontal rule (thematic break). */
  rule?: boolean | undefined;
}
