// What the block stage hands on: each block of the model set into lines, with what pagination needs to
// place it (spacing, keeps, images, rules) and what the output needs to tag it (role, outline).
import type { Line } from '../paragraph/types.js';

/** The structural role of a block: the output maps it to a standard structure type. */
export type BlockRole = 'Title' | 'Subtitle' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'BlockQuote' | 'LI' | 'Caption' | 'Code' | 'Note' | 'TH' | 'TD';

/** A block of the model set into lines; pagination places it. */
export interface LaidOutBlock {
  /** What the block is, for the structure tree. */
  role: BlockRole;
  /** The block's lines, top to bottom. */
  lines: Line[];
  /** Indent from the start side (right in RTL), e.g. for quotes and list items. */
  indent: number;
  /** Space above the block, dropped at the top of a page. */
  spaceBefore: number;
  /** Space below the block. */
  spaceAfter: number;
  /** Headings: keep with the first lines of the next block. */
  keepWithNext: boolean;
  /** Heading text for the outline/bookmarks; undefined for other blocks. */
  outline?: { title: string; level: number } | undefined;
  /** An image to draw above the lines (figures): its file, its bytes, its size on the page in points, and what it shows (the figure's alt text; empty when it has none). */
  image?: { path: string; data: Uint8Array; width: number; height: number; alt?: string | undefined } | undefined;
  /** Blocks of a list item: where the block sits in its lists, for the structure tree (L, LI, Lbl, LBody). */
  list?: ListPlace | undefined;
  /** A horizontal rule (thematic break). */
  rule?: boolean | undefined;
  /** The share of the measure a rule spans from the start side (the notes' separator); the whole measure when absent. */
  ruleShare?: number | undefined;
  /** The block's paragraph direction when it is not the document's (an English paragraph in Arabic): its indent side and base level. */
  rtl?: boolean | undefined;
  /** The block's language when it is not the document's: its structure element's /Lang. */
  lang?: string | undefined;
  /** Code: its lines sit on a light ground (theme colour shade) reaching `pad` points past the measure on each side. */
  shade?: { pad: number } | undefined;
  /** Code: which lines wrap onto the next (a marker is drawn at their end, as a path), and the code's size. */
  wrapMarks?: { lines: readonly boolean[]; size: number } | undefined;
  /** Block quotes: a rule down the start side of the lines, `gap` points out from them. */
  startRule?: { gap: number } | undefined;
  /** A table cell: where it sits in its table; pagination places a row's cells side by side. */
  cell?: TableCell | undefined;
  /** The caption of the table whose cells follow it: tagged as that Table's first child. */
  tableCaption?: boolean | undefined;
  /** A block of note `foot`'s text, set at the foot of the page that cites it (not in the text's flow). */
  foot?: number | undefined;
  /** The notes the block's lines cite: for each line that holds marks, the notes' numbers in order. */
  cites?: { line: number; notes: number[] }[] | undefined;
}

/** A table cell's place: a band's cells are consecutive blocks, row by row, each row's in reading order. */
export interface TableCell {
  /** The table's number in the article, from 0. */
  table: number;
  /** The row the cell begins in: its index in the table, from 0 (the header row first). */
  row: number;
  /** The band of rows it belongs to (rows bound by cells merged down them): a page never parts a band. */
  band: number;
  /** The first column it covers, from 0, in reading order (the first column is on the right in RTL). */
  column: number;
  /** How many rows it covers, its own first. */
  rows: number;
  /** How many columns it covers. */
  columns: number;
  /** A header cell (TH): its band repeats at the top of each page the table continues on. */
  header: boolean;
  /** A body cell that heads its row (TH of row scope): shaded and bold as a header cell, not repeated. */
  rowHeader: boolean;
  /** Left edge of the cell's text from the table's left edge, in points. */
  x: number;
  /** The cell's width (its text measure plus padding), in points. */
  width: number;
  /** Left edge of the cell's box from the table's left edge. */
  boxX: number;
  /** Padding above and below the cell's lines. */
  padY: number;
  /** The table's whole width. */
  tableWidth: number;
}

/** One level of list nesting: which list (numbered in the article's order) and which of its items. */
export interface ListStep {
  /** The list's number in the article, from 0: tells apart two lists that follow each other. */
  list: number;
  /** The item's index in that list. */
  item: number;
}

/** Where a block of a list item sits. */
export interface ListPlace {
  /** The lists it is inside, outermost first, with the item in each. */
  path: ListStep[];
  /** UTF-16 length of the item's label (marker and its space) that starts the block's text; 0 if none. */
  label: number;
}
