// What the DOCX stages share while one article is rendered.
import type { Diagnostics } from '../../support/errors.js';
import type { Paragraph } from 'docx';
import type { ArticleDigits } from '../../locale/index.js';
import type { Inline, NoteInline } from '../../model/schema.js';
import type { Theme } from '../../theme/schema.js';
import type { ListNumbering } from './numbering.js';
import type { XmlCleaner } from './xml-text.js';
import type { ReadRoot } from '../../support/read-root.js';

export interface DocxContext {
  /** The direction of the text written now (the article's, or a block's own): sets w:bidi on paragraphs and the section. */
  rtl: boolean;
  /** The direction paragraphs have when they say none (the article's, which its styles carry); `rtl` when absent. */
  inheritedRtl?: boolean | undefined;
  /** w:lang w:bidi for right-to-left runs, e.g. ar-SA. */
  bidiLanguage: string;
  /** Opening and closing marks of an inline quotation, in the article's language. */
  quotes: readonly [string, string];
  /** The theme of the text written now: fonts, colours, sizes and justification (a block's own language may have its own face). */
  theme: Theme;
  /** The theme the document's styles were made from (the article's language's): runs in another family name theirs. */
  styleTheme: Theme;
  /** Drops the characters XML forbids from every string written, counting them for one warning. */
  xml: XmlCleaner;
  /** The document's list numbering: each list takes its own instance. */
  numbering: ListNumbering;
  /** Where warnings go, such as a figure left out. */
  diagnostics: Diagnostics;
  /** Folder that relative figure paths are resolved against. */
  resourceDir: string;
  /** The folders figures may be read from; resourceDir alone when absent. */
  readRoot?: ReadRoot | undefined;
  /** Width of the text block in twips: figures are scaled to fit it. */
  textWidth: number;
  /** Set while a table cell's text is written: its width in twips, within which its pictures take their own size. */
  cellWidth?: number | undefined;
  /** wp:docPr ids: docx's own counter is process-wide, so a second build would number differently. */
  nextDrawingId(): number;
  /** The article's digits (those of the PDF's folio): numbered lists count in them; Western when absent. */
  digits?: ArticleDigits | undefined;
  /** Added to every heading level (capped at 6): 1 in a book, where the article title is Heading 1. */
  headingShift?: number;
  /**
   * Told of every heading paragraph at its Word level; a bookmark name it returns is put around the
   * heading's runs (the book's table of contents links to and pages its headings by them).
   */
  onHeading?(level: number, children: readonly Inline[]): string | undefined;
  /**
   * The article's notes, each as its footnote's paragraphs (Footnote Text), made before the text that cites
   * them; absent until blocksToChildren has made them.
   */
  notes?: ReadonlyMap<NoteInline, readonly Paragraph[]> | undefined;
}
