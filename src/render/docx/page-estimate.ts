// Where a book's headings will fall, estimated before any word processor lays the document out: the
// page numbers its contents are shipped with (Word replaces them when it updates the fields on open;
// LibreOffice 7.4 shows them as they are). The estimate sets the model's text in the theme's measure and
// pitch as the PDF does — about as many letters a line as Amiri's average advance allows, each block its
// lines and spacing — so it is close to the PDF's pagination of the same theme, not equal to it.
import type { Block, Inline } from '../../model/schema.js';
import { inlineText } from '../../model/text.js';
import { eachBlock } from '../../model/walk.js';
import type { Theme } from '../../theme/schema.js';

/** Average advance of a letter (space included) of Arabic text in Amiri, in ems: measured on the sample. */
const AVERAGE_ADVANCE = 0.45;
/** Lines a figure takes, with its caption, when its size is not known here. */
const FIGURE_LINES = 12;

/** The text block in points: its width and height. */
export interface TextBlock {
  /** The measure, in points. */
  width: number;
  /** The height between the top and bottom margins, in points. */
  height: number;
}

/** Estimates pages for the articles of one book, each from a new page, in the order they are told. */
export class PageEstimate {
  /** Body lines a page holds. */
  readonly lines: number;
  private readonly lettersPerLine: number;
  private readonly spacingLines: number;
  private readonly pages = new Map<readonly Inline[], number>();

  constructor(theme: Theme, block: TextBlock) {
    const pitch = theme.sizes.body * theme.lineHeight;
    this.lines = Math.max(1, Math.floor(block.height / pitch));
    this.lettersPerLine = Math.max(1, Math.floor(block.width / (theme.sizes.body * AVERAGE_ADVANCE)));
    this.spacingLines = theme.paragraphSpacing / pitch;
  }

  /**
   * Lays out one article from page `first` (its title, then its blocks) and records the page of each
   * heading, keyed by the heading's inlines; returns the first page after it.
   */
  article(first: number, blocks: readonly Block[]): number {
    let lines = 2; // the title, in a larger size, and its spacing
    for (const block of eachBlock(blocks)) {
      const page = first + Math.floor(lines / this.lines);
      if (block.type === 'heading') this.pages.set(block.children, page);
      lines += this.linesOf(block);
    }
    return first + Math.max(1, Math.ceil(lines / this.lines));
  }

  /** The page recorded for a heading's inlines, if any. */
  pageOf(children: readonly Inline[]): number | undefined {
    return this.pages.get(children);
  }

  private wrapped(text: string): number {
    return Math.max(1, Math.ceil([...text].length / this.lettersPerLine));
  }

  private linesOf(block: Block): number {
    switch (block.type) {
      case 'heading':
        return 2 + this.spacingLines;
      case 'paragraph':
        return this.wrapped(inlineText(block.children)) + this.spacingLines;
      case 'code':
      case 'math':
        return block.value.split('\n').length + this.spacingLines;
      case 'table':
        return (block.header.length > 0 ? 1 : 0) + block.rows.length + this.spacingLines;
      case 'figure':
        return FIGURE_LINES;
      case 'thematicBreak':
        return 1;
      case 'verse':
        return block.lines.length + this.spacingLines;
      case 'blockquote':
      case 'list':
        return 0; // their blocks are counted as the walk reaches them
    }
  }
}
