// What pagination hands to the output: pages of positioned lines, images, rules and bookmarks.
// Positions are PDF points from the page's top-left corner (the output flips y).
import type { Line } from '../paragraph/types.js';

/** A line on a page. */
export interface PlacedLine {
  /** The line as the paragraph stage set it. */
  line: Line;
  /** Left edge of the line's measure. */
  x: number;
  /** Baseline, from the page top. */
  baseline: number;
  /** Index of the block in the document's block list (-1 for running head and folio). */
  block: number;
  /** Index of the line in its block (-1 for running head and folio). */
  index: number;
}

/** A figure's image on a page. */
export interface PlacedImage {
  /** The image file, for messages. */
  path: string;
  /** The image's bytes (PNG or JPEG), read once when the figure was laid out. */
  data: Uint8Array;
  /** Left edge. */
  x: number;
  /** Top edge, from the page top. */
  top: number;
  /** Width as drawn. */
  width: number;
  /** Height as drawn. */
  height: number;
  /** Index of the figure's block. */
  block: number;
}

/** A thematic break's rule on a page. */
export interface PlacedRule {
  /** Left edge of the text block the rule spans. */
  x: number;
  /** Vertical position, from the page top. */
  y: number;
  /** Width of the text block. */
  width: number;
  /** Index of the rule's block. */
  block: number;
}

/** A box drawn under or beside text (code's ground, a table's cell borders, a quote's rule): an artifact. */
export interface PlacedBox {
  /** Left edge. */
  x: number;
  /** Top edge, from the page top. */
  top: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
  /** The theme colour it is filled with (resolved when drawn, so the press PDF gets its CMYK); none: not filled. */
  fill?: 'shade' | 'rule' | undefined;
  /** The theme colour of the sides stroked (those in `sides`); none: not stroked. */
  stroke?: 'shade' | 'rule' | undefined;
  /** Which sides are stroked: all four when absent. */
  sides?: readonly ('top' | 'bottom' | 'left' | 'right')[] | undefined;
  /** Stroke width in points; 0.5 when absent. */
  lineWidth?: number | undefined;
}

/** Where a heading lands: a bookmark in the outline. */
export interface PageBookmark {
  /** The heading's text. */
  title: string;
  /** Nesting level, 1 at the top. */
  level: number;
  /** Top of the heading, from the page top. */
  top: number;
  /** Index of the heading's block. */
  block: number;
}

/** One page: what is drawn on it, in drawing order within each kind. */
export interface Page {
  /** 1-based page number. */
  number: number;
  /** The text lines of the flow. */
  lines: PlacedLine[];
  /** Figures' images. */
  images: PlacedImage[];
  /** Thematic breaks. */
  rules: PlacedRule[];
  /** Headings that start on this page. */
  bookmarks: PageBookmark[];
  /** Running head and folio: not part of the article's text flow. */
  furniture: PlacedLine[];
  /** Boxes drawn before the text (artifacts); absent: none. */
  boxes?: PlacedBox[] | undefined;
  /** Wrap markers at the end of code lines that continue on the next: right edge, baseline, type size. */
  wraps?: { x: number; baseline: number; size: number }[] | undefined;
  /** Lines drawn as artifacts, not text (a code line's wrap marker, a table's repeated header row); absent: none. */
  marks?: PlacedLine[] | undefined;
  /** Dot leaders (the contents of a book): drawn, not text; y is the baseline from the page top. */
  leaders?: { x: number; y: number; width: number }[] | undefined;
}

/** A page with nothing on it yet. */
export function emptyPage(number: number): Page {
  return { number, lines: [], images: [], rules: [], bookmarks: [], furniture: [] };
}
