// The book's title page: title, subtitle, editors, publisher and date, centred, a third of the way down.
// Set by the paragraph stage like every other line; placed here directly (one page, nothing to break).
import type { BookMeta } from '../../model/book.js';
import type { Direction } from '../../model/schema.js';
import type { RenderContext } from '../context.js';
import type { Align } from './justify.js';
import { formatDate } from './layout.js';
import { measureOf, pageMargins, type Page, type PageGeometry } from './paginate.js';
import { layoutParagraph } from './paragraph.js';
import type { BlockRole, LaidOutBlock } from './types.js';

export interface TextFormat {
  role: BlockRole;
  size: number;
  color: string;
  bold?: boolean;
  align: Align;
  dir: Direction;
  lang: string;
  measure: number;
  spaceAfter?: number;
}

/** One plain text set into lines as a block (front matter has no inline markup). */
export function setText(text: string, format: TextFormat, context: RenderContext): LaidOutBlock {
  const lines = layoutParagraph([{ text: text.replace(/\s+/g, ' ').trim(), style: { bold: format.bold ?? false, italic: false, size: format.size, color: format.color } }], {
    dir: format.dir,
    lang: format.lang,
    align: format.align,
    measure: format.measure,
    theme: context.theme,
    diagnostics: context.diagnostics,
    warned: new Set(),
    size: format.size,
  });
  return { role: format.role, lines, indent: 0, spaceBefore: 0, spaceAfter: format.spaceAfter ?? 0, keepWithNext: false };
}

/** Left edge of a full-measure line on a page. */
export function textLeft(geometry: PageGeometry, pageNumber: number): number {
  return pageMargins(geometry, pageNumber).left;
}

/** The title page as blocks and one page (number 1, no folio, no running head). */
export function titlePage(meta: BookMeta, context: RenderContext, geometry: PageGeometry): { blocks: LaidOutBlock[]; page: Page } {
  const { sizes, colours, paragraphSpacing } = context.theme;
  const base = { dir: meta.dir, lang: meta.lang, align: 'center' as const, measure: measureOf(geometry) };
  const blocks: LaidOutBlock[] = [
    setText(meta.title, { ...base, role: 'Title', size: sizes.title * 1.4, color: colours.heading, bold: true, spaceAfter: paragraphSpacing * 2 }, context),
  ];
  if (meta.subtitle) blocks.push(setText(meta.subtitle, { ...base, role: 'Subtitle', size: sizes.subtitle, color: colours.subtitle, spaceAfter: paragraphSpacing * 6 }, context));
  const list = meta.dir === 'rtl' ? '، ' : ', ';
  if (meta.editors.length > 0) blocks.push(setText(meta.editors.join(list), { ...base, role: 'P', size: sizes.body * 1.1, color: colours.text, spaceAfter: paragraphSpacing * 2 }, context));
  if (meta.publisher) blocks.push(setText(meta.publisher, { ...base, role: 'P', size: sizes.body, color: colours.muted, spaceAfter: paragraphSpacing }, context));
  if (meta.date) {
    const date = new Date(meta.date);
    if (!Number.isNaN(date.getTime())) blocks.push(setText(formatDate(date, meta.lang), { ...base, role: 'P', size: sizes.body, color: colours.muted }, context));
  }
  const page: Page = { number: 1, lines: [], images: [], rules: [], bookmarks: [], furniture: [] };
  const left = textLeft(geometry, 1);
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
