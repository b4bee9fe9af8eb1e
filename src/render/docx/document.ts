// The stages both entry points (one article, a book) share: the per-document state the content stages
// write through, and the last step from docx's options to reproducible bytes.
import { themeForLanguage } from '../../theme/language.js';
import { localeStrings } from '../../locale/index.js';
import { Document, Packer, type IPropertiesOptions } from 'docx';
import { memo } from '../../support/memo.js';
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
    styleTheme: context.theme,
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
  // A book's article in a language with a face of its own (Urdu in an Arabic book) is set in that face.
  return { ...shared, ...extra, theme: themeForLanguage(shared.theme, lang), rtl, bidiLanguage: bidiLanguageTag(lang, rtl), quotes: localeStrings(lang, rtl ? 'rtl' : 'ltr').quotes };
}

/** docx's document options less what every document here gets the same way. */
export type DocumentOptions = IPropertiesOptions;

export async function packDocument(shared: SharedDocxState, options: DocumentOptions, packageOptions: PackageOptions): Promise<Uint8Array> {
  if (shared.xml.dropped > 0) {
    shared.diagnostics.warn(`docx: dropped ${shared.xml.dropped} character(s) that XML 1.0 does not allow (control characters or broken surrogates)`);
  }
  return finishPackage(await packageParts(options), packageOptions);
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

// Parts that depend on the document options alone, not on the content: the styles (theme, direction,
// language) and docx's default theme. docx builds and writes them object by object, about 4 ms of a
// document's 15; every document of a batch with the same options gets the same XML.
const constantParts = memo<string, string>('docx constant parts', 16);
const STYLES = 'word/styles.xml';
const THEME = 'word/theme/theme1.xml';

/**
 * The package's parts by path. docx's Packer deflates every part (the embedded fonts too) in JavaScript,
 * only for finishPackage to inflate them again and write the final zip: taking the parts straight from
 * docx's compiler saves both, about 130 ms a document. The compiler is docx's own (a private static of
 * Packer); should a docx release move it, the public Packer path gives the same parts. Styles and theme
 * already written for the same options are not built again: docx is given none, compiles a stand-in for
 * each, and the part gets the XML written before.
 */
async function packageParts(options: DocumentOptions): Promise<Map<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<PartCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return readZip(await Packer.toBuffer(documentOf(options)));
  const stylesKey = partKey(STYLES, options.styles);
  const themeKey = partKey(THEME, options.theme);
  const styles = stylesKey === undefined ? undefined : constantParts.get(stylesKey);
  const theme = themeKey === undefined ? undefined : constantParts.get(themeKey);
  const document = documentOf(styles === undefined ? options : { ...options, styles: undefined });
  const stand = Object.create(document) as Document;
  if (styles !== undefined) Object.defineProperty(stand, 'Styles', { value: STAND_IN });
  if (theme !== undefined) Object.defineProperty(stand, 'Theme', { value: STAND_IN });
  const parts = new Map<string, Uint8Array>();
  for (const [name, data] of compiler.compile(stand)) {
    let text = typeof data === 'string' ? data : undefined;
    if (name === STYLES && text !== undefined) text = keep(stylesKey, styles, text);
    if (name === THEME && text !== undefined) text = keep(themeKey, theme, text);
    parts.set(name, text === undefined ? (data as Uint8Array) : encoder.encode(text));
  }
  return parts;
}

function documentOf(options: DocumentOptions): Document {
  return new Document({ ...options, compatibility: { version: WORD_COMPATIBILITY_MODE } });
}

/** What docx compiles in place of a part already written: an empty element (its XML is then replaced). */
const STAND_IN = Object.freeze({ prepForXml: () => ({ 'w:styles': {} }) });

/** The part's XML: the one written before for these options, else the one just compiled, kept for next time. */
function keep(key: string | undefined, before: string | undefined, compiled: string): string {
  if (before !== undefined) return before;
  if (key !== undefined) constantParts.set(key, compiled);
  return compiled;
}

/** The memo key of a part made from `value` alone: the part's path and the options' key, if they have one. */
function partKey(part: string, value: unknown): string | undefined {
  const key = optionsKey(value);
  return key === undefined ? undefined : `${part}\0${key}`;
}

/**
 * A canonical key for options made of plain data only (strings, numbers, booleans, arrays, plain
 * objects), which docx turns into XML the same way every time; undefined for anything else (a docx
 * object, a function) or for options that refer to list numbering (whose ids are the document's own).
 */
function optionsKey(value: unknown): string | undefined {
  if (!isPlainData(value)) return undefined;
  // An option given as undefined stays distinct from one left out.
  const key = JSON.stringify(value ?? null, (_name, item: unknown) => (item === undefined ? '\0undefined' : item));
  return key.includes('"numbering"') ? undefined : key;
}

function isPlainData(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return true;
  if (type === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainData(item));
  if (type !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as object).every(isPlainData);
}
