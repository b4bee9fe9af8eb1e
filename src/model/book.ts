// A book: several articles bound into one document, in the order given, under a title page and a table
// of contents. Each article keeps its own model (language, direction, blocks); the book has its own meta.
import * as z from 'zod/mini';
import { ArticleSchema, DirectionSchema, LanguageTagSchema, type Article } from './schema.js';

export const BookMetaSchema = z.catchall(
  z.object({
    title: z.string().check(z.minLength(1)),
    subtitle: z.optional(z.string()),
    /** Editors (or authors) of the book as a whole. */
    editors: z._default(z.array(z.string()), []),
    date: z.optional(z.union([z.iso.date(), z.iso.datetime({ offset: true })])),
    lang: LanguageTagSchema,
    dir: DirectionSchema,
    /** A local image file for the cover, relative to the book's folder. */
    cover: z.optional(z.string().check(z.minLength(1))),
    publisher: z.optional(z.string()),
    description: z.optional(z.string()),
  }),
  z.unknown(),
);

export const BookSchema = z.object({
  meta: BookMetaSchema,
  articles: z.array(ArticleSchema).check(z.minLength(1)),
});

export type BookMeta = z.output<typeof BookMetaSchema>;
export interface Book {
  /** The book's own meta: its title page, the package metadata and the direction it is bound in. */
  meta: BookMeta;
  /** The articles, at least one, in reading order; each keeps its own language and direction. */
  articles: Article[];
}
