// What the DOCX stages share while one article is rendered.
import type { Diagnostics } from '../../errors.js';
import type { Theme } from '../../theme/schema.js';
import type { ListNumbering } from './numbering.js';
import type { XmlCleaner } from './xml-text.js';

export interface DocxContext {
  /** The article's direction: sets w:bidi on paragraphs and the section. */
  rtl: boolean;
  /** w:lang w:bidi for right-to-left runs, e.g. ar-SA. */
  bidiLanguage: string;
  theme: Theme;
  xml: XmlCleaner;
  numbering: ListNumbering;
  diagnostics: Diagnostics;
  resourceDir: string;
  /** Width of the text block in twips: figures are scaled to fit it. */
  textWidth: number;
  /** wp:docPr ids: docx's own counter is process-wide, so a second build would number differently. */
  nextDrawingId(): number;
}
