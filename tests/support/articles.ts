// The articles and the book the tests render. Builders for the small ones a test writes itself; loaders
// for the fixtures: the sample, the files of tests/fixtures/articles (Markdown through the project's own
// reader; JSON models as they are, through resolveArticle, so hostile.json keeps the control characters
// the JSON reader would drop), and the book of tests/fixtures/book.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BookSchema, resolveArticle, type Article, type Block, type Book, type Inline } from '../../src/model/index.js';
import { parseFile } from '../../src/parse/index.js';
import { ARTICLES, BOOK, SAMPLE } from './paths.js';

// ---- builders -----------------------------------------------------------------------------------------

export function text(value: string): Inline {
  return { type: 'text', value };
}

export function paragraph(value: string): Block {
  return { type: 'paragraph', children: [text(value)] };
}

export function paragraphOf(children: Inline[]): Block {
  return { type: 'paragraph', children };
}

/** An article of these blocks, in Arabic unless told, its language and direction resolved as a reader's would be. */
export function article(blocks: Block[], lang = 'ar', title = 'عنوان'): Article {
  return resolveArticle({ meta: { title, lang }, blocks });
}

// ---- fixture articles ---------------------------------------------------------------------------------

/** The sample article through the plain-text reader, as the command line reads it. */
export function sample(): Promise<Article> {
  return parseFile(SAMPLE);
}

/** A model of tests/fixtures/articles, read without the JSON reader's clean-up. */
function model(name: string): Article {
  return resolveArticle(JSON.parse(readFileSync(path.join(ARTICLES, name), 'utf8')));
}

/** A Markdown file of tests/fixtures/articles; its figures are relative to that folder (ARTICLES). */
function markdown(name: string): Promise<Article> {
  return parseFile(path.join(ARTICLES, name));
}

/** Fully vowelled Arabic: headings and ten paragraphs with every haraka. */
export const vowelled = (): Article => model('vowelled.json');
/** Arabic with Latin names, URLs, percentages, lists, a quote and a link. */
export const markdownLike = (): Article => model('markdown-like.json');
/** Persian, with ZWNJ and Persian digits. */
export const persian = (): Article => model('persian.json');
/** Markup-like and XML-forbidden text in every place a string can go. */
export const hostile = (): Article => model('hostile.json');

/** Arabic Markdown: front matter with every meta field, lists, a quote, a link, code, a figure (map.png). */
export const arabicMarkdown = (): Promise<Article> => markdown('arabic.md');
/** Persian Markdown. */
export const persianMarkdown = (): Promise<Article> => markdown('persian-md.md');
/** English Markdown with lists, a quote, a link and code. */
export const englishMarkdown = (): Promise<Article> => markdown('english.md');
/** Arabic Markdown mixing Latin words, numbers, a URL, lists, a quote, code and a table. */
export const mixedMarkdown = (): Promise<Article> => markdown('mixed.md');
/** A short English Markdown article with a link (the DOCX tests' Hyperlink style). */
export const englishDocx = (): Promise<Article> => markdown('english-docx.md');

// ---- the book -----------------------------------------------------------------------------------------

/** The book's meta, as tests/fixtures/book/book.yaml gives it. */
export const BOOK_META = { title: 'أسبوع ألاسكا', subtitle: 'ملف عن القمة الروسية الأمريكية', editors: ['هيئة التحرير'], date: '2025-08-20', lang: 'ar', dir: 'rtl' };

/** One article of the book's folder, read afresh. */
export function bookArticle(file: 'alaska-summit.txt' | 'kyiv.txt' | 'energy.md'): Promise<Article> {
  return parseFile(path.join(BOOK, file));
}

/** The book's three articles, in its order: the sample, kyiv.txt and energy.md. */
export function bookArticles(): Promise<Article[]> {
  return Promise.all((['alaska-summit.txt', 'kyiv.txt', 'energy.md'] as const).map(bookArticle));
}

/** A book of these articles under this meta (the fixture book's unless told). */
export function bookOf(articles: readonly Article[], meta: Record<string, unknown> = BOOK_META): Book {
  return BookSchema.parse({ meta, articles });
}

/** The fixture book: its meta and its three articles. */
export async function fixtureBook(): Promise<Book> {
  return bookOf(await bookArticles());
}
