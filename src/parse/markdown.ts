// Reader for Markdown: CommonMark + GFM through remark (mdast), YAML front matter mapped onto meta.
import type { Nodes as MdNode, Root, RootContent, PhrasingContent, Definition, FootnoteDefinition } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { UserError, type Diagnostics } from '../support/errors.js';
import { lazy } from '../support/memo.js';
import type { ArticleInput, Block, HeadingLevel, Inline, MetaInput } from '../model/schema.js';
import { inlineText } from '../model/text.js';
import { mapBlocks, mapInlineSequences } from '../model/walk.js';
import { frontMatterToMeta, readFrontMatter } from './markdown-front-matter.js';
import { shiftHeadings } from './headings.js';
import { Wrappers, htmlTokens } from './markdown-html.js';
import { InlineGatherer } from './markdown-inline.js';
import { inScope } from './scope.js';
import { PLACEHOLDER, isMathPlaceholder, placeholderNumber, prepareSource, type PreparedSource, type SourceRange } from './markdown-source.js';
import { fileTitle, firstTextBlock, titleFromBlocks } from './title.js';
import { foldForMatching } from './boilerplate.js';
import { MAX_NESTING, nestingDepth } from '../support/limits.js';
import { boundMarkdown, restoreMarks, type MarkdownParser } from './markdown-bounds.js';

// Made on the first Markdown input, not when the readers are imported.
const processor = lazy('markdown processor', () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']));
// Markdown between the tags of raw HTML: no front matter there ("---" is a rule).
const fragmentProcessor = lazy('markdown fragment processor', () => unified().use(remarkParse).use(remarkGfm));
// The same with every inline construct off: the blocks alone, read in linear time (markdown-bounds.ts).
const INLINE_CONSTRUCTS: readonly string[] = Object.freeze(['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink', 'strikethrough', 'wwwAutolink', 'protocolAutolink', 'emailAutolink', 'gfmFootnoteCall', 'gfmPotentialFootnoteCall', 'tasklistCheck']);
function noInlines(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), { disable: { null: [...INLINE_CONSTRUCTS] } }];
}
const blockProcessor = lazy('markdown block processor', () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(noInlines));
const blockFragmentProcessor = lazy('markdown block fragment processor', () => unified().use(remarkParse).use(remarkGfm).use(noInlines));
const parseDocument: MarkdownParser = (source, inlines) => (inlines ? processor() : blockProcessor()).parse(source) as Root;
const parseFragment: MarkdownParser = (source, inlines) => (inlines ? fragmentProcessor() : blockFragmentProcessor()).parse(source) as Root;

export async function parseMarkdown(input: string, file: string, diagnostics: Diagnostics): Promise<ArticleInput> {
  const refuse = (): never => {
    throw new UserError(`${file}: nested more than ${MAX_NESTING} levels deep (lists, quotes, emphasis): refused`);
  };
  // Lines that nest too deep are refused, paragraphs too full of marks flattened, before micromark reads them.
  const bounded = boundMarkdown(input, file, diagnostics, parseDocument);
  const text = bounded.text;
  const parse = (source: string): Root => {
    const root = parseDocument(source, true);
    // Each model level is at most two of mdast's (a list and its item).
    if (nestingDepth<RootContent | Root>(root, (node) => ('children' in node ? (node.children as RootContent[]) : undefined), 2 * MAX_NESTING) > 2 * MAX_NESTING) refuse();
    return root;
  };
  let root = parse(text);
  // Math, JSX comments and template tags are taken out of the source (outside code) and read again.
  const source = prepareSource(text, codeRanges(root));
  if (source.text !== text) root = parse(source.text);
  if (source.templates > 0) diagnostics.warn(`${file}: dropped ${source.templates} template tag(s) of a site generator ({% … %}, {{ … }})`);

  const definitions = new Map<string, Definition>();
  for (const node of root.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const fragment = hasStructuredHtml(root) ? (await import('./markdown-fragment.js')).htmlFragmentBlocks : undefined;
  const footnotes = new Map<string, FootnoteDefinition>();
  const collect = (node: MdNode): void => {
    if (node.type === 'footnoteDefinition') footnotes.set(node.identifier, node);
    else if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(root);
  const context: MdContext = { definitions, diagnostics, file, source, fragment, warned: new Set(), footnotes, cited: new Set(), inNote: false, flattened: bounded.flattened };

  let front: Record<string, unknown> = {};
  const body: RootContent[] = [];
  for (const node of root.children) {
    if (node.type === 'yaml') front = readFrontMatter(node.value, node.position?.start.line ?? 1, file);
    else body.push(node);
  }
  let blocks = restorePlaceholders([...flow(body, context), ...uncitedFootnotes(context)], context);
  const meta = frontMatterToMeta(front, file);
  if (meta.title === undefined) {
    // Without a front-matter title: the first heading, else the first line, else the file's name.
    const found = titleFromBlocks(blocks);
    meta.title = found?.title ?? fileTitle(file);
    if (found) blocks = found.blocks;
  } else {
    // A leading heading that repeats the front matter's title is not printed twice.
    const at = firstTextBlock(blocks);
    const first = blocks[at];
    if (first?.type === 'heading' && foldForMatching(inlineText(first.children)) === foldForMatching(meta.title)) blocks = blocks.filter((_, i) => i !== at);
  }
  return { meta: meta as MetaInput, blocks: shiftHeadings(blocks) };
}

interface MdContext {
  definitions: Map<string, Definition>;
  diagnostics: Diagnostics;
  file: string;
  /** The source as micromark read it, with what its placeholders stand for. */
  source: PreparedSource;
  /** The HTML reader for real HTML in the file; loaded only when the file has some. */
  fragment?: ((html: string, file: string, diagnostics: Diagnostics, warned: Set<string>) => Block[]) | undefined;
  /** Warnings given once per kind (each dropped tag name). */
  warned: Set<string>;
  /** GFM footnote definitions (`[^1]: text`) by identifier, wherever they stand in the file. */
  footnotes: Map<string, FootnoteDefinition>;
  /** The identifiers of the footnotes the text cites. */
  cited: Set<string>;
  /** Whether a note's own text is being read: a reference there is left as its label. */
  inNote: boolean;
  /** How many paragraphs were read as plain text (their marks replaced by stand-ins to turn back). */
  flattened: number;
}

/** A GFM footnote reference (`[^1]`): a note holding its definition's blocks, else its label as text. */
function footnoteReference(identifier: string, label: string, ctx: MdContext): Inline {
  const definition = ctx.footnotes.get(identifier);
  if (definition === undefined || ctx.inNote) return { type: 'text', value: `[${label}]` };
  ctx.cited.add(identifier);
  return { type: 'note', content: flow(definition.children, { ...ctx, inNote: true }) };
}

/** Definitions nothing cites: kept at the end as the paragraphs they were («[label] text»), with a warning. */
function uncitedFootnotes(ctx: MdContext): Block[] {
  const uncited = [...ctx.footnotes.values()].filter((d) => !ctx.cited.has(d.identifier));
  if (uncited.length === 0) return [];
  ctx.diagnostics.warn(`${ctx.file}: ${uncited.length} footnote definition(s) that the text never cites (${uncited.map((d) => `[^${d.label ?? d.identifier}]`).join(', ')}) kept as paragraphs at the end`);
  return uncited.map((d) => ({
    type: 'paragraph',
    children: [{ type: 'text', value: `[${d.label ?? d.identifier}] ` }, ...flow(d.children, { ...ctx, inNote: true }).flatMap(blockInlines)],
  }));
}

function warnOnce(ctx: MdContext, key: string, message: string): void {
  if (ctx.warned.has(key)) return;
  ctx.warned.add(key);
  ctx.diagnostics.warn(message);
}

/** One warning per tag name that raw HTML held and the model has no place for. */
function droppedTag(ctx: MdContext, name: string): void {
  warnOnce(ctx, `tag:${name}`, `${ctx.file}: dropped <${name}> tags (${/^[A-Z]/.test(name) ? 'an MDX/JSX component' : 'not HTML formatting'}); what they hold is kept`);
}

/** Where the source is code: nothing there is math, a template tag or a comment. */
function codeRanges(root: Root): SourceRange[] {
  const out: SourceRange[] = [];
  const walk = (node: MdNode): void => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      out.push({ start: node.position.start.offset, end: node.position.end.offset });
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(root);
  return out;
}

/** Whether some raw HTML of the file is real HTML structure, which takes the HTML reader to read. */
function hasStructuredHtml(root: Root): boolean {
  const walk = (node: MdNode): boolean => {
    if (node.type === 'html') return Wrappers.isStructured(htmlTokens(node.value));
    return 'children' in node && node.children.some(walk);
  };
  return walk(root);
}

/** A sequence of sibling nodes: raw HTML between them opens and closes wrappers that scope the rest. */
function flow(nodes: readonly RootContent[], ctx: MdContext): Block[] {
  const wrappers = new Wrappers();
  const out: Block[] = [];
  const env = {
    markdown: (text: string) => {
      const bounded = boundMarkdown(text, ctx.file, ctx.diagnostics, parseFragment);
      ctx.flattened += bounded.flattened;
      return flow(parseFragment(bounded.text, true).children, ctx);
    },
    fragment: (html: string) => ctx.fragment?.(html, ctx.file, ctx.diagnostics, ctx.warned) ?? [],
    dropped: (name: string) => droppedTag(ctx, name),
  };
  for (const node of nodes) {
    if (node.type === 'html') out.push(...wrappers.read(node.value, env));
    else if (!wrappers.hidden()) out.push(...inScope(toBlocks(node, ctx), wrappers.scope()));
  }
  return out;
}

/**
 * Placeholders back into what they stand for: math in running text as `inlineMath` (TeX kept whole), a
 * paragraph that is display math alone as a `math` block, math inside code or an address as its source
 * between dollars; a JSX comment at the end of a heading as the heading's id; any other JSX comment goes.
 */
function restorePlaceholders(blocks: Block[], ctx: MdContext): Block[] {
  const { math, comments } = ctx.source;
  if (math.length === 0 && comments.length === 0 && ctx.flattened === 0) return blocks;
  const marks = ctx.flattened > 0 ? restoreMarks : (text: string) => text;
  const dropComment = (): string => {
    warnOnce(ctx, 'jsx-comment', `${ctx.file}: dropped JSX comments ({/* … */})`);
    return '';
  };
  // In code and addresses math is the characters the author typed.
  const restore = (text: string): string =>
    marks(text.replace(PLACEHOLDER, (_, opener: string, n: string) => {
      const span = math[placeholderNumber(n)];
      if (isMathPlaceholder(opener) && span) return span.display ? `$$${span.tex}$$` : `$${span.tex}$`;
      return dropComment();
    }));
  const display = new WeakSet<Inline>();
  const split = (text: string): Inline[] => {
    const out: Inline[] = [];
    let at = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      out.push({ type: 'text', value: marks(text.slice(at, m.index)) });
      at = m.index + m[0].length;
      const span = math[placeholderNumber(m[2]!)];
      if (!isMathPlaceholder(m[1]!) || !span) {
        dropComment();
        continue;
      }
      const node: Inline = { type: 'inlineMath', value: span.display ? span.tex.trim() : span.tex };
      if (span.display) display.add(node);
      out.push(node);
    }
    out.push({ type: 'text', value: marks(text.slice(at)) });
    return out.filter((i) => i.type !== 'text' || i.value !== '');
  };
  const inlines = (list: readonly Inline[]): Inline[] =>
    mergeText(list.flatMap((node): Inline[] => {
      if (node.type === 'text') return split(node.value);
      if (node.type === 'code') return [{ ...node, value: restore(node.value) }];
      if (node.type === 'link') return [{ ...node, url: restore(node.url), children: inlines(node.children) }];
      return 'children' in node ? [{ ...node, children: inlines(node.children) }] : [node];
    }));
  const withIds = blocks.map((b) => (b.type === 'heading' ? headingId(b, comments) : b));
  return mapBlocks(mapInlineSequences(withIds, inlines), (b): Block => {
    if (b.type === 'code') return { ...b, value: restore(b.value) };
    if (b.type !== 'paragraph') return b;
    const shown = b.children.filter((c) => c.type !== 'text' || c.value.trim() !== '');
    const only = shown.length === 1 ? shown[0] : undefined;
    return only?.type === 'inlineMath' && display.has(only) ? { type: 'math', value: only.value, ...(b.id !== undefined && { id: b.id }) } : b;
  });
}

/** react.dev's "## Title {/*title*\/}": the comment is the heading's id, not text. */
function headingId(heading: Extract<Block, { type: 'heading' }>, comments: readonly string[]): Block {
  const last = heading.children[heading.children.length - 1];
  if (last?.type !== 'text') return heading;
  const tail = last.value.slice(-64);
  const m = /\s*\uE001([\uE010-\uE019]+)\uE002\s*$/u.exec(tail);
  const id = m ? comments[placeholderNumber(m[1]!)] : undefined;
  if (!m || !id || !/^[\w:.-]+$/u.test(id)) return heading;
  const value = last.value.slice(0, last.value.length - tail.length + m.index);
  return { ...heading, ...(heading.id === undefined && { id }), children: [...heading.children.slice(0, -1), ...(value ? [{ type: 'text' as const, value }] : [])] };
}

function toBlocks(node: RootContent | MdNode, ctx: MdContext): Block[] {
  switch (node.type) {
    case 'heading': {
      const ids: string[] = [];
      const { children, id } = headingAttributeId(toInlines(node.children, ctx, ids));
      const anchor = id ?? ids[0];
      return [{ type: 'heading', level: node.depth as HeadingLevel, children, ...(anchor !== undefined && { id: anchor }) }];
    }
    case 'paragraph': {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type === 'image') return figure(only.url, only.alt ?? '', only.title ?? undefined, ctx);
      // A linked picture alone in its paragraph ("[![watch the video](thumb.png)](https://…)") is a figure too.
      const linked = only?.type === 'link' && only.children.length === 1 ? only.children[0] : undefined;
      if (linked?.type === 'image') return figure(linked.url, linked.alt ?? '', linked.title ?? undefined, ctx);
      const ids: string[] = [];
      // Tags dropped at the edges leave the line breaks around them: a paragraph's edges are no text.
      const children = trimInlines(toInlines(node.children, ctx, ids));
      if (inlineText(children).trim() === '' && !children.some((c) => c.type === 'code')) return [];
      return [{ type: 'paragraph', children, ...(ids[0] !== undefined && { id: ids[0] }) }];
    }
    case 'blockquote':
      return [{ type: 'blockquote', children: flow(node.children, ctx) }];
    case 'list':
      return [{
        type: 'list',
        ordered: node.ordered === true,
        ...(node.ordered && typeof node.start === 'number' && { start: node.start }),
        items: node.children.map((item) => flow(item.children, ctx)),
      }];
    case 'thematicBreak':
      return [{ type: 'thematicBreak' }];
    case 'code':
      // GitHub and GitLab typeset a "math" fence as display math.
      if (node.lang === 'math') return [{ type: 'math', value: node.value }];
      return [{ type: 'code', value: node.value, ...(node.lang && { lang: node.lang }) }];
    case 'html':
      // flow() reads raw HTML, where its wrappers scope the nodes after it.
      return [];
    case 'table': {
      const [head, ...rows] = node.children;
      const cells = (row: typeof head) => (row ? row.children.map((cell) => toInlines(cell.children, ctx)) : []);
      // GFM's delimiter row (`:---`, `:---:`, `---:`): kept when it sets any column.
      const align = node.align?.some((a) => a !== null && a !== undefined) ? node.align.map((a) => a ?? null) : undefined;
      return [{ type: 'table', header: cells(head), rows: rows.map(cells), ...(align && { align }) }];
    }
    case 'definition':
    case 'yaml':
      return [];
    case 'footnoteDefinition':
      // Read where it is cited (footnoteReference), or at the end when nothing cites it (uncitedFootnotes).
      return [];
    default:
      ctx.diagnostics.warn(`${ctx.file}: skipped unsupported Markdown node "${node.type}"`);
      return [];
  }
}

/** "## Title {#title}" (kramdown, pandoc): the braces give the heading's id, and are not text. */
function headingAttributeId(children: Inline[]): { children: Inline[]; id?: string } {
  const last = children[children.length - 1];
  // Looked for at the end only: a heading of any length is read once.
  const tail = last?.type === 'text' ? last.value.slice(-200) : '';
  const m = /\s*\{#([\w:.-]+)(?:\s[^{}]*)?\}\s*$/u.exec(tail);
  if (!m || last?.type !== 'text') return { children };
  const value = last.value.slice(0, last.value.length - tail.length + m.index);
  return { children: [...children.slice(0, -1), ...(value ? [{ type: 'text' as const, value }] : [])], id: m[1]! };
}

function blockInlines(block: Block): Inline[] {
  return block.type === 'paragraph' || block.type === 'heading' ? block.children : [];
}

// An address on the web (or a data: URL), not a file next to the article: warraq never downloads. A
// file: URL and a drive letter name files, which the renderers read only inside the article's folders.
const REMOTE = /^(?:\/\/|(?!file:|[a-z]:[\\/])[a-z][a-z0-9+.-]*:)/iu;

/** A figure of a local image; a remote one is left out (its title, an explicit caption, kept), with a warning. */
function figure(src: string, alt: string, title: string | undefined, ctx: MdContext): Block[] {
  if (REMOTE.test(src)) {
    warnOnce(ctx, 'remote-image', `${ctx.file}: skipped remote images such as ${src.length > 80 ? `${src.slice(0, 77)}…` : src} (images are never downloaded; save them next to the file and point at them)`);
    return title ? [{ type: 'paragraph', children: [{ type: 'text', value: title }] }] : [];
  }
  const caption = title ?? alt;
  return [{ type: 'figure', src, alt, caption: caption ? [{ type: 'text', value: caption }] : [] }];
}

// A tag with an attribute whose value is a JSX expression: never prose. Each try stops at the next "<".
const JSX_TAG = /<[A-Za-z][\w.:-]*\s[^<>]*=\s*\{/u;

/** Two or more spaces or tabs: collapsed to one space in prose (never in code). */
const SPACE_RUN = /[ \t]{2,}|\t/g;

/** `ids` collects the anchors met (<a id="x"></a>): the block's own id. */
function toInlines(nodes: readonly PhrasingContent[], ctx: MdContext, ids?: string[]): Inline[] {
  const out = new InlineGatherer((name) => droppedTag(ctx, name));
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        // A JSX tag (<img style={{…}} />) is not HTML to micromark, and reaches here as text: still a tag.
        if (JSX_TAG.test(node.value)) out.html(node.value);
        // Spaces in a row are one word space, as every Markdown reader's HTML shows them (a table cell
        // padded as typed); tabs too. The model's text is what a reader sees, so every format gets one.
        else out.add({ type: 'text', value: node.value.replace(SPACE_RUN, ' ') });
        break;
      case 'emphasis':
        out.add({ type: 'emphasis', children: toInlines(node.children, ctx, ids) });
        break;
      case 'strong':
        out.add({ type: 'strong', children: toInlines(node.children, ctx, ids) });
        break;
      case 'delete':
        out.add({ type: 'delete', children: toInlines(node.children, ctx, ids) });
        break;
      case 'inlineCode':
        out.add({ type: 'code', value: node.value });
        break;
      case 'break':
        out.add({ type: 'break' });
        break;
      case 'link':
        out.add({ type: 'link', url: node.url, ...(node.title && { title: node.title }), children: toInlines(node.children, ctx, ids) });
        break;
      case 'linkReference': {
        const def = ctx.definitions.get(node.identifier);
        const children = toInlines(node.children, ctx, ids);
        out.add(def ? { type: 'link', url: def.url, children } : { type: 'text', value: `[${inlineText(children)}]` });
        break;
      }
      case 'image':
      case 'imageReference': {
        // An image inside running text is set in the line; a remote one (never downloaded) leaves its alt text.
        const url = node.type === 'image' ? node.url : ctx.definitions.get(node.identifier)?.url;
        if (url && !REMOTE.test(url)) out.add({ type: 'image', src: url, alt: node.alt ?? '' });
        else {
          if (url) warnOnce(ctx, 'remote-image', `${ctx.file}: skipped remote images such as ${url.length > 80 ? `${url.slice(0, 77)}…` : url} (images are never downloaded; save them next to the file and point at them)`);
          if (node.alt) out.add({ type: 'text', value: node.alt });
        }
        break;
      }
      case 'html':
        out.html(node.value);
        break;
      case 'footnoteReference':
        out.add(footnoteReference(node.identifier, node.label ?? node.identifier, ctx));
        break;
      default:
        ctx.diagnostics.warn(`${ctx.file}: skipped unsupported Markdown inline "${(node as { type: string }).type}"`);
    }
  }
  const inlines = mergeText(out.finish());
  ids?.push(...out.ids);
  return inlines;
}

function trimInlines(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  const first = out[0];
  if (first?.type === 'text') out[0] = { type: 'text', value: first.value.replace(/^\s+/u, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value.replace(/\s+$/u, '') };
  return out.filter((i) => i.type !== 'text' || i.value !== '');
}

function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value };
    else out.push(node);
  }
  return out;
}
