// A book: several articles bound into one document, in the order given, under a title page and a table
// of contents. Each article keeps its own model (language, direction, blocks); the book has its own meta.
import { z } from 'zod';
import { ArticleSchema, DirectionSchema, LanguageTagSchema, type Article } from './schema.js';

export const BookMetaSchema = z
  .object({
    title: z.string().min(1),
    subtitle: z.string().optional(),
    /** Editors (or authors) of the book as a whole. */
    editors: z.array(z.string()).default([]),
    date: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    lang: LanguageTagSchema,
    dir: DirectionSchema,
    /** A local image file for the cover, relative to the book's folder. */
    cover: z.string().min(1).optional(),
    publisher: z.string().optional(),
    description: z.string().optional(),
  })
  .catchall(z.unknown());

export const BookSchema = z.object({
  meta: BookMetaSchema,
  articles: z.array(ArticleSchema).min(1),
});

export type BookMeta = z.output<typeof BookMetaSchema>;
export interface Book {
  meta: BookMeta;
  articles: Article[];
}
