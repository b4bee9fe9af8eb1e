// Article HTML (Readability's content, already cleaned) → model blocks. Only text and structure cross over:
// attributes, scripts and handlers have no place in the model, and links keep web addresses only.
import { MAX_TABLE_CELLS } from '../support/limits.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostics } from '../support/errors.js';
import type { Block, HeadingLevel, Inline } from '../model/schema.js';
import { tableGrid } from '../model/table.js';
import { cellFormats, columnAlignment, tableShape } from './html-tables.js';
import { ELEMENT_NODE, TEXT_NODE, childElements, collapse, tagName, type DomElement, type DomNode } from './html-dom.js';
import { imageReference } from './html-images.js';
import { isDisplayMath, mathTex } from './html-math.js';
import { noteBody, noteKey } from './html-notes.js';
import { inScope, scopeOf } from './scope.js';
import { VERSE_ATTRIBUTE, markedVerseLines } from './html-verse.js';

export interface BlockContext {
  /** The page's file, named in warnings. */
  file: string;
  /** Where warnings about skipped images go, each once (see warned). */
  diagnostics: Diagnostics;
  /** The page's own address (<base href>, canonical URL): relative links resolve against it. */
  baseUrl?: string | undefined;
  /** Messages already given: an image seen twice (lead image, then in the content) warns once. */
  warned: Set<string>;
  /** The page's notes by the key their marks carry (html-notes.ts). */
  notes?: ReadonlyMap<string, DomElement> | undefined;
  /** Whether a note's own text is being read: a mark there stays its text (no note within a note). */
  inNote?: boolean | undefined;
  /** Whether a table cell is being read: a picture there stays in the cell's line (a web one leaves its alt text), as in running text. */
  inCell?: boolean | undefined;
}

// Elements that start a block of their own; everything else is running text.
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td',
  'th', 'ul', 'caption', 'picture', 'video', 'audio',
]);

// Text no format can carry (C0/C1 controls, non-characters); entities like &#1; decode to them.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/gu;

function warnOnce(ctx: BlockContext, message: string): void {
  if (ctx.warned.has(message)) return;
  ctx.warned.add(message);
  ctx.diagnostics.warn(message);
}

export function htmlToBlocks(root: DomElement, ctx: BlockContext): Block[] {
  return containerBlocks(root, ctx);
}

/** Some sibling nodes read as if they were a container's children. */
export function nodesToBlocks(nodes: readonly DomNode[], ctx: BlockContext): Block[] {
  return nodeListBlocks(nodes, ctx);
}

function containerBlocks(el: DomNode, ctx: BlockContext): Block[] {
  return nodeListBlocks(Array.from(el.childNodes), ctx);
}

/** Runs of inline content become paragraphs, block elements map on their own. */
function nodeListBlocks(nodes: readonly DomNode[], ctx: BlockContext): Block[] {
  const blocks: Block[] = [];
  let run: DomNode[] = [];
  const flush = (): void => {
    if (run.length) blocks.push(...runBlocks(run, ctx));
    run = [];
  };
  for (const node of nodes) {
    if (node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has(tagName(node as DomElement))) {
      flush();
      blocks.push(...elementBlocks(node as DomElement, ctx));
    } else if (node.nodeType === ELEMENT_NODE || node.nodeType === TEXT_NODE) {
      run.push(node);
    }
  }
  flush();
  return blocks;
}

/** A run of inline nodes: images standing alone are figures; anything with text is a paragraph. */
function runBlocks(run: DomNode[], ctx: BlockContext): Block[] {
  const images: DomElement[] = [];
  const onlyImages = run.every((node) => {
    if (node.nodeType === TEXT_NODE) return collapse(node.textContent ?? '') === '';
    const el = node as DomElement;
    if (tagName(el) === 'br') return true;
    // An element without text (an empty span, a link around an image) does not make the run a paragraph.
    if (collapse(el.textContent ?? '') !== '') return false;
    images.push(...imagesIn(el));
    return true;
  });
  // In a table cell a picture stays in the cell's line, inside its link if it has one (a gallery's thumbnail).
  if (onlyImages && !ctx.inCell) return images.flatMap((img) => figureBlock(img, [], ctx));
  const children = finishInlines(run.flatMap((node) => toInlines(node, ctx)));
  const shown = children.filter((c) => c.type !== 'text' || !INVISIBLE_ONLY.test(c.value));
  const only = shown.length === 1 ? shown[0] : undefined;
  if (only?.type === 'inlineMath' && holdsDisplayMath(run)) return [{ type: 'math', value: only.value }];
  return shows(children) ? [{ type: 'paragraph', children }] : [];
}

// Editors leave "<p>&nbsp;</p>" for spacing; no-break and zero-width spaces alone show nothing.
const INVISIBLE_ONLY = /^[\s\u00A0\u200B-\u200D\u2060\uFEFF]*$/u;

/** Whether the inlines show anything: text beyond (no-break or zero-width) spaces, or code. */
function shows(inlines: readonly Inline[]): boolean {
  return inlines.some((i) => (i.type === 'text' ? !INVISIBLE_ONLY.test(i.value) : i.type === 'code' || i.type === 'inlineMath' ? i.value !== '' : i.type === 'note' || i.type === 'image' || (i.type !== 'break' && shows(i.children))));
}

/** Whether a run holds a formula set on a line of its own (html-math.ts marks them). */
function holdsDisplayMath(run: readonly DomNode[]): boolean {
  return run.some((node) => node.nodeType === ELEMENT_NODE && [node as DomElement, ...Array.from((node as DomElement).querySelectorAll('math'))].some((el) => tagName(el) === 'math' && isDisplayMath(el)));
}

function imagesIn(el: DomElement): DomElement[] {
  return tagName(el) === 'img' ? [el] : Array.from(el.querySelectorAll('img'));
}

/** An element's blocks, in the dir and lang its attributes give; a heading's or paragraph's id is its anchor. */
function elementBlocks(el: DomElement, ctx: BlockContext): Block[] {
  const blocks = inScope(elementContent(el, ctx), scopeOf((name) => el.getAttribute(name)));
  // Only where the element is the block: the ids of layout wrappers (Readability's own among them) anchor nothing.
  const id = /^(?:h[1-6]|p)$/.test(tagName(el)) ? el.getAttribute('id')?.trim() : undefined;
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return id && only && only.id === undefined ? [{ ...only, id }] : blocks;
}

function elementContent(el: DomElement, ctx: BlockContext): Block[] {
  const tag = tagName(el);
  switch (tag) {
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
      const children = finishInlines(inlineChildren(el, ctx));
      const original = Number(el.getAttribute('data-warraq-level'));
      const level = (original >= 1 && original <= 6 ? original : Number(tag[1])) as HeadingLevel;
      return shows(children) ? [{ type: 'heading', level, children }] : [];
    }
    case 'ul': case 'ol': case 'menu': case 'dir':
      return listBlock(el, ctx);
    case 'blockquote': {
      const verse = el.hasAttribute(VERSE_ATTRIBUTE) ? markedVerseLines(el, (half) => finishInlines(inlineChildren(half, ctx))) : undefined;
      if (verse) return [{ type: 'verse', lines: verse }];
      const children = containerBlocks(el, ctx);
      return children.length ? [{ type: 'blockquote', children }] : [];
    }
    case 'figure':
      return figureElement(el, ctx);
    case 'picture': {
      const img = el.querySelector('img');
      return img ? figureBlock(img, [], ctx) : [];
    }
    case 'pre': {
      const value = (el.textContent ?? '').replace(FORBIDDEN, '').normalize('NFC').replace(/^\n/, '').replace(/\s+$/, '');
      const lang = el.getAttribute('data-warraq-lang') ?? /(?:^|\s)(?:language|lang)-([\w+-]+)/.exec(`${el.getAttribute('class') ?? ''} ${el.querySelector('code')?.getAttribute('class') ?? ''}`)?.[1];
      return value.trim() === '' ? [] : [{ type: 'code', value, ...(lang && { lang }) }];
    }
    case 'hr':
      return [{ type: 'thematicBreak' }];
    case 'table':
      return tableBlocks(el, ctx);
    case 'dt': {
      const children = finishInlines(inlineChildren(el, ctx));
      return children.length ? [{ type: 'paragraph', children: [{ type: 'strong', children }] }] : [];
    }
    case 'video': case 'audio':
      return [];
    default:
      // div, section, p, li outside a list, figcaption outside a figure, td outside a table …: containers.
      return containerBlocks(el, ctx);
  }
}

function listBlock(el: DomElement, ctx: BlockContext): Block[] {
  const items: Block[][] = [];
  for (const child of childElements(el)) {
    const blocks = tagName(child) === 'li' ? containerBlocks(child, ctx) : elementBlocks(child, ctx);
    if (blocks.length) items.push(blocks);
  }
  if (!items.length) return [];
  const ordered = tagName(el) === 'ol';
  const start = Number.parseInt(el.getAttribute('start') ?? '', 10);
  return [{ type: 'list', ordered, ...(ordered && Number.isInteger(start) && start >= 0 && { start }), items }];
}

function figureElement(el: DomElement, ctx: BlockContext): Block[] {
  const captionEl = el.querySelector('figcaption');
  const caption = captionEl ? finishInlines(inlineChildren(captionEl, ctx)) : [];
  const images = Array.from(el.querySelectorAll('img'));
  if (images.length === 0) {
    // A figure of text (a pull quote, a table): its content, with the caption as a paragraph after it.
    captionEl?.remove();
    const blocks = containerBlocks(el, ctx);
    return caption.length ? [...blocks, { type: 'paragraph', children: caption }] : blocks;
  }
  // Several images share one caption: it goes under the last.
  return images.flatMap((img, i) => figureBlock(img, i === images.length - 1 ? caption : [], ctx));
}

function figureBlock(img: DomElement, caption: Inline[], ctx: BlockContext): Block[] {
  const src = localImageSource(img, ctx);
  const alt = collapse(img.getAttribute('alt') ?? '').replace(FORBIDDEN, '');
  if (src !== undefined) return [{ type: 'figure', src, alt, caption }];
  // Not a local file (localImageSource said why): alone it goes, in a cell what it shows is the cell's text.
  if (imageReference(img) !== '') return ctx.inCell && alt ? [{ type: 'paragraph', children: [{ type: 'text', value: alt }] }] : [];
  // No address anywhere (a <picture> whose sources are all of types no format shows, a script-loaded
  // image): what the page says of the image stands in for it, and the warning says so.
  warnOnce(ctx, `${ctx.file}: an image with no usable source${alt ? ` ("${alt.length > 80 ? `${alt.slice(0, 77)}…` : alt}"): kept its alt text` : ' and no alt text: left out'}`);
  const text: Block[] = alt ? [{ type: 'paragraph', children: [{ type: 'text', value: alt }] }] : [];
  return caption.length ? [...text, { type: 'paragraph', children: caption }] : text;
}

/** The image's path relative to the page's folder, or undefined (with a warning) when it is not a local file. */
export function localImageSource(img: DomElement, ctx: BlockContext): string | undefined {
  const raw = imageReference(img);
  if (raw === '') return undefined;
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
  if (/^(?:https?:)?\/\//i.test(raw)) {
    warnOnce(ctx, `${ctx.file}: skipped remote image ${shown} (images are never downloaded; save it next to the page and point src at the file)`);
    return undefined;
  }
  if (/^file:/i.test(raw)) {
    try {
      return fileURLToPath(raw);
    } catch {
      warnOnce(ctx, `${ctx.file}: skipped image ${shown} (not a usable file: URL)`);
      return undefined;
    }
  }
  // data:, blob:, cid: … are not files next to the page. "C:\…" is a path, though.
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw)) {
    warnOnce(ctx, `${ctx.file}: skipped image ${shown} (not a local file)`);
    return undefined;
  }
  const withoutQuery = raw.replace(/[?#].*$/, '');
  let decoded = withoutQuery;
  try {
    decoded = decodeURIComponent(withoutQuery);
  } catch {
    // A stray "%" in a file name: the name as written.
  }
  if (decoded.startsWith('/') && !/^[a-z]:/i.test(decoded)) {
    // Site-relative ("/uploads/x.jpg"): on a saved page it names the web site, not this disk.
    warnOnce(ctx, `${ctx.file}: skipped image ${shown} (a path on the web site, not next to the saved page)`);
    return undefined;
  }
  const clean = path.posix.normalize(decoded.replace(/\\/g, '/'));
  return clean === '' || clean === '.' ? undefined : clean;
}

function tableBlocks(table: DomElement, ctx: BlockContext): Block[] {
  const shape = tableShape(table);
  if (!shape) return containerBlocks(table, ctx);
  const { headed, headerRows, spans } = shape;
  const [head = [], ...written] = headed ? shape.cells : [[], ...shape.cells];
  const read = written.map((row) => row.map((cell) => cellInlines(cell, ctx)));
  // A row left empty (its thumbnails were web images, which the model does not fetch) would print as a
  // blank band: it goes, its cells with it, unless spans (whose places count rows) are there.
  const kept = read.map((row) => spans.length > 0 || row.some((cell) => cell.length > 0));
  const cells = [...(headed ? [head] : []), ...written.filter((_, r) => kept[r])];
  const block: Block & { type: 'table' } = {
    type: 'table',
    header: head.map((cell) => cellInlines(cell, ctx)),
    rows: read.filter((_, r) => kept[r]),
    ...(headed && headerRows > 0 && { headerRows }),
    ...(spans.length > 0 && { spans }),
  };
  const grid = tableGrid(block);
  if (grid.columns === 0) return [];
  // Short rows are filled out to the widest: a row of 4000 cells over 3000 rows of one would be 12 million.
  if (shape.width * cells.length > MAX_TABLE_CELLS) {
    ctx.diagnostics.warn(`${ctx.file}: a table of ${cells.length} rows by ${shape.width} columns (more than ${MAX_TABLE_CELLS} cells) is read as its cells' text, not as a table`);
    return containerBlocks(table, ctx);
  }
  const align = columnAlignment(table, cells, grid);
  const formats = cellFormats(cells, grid, align, table);
  const captionElement = childElements(table).find((el) => tagName(el) === 'caption');
  const caption = captionElement ? finishInlines(inlineChildren(captionElement, ctx)) : [];
  return [{ ...block, ...(align && { align }), ...(formats.length > 0 && { cells: formats }), ...(caption.length > 0 && { caption }) }];
}

/**
 * A cell's content as one line of inlines; paragraphs inside it are joined by line breaks. A picture in a
 * cell (a gallery's thumbnail, a product's photo, a flag) is an image in the cell's line, its caption on
 * the next: a cell holds no blocks.
 */
function cellInlines(cell: DomElement, ctx: BlockContext): Inline[] {
  const parts = containerBlocks(cell, { ...ctx, inCell: true }).map((b): Inline[][] => {
    if (b.type === 'paragraph' || b.type === 'heading') return [b.children];
    if (b.type === 'figure') return [[{ type: 'image', src: b.src, alt: b.alt }], b.caption];
    return [[{ type: 'text', value: blockPlain(b) }]];
  });
  return parts.flat().filter((p) => p.length).flatMap((p, i) => (i === 0 ? p : [{ type: 'break' as const }, ...p]));
}

function blockPlain(block: Block): string {
  if (block.type === 'list') return block.items.map((item) => item.map(blockPlain).join(' ')).join(' · ');
  if (block.type === 'paragraph' || block.type === 'heading') return block.children.map((c) => ('value' in c ? c.value : '')).join('');
  if (block.type === 'code') return block.value;
  return '';
}

function inlineChildren(el: DomElement, ctx: BlockContext): Inline[] {
  return Array.from(el.childNodes).flatMap((node) => toInlines(node, ctx));
}

function toInlines(node: DomNode, ctx: BlockContext): Inline[] {
  if (node.nodeType === TEXT_NODE) return [{ type: 'text', value: node.textContent ?? '' }];
  if (node.nodeType !== ELEMENT_NODE) return [];
  const el = node as DomElement;
  const key = noteKey(el);
  const note = key === undefined || ctx.inNote ? undefined : ctx.notes?.get(key);
  if (note) return [{ type: 'note', content: containerBlocks(noteBody(note), { ...ctx, inNote: true }) }];
  switch (tagName(el)) {
    case 'em': case 'i': case 'cite': case 'dfn': case 'var':
      return [{ type: 'emphasis', children: inlineChildren(el, ctx) }];
    case 'strong': case 'b':
      return [{ type: 'strong', children: inlineChildren(el, ctx) }];
    case 'del': case 's': case 'strike':
      // Struck-through text stays struck: flattened, a correction would assert what it withdraws.
      return [{ type: 'delete', children: inlineChildren(el, ctx) }];
    case 'code': case 'kbd': case 'samp': case 'tt':
      return [{ type: 'code', value: collapse((el.textContent ?? '').replace(FORBIDDEN, '')).normalize('NFC') }];
    case 'br':
      return [{ type: 'break' }];
    case 'q':
      return [{ type: 'quote', children: inlineChildren(el, ctx) }];
    case 'sup':
      return [{ type: 'superscript', children: inlineChildren(el, ctx) }];
    case 'sub':
      return [{ type: 'subscript', children: inlineChildren(el, ctx) }];
    case 'span': case 'bdi': case 'bdo': {
      // A stretch in its own language or direction; a span that says neither is only its text.
      const scope = scopeOf((name) => el.getAttribute(name));
      const children = inlineChildren(el, ctx);
      return scope.dir || scope.lang ? [{ type: 'span', ...scope, children }] : children;
    }
    case 'a':
      return linkInlines(el, ctx);
    case 'math': {
      const value = mathTex(el);
      return value ? [{ type: 'inlineMath', value }] : [];
    }
    case 'img': {
      // An image inside running text is set in the line; one that is no local file leaves its alt text.
      const alt = collapse(el.getAttribute('alt') ?? '').replace(FORBIDDEN, '');
      const src = localImageSource(el, ctx);
      if (src !== undefined) return [{ type: 'image', src, alt }];
      return alt ? [{ type: 'text', value: alt }] : [];
    }
    case 'wbr': case 'script': case 'style': case 'template': case 'noscript':
      return [];
    case 'mjx-math':
      // MathJax's glyphs are drawn by CSS; its assistive <math> beside them is read instead.
      return [];
    default:
      // small, abbr, time, mark, u, ins, font …, and blocks nested in running text.
      return inlineChildren(el, ctx);
  }
}

function linkInlines(a: DomElement, ctx: BlockContext): Inline[] {
  const children = inlineChildren(a, ctx);
  const url = linkTarget(a.getAttribute('href'), ctx.baseUrl);
  if (url === undefined) return children;
  const title = collapse(a.getAttribute('title') ?? '');
  return [{ type: 'link', url, ...(title && { title }), children }];
}

/** Web and mail addresses only: javascript:, data:, app schemes and in-page anchors become plain text. */
export function linkTarget(href: string | null, baseUrl: string | undefined): string | undefined {
  const raw = href?.trim() ?? '';
  if (raw === '' || raw.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = baseUrl ? new URL(raw, baseUrl) : new URL(raw);
  } catch {
    return undefined;
  }
  return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
}

/**
 * HTML whitespace rules over a block's inlines: runs collapse to one space across element boundaries,
 * none at the start, the end or around a line break; empty wrappers go, neighbouring texts merge.
 */
export function finishInlines(inlines: Inline[]): Inline[] {
  let afterSpace = true; // the start of a block counts as after a space: leading whitespace goes
  const walk = (list: Inline[]): Inline[] => {
    const out: Inline[] = [];
    for (const node of list) {
      if (node.type === 'text') {
        let text = node.value.replace(FORBIDDEN, '').normalize('NFC').replace(/[ \t\n\r\f]+/g, ' ');
        if (afterSpace) text = text.replace(/^ /, '');
        if (text === '') continue;
        out.push({ type: 'text', value: text });
        afterSpace = text.endsWith(' ');
      } else if (node.type === 'break') {
        trimEnd(out);
        out.push(node);
        afterSpace = true;
      } else if (node.type === 'code' || node.type === 'inlineMath') {
        if (node.value === '') continue;
        out.push(node);
        afterSpace = false;
      } else if (node.type === 'note' || node.type === 'image') {
        out.push(node);
        afterSpace = false;
      } else {
        const children = walk(node.children);
        if (children.length) out.push({ ...node, children });
      }
    }
    return out;
  };
  const out = walk(inlines);
  trimEnd(out);
  while (out.length && out[out.length - 1]!.type === 'break') out.pop();
  return mergeTexts(dropEmpty(out));
}

/** Trims the whitespace a list ends with, looking into its last wrapper. */
function trimEnd(list: Inline[]): void {
  const last = list[list.length - 1];
  if (last === undefined) return;
  if (last.type === 'text') list[list.length - 1] = { type: 'text', value: last.value.trimEnd() };
  else if ('children' in last) trimEnd(last.children);
}

function dropEmpty(list: Inline[]): Inline[] {
  return list.flatMap((node): Inline[] => {
    if (node.type === 'text') return node.value === '' ? [] : [node];
    if (!('children' in node)) return [node];
    const children = dropEmpty(node.children);
    // A wrapper without text (an image link whose image went) shows nothing.
    if (children.length === 0) return [];
    return [{ ...node, children }];
  });
}

function mergeTexts(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of list) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value };
    else out.push('children' in node ? { ...node, children: mergeTexts(node.children) } : node);
  }
  return out;
}
