// The PDF renderer, as the pipeline it is:
//   paragraph/  styled text → lines of positioned glyphs (itemize → shape → segment → break → justify → reorder)
//   blocks/     the article's blocks → laid-out blocks of lines (headings, lists, quotes, figures, furniture)
//   pages/      laid-out blocks → pages of placed lines (keeps, widows, orphans; books: title page, contents)
//   output/     pages → PDF bytes (text layer, embedded fonts, outline, structure tree, metadata)
// paragraph/ and blocks/ never import output/; pdfkit lives behind output/canvas.ts alone.
import type { Book } from '../../model/book.js';
import type { Article } from '../../model/schema.js';
import { contextForLanguage, type RenderContext } from '../context.js';
import { layoutArticle } from './blocks/article.js';
import { articleFurniture } from './blocks/furniture.js';
import type { LaidOutBlock } from './blocks/types.js';
import { writePages } from './output/document.js';
import { articleInfo, bookInfo } from './output/metadata.js';
import { pressContext } from './output/press.js';
import { paginateBook } from './pages/book.js';
import { measureOf, pageGeometry, type PageGeometry } from './pages/geometry.js';
import { paginate } from './pages/paginate.js';

/** The PDF of an article: for screen, or for the press when the context has `press` (output/press.ts). */
export async function renderPdf(article: Article, given: RenderContext): Promise<Uint8Array> {
  // An article in a language with a face of its own (Urdu) is set in it throughout, its furniture too.
  const context = contextForLanguage(given.press ? pressContext(given) : given, article.meta.lang);
  const geometry = pageGeometry(context.theme, article.meta.dir === 'rtl');
  const blocks = layoutArticle(article, context, measureOf(geometry));
  return renderBlocks(article, context, blocks, geometry);
}

/** The pages and output stages alone, for any laid-out blocks of an article. */
export async function renderBlocks(article: Article, context: RenderContext, blocks: readonly LaidOutBlock[], geometry: PageGeometry): Promise<Uint8Array> {
  const pages = paginate(blocks, geometry, articleFurniture(article, context, measureOf(geometry)));
  const meta = article.meta;
  return writePages({ info: articleInfo(meta, context.buildDate), title: meta.title, lang: meta.lang, context, blocks, pages, geometry });
}

/** A book as one PDF: title page, contents, then each article on its own pages. */
export async function renderPdfBook(book: Book, given: RenderContext): Promise<Uint8Array> {
  const context = contextForLanguage(given.press ? pressContext(given) : given, book.meta.lang);
  const bound = paginateBook(book, context);
  const meta = book.meta;
  return writePages({ info: bookInfo(meta, context.buildDate), title: meta.title, lang: meta.lang, context, ...bound });
}
