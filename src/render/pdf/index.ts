// The PDF renderer: layout (layout.ts: the article set into lines) → paginate → draw → document.
// Books (book.ts) run the same stages per article and bind the pages under a title page and contents.
import type { Article } from '../../model/schema.js';
import type { RenderContext } from '../context.js';
import { PAGE_SIZES } from '../../theme/schema.js';
import { writeDocument } from './document.js';
import { articleFurniture } from './furniture.js';
import { layoutArticle } from './layout.js';
import { measureOf, paginate, type PageGeometry } from './paginate.js';
import type { LaidOutBlock } from './types.js';

export async function renderPdf(article: Article, context: RenderContext): Promise<Uint8Array> {
  const geometry = pageGeometry(article, context);
  const blocks = layoutArticle(article, context, measureOf(geometry));
  return renderBlocks(article, context, blocks, geometry);
}

/** The output half alone, for any laid-out blocks: paginate, draw, write. */
export async function renderBlocks(article: Article, context: RenderContext, blocks: readonly LaidOutBlock[], geometry: PageGeometry): Promise<Uint8Array> {
  const pages = paginate(blocks, geometry, articleFurniture(article, context, geometry));
  return writeDocument({ article, context, blocks, pages, geometry });
}

export function pageGeometry(article: Article, context: RenderContext): PageGeometry {
  const size = PAGE_SIZES[context.theme.page.size];
  return { width: size.width, height: size.height, margins: context.theme.page.margins, rtl: article.meta.dir === 'rtl' };
}

export { renderPdfBook } from './book.js';
