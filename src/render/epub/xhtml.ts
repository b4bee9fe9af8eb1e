// XHTML: the article's blocks as XHTML body markup. Real elements only (h1–h6, p, blockquote, ol/ul,
// figure, pre, table); every piece of article text goes through escapeXml; direction is carried by
// `dir` attributes, never by CSS (EPUB forbids CSS direction).
import type { Diagnostics } from '../../support/errors.js';
import type { Block, Direction, Inline, NoteInline } from '../../model/schema.js';
import { blockDirection, hasStrong, oppositeRuns, opposite, trimEnd, type Run } from './bidi-runs.js';
import { writeDigits, type ArticleDigits, type LocaleStrings } from '../../locale/index.js';
import { escapeXml } from '../../support/xml.js';
import { attrs } from './xml.js';
import { cellAlignment, isHeading, tableGrid, type GridRow } from '../../model/table.js';
import { liveLink } from '../../support/links.js';
import type { PageAnchors } from './anchors.js';

export interface HeadingEntry {
  /** The heading element's id, h-1, h-2, … in page order: the nav's link fragment. */
  id: string;
  /** The rendered level, 1–6, after headingShift. */
  level: number;
  /** Plain text, for the navigation documents. */
  label: string;
}

export interface EmbeddedImage {
  /** Path inside OEBPS/, the img's src. */
  href: string;
}

export interface XhtmlContext {
  /** The page's base direction. */
  dir: Direction;
  /** LocaleStrings of the page's language: its quotation marks and name separator. */
  labels: LocaleStrings;
  /** Where warnings go, such as a link target dropped for not being http(s) or mailto. */
  diagnostics: Diagnostics;
  /** The embedded image for a figure's src, or undefined when it was missing or unusable. */
  image(src: string): EmbeddedImage | undefined;
  /** Filled while rendering, in document order. */
  headings: HeadingEntry[];
  /** Added to every heading level (capped at 6): 1 in a book, where the article's title is the page's h1. */
  headingShift?: number | undefined;
  /** The page's anchors: the blocks' element ids and the internal links' addresses; none on the title page. */
  anchors?: PageAnchors | undefined;
  /** The chapter's notes: their numbers, and the asides set so far (absent outside a chapter's body). */
  notes?: ChapterNotes | undefined;
  /** The article's digits (those of the PDF's folio): numbered lists count in them (epub.css's digits-* classes). */
  digits?: ArticleDigits | undefined;
}

/** An article's notes while its chapter is rendered: marks in the text, asides at the chapter's end. */
export interface ChapterNotes {
  /** Each note's number, per article (walk.ts noteNumbers). */
  numbers: ReadonlyMap<NoteInline, number>;
  /** The asides, by number, as they are met. */
  asides: Map<number, string>;
}

/**
 * A note's mark, a raised number linking to its aside (`noteref`: Apple Books, Kobo and Readium open it as
 * a pop-up), and its aside (`footnote`), which links back to the mark.
 */
function renderNote(node: NoteInline, ctx: XhtmlContext): string {
  const notes = ctx.notes;
  const n = notes?.numbers.get(node);
  if (notes === undefined || n === undefined) return '';
  // In the article's digits, as its list numbers and the PDF's folios and note marks.
  const label = escapeXml(writeDigits(String(n), ctx.digits ?? 'western'));
  const [mark, note] = [`fnref-${n}`, `fn-${n}`];
  if (!notes.asides.has(n)) {
    // The note's own headings stay out of the navigation; a note has no notes of its own (model/notes.ts).
    const inner: XhtmlContext = { ...ctx, headings: [], notes: undefined };
    const back = `<a${attrs({ class: 'note-back', href: `#${mark}`, role: 'doc-backlink' })}>${label}</a> `;
    const [first, ...rest] = node.content;
    const body = first?.type === 'paragraph' && first.lang === undefined && first.dir === undefined
      ? `<p>${back}${renderInlines(first.children, ctx.dir, inner)}</p>\n${renderBlocks(rest, inner)}`
      : `<p>${back}</p>\n${renderBlocks(node.content, inner)}`;
    notes.asides.set(n, `<aside${attrs({ 'epub:type': 'footnote', role: 'doc-footnote', id: note, class: 'footnote' })}>\n${body}</aside>\n`);
  }
  return `<sup><a${attrs({ 'epub:type': 'noteref', role: 'doc-noteref', id: mark, href: `#${note}`, class: 'noteref' })}>${label}</a></sup>`;
}

/** The text a reader sees for inline nodes, with the page language's quotation marks. */
export function flatText(nodes: readonly Inline[], labels: LocaleStrings): string {
  let out = '';
  for (const node of nodes) out += flatInline(node, labels);
  return out;
}

function flatInline(node: Inline, labels: LocaleStrings): string {
  switch (node.type) {
    case 'text':
    case 'code':
    case 'inlineMath':
      return node.value;
    case 'break':
      return '\n';
    case 'quote':
      return labels.quotes[0] + flatText(node.children, labels) + labels.quotes[1];
    case 'note':
    case 'image':
      return '';
    default:
      return flatText(node.children, labels);
  }
}

export function renderBlocks(blocks: readonly Block[], ctx: XhtmlContext): string {
  return blocks.map((b) => renderBlock(b, ctx)).join('');
}

/** The attributes a block of its own language and direction carries, and the context of what it holds. */
function own(block: Block, ctx: XhtmlContext): { attributes: Record<string, string | undefined>; inner: XhtmlContext } {
  const lang = block.type === 'code' || block.type === 'math' ? undefined : block.lang;
  const dir = block.dir !== undefined && block.dir !== ctx.dir ? block.dir : undefined;
  return { attributes: { id: ctx.anchors?.idOf(block), lang, 'xml:lang': lang, dir }, inner: dir ? { ...ctx, dir } : ctx };
}

function renderBlock(block: Block, ctx: XhtmlContext): string {
  const { attributes, inner } = own(block, ctx);
  switch (block.type) {
    case 'paragraph':
      return leaf('p', attributes, block.children, inner);
    case 'heading': {
      const id = attributes.id ?? `h-${ctx.headings.length + 1}`;
      const level = Math.min(6, block.level + (ctx.headingShift ?? 0));
      ctx.headings.push({ id, level, label: flatText(block.children, ctx.labels).replace(/\s+/g, ' ').trim() });
      return leaf(`h${level}`, { ...attributes, id }, block.children, inner);
    }
    case 'blockquote':
      return `<blockquote${attrs(attributes)}>\n${renderBlocks(block.children, inner)}</blockquote>\n`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const start = block.ordered && block.start !== undefined && block.start !== 1 ? block.start : undefined;
      const items = block.items.map((item) => renderItem(item, inner)).join('');
      const digits = block.ordered && ctx.digits !== undefined && ctx.digits !== 'western' ? `digits-${ctx.digits}` : undefined;
      return `<${tag}${attrs({ start, class: digits, ...attributes })}>\n${items}</${tag}>\n`;
    }
    case 'thematicBreak':
      return `<hr${attrs({ id: attributes.id })}/>\n`;
    case 'figure':
      return renderFigure(block, inner, attributes);
    case 'code':
      // Code reads left to right whatever the page's direction.
      return `<pre${attrs({ id: attributes.id, dir: ctx.dir === 'rtl' ? 'ltr' : undefined })}><code>${escapeXml(block.value)}</code></pre>\n`;
    case 'math':
      // The TeX source, as code, until typeset math is asked for; the class lets a reading system's style or a script find it.
      return `<pre${attrs({ id: attributes.id, class: 'math', dir: ctx.dir === 'rtl' ? 'ltr' : undefined })}><code>${escapeXml(block.value)}</code></pre>\n`;
    case 'table':
      return renderTable(block, inner, attributes);
    case 'verse':
      return renderVerse(block.lines, inner, attributes);
  }
}

/**
 * Verse: a line per <p class="bayt">, a hemistich per <span class="hemistich"> (the stylesheet sets two
 * side by side, one per line on a narrow screen); a space between them keeps copied text and screen
 * readers from running the halves together.
 */
function renderVerse(lines: readonly Inline[][][], ctx: XhtmlContext, attributes: Record<string, string | undefined>): string {
  const line = (halves: readonly Inline[][]): string => {
    const spans = halves.map((half) => `<span class="hemistich">${renderInlines(half, ctx.dir, ctx)}</span>`);
    return `<p class="${halves.length === 2 ? 'bayt' : 'bayt single'}">${spans.join(' ')}</p>\n`;
  };
  return `<div${attrs({ class: 'verse', ...attributes })}>\n${lines.map(line).join('')}</div>\n`;
}

/**
 * A block holding inline content, in `ctx`'s direction (the block's own, when the model gives it one; `extra`
 * then says so). Table cells, which are not blocks, take the other direction when their text has no strong
 * character of the table's.
 */
function leaf(tag: string, extra: Record<string, string | undefined>, inlines: readonly Inline[], ctx: XhtmlContext, cell = false): string {
  const dir = cell ? blockDirection(flatText(inlines, ctx.labels), ctx.dir) : ctx.dir;
  const dirAttr = cell ? (dir === ctx.dir ? undefined : dir) : extra.dir;
  return `<${tag}${attrs({ ...extra, dir: dirAttr })}>${renderInlines(inlines, dir, ctx)}</${tag}>\n`;
}

function renderItem(item: readonly Block[], ctx: XhtmlContext): string {
  // A tight item (one paragraph) keeps its text directly in <li>, as readers' list styles expect.
  const only = item.length === 1 ? item[0] : undefined;
  if (only?.type === 'paragraph') {
    const { attributes, inner } = own(only, ctx);
    return leaf('li', attributes, only.children, inner);
  }
  return `<li>${renderBlocks(item, ctx)}</li>\n`;
}

function renderFigure(block: Extract<Block, { type: 'figure' }>, ctx: XhtmlContext, attributes: Record<string, string | undefined>): string {
  const image = ctx.image(block.src);
  const captionText = flatText(block.caption, ctx.labels);
  // An alt text that only repeats the caption would be read twice: the figcaption then is the image's text
  // alternative, and the image itself is passed over (alt="").
  const alt = sameWords(block.alt, captionText) ? '' : block.alt;
  const img = image ? `<img${attrs({ src: image.href, alt })}/>` : '';
  const caption = block.caption.length > 0 ? leaf('figcaption', {}, block.caption, ctx) : '';
  if (!img && !caption) return '';
  return `<figure${attrs(attributes)}>${img}${caption}</figure>\n`;
}

function renderTable(block: Extract<Block, { type: 'table' }>, ctx: XhtmlContext, attributes: Record<string, string | undefined>): string {
  const grid = tableGrid(block);
  // A cell's physical alignment stays physical; "start" is the cell's own start, the stylesheet's default.
  const row = (gridRow: GridRow): string => `<tr>${gridRow.cells.map((c) => {
    const align = cellAlignment(grid, gridRow, c);
    const heading = isHeading(gridRow, c);
    const extra = {
      colspan: c.columns > 1 ? String(c.columns) : undefined,
      rowspan: c.rows > 1 ? String(c.rows) : undefined,
      // What a heading cell heads, for screen readers (and Ace): its column, or its row.
      scope: heading ? (gridRow.header ? 'col' : 'row') : undefined,
      // A heading cell is centred by the stylesheet already.
      style: align === 'start' || (heading && c.align === undefined && grid.align[c.column] === undefined) ? undefined : `text-align: ${align}`,
    };
    return leaf(heading ? 'th' : 'td', extra, c.inlines, ctx, true).trimEnd();
  }).join('')}</tr>\n`;
  const head = grid.rows.filter((r) => r.header);
  const body = grid.rows.filter((r) => !r.header);
  const thead = head.length > 0 ? `<thead>\n${head.map(row).join('')}</thead>\n` : '';
  const tbody = body.length > 0 ? `<tbody>\n${body.map(row).join('')}</tbody>\n` : '';
  // dir said on the table itself: reading systems that lay tables out apart from the page then still put the first column on the start side.
  const caption = block.caption ? leaf('caption', {}, block.caption, ctx) : '';
  return `<table${attrs({ ...attributes, dir: attributes.dir ?? ctx.dir })}>\n${caption}${thead}${tbody}</table>\n`;
}

/**
 * Inline content in a context of direction `dir`. Stretches of the opposite direction are wrapped in
 * one <span dir> each, computed over the whole sequence so that "Donald <em>Trump</em>" is one
 * isolate, not two (two neighbouring isolates would be reordered as a unit by the outer paragraph).
 */
export function renderInlines(nodes: readonly Inline[], dir: Direction, ctx: XhtmlContext): string {
  const texts = nodes.map((n) => flatInline(n, ctx.labels));
  const starts: number[] = [];
  let total = 0;
  for (const t of texts) {
    starts.push(total);
    total += t.length;
  }
  const whole = texts.join('');
  const wrap = opposite(dir);
  const runs = alignRuns(oppositeRuns(whole, dir), nodes, starts, texts, whole, wrap);

  let out = '';
  let ri = 0;
  let open = false;
  const events = (pos: number): void => {
    const run = runs[ri];
    if (open && run && run.end === pos) {
      out += '</span>';
      open = false;
      ri++;
    }
    const next = runs[ri];
    if (!open && next && next.start === pos) {
      out += `<span dir="${wrap}">`;
      open = true;
    }
  };
  nodes.forEach((node, k) => {
    const from = starts[k] ?? 0;
    if (node.type !== 'text') {
      events(from);
      out += renderInline(node, open ? wrap : dir, ctx);
      return;
    }
    const to = from + node.value.length;
    let pos = from;
    for (;;) {
      events(pos);
      const run = runs[ri];
      let next = to;
      if (run) next = Math.min(to, open ? run.end : Math.max(run.start, pos));
      if (next <= pos) next = to;
      out += escapeXml(node.value.slice(pos - from, next - from));
      pos = next;
      if (pos >= to) break;
    }
  });
  events(total);
  return out;
}

/**
 * Runs may start or end only inside plain text or at node boundaries: a run that begins inside an
 * <em> begins after it instead (the <em>'s own content gets its own isolation when rendered).
 */
function alignRuns(runs: Run[], nodes: readonly Inline[], starts: number[], texts: string[], whole: string, wrap: Direction): Run[] {
  const out: Run[] = [];
  const nodeAt = (pos: number): number => {
    let k = 0;
    while (k + 1 < starts.length && (starts[k + 1] ?? Infinity) <= pos) k++;
    return k;
  };
  for (const run of runs) {
    let { start, end } = run;
    // Each step only shrinks the run, so this settles; the bound is a guard, not a limit ever reached.
    for (let guard = 0; guard < 64 && start < end; guard++) {
      const before = [start, end];
      const ks = nodeAt(start);
      const ksStart = starts[ks] ?? 0;
      if (nodes[ks]?.type !== 'text' && start > ksStart) start = ksStart + (texts[ks]?.length ?? 0);
      const ke = nodeAt(end - 1);
      const keStart = starts[ke] ?? 0;
      if (nodes[ke]?.type !== 'text' && end < keStart + (texts[ke]?.length ?? 0)) end = keStart;
      // A run begins with a strong character of its direction, as oppositeRuns found it.
      for (let cp = whole.codePointAt(start) ?? 0x20; start < end && !hasStrong(String.fromCodePoint(cp), wrap); cp = whole.codePointAt(start) ?? 0x20) {
        start += cp > 0xffff ? 2 : 1;
      }
      end = trimEnd(whole, start, end);
      if (before[0] === start && before[1] === end) break;
    }
    if (start < end) out.push({ start, end });
  }
  return out;
}

function renderInline(node: Inline, dir: Direction, ctx: XhtmlContext): string {
  switch (node.type) {
    case 'text':
      return escapeXml(node.value);
    case 'break':
      return '<br/>';
    case 'code':
      return `<code${attrs({ dir: ctx.dir === 'rtl' && dir === 'rtl' ? 'ltr' : undefined })}>${escapeXml(node.value)}</code>`;
    case 'inlineMath':
      return `<code${attrs({ class: 'math', dir: ctx.dir === 'rtl' && dir === 'rtl' ? 'ltr' : undefined })}>${escapeXml(node.value)}</code>`;
    case 'image': {
      // At the type's height (epub.css); an image that cannot be packaged leaves its alt text.
      const image = ctx.image(node.src);
      return image ? `<img${attrs({ class: 'inline', src: image.href, alt: node.alt })}/>` : escapeXml(node.alt);
    }
    case 'emphasis':
      return `<em>${renderInlines(node.children, dir, ctx)}</em>`;
    case 'strong':
      return `<strong>${renderInlines(node.children, dir, ctx)}</strong>`;
    case 'delete':
      return `<del>${renderInlines(node.children, dir, ctx)}</del>`;
    case 'quote':
      return escapeXml(ctx.labels.quotes[0]) + renderInlines(node.children, dir, ctx) + escapeXml(ctx.labels.quotes[1]);
    case 'superscript':
      return `<sup>${renderInlines(node.children, dir, ctx)}</sup>`;
    case 'subscript':
      return `<sub>${renderInlines(node.children, dir, ctx)}</sub>`;
    case 'note':
      return renderNote(node, ctx);
    case 'span': {
      const own = node.dir ?? dir;
      return `<span${attrs({ lang: node.lang, 'xml:lang': node.lang, dir: node.dir })}>${renderInlines(node.children, own, ctx)}</span>`;
    }
    case 'link': {
      const href = liveLink(node.url) ?? ctx.anchors?.href(node.url);
      const inner = renderInlines(node.children, dir, ctx);
      if (href === undefined) {
        ctx.diagnostics.warn(`epub: link target "${node.url}" is neither an absolute http(s)/mailto URL nor an anchor in the document; kept its text without the link`);
        return inner;
      }
      return `<a${attrs({ href, title: node.title })}>${inner}</a>`;
    }
  }
}

/** Whether two texts say the same words, ignoring spacing, case and punctuation. */
function sameWords(a: string, b: string): boolean {
  const words = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
  return words(a) !== '' && words(a) === words(b);
}
