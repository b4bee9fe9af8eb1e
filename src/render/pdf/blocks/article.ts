// The layout half of the PDF renderer: the article model set into lines, block by block, for a given
// measure. Pagination and drawing (the output half) place and paint these blocks.
import type { Article, Block, Direction, Inline } from '../../../model/schema.js';
import { inlineText } from '../../../model/text.js';
import { formatDate, localDigits, localeStrings, type DateStyle } from '../../../locale/index.js';
import type { RenderContext } from '../../context.js';
import { figureImage } from './figure.js';
import type { Span, SpanStyle } from '../paragraph/itemize.js';
import type { Align } from '../paragraph/justify.js';
import { layoutParagraph } from '../paragraph/index.js';
import type { BlockRole, LaidOutBlock } from '../blocks/types.js';
import type { Line } from '../paragraph/types.js';
import { liveLink } from '../../../support/links.js';

/** Indent per nesting level of block quotes and lists, in points. */
const INDENT = 24;

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

export function layoutArticle(article: Article, context: RenderContext, measure: number): LaidOutBlock[] {
  const env: Env = { context, dir: article.meta.dir, lang: article.meta.lang, articleDir: article.meta.dir, articleLang: article.meta.lang, measure, warned: new Set(), lists: 0 };
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
  const byline = bylineText(article, env.context.theme.dates);
  if (byline) {
    out.push(
      setBlock(env, text(byline), {
        role: 'P', size: sizes.body, color: colours.muted, align: 'start', indent: 0,
        spaceBefore: 0, spaceAfter: paragraphSpacing * 2, keepWithNext: true,
      }),
    );
  }
  for (const block of article.blocks) layoutBlock(env, block, 0, 'P', out);
  return out;
}

function bylineText(article: Article, dates: DateStyle): string {
  const { meta } = article;
  const parts: string[] = [];
  if (meta.authors.length > 0) parts.push(meta.authors.join(localeStrings(meta.lang, meta.dir).separator));
  if (meta.date) parts.push(formatDate(meta.date, meta.lang, dates));
  return parts.join(' — ');
}

function layoutBlock(outer: Env, block: Block, indent: number, role: 'P' | 'BlockQuote' | 'LI', out: LaidOutBlock[], marker?: string): void {
  // A block of its own language and direction (the model settles them) is set in them, with what it holds.
  const env: Env = block.type !== 'code' && (block.dir !== undefined || block.lang !== undefined) ? { ...outer, dir: block.dir ?? outer.dir, lang: block.lang ?? outer.lang } : outer;
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
      const children: Inline[] = marker ? [{ type: 'text', value: marker }, ...block.children] : block.children;
      out.push(
        setBlock(env, children, {
          role, size: role === 'BlockQuote' ? sizes.quote : sizes.body, color: colours.text, align: 'justify', indent,
          spaceBefore: 0, spaceAfter: paragraphSpacing,
        }),
      );
      return;
    }
    case 'blockquote':
      for (const child of block.children) layoutBlock(env, child, indent + INDENT, 'BlockQuote', out);
      return;
    case 'list': {
      const list = env.lists++;
      block.items.forEach((item, index) => {
        const mark = block.ordered ? `${localDigits(String((block.start ?? 1) + index), env.lang)}. ` : '• ';
        const from = out.length;
        let first = true;
        for (const child of item) {
          const at = out.length;
          layoutBlock(env, child, indent + INDENT, 'LI', out, first && child.type === 'paragraph' ? mark : undefined);
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
      return;
    }
    case 'code': {
      const format: BlockFormat = {
        role: 'Code', size: sizes.code, color: colours.text, align: 'start', dir: 'ltr', indent, spaceBefore: 0, spaceAfter: paragraphSpacing,
      };
      const lines: Line[] = [];
      // Code keeps its line breaks and its left-to-right order; tabs become four spaces.
      for (const source of block.value.replace(/\t/g, '    ').split('\n')) {
        const set = lineSet(env, [{ type: 'text', value: source === '' ? ' ' : source }], format);
        lines.push(...set);
      }
      out.push(blockOf(format, lines));
      return;
    }
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
      const rows: { cells: Inline[][]; header: boolean }[] = [
        ...(block.header.length > 0 ? [{ cells: block.header, header: true }] : []),
        ...block.rows.map((cells) => ({ cells, header: false })),
      ];
      rows.forEach((row, index) => {
        const joined: Inline[] = [];
        row.cells.forEach((cell, c) => {
          if (c > 0) joined.push({ type: 'text', value: ' | ' });
          joined.push(...cell);
        });
        out.push(
          setBlock(env, row.header ? [{ type: 'strong', children: joined }] : joined, {
            role: 'P', size: sizes.body, color: colours.text, align: 'start', indent,
            spaceBefore: 0, spaceAfter: index === rows.length - 1 ? paragraphSpacing : 0,
          }),
        );
      });
      return;
    }
    case 'thematicBreak':
      out.push({ role: 'P', lines: [], indent, spaceBefore: paragraphSpacing * 2, spaceAfter: paragraphSpacing * 2, keepWithNext: false, rule: true });
      return;
  }
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

function lineSet(env: Env, inlines: readonly Inline[], format: BlockFormat): Line[] {
  const base: SpanStyle = { bold: format.bold ?? false, italic: format.italic ?? false, size: format.size, color: format.color };
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
  });
}

/** Flattens inline nesting into styled spans: emphasis → italic, strong → bold, delete → struck, links coloured. */
export function spansOf(inlines: readonly Inline[], style: SpanStyle, env: Pick<Env, 'lang' | 'dir' | 'context'>): Span[] {
  const out: Span[] = [];
  const [open, close] = localeStrings(env.lang, env.dir).quotes;
  const walk = (nodes: readonly Inline[], s: SpanStyle): void => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'code':
          out.push({ text: node.value, style: s });
          break;
        case 'break':
          out.push({ text: '\n', style: s });
          break;
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
        case 'subscript':
        case 'span':
          // Set on the line as they read (the bidi algorithm orders a span of the other direction); not
          // yet raised or lowered.
          walk(node.children, s);
          break;
      }
    }
  };
  walk(inlines, style);
  return out;
}
