// What the paragraph stage hands on: finished lines of positioned glyphs.
// All lengths are PDF points; x grows to the right, y grows downwards within a line box.
import type { FontFace } from '../fonts/faces.js';

/** The text an image in a line carries in the text layer: Unicode's object replacement character. */
export const OBJECT_REPLACEMENT = '\uFFFC';

/** How far below the baseline an image in a line reaches, in ems of its line's type: as far as a descender. */
export const IMAGE_DESCENT = 0.15;

/** An image set in a line: it stands in the text as one no-break space as wide as the image. */
export interface InlineImage {
  /** The file, as read (for messages). */
  path: string;
  /** Its bytes (PNG or JPEG). */
  data: Uint8Array;
  /** Its width on the page, in points. */
  width: number;
  /** Its height on the page, in points: the type's size in running text, its own in a table cell (the line grows to hold it). */
  height: number;
  /** What it shows, for the structure tree's Figure; '' for decoration. */
  alt: string;
}

/** Style of a stretch of text, resolved from the theme and the inline nesting. */
export interface TextStyle {
  /** The font face the text is shaped and drawn in. */
  face: FontFace;
  /** Type size in points. */
  size: number;
  /** Text colour, "#rrggbb". */
  color: string;
  /** Set on text inside a model link: the output adds a link annotation over it. */
  link?: string | undefined;
  /** Draw an underline below the text (links). */
  underline?: boolean | undefined;
  /** Draw a line through the text (struck-through text), at the face's strikeout position. */
  strike?: boolean | undefined;
  /** The glyphs are the mark of this note (its number in the article). */
  note?: number | undefined;
  /** How far the glyphs sit above the baseline, in points (below when negative): superscripts, note marks. */
  rise?: number | undefined;
  /** The run is an image in the line, drawn where its one no-break space stands. */
  image?: InlineImage | undefined;
}

/** One glyph as drawn, after shaping, justification and reordering. */
export interface PlacedGlyph {
  /** Glyph id in the face's own font file (subsets keep the ids). */
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
  /** Horizontal offset from the shaper (mark attachment, kerning), in points. */
  xOffset: number;
  /** Vertical offset from the shaper (mark attachment), in points, upwards. */
  yOffset: number;
}

/** Glyphs of one style and one direction, in visual (left-to-right) order. */
export interface GlyphRun {
  /** The style every glyph of the run is drawn in. */
  style: TextStyle;
  /** Whether the run's text reads right to left (odd bidi level). */
  rtl: boolean;
  /** BCP 47 tag of the text, for /Lang on the marked content. */
  lang: string;
  /** The run's glyphs, left to right. */
  glyphs: PlacedGlyph[];
  /** x of the run's left edge, relative to the line's left edge. */
  x: number;
  /** Sum of the glyphs' advances. */
  width: number;
}

/** A finished line: runs in visual order, positioned within the measure. */
export interface Line {
  /** The line's runs, left to right. */
  runs: GlyphRun[];
  /** The measure (available width) the line was set in. */
  measure: number;
  /** Distance from the top of the line box to the baseline. */
  ascent: number;
  /** Height of the line box (the leading): baselines of consecutive lines are this far apart. */
  height: number;
  /** The line's text in logical order, for tests and the structure tree. */
  text: string;
  /**
   * Set on the line on the same baseline as the line before it (a verse line's second hemistich, in its
   * half of the measure): pagination does not move down for it, and never puts a page between the two.
   */
  sharesRow?: boolean | undefined;
  /** Set on a line whose row goes on in the next line (a verse line's first hemistich, a table cell's last line but the row's last cell's): its end keeps a word space in the text. */
  continuesRow?: boolean | undefined;
  /** How far the line reaches out past its block's indent on the start side (a list item's hung marker); 0 when absent. */
  outdent?: number | undefined;
}
