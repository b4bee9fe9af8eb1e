// The layout half of the PDF renderer: the article model set into lines, block by block, for a given
// measure. Pagination and drawing (the output half) place and paint these blocks.
import type { Article, Block, Direction, Inline, NoteInline } from '../../../model/schema.js';
import { inlineText } from '../../../model/text.js';
import { noteNumbers } from '../../../model/walk.js';
import { tableGrid } from '../../../model/table.js';
import { bylineText, localeStrings } from '../../../locale/index.js';
import { contextForLanguage, type RenderContext } from '../../context.js';
import { figureImage, inlineImage } from './figure.js';
import { layoutCode } from './code.js';
import { layoutTable } from './table.js';
import { folioDigits } from './furniture.js';
import { HANG, hangMarker, ITEM_SPACING, listMarker } from './list.js';
import type { Span, SpanStyle } from '../paragraph/itemize.js';
import type { Align } from '../paragraph/justify.js';
import { layoutParagraph, minContentWidth } from '../paragraph/index.js';
import type { BlockRole, LaidOutBlock } from '../blocks/types.js';
import type { Line } from '../paragraph/types.js';
import { liveLink } from '../../../support/links.js';
import { layoutVerse } from './verse.js';

/** Indent per nesting level of block quotes and lists, in points. */
const INDENT = 24;
// Superscripts, subscripts and note marks: the sizes and shifts of OpenType's usual sups/subs (OS/2's
// default ySuperscriptYOffset and ySubscriptYOffset are near a third and a seventh of an em).
const SCRIPT_SCALE = 0.7;
const SUPERSCRIPT_RISE = 0.33;
const SUBSCRIPT_DROP = 0.14;

/** The style made smaller and moved up (or down, when `em` is negative) by `em` of its own size. */
function shifted(style: SpanStyle, em: number): SpanStyle {
  return { ...style, size: style.size * SCRIPT_SCALE, rise: (style.rise ?? 0) + style.size * em };
}

interface Env {
  context: RenderContext;
  dir: Direction;
  lang: string;
  /** The article's own direction and language, which blocks of their own differ from. */
  articleDir: Direction;
  articleLang: string;
  measure: number;
  warned: Set<number>;
  /** Lists laid out so far: numbers each list for the structure tree. */
  lists: number;
  /** The article's notes: each one's number, and numbers in the article's digits (those of the folios). */
  notes?: { numbers: ReadonlyMap<NoteInline, number>; digits: (value: string) => string } | undefined;
  /** Set while a note's own blocks are laid out: their paragraphs' size and role. */
  note?: { size: number } | undefined;
  /** Tables laid out so far: numbers each table for the structure tree and pagination. */
  tables: number;
  /** How deep in lists the block is (0: in none): picks the bullet. */
  listDepth: number;
  /** The article's digits (those of its folio), for list numbers. */
  digits: (value: string) => string;
  /** Set while a table cell's text is set: the cell's measure, within which its pictures take their own size. */
  cell?: number | undefined;
}

interface BlockFormat {
  role: BlockRole;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  align: Align;
  dir?: Direction;
  indent: number;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext?: boolean;
}

export function layoutArticle(article: Article, given: RenderContext, measure: number): LaidOutBlock[] {
  // A book's article in a language of another face than the book's is set in its own.
  const context = contextForLanguage(given, article.meta.lang);
  const notes = { numbers: noteNumbers(article.blocks), digits: folioDigits(article) };
  const env: Env = { context, dir: article.meta.dir, lang: article.meta.lang, articleDir: article.meta.dir, articleLang: article.meta.lang, measure, warned: new Set(), lists: 0, notes, tables: 0, listDepth: 0, digits: notes.digits };
  const theme = context.theme;
  const { sizes, colours, paragraphSpacing } = theme;
  const out: LaidOutBlock[] = [];
  const text = (value: string): Inline[] => [{ type: 'text', value }];
  out.push(
    setBlock(env, text(article.meta.title), {
      role: 'Title', size: sizes.title, color: colours.heading, bold: true, align: 'start', indent: 0,
      spaceBefore: 0, spaceAfter: paragraphSpacing, keepWithNext: true,
    }),
  );
  if (article.meta.subtitle) {
    out.push(
      setBlock(env, text(article.meta.subtitle), {
        role: 'Subtitle', size: sizes.subtitle, color: colours.subtitle, align: 'start', indent: 0,
        spaceBefore: 0, spaceAfter: paragraphSpacing, keepWithNext: true,
      }),
    );
  }
  const byline = bylineText(article.meta, env.context.theme.dates);
  if (byline) {
    out.push(
      setBlock(env, text(byline), {
        role: 'P', size: sizes.body, color: colours.muted, align: 'start', indent: 0,
        spaceBefore: 0, spaceAfter: paragraphSpacing * 2, keepWithNext: true,
      }),
    );
  }
  for (const block of article.blocks) layoutBlock(env, block, 0, 'P', out);
  if (theme.notes === 'end') layoutEndnotes(env, out);
  else layoutFootnotes(env, out);
  return out;
}

/**
 * Footnotes: each note's blocks after the text's, marked with the note's number, which pagination sets at
 * the foot of the page whose line holds the mark; each line that holds marks says which (by the marks'
 * style, so the line a mark ends up on after breaking is the one that counts).
 */
function layoutFootnotes(env: Env, out: LaidOutBlock[]): void {
  if (!env.notes || env.notes.numbers.size === 0) return;
  for (const block of out) {
    const cites = block.lines.flatMap((line, i) => {
      const notes = [...new Set(line.runs.flatMap((r) => (r.style.note === undefined ? [] : [r.style.note])))];
      return notes.length > 0 ? [{ line: i, notes }] : [];
    });
    if (cites.length > 0) block.cites = cites;
  }
  const inner: Env = { ...env, notes: undefined, note: { size: env.context.theme.sizes.footer } };
  for (const [note, n] of env.notes.numbers) {
    const from = out.length;
    layoutNote(inner, note, `${env.notes.digits(String(n))}. `, out);
    for (const block of out.slice(from)) block.foot = n;
  }
}

/** A note's blocks, the first opening with its number. */
function layoutNote(inner: Env, note: NoteInline, mark: string, out: LaidOutBlock[]): void {
  const [first, ...rest] = note.content;
  if (first?.type === 'paragraph') layoutBlock(inner, first, 0, 'P', out, mark);
  else layoutBlock(inner, { type: 'paragraph', children: [{ type: 'text', value: mark.trim() }] }, 0, 'P', out);
  for (const block of first?.type === 'paragraph' ? rest : note.content) layoutBlock(inner, block, 0, 'P', out);
}

/**
 * The article's notes after its text (endnotes), under a rule: each opens with its number, in the size of
 * the page furniture, tagged /Note. Marks in the text are the same numbers, smaller (spansOf).
 */
function layoutEndnotes(env: Env, out: LaidOutBlock[]): void {
  if (!env.notes || env.notes.numbers.size === 0) return;
  const { sizes, paragraphSpacing } = env.context.theme;
  const inner: Env = { ...env, notes: undefined, note: { size: sizes.footer } };
  out.push({ role: 'Note', lines: [], indent: 0, spaceBefore: paragraphSpacing * 2, spaceAfter: paragraphSpacing, keepWithNext: true, rule: true, ruleShare: 0.3 });
  for (const [note, n] of env.notes.numbers) layoutNote(inner, note, `${env.notes.digits(String(n))}. `, out);
}

function layoutBlock(outer: Env, block: Block, indent: number, role: 'P' | 'BlockQuote' | 'LI', out: LaidOutBlock[], marker?: string): void {
  // A block of its own language and direction (the model settles them) is set in them, with what it holds.
  // A block in a language with a face of its own (or back from one, an Arabic quotation in an Urdu article) takes that face and line height.
  const env: Env =
    block.type !== 'code' && block.type !== 'math' && (block.dir !== undefined || block.lang !== undefined)
      ? { ...outer, dir: block.dir ?? outer.dir, lang: block.lang ?? outer.lang, context: contextForLanguage(outer.context, block.lang ?? outer.lang) }
      : outer;
  const theme = env.context.theme;
  const { sizes, colours, paragraphSpacing } = theme;
  switch (block.type) {
    case 'heading': {
      const b = setBlock(env, block.children, {
        role: `H${block.level}`, size: sizes.heading[block.level - 1] ?? sizes.body, color: colours.heading, bold: true,
        align: 'start', indent, spaceBefore: sizes.body * theme.lineHeight * 0.5, spaceAfter: paragraphSpacing / 2, keepWithNext: true,
      });
      b.outline = { title: inlineText(block.children).replace(/\s+/g, ' ').trim(), level: block.level };
      out.push(b);
      return;
    }
    case 'paragraph': {
      const quote = role === 'BlockQuote';
      const format: BlockFormat = {
        role: env.note && role === 'P' ? 'Note' : role,
        size: env.note?.size ?? (quote ? sizes.quote : sizes.body),
        color: quote ? colours.muted : colours.text, align: 'justify', indent: marker ? indent + HANG : indent,
        spaceBefore: 0,
        spaceAfter: env.note ? paragraphSpacing / 3 : role === 'LI' ? paragraphSpacing * ITEM_SPACING : paragraphSpacing,
      };
      const laid = setBlock(env, block.children, format);
      if (quote) laid.startRule = { gap: QUOTE_RULE_GAP };
      out.push(marker ? hangMarker(laid, markerLine(env, marker, format), (laid.rtl ?? env.articleDir === 'rtl')) : laid);
      return;
    }
    case 'blockquote':
      for (const child of block.children) layoutBlock(env, child, indent + INDENT, 'BlockQuote', out);
      // The quote's last block keeps a paragraph's space below it: the quote is set apart from what follows.
      if (out.length > 0) out[out.length - 1]!.spaceAfter = Math.max(out[out.length - 1]!.spaceAfter, paragraphSpacing * 1.5);
      return;
    case 'list': {
      const list = env.lists++;
      const depth = env.listDepth;
      const inner: Env = { ...env, listDepth: depth + 1 };
      const listStart = out.length;
      block.items.forEach((item, index) => {
        const mark = listMarker(block.ordered, block.start ?? 1, index, depth, env.digits);
        const from = out.length;
        let first = true;
        for (const child of item) {
          const at = out.length;
          layoutBlock(inner, child, indent + INDENT, 'LI', out, first && child.type === 'paragraph' ? mark : undefined);
          if (first && child.type === 'paragraph') labelled(out[at], mark.length);
          if (first && child.type !== 'paragraph') {
            // An item that starts with something other than a paragraph still shows its marker, above it.
            out.splice(at, 0, labelled(setBlock(env, [{ type: 'text', value: mark.trim() }], {
              role: 'LI', size: sizes.body, color: colours.text, align: 'start', indent: indent + INDENT, spaceBefore: 0, spaceAfter: 0,
            }), mark.trim().length));
          }
          first = false;
        }
        if (item.length === 0) {
          out.push(labelled(setBlock(env, [{ type: 'text', value: mark.trim() }], {
            role: 'LI', size: sizes.body, color: colours.text, align: 'start', indent: indent + INDENT, spaceBefore: 0, spaceAfter: paragraphSpacing,
          }), mark.trim().length));
        }
        // Every block of the item, nested lists' included, sits in this item of this list.
        for (const laid of out.slice(from)) laid.list = { path: [{ list, item: index }, ...(laid.list?.path ?? [])], label: laid.list?.label ?? 0 };
      });
      // Items sit close together; the list as a whole is spaced like a paragraph.
      if (depth === 0 && out.length > listStart) out[out.length - 1]!.spaceAfter = Math.max(out[out.length - 1]!.spaceAfter, paragraphSpacing);
      return;
    }
    case 'code':
    case 'math':
      // Code keeps the loaded theme's pitch and faces in a language's own (Urdu's lines are Nastaliq's 2.3).
      out.push(layoutCode(block.value, { theme: theme.base ?? theme, lang: env.lang, measure: env.measure - indent, indent, spaceAfter: paragraphSpacing, diagnostics: env.context.diagnostics, warned: env.warned }));
      return;
    case 'figure': {
      const captionInlines: Inline[] = block.caption.length > 0 ? block.caption : block.alt ? [{ type: 'text', value: block.alt }] : [];
      const b = setBlock(env, captionInlines, {
        role: 'Caption', size: sizes.body * 0.9, color: colours.muted, align: 'center', indent,
        spaceBefore: paragraphSpacing, spaceAfter: paragraphSpacing * 2,
      });
      try {
        b.image = { ...figureImage(block.src, env.context, env.measure - indent), alt: block.alt };
      } catch (error) {
        env.context.diagnostics.warn(`pdf: figure "${block.src}" ${(error as Error).message}; drawn without the image, caption kept`);
      }
      out.push(b);
      return;
    }
    case 'table': {
      const dir = env.dir;
      const extra: Partial<LaidOutBlock> = { ...(dir !== env.articleDir ? { rtl: dir === 'rtl' } : {}), ...(env.lang !== env.articleLang ? { lang: env.lang } : {}) };
      out.push(...layoutTable(tableGrid(block), {
        table: env.tables++, measure: env.measure - indent, indent, dir, spaceAfter: paragraphSpacing, extra,
        setCell: (inlines, bold, align, measure) => lineSet({ ...env, measure, cell: measure }, inlines, { role: 'TD', size: sizes.body, color: colours.text, bold, align, indent: 0, spaceBefore: 0, spaceAfter: 0 }),
        cellLeast: (inlines, bold, cap) =>
          minContentWidth(spansOf(inlines, { bold, italic: false, size: sizes.body, color: colours.text }, env), { dir: env.dir, lang: env.lang, theme: env.context.theme, diagnostics: env.context.diagnostics, warned: env.warned }, cap),
        setCaption: block.caption && ((measure) => lineSet({ ...env, measure }, block.caption ?? [], { role: 'Caption', size: sizes.body * 0.9, color: colours.muted, align: 'center', indent: 0, spaceBefore: 0, spaceAfter: 0 })),
      }));
      return;
    }
    case 'verse': {
      // A block per line of verse: pagination keeps a short block whole, so its halves share a page.
      const format: BlockFormat = { role: 'P', size: sizes.body, color: colours.text, align: 'justify', indent, spaceBefore: 0, spaceAfter: paragraphSpacing / 3 };
      const measure = Math.max(1, env.measure - indent);
      const set = (inlines: readonly Inline[], width: number, how: 'fill' | 'justify' | 'start'): Line[] =>
        lineSet({ ...env, measure: width + indent }, inlines, { ...format, align: how === 'start' ? 'start' : 'justify' }, how === 'fill');
      const rows = layoutVerse(block.lines, set, { measure, size: sizes.body, rtl: env.dir === 'rtl' });
      rows.forEach((lines, index) => {
        const laid = blockOf({ ...format, spaceAfter: index === rows.length - 1 ? paragraphSpacing : format.spaceAfter }, lines);
        if (env.dir !== env.articleDir) laid.rtl = env.dir === 'rtl';
        if (env.lang !== env.articleLang) laid.lang = env.lang;
        out.push(laid);
      });
      return;
    }
    case 'thematicBreak':
      out.push({ role: 'P', lines: [], indent, spaceBefore: paragraphSpacing * 2, spaceAfter: paragraphSpacing * 2, keepWithNext: false, rule: true });
      return;
  }
}

/** Space between a quote's lines and the rule down their start side, in points. */
const QUOTE_RULE_GAP = 9;

/** A list marker set on its own, in the item paragraph's size and colour, to hang before its first line. */
function markerLine(env: Env, marker: string, format: BlockFormat): Line | undefined {
  return lineSet({ ...env, measure: HANG * 4 }, [{ type: 'text', value: marker }], { ...format, align: 'start', indent: 0 })[0];
}

/** The block, its text starting with a list item's label of `length` UTF-16 units (outer lists' steps are added later). */
function labelled(block: LaidOutBlock | undefined, length: number): LaidOutBlock {
  if (!block) throw new Error('a list item paragraph was not laid out');
  block.list = { path: [], label: length };
  return block;
}

function blockOf(format: BlockFormat, lines: Line[]): LaidOutBlock {
  return {
    role: format.role,
    lines,
    indent: format.indent,
    spaceBefore: format.spaceBefore,
    spaceAfter: format.spaceAfter,
    keepWithNext: format.keepWithNext ?? false,
  };
}

function setBlock(env: Env, inlines: readonly Inline[], format: BlockFormat): LaidOutBlock {
  const block = blockOf(format, lineSet(env, inlines, format));
  // Said only where it differs from the article's: its pages, tags and text layer follow the block's own.
  const dir = format.dir ?? env.dir;
  if (format.role !== 'Code' && dir !== env.articleDir) block.rtl = dir === 'rtl';
  if (env.lang !== env.articleLang) block.lang = env.lang;
  return block;
}

function lineSet(env: Env, inlines: readonly Inline[], format: BlockFormat, fill = false): Line[] {
  const base: SpanStyle = { bold: format.bold ?? false, italic: format.italic ?? false, size: format.size, color: format.color, ...(format.role === 'Code' ? { code: true } : {}) };
  const spans = spansOf(inlines, base, env);
  return layoutParagraph(spans, {
    dir: format.dir ?? env.dir,
    lang: env.lang,
    align: format.align,
    measure: Math.max(1, env.measure - format.indent),
    theme: env.context.theme,
    diagnostics: env.context.diagnostics,
    warned: env.warned,
    size: format.size,
    fill,
    // A hemistich stretched to its column: tatweel first, as verse is set, so its word gaps stay narrow.
    ...(fill && { kashida: true }),
  });
}

/** Flattens inline nesting into styled spans: emphasis → italic, strong → bold, delete → struck, links coloured. */
export function spansOf(inlines: readonly Inline[], style: SpanStyle, env: Pick<Env, 'lang' | 'dir' | 'context' | 'notes' | 'cell'>): Span[] {
  const out: Span[] = [];
  const [open, close] = localeStrings(env.lang, env.dir).quotes;
  const walk = (nodes: readonly Inline[], s: SpanStyle): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out.push({ text: node.value, style: s });
          break;
        case 'code':
        case 'inlineMath': {
          // The monospace face's x-height is larger than Amiri's: scaled as the code size is to the body size.
          const { sizes } = env.context.theme;
          out.push({ text: node.value, style: { ...s, code: true, size: s.code ? s.size : (s.size * sizes.code) / sizes.body } });
          break;
        }
        case 'break':
          out.push({ text: '\n', style: s });
          break;
        case 'image': {
          // At the type's height (in a cell, its own size), one no-break space wide as the image; its alt
          // text where it cannot be set.
          const image = inlineImage(node.src, node.alt, s.size, env.context, env.cell);
          // Inside a link it is part of the link (its annotation covers it), but never underlined.
          out.push(image ? { text: '\u00A0', style: { ...s, image, underline: false } } : { text: node.alt, style: s });
          break;
        }
        case 'emphasis':
          walk(node.children, { ...s, italic: true });
          break;
        case 'strong':
          walk(node.children, { ...s, bold: true });
          break;
        case 'delete':
          walk(node.children, { ...s, strike: true });
          break;
        case 'link': {
          // Only live links look like links: a javascript:, file: or relative one is its text alone.
          const url = liveLink(node.url);
          walk(node.children, url ? { ...s, color: env.context.theme.colours.link, link: url, underline: true } : s);
          break;
        }
        case 'quote':
          out.push({ text: open, style: s });
          walk(node.children, s);
          out.push({ text: close, style: s });
          break;
        case 'superscript':
          walk(node.children, shifted(s, SUPERSCRIPT_RISE));
          break;
        case 'subscript':
          walk(node.children, shifted(s, -SUBSCRIPT_DROP));
          break;
        case 'span':
          // Set on the line as it reads (the bidi algorithm orders a span of the other direction).
          walk(node.children, s);
          break;
        case 'note': {
          // The note's number, a superscript in the folios' digits.
          const n = env.notes?.numbers.get(node);
          if (n !== undefined && env.notes) out.push({ text: env.notes.digits(String(n)), style: { ...shifted(s, SUPERSCRIPT_RISE), link: undefined, underline: false, note: n } });
          break;
        }
      }
    }
  };
  walk(inlines, style);
  return out;
}
