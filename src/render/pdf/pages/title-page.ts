// The book's title page: the title blocks centred, a third of the way down. One page, nothing to break,
// so the blocks are placed here directly.
import type { BookMeta } from '../../../model/book.js';
import type { RenderContext } from '../../context.js';
import { titleBlocks } from '../blocks/front-matter.js';
import type { LaidOutBlock } from '../blocks/types.js';
import { measureOf, pageMargins, type PageGeometry } from './geometry.js';
import { emptyPage, type Page } from './types.js';

/** The title page as blocks and one page (number 1, no folio, no running head). */
export function titlePage(meta: BookMeta, context: RenderContext, geometry: PageGeometry): { blocks: LaidOutBlock[]; page: Page } {
  const blocks = titleBlocks(meta, context, measureOf(geometry));
  const page = emptyPage(1);
  const left = pageMargins(geometry, 1).left;
  let y = geometry.height * 0.3;
  blocks.forEach((block, index) => {
    block.lines.forEach((line, i) => {
      page.lines.push({ line, x: left, baseline: y + line.ascent, block: index, index: i });
      y += line.height;
    });
    y += block.spaceAfter;
  });
  return { blocks, page };
}
