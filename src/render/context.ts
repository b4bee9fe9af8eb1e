// What every renderer receives besides the article. Renderers never import each other; they share only
// this, the model, the theme and the text helpers.
import { metadataInstant } from '../locale/index.js';
import { UsageError, type Diagnostics } from '../support/errors.js';
import type { ReadRoot } from '../support/read-root.js';
import type { Book } from '../model/book.js';
import type { Article } from '../model/schema.js';
import type { Theme } from '../theme/schema.js';
import { themeForLanguage } from '../theme/language.js';

export interface RenderContext {
  /** The theme every renderer reads: page, fonts, sizes, colours, justification. */
  theme: Theme;
  /** Where recoverable oddities are reported (missing images, characters no font has). */
  diagnostics: Diagnostics;
  /** Folder that relative figure paths are resolved against. */
  resourceDir: string;
  /** The folders images may be read from; resourceDir alone when absent. */
  readRoot?: ReadRoot | undefined;
  /**
   * The one timestamp documents carry (creation/modification dates, zip entry times): the article's
   * date when metadata can state it (years 0001–9999), else SOURCE_DATE_EPOCH, else 1980-01-01, so
   * rebuilds are byte-identical.
   */
  buildDate: Date;
  /** Set for the press PDF (--print) only: bleed and marks. The screen PDF, EPUB and DOCX never have it. */
  press?: PressOptions | undefined;
  /**
   * Whether the screen PDF is PDF/A-2b (--pdf-a): font programs whose widths are the font dictionaries',
   * an sRGB output intent, the identification in the XMP. The EPUB and DOCX ignore it.
   */
  archive?: boolean | undefined;
  /**
   * The article as it was read, when the renderer is handed a changed copy (the service points figures it
   * was not sent at names that do not exist): identifiers derived from the content (the EPUB's) are of
   * this one, so the service's documents are the bytes `warraq build` writes.
   */
  identity?: Article | undefined;
}

/** How the press PDF is made. */
export interface PressOptions {
  /** Bleed beyond the trim (the page size) on every side, in points. */
  bleed: number;
  /** Crop marks outside the bleed, at the corners of the trim. */
  marks: boolean;
}

/**
 * The context for text in `lang`: the same one, or one whose theme sets that language in its own face
 * (theme.json "languages"). Asked for the article's language and for each block of its own language.
 */
export function contextForLanguage(context: RenderContext, lang: string | undefined): RenderContext {
  const theme = themeForLanguage(context.theme, lang);
  return theme === context.theme ? context : { ...context, theme };
}

export type Renderer = (article: Article, context: RenderContext) => Promise<Uint8Array>;

/** The build date when neither the document nor SOURCE_DATE_EPOCH gives one: 1980-01-01, the zip epoch. */
export const FALLBACK_BUILD_DATE = Date.UTC(1980, 0, 1);

/** The latest SOURCE_DATE_EPOCH a document can carry (9999-12-31, the last date the formats can write). */
const LAST_EPOCH = Date.UTC(9999, 11, 31, 23, 59, 59) / 1000;

/** SOURCE_DATE_EPOCH as a date, undefined when unset; refused with one line when it is no date warraq can write. */
function epochDate(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch) || Number(epoch) > LAST_EPOCH) {
    throw new UsageError(`SOURCE_DATE_EPOCH=${epoch}: not a time warraq can write (whole seconds since 1970, up to ${LAST_EPOCH}, the end of year 9999)`);
  }
  return new Date(Number(epoch) * 1000);
}

/**
 * Refuses a SOURCE_DATE_EPOCH warraq cannot write (a UsageError), before a batch starts: otherwise each
 * undated article would fail on it, once per file.
 */
export function checkSourceDateEpoch(env: NodeJS.ProcessEnv = process.env): void {
  epochDate(env);
}

/**
 * The article's date, else SOURCE_DATE_EPOCH, else 1980-01-01. A date no metadata can state (year 0000)
 * dates nothing: every format then carries the same fallback (the EPUB says why it has no dc:date).
 */
export function resolveBuildDate(article: Article, env: NodeJS.ProcessEnv = process.env): Date {
  const date = article.meta.date === undefined ? undefined : metadataInstant(article.meta.date);
  return date ?? epochDate(env) ?? new Date(FALLBACK_BUILD_DATE);
}

/** A renderer of books: several articles in one document, with a title page and a table of contents. */
export type BookRenderer = (book: Book, context: RenderContext) => Promise<Uint8Array>;

/** The book's date, else the newest article date, else SOURCE_DATE_EPOCH, else 1980-01-01 (dates as above). */
export function resolveBookBuildDate(book: Book, env: NodeJS.ProcessEnv = process.env): Date {
  const instant = (date: string | undefined): Date | undefined => (date === undefined ? undefined : metadataInstant(date));
  const articleDates = book.articles.map((a) => instant(a.meta.date)).filter((d): d is Date => d !== undefined);
  const newest = articleDates.reduce<Date | undefined>((latest, d) => (latest === undefined || d > latest ? d : latest), undefined);
  return instant(book.meta.date) ?? newest ?? epochDate(env) ?? new Date(FALLBACK_BUILD_DATE);
}
