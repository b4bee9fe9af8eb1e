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
  /** Dot leaders (the contents of a book): drawn, not text; y is the baseline from the page top. */
  leaders?: { x: number; y: number; width: number }[] | undefined;
}

/** A page with nothing on it yet. */
export function emptyPage(number: number): Page {
  return { number, lines: [], images: [], rules: [], bookmarks: [], furniture: [] };
}
