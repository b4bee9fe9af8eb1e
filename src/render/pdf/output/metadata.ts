// The document information dictionary of an article and of a book: title, author, subject, keywords,
// dates from context.buildDate, and "warraq" as the producer.
import { localeStrings } from '../../../locale/index.js';
import type { BookMeta } from '../../../model/book.js';
import type { Meta } from '../../../model/schema.js';

/** An information dictionary: PDF keys to text or dates. */
export type DocumentInfo = Record<string, string | Date>;

/** The information dictionary of an article. */
export function articleInfo(meta: Meta, date: Date): DocumentInfo {
  const info: DocumentInfo = { Title: meta.title, Producer: 'warraq', Creator: 'warraq', CreationDate: date, ModDate: date };
  if (meta.authors.length > 0) info.Author = meta.authors.join(localeStrings(meta.lang, meta.dir).separator);
  if (meta.subtitle) info.Subject = meta.subtitle;
  else if (meta.description) info.Subject = meta.description;
  if (meta.keywords.length > 0) info.Keywords = meta.keywords.join(', ');
  return info;
}

/** The information dictionary of a book: its editors as the author. */
export function bookInfo(meta: BookMeta, date: Date): DocumentInfo {
  const info: DocumentInfo = { Title: meta.title, Producer: 'warraq', Creator: 'warraq', CreationDate: date, ModDate: date };
  if (meta.editors.length > 0) info.Author = meta.editors.join(localeStrings(meta.lang, meta.dir).separator);
  if (meta.subtitle) info.Subject = meta.subtitle;
  else if (meta.description) info.Subject = meta.description;
  return info;
}
