// Blocks of the model → Word paragraphs and tables. Every paragraph of an RTL article carries w:bidi
// itself: docx's styles have no bidi field, and a paragraph Word sees without it would be laid out LTR.
// Alignment is the style's (left: the paragraph's start, styles.ts's LEADING), both or center; a paragraph that
// says its direction takes its start from leadingOf(), and a table cell the side its column states.
import {
  AlignmentType,
  Bookmark,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableBorders,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline, NoteInline } from '../../model/schema.js';
import { inlinesWithin, noteNumbers } from '../../model/walk.js';
import { cellAlignment, isHeading, rowBands, tableGrid, type GridCell, type GridRow } from '../../model/table.js';
import { inlineText } from '../../model/text.js';
import { tableColumnWidths } from '../table-widths.js';
import { figureImage, widestCellPicture } from './figures.js';
import { ListNumbering } from './numbering.js';
import { buildRuns } from './runs.js';
import { PARAGRAPH_STYLES, colour, headingStyle, leadingOf, linePitch, styleSize } from './styles.js';
import type { DocxContext } from './types.js';
import { bidiLanguageTag } from './language.js';
import { localeStrings } from '../../locale/index.js';
import { themeForLanguage } from '../../theme/language.js';

/** Where a block sits: inside a quote, inside a list item (at a nesting level). */
interface Frame {
  quote: boolean;
  /** Inside a footnote: paragraphs in Footnote Text. */
  note?: boolean;
  listLevel: number; // -1 outside lists
}

const TOP: Frame = Object.freeze<Frame>({ quote: false, listLevel: -1 });

/** An LTR article's left-to-right paragraphs carry no w:bidi at all, not even switched off. */
export function directionOf(context: DocxContext, rtl = context.rtl): Pick<IParagraphOptions, 'bidirectional'> {
  return (context.inheritedRtl ?? context.rtl) || rtl ? { bidirectional: rtl } : {};
}

/**
 * The context of a block of its own language or direction (the model settles them): an English paragraph
 * in an Arabic article is w:bidi off and its Latin runs carry no w:rtl; an Arabic one in an English article
 * is w:bidi on and its runs speak Arabic.
 */
function blockContext(context: DocxContext, block: Block): DocxContext {
  if (block.type === 'code' || block.type === 'math' || (block.dir === undefined && block.lang === undefined)) return context;
  const rtl = (block.dir ?? (context.rtl ? 'rtl' : 'ltr')) === 'rtl';
  const lang = block.lang;
  return {
    ...context,
    theme: lang !== undefined ? themeForLanguage(context.theme, lang) : context.theme,
    rtl,
    inheritedRtl: context.inheritedRtl ?? context.rtl,
    bidiLanguage: lang !== undefined && rtl ? bidiLanguageTag(lang, rtl) : context.bidiLanguage,
    quotes: lang !== undefined ? localeStrings(lang, rtl ? 'rtl' : 'ltr').quotes : context.quotes,
  };
}

function paragraph(context: DocxContext, options: IParagraphOptions & { children?: ParagraphChild[] }): Paragraph {
  return new Paragraph({ ...options, ...ownPitch(context, options), ...directionOf(context) });
}

/**
 * A block in a language of another line height than the styles' (Urdu in an Arabic article) keeps its
 * own, as in the PDF: an exact w:spacing of its own (before and after stay the style's).
 */
function ownPitch(context: DocxContext, options: IParagraphOptions): Pick<IParagraphOptions, 'spacing'> {
  if (context.theme.lineHeight === context.styleTheme.lineHeight || options.spacing !== undefined) return {};
  return { spacing: linePitch(context.theme, styleSize(context.theme, options.style ?? PARAGRAPH_STYLES.normal)) };
}

/** Body paragraphs: Body Text, Quote inside a blockquote, List Paragraph (indented) inside a list item. */
function textStyle(frame: Frame): Pick<IParagraphOptions, 'style' | 'indent'> {
  if (frame.listLevel >= 0) return { style: PARAGRAPH_STYLES.list, indent: { start: ListNumbering.indentOf(frame.listLevel) } };
  if (frame.note) return { style: PARAGRAPH_STYLES.footnote };
  return { style: frame.quote ? PARAGRAPH_STYLES.quote : PARAGRAPH_STYLES.body };
}

/**
 * A heading or code block inside a list item is indented with the item's text, as in the PDF (LibreOffice
 * set them at the margin, the item's paragraphs around them indented). The indent is on the list's start
 * side: a left-to-right code paragraph (`rtl` false) in a right-to-left list takes it at its end.
 */
function itemIndent(frame: Frame, listRtl: boolean, rtl = listRtl): Pick<IParagraphOptions, 'indent'> {
  if (frame.listLevel < 0) return {};
  const size = ListNumbering.indentOf(frame.listLevel);
  return { indent: listRtl === rtl ? { start: size } : { end: size } };
}

/** Body Text, Quote and List Paragraph stretch their lines (w:jc="both", styles.ts's JUSTIFIED). */
function isStretched(style: string | undefined): boolean {
  return style === PARAGRAPH_STYLES.body || style === PARAGRAPH_STYLES.quote || style === PARAGRAPH_STYLES.list;
}

/** The article's title block as the PDF sets it: title, subtitle, then authors and date on one muted line. */
export function titleParagraphs(title: string, subtitle: string | undefined, context: DocxContext, byline = ''): Paragraph[] {
  const text = (value: string): Inline[] => [{ type: 'text', value }];
  const out = [paragraph(context, { style: PARAGRAPH_STYLES.title, children: buildRuns(text(title), context) })];
  if (subtitle) out.push(paragraph(context, { style: PARAGRAPH_STYLES.subtitle, children: buildRuns(text(subtitle), context) }));
  if (byline) out.push(paragraph(context, { style: PARAGRAPH_STYLES.byline, children: buildRuns(text(byline), context) }));
  return out;
}

/** A heading paragraph at a Word level (1–6), bookmarked if the renderer asks for it. */
export function headingParagraph(level: number, children: readonly Inline[], context: DocxContext, options: IParagraphOptions = {}): Paragraph {
  const runs = buildRuns(children, context);
  const anchor = context.onHeading?.(level, children);
  return paragraph(context, { ...options, style: headingStyle(level), children: anchor ? [new Bookmark({ id: anchor, children: runs })] : runs });
}

export async function blocksToChildren(blocks: readonly Block[], outer: DocxContext, frame: Frame = TOP): Promise<FileChild[]> {
  const context = outer.notes ? outer : { ...outer, notes: await footnotes(blocks, outer) };
  const out: FileChild[] = [];
  for (const block of blocks) out.push(...(await blockToChildren(block, context, frame)));
  return out;
}

/** Each note of the article as the paragraphs of its footnote, in Footnote Text, in the note's direction. */
async function footnotes(blocks: readonly Block[], context: DocxContext): Promise<Map<NoteInline, Paragraph[]>> {
  const out = new Map<NoteInline, Paragraph[]>();
  const inner: DocxContext = { ...context, notes: out, onHeading: undefined };
  for (const note of noteNumbers(blocks).keys()) {
    const children = await blocksToChildren(note.content, inner, { ...TOP, note: true });
    // A footnote holds paragraphs only: a table or a figure inside a note is left to its paragraphs.
    out.set(note, children.filter((c): c is Paragraph => c instanceof Paragraph));
  }
  return out;
}

async function blockToChildren(block: Block, outer: DocxContext, frame: Frame): Promise<FileChild[]> {
  const context = blockContext(outer, block);
  switch (block.type) {
    case 'heading':
      return [headingParagraph(Math.min(6, block.level + (context.headingShift ?? 0)), block.children, context, itemIndent(frame, context.rtl))];
    case 'paragraph': {
      const style = textStyle(frame);
      return [paragraph(context, { ...style, children: buildRuns(block.children, context, { justified: isStretched(style.style) }) })];
    }
    case 'blockquote':
      return blocksToChildren(block.children, context, { ...frame, quote: true });
    case 'list':
      return listChildren(block, context, frame);
    case 'thematicBreak':
      return [paragraph(context, { style: PARAGRAPH_STYLES.rule })];
    case 'code':
    case 'math':
      // Code, and math as its TeX source, reads left to right in any article; in an RTL one the paragraph says so explicitly
      // (w:bidi off), or Word would reverse its punctuation.
      return [
        new Paragraph({
          style: PARAGRAPH_STYLES.code,
          ...directionOf(context, false),
          ...itemIndent(frame, context.rtl, false),
          children: buildRuns([{ type: 'text', value: block.value.replace(/\n$/, '') }], context, { base: 'ltr' }),
        }),
      ];
    case 'figure': {
      const image = figureImage(block.src, block.alt, context);
      const out: FileChild[] = [];
      if (image) out.push(paragraph(context, { style: PARAGRAPH_STYLES.figure, children: [image] }));
      if (block.caption.length > 0) out.push(paragraph(context, { style: PARAGRAPH_STYLES.caption, children: buildRuns(block.caption, context) }));
      return out;
    }
    case 'table':
      // Word refuses a table without rows.
      if (block.header.length + block.rows.length === 0) return [];
      // The caption above the table, kept on its page (Word's own captions are paragraphs too).
      return [...(block.caption ? [paragraph(context, { style: PARAGRAPH_STYLES.caption, keepNext: true, children: buildRuns(block.caption, context) })] : []), table(block, context)];
    case 'verse':
      return [verseTable(block.lines, context)];
  }
}

/**
 * Verse as Word sets it: a borderless table of two columns, the first hemistich in the start-side cell
 * (on the right in an RTL article: w:bidiVisual), the second in the other, each centred in its half; a
 * line of one hemistich spans both. Rows never break across a page. Not stretched across the half
 * (w:jc="distribute"): Word and LibreOffice widen the word spaces for it, never with tatweel, and the
 * gaps tear the hemistich apart for readers and for text extraction alike.
 */
/**
 * Word's default cell margin (Normal Table, 0.08 in) as the tables' indent: in compatibility mode 14
 * (document.ts) a table's indent is measured to its first cell's text, so a table set at 0 sticks out
 * past the margin by that much; this puts its edges on the margins, as mode 15 did.
 */
const TABLE_INDENT = { size: 108, type: WidthType.DXA } as const;

function verseTable(lines: readonly Inline[][][], context: DocxContext): Table {
  const half = (inlines: Inline[], span: number): TableCell =>
    new TableCell({
      ...(span > 1 && { columnSpan: span }),
      width: { size: span * 50, type: WidthType.PERCENTAGE },
      children: [
        paragraph(context, {
          style: PARAGRAPH_STYLES.verse,
          alignment: span > 1 ? leadingOf(context.rtl) : AlignmentType.CENTER,
          children: buildRuns(inlines, context),
        }),
      ],
    });
  const rows = lines.map((line) => new TableRow({ cantSplit: true, children: line.length === 1 ? [half(line[0]!, 2)] : line.map((h) => half(h, 1)) }));
  return new Table({
    rows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4500, 4500],
    indent: TABLE_INDENT,
    borders: TableBorders.NONE,
    ...(context.rtl ? { visuallyRightToLeft: true } : {}),
  });
}

async function listChildren(block: Extract<Block, { type: 'list' }>, context: DocxContext, frame: Frame): Promise<FileChild[]> {
  const list = context.numbering.newList(block.ordered, block.start ?? 1, context.digits);
  const level = Math.min(frame.listLevel + 1, 8);
  const out: FileChild[] = [];
  for (const item of block.items) {
    let numbered = false;
    for (const child of item) {
      // The item's first paragraph carries the number; what follows in the item is indented to match.
      if (!numbered && (child.type === 'paragraph' || child.type === 'heading')) {
        numbered = true;
        const own = blockContext(context, child);
        out.push(
          paragraph(own, {
            style: PARAGRAPH_STYLES.list,
            numbering: { reference: list.reference, level, instance: list.instance },
            children: buildRuns(child.children, own),
          }),
        );
      } else {
        out.push(...(await blockToChildren(child, context, { ...frame, listLevel: level })));
      }
    }
  }
  return out;
}

/** Word's default left and right margin inside a table cell, in twips (0.08 in). */
const CELL_MARGIN = 108;

function table(block: Extract<Block, { type: 'table' }>, context: DocxContext): Table {
  const grid = tableGrid(block);
  // Column widths shared as the content asks, as the PDF's (estimated from the text: docx has no shaper),
  // so a column of short figures is not as wide as one of sentences; the table across the measure (a
  // narrower one LibreOffice set against the left margin of a right-to-left page).
  const asked = tableColumnWidths(grid, context.textWidth, (c, header) => {
    const text = estimatedWidths(inlineText(c.inlines), header, context.theme.sizes.body);
    // A picture asks its own width, as text its line's (it may still shrink to the column, as a word cannot).
    return { ...text, want: Math.max(text.want, widestCellPicture(c.inlines, context) + CELL_PAD) };
  });
  const scale = context.textWidth / Math.max(1, asked.reduce((a, b) => a + b, 0));
  const columnWidths = asked.map((w) => Math.max(1, Math.round(w * scale)));
  const cellWidth = (c: GridCell): number => columnWidths.slice(c.column, c.column + c.columns).reduce((a, b) => a + b, 0) - 2 * CELL_MARGIN;
  const cell = (gridRow: GridRow, gridCell: GridCell): TableCell => {
    const align = cellAlignment(grid, gridRow, gridCell);
    // docx writes LEFT and RIGHT of a w:bidi paragraph swapped ("left" is its start): they stay the sides they name.
    const alignment = align === 'start' ? undefined : { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT }[align];
    const heading = isHeading(gridRow, gridCell);
    return new TableCell({
      // A heading cell (of its column or its row) bold on the theme's shade, as in the PDF and the EPUB.
      ...(heading && { shading: { type: ShadingType.CLEAR, fill: colour(context.theme.colours.shade), color: 'auto' } }),
      ...(gridCell.columns > 1 && { columnSpan: gridCell.columns }),
      // Merged down rows, in the middle of them, as a browser sets it and the PDF.
      ...(gridCell.rows > 1 && { rowSpan: gridCell.rows, verticalAlign: VerticalAlignTable.CENTER }),
      children: [
        paragraph(context, {
          style: PARAGRAPH_STYLES.tableText,
          ...(alignment && { alignment }),
          // The style's exact pitch would clip a picture taller than the type: at least the pitch, then.
          ...([...inlinesWithin(gridCell.inlines)].some((n) => n.type === 'image') && { spacing: { ...linePitch(context.theme, context.theme.sizes.body), lineRule: LineRuleType.AT_LEAST } }),
          // Its pictures at their own size within the cell's text (Word's default cell margins, 0.08 in a side).
          children: buildRuns(heading ? [{ type: 'strong', children: [...gridCell.inlines] }] : [...gridCell.inlines], { ...context, cellWidth: cellWidth(gridCell) }),
        }),
      ],
    });
  };
  // Header rows repeat on every page (w:tblHeader) and are kept with the first row under them, as in the
  // PDF; rows that merged cells bind are kept on one page (each but the band's last kept with the next;
  // cantSplit keeps a row's own lines together).
  const lastOfBand = new Set(rowBands(grid).map(([, end]) => end - 1));
  const tableRows = grid.rows.map((gridRow, r) => new TableRow({
    ...(gridRow.header && { tableHeader: true }),
    ...((gridRow.header || !lastOfBand.has(r)) && { keepNext: true }),
    children: gridRow.cells.map((c) => cell(gridRow, c)),
  }));
  // Column order follows the reading direction: the first column on the right in an RTL article.
  return new Table({
    rows: tableRows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths,
    indent: TABLE_INDENT,
    ...(context.rtl ? { visuallyRightToLeft: true } : {}),
  });
}

/** Twips a character takes at `size` points, about: half an em (Amiri's Arabic and Latin alike; bold a little more). */
const CHAR_EM = 0.5;
/** A cell's margins across, and a little room. */
const CELL_PAD = 2 * CELL_MARGIN + 40;

/** What a cell asks of its columns, in twips, estimated from its text's longest line and longest word. */
function estimatedWidths(text: string, header: boolean, size: number): { want: number; least: number } {
  const perChar = CHAR_EM * size * 20 * (header ? 1.1 : 1);
  const lines = text.split('\n');
  const longest = Math.max(0, ...lines.map((l) => [...l].length));
  const word = Math.max(0, ...lines.flatMap((l) => l.split(/\s+/u)).map((w) => [...w].length));
  return { want: longest * perChar + CELL_PAD, least: word * perChar + CELL_PAD };
}
