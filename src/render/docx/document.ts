// The stages both entry points (one article, a book) share: the per-document state the content stages
// write through, and the last step from docx's options to reproducible bytes.
import { localeStrings } from '../../locale/index.js';
import { Document, Packer, type IPropertiesOptions } from 'docx';
import type { RenderContext } from '../context.js';
import { bidiLanguageTag } from './language.js';
import { ListNumbering } from './numbering.js';
import { finishPackage, type PackageOptions } from './package.js';
import { readZip } from './reproducible-zip.js';
import { textWidth, type PageGeometry } from './section.js';
import type { DocxContext } from './types.js';
import { createXmlCleaner } from './xml-text.js';

/** What one document's content stages share whatever the direction of the text they write. */
export type SharedDocxState = Omit<DocxContext, 'rtl' | 'bidiLanguage' | 'quotes'>;

export function sharedState(context: RenderContext, geometry: PageGeometry): SharedDocxState {
  let drawingId = 0;
  return {
    theme: context.theme,
    xml: createXmlCleaner(),
    numbering: new ListNumbering(context.theme),
    diagnostics: context.diagnostics,
    resourceDir: context.resourceDir,
    readRoot: context.readRoot,
    textWidth: textWidth(geometry),
    nextDrawingId: () => ++drawingId,
  };
}

/** The shared state seen from text in one language and direction (an article, or the book's own pages). */
export function directedContext(shared: SharedDocxState, lang: string, rtl: boolean, extra: Pick<DocxContext, 'headingShift' | 'onHeading' | 'digits'> = {}): DocxContext {
  return { ...shared, ...extra, rtl, bidiLanguage: bidiLanguageTag(lang, rtl), quotes: localeStrings(lang, rtl ? 'rtl' : 'ltr').quotes };
}

/** docx's document options less what every document here gets the same way. */
export type DocumentOptions = IPropertiesOptions;

export async function packDocument(shared: SharedDocxState, options: DocumentOptions, packageOptions: PackageOptions): Promise<Uint8Array> {
  if (shared.xml.dropped > 0) {
    shared.diagnostics.warn(`docx: dropped ${shared.xml.dropped} character(s) that XML 1.0 does not allow (control characters or broken surrogates)`);
  }
  return finishPackage(await packageParts(new Document({ ...options, compatibility: { version: WORD_COMPATIBILITY_MODE } })), packageOptions);
}

/**
 * w:compatSetting compatibilityMode 14 (Word 2010), not docx's default 15. From 15 on, LibreOffice 24.2+
 * (tdf#119908, writerfilter's JustifyLinesWithShrinking) and Word 2013+ shrink the word spaces of a
 * w:jc="both" line to pull the next word up, a justification LibreOffice 7.4 never did; and LibreOffice
 * 25.2's shrinking never finishes on some lines: a justified line followed by a word that mixes Latin
 * and Arabic with no break inside (`console.log("ضُغطت!")`) loops at 100 % CPU. At 14 both readers
 * justify by stretching spaces only, as LibreOffice 7.4 did and the PDF does.
 */
const WORD_COMPATIBILITY_MODE = 14;

interface PartCompiler {
  compile(file: Document): Map<string, string | Uint8Array>;
}

const encoder = new TextEncoder();

/**
 * The package's parts by path. docx's Packer deflates every part (the embedded fonts too) in JavaScript,
 * only for finishPackage to inflate them again and write the final zip: taking the parts straight from
 * docx's compiler saves both, about 130 ms a document. The compiler is docx's own (a private static of
 * Packer); should a docx release move it, the public Packer path gives the same parts.
 */
async function packageParts(document: Document): Promise<Map<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<PartCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return readZip(await Packer.toBuffer(document));
  const parts = new Map<string, Uint8Array>();
  for (const [name, data] of compiler.compile(document)) parts.set(name, typeof data === 'string' ? encoder.encode(data) : data);
  return parts;
}
