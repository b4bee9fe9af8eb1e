// The stages both entry points (one article, a book) share: the per-document state the content stages
// write through, and the last step from docx's options to reproducible bytes.
import { Document, Packer, type IPropertiesOptions } from 'docx';
import type { RenderContext } from '../context.js';
import { bidiLanguageTag } from './language.js';
import { ListNumbering } from './numbering.js';
import { finishPackage, type PackageOptions } from './package.js';
import { textWidth, type PageGeometry } from './section.js';
import type { DocxContext } from './types.js';
import { createXmlCleaner } from './xml-text.js';

/** What one document's content stages share whatever the direction of the text they write. */
export type SharedDocxState = Omit<DocxContext, 'rtl' | 'bidiLanguage'>;

export function sharedState(context: RenderContext, geometry: PageGeometry): SharedDocxState {
  let drawingId = 0;
  return {
    theme: context.theme,
    xml: createXmlCleaner(),
    numbering: new ListNumbering(),
    diagnostics: context.diagnostics,
    resourceDir: context.resourceDir,
    textWidth: textWidth(geometry),
    nextDrawingId: () => ++drawingId,
  };
}

/** The shared state seen from text in one language and direction (an article, or the book's own pages). */
export function directedContext(shared: SharedDocxState, lang: string, rtl: boolean, extra: Pick<DocxContext, 'headingShift' | 'onHeading'> = {}): DocxContext {
  return { ...shared, ...extra, rtl, bidiLanguage: bidiLanguageTag(lang, rtl) };
}

/** docx's document options less what every document here gets the same way. */
export type DocumentOptions = IPropertiesOptions;

export async function packDocument(shared: SharedDocxState, options: DocumentOptions, packageOptions: PackageOptions): Promise<Uint8Array> {
  if (shared.xml.dropped > 0) {
    shared.diagnostics.warn(`docx: dropped ${shared.xml.dropped} character(s) that XML 1.0 does not allow (control characters or broken surrogates)`);
  }
  const packed = await Packer.toBuffer(new Document(options));
  return finishPackage(packed, packageOptions);
}
