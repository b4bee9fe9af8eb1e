// Front matter as blocks: plain texts set into lines (the title page's, the contents' headings and
// entries). Front matter has no inline markup; pages/ places these blocks itself.
import type { BookMeta } from '../../../model/book.js';
import type { Direction } from '../../../model/schema.js';
import type { RenderContext } from '../../context.js';
import type { Align } from '../paragraph/justify.js';
import { formatDate, localeStrings } from '../../../locale/index.js';
import { layoutParagraph } from '../paragraph/index.js';
import type { BlockRole, LaidOutBlock } from '../blocks/types.js';

/** How setText sets one text. */
export interface TextFormat {
  /** The block's structural role. */
  role: BlockRole;
  /** Type size in points. */
  size: number;
  /** Text colour, "#rrggbb". */
  color: string;
  /** Bold face. */
  bold?: boolean;
  /** Alignment within the measure. */
  align: Align;
  /** Paragraph direction. */
  dir: Direction;
  /** BCP 47 language of the text. */
  lang: string;
  /** Width to set the text in. */
  measure: number;
  /** Space below the block. */
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

/** The title page's blocks: title, subtitle, editors, publisher and date, centred. */
export function titleBlocks(meta: BookMeta, context: RenderContext, measure: number): LaidOutBlock[] {
  const { sizes, colours, paragraphSpacing } = context.theme;
  const base = { dir: meta.dir, lang: meta.lang, align: 'center' as const, measure };
  const blocks: LaidOutBlock[] = [
    setText(meta.title, { ...base, role: 'Title', size: sizes.title * 1.4, color: colours.heading, bold: true, spaceAfter: paragraphSpacing * 2 }, context),
  ];
  if (meta.subtitle) blocks.push(setText(meta.subtitle, { ...base, role: 'Subtitle', size: sizes.subtitle, color: colours.subtitle, spaceAfter: paragraphSpacing * 6 }, context));
  if (meta.editors.length > 0) blocks.push(setText(meta.editors.join(localeStrings(meta.lang, meta.dir).separator), { ...base, role: 'P', size: sizes.body * 1.1, color: colours.text, spaceAfter: paragraphSpacing * 2 }, context));
  if (meta.publisher) blocks.push(setText(meta.publisher, { ...base, role: 'P', size: sizes.body, color: colours.muted, spaceAfter: paragraphSpacing }, context));
  if (meta.date) blocks.push(setText(formatDate(meta.date, meta.lang, context.theme.dates), { ...base, role: 'P', size: sizes.body, color: colours.muted }, context));
  return blocks;
}
