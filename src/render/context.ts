// What every renderer receives besides the article. Renderers never import each other; they share only
// this, the model, the theme and the text helpers.
import type { Diagnostics } from '../support/errors.js';
import type { ReadRoot } from '../support/read-root.js';
import type { Book } from '../model/book.js';
import type { Article } from '../model/schema.js';
import type { Theme } from '../theme/schema.js';

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
   * date, else SOURCE_DATE_EPOCH, else 1980-01-01, so rebuilds are byte-identical.
   */
  buildDate: Date;
}

export type Renderer = (article: Article, context: RenderContext) => Promise<Uint8Array>;

export const FALLBACK_BUILD_DATE = new Date(Date.UTC(1980, 0, 1));

export function resolveBuildDate(article: Article, env: NodeJS.ProcessEnv = process.env): Date {
  if (article.meta.date) {
    const date = new Date(article.meta.date);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return FALLBACK_BUILD_DATE;
}

/** A renderer of books: several articles in one document, with a title page and a table of contents. */
export type BookRenderer = (book: Book, context: RenderContext) => Promise<Uint8Array>;

/** The book's date, else the newest article date, else SOURCE_DATE_EPOCH, else 1980-01-01. */
export function resolveBookBuildDate(book: Book, env: NodeJS.ProcessEnv = process.env): Date {
  const articleDates = book.articles.map((a) => a.meta.date).filter((d): d is string => d !== undefined);
  const newest = book.meta.date ?? articleDates.sort()[articleDates.length - 1];
  if (newest) {
    const date = new Date(newest);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return FALLBACK_BUILD_DATE;
}
