// Reader for Markdown: CommonMark + GFM through remark (mdast), YAML front matter mapped onto meta.
import type { Nodes as MdNode, Root, RootContent, PhrasingContent, Definition } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { UserError, type Diagnostics } from '../support/errors.js';
import { lazy } from '../support/memo.js';
import type { ArticleInput, Block, HeadingLevel, Inline, MetaInput } from '../model/schema.js';
import { inlineText } from '../model/text.js';
import { shiftHeadings } from './headings.js';
import { readYaml } from './yaml.js';
import { MAX_NESTING, nestingDepth } from '../support/limits.js';

// Made on the first Markdown input, not when the readers are imported.
const processor = lazy('markdown processor', () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']));

// A line whose quote markers or indentation alone nest past MAX_NESTING: refused before the parser, whose
// time grows faster than the nesting (2000 nested list items ran for minutes).
const TOO_DEEP_LINE = new RegExp(`^(?:[ \\t]*>){${MAX_NESTING + 1}}|^[ \\t]{${4 * MAX_NESTING},}`, 'm');

export function parseMarkdown(text: string, file: string, diagnostics: Diagnostics): ArticleInput {
  const refuse = (): never => {
    throw new UserError(`${file}: nested more than ${MAX_NESTING} levels deep (lists, quotes, emphasis): refused`);
  };
  if (TOO_DEEP_LINE.test(text)) refuse();
  const root = processor().parse(text) as Root;
  // Each model level is at most two of mdast's (a list and its item).
  if (nestingDepth<RootContent | Root>(root, (node) => ('children' in node ? (node.children as RootContent[]) : undefined), 2 * MAX_NESTING) > 2 * MAX_NESTING) refuse();
  const definitions = new Map<string, Definition>();
  for (const node of root.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  const context: MdContext = { definitions, diagnostics, file };

  let front: Record<string, unknown> = {};
  const body: RootContent[] = [];
  for (const node of root.children) {
    if (node.type === 'yaml') front = readFrontMatter(node.value, node.position?.start.line ?? 1, file);
    else body.push(node);
  }
  let blocks = body.flatMap((node) => toBlocks(node, context));
  const meta = frontMatterToMeta(front, file);
  // Without a front-matter title, a leading level-1 heading is the title.
  if (meta.title === undefined) {
    const first = blocks[0];
    if (first?.type === 'heading' && first.level === 1) {
      meta.title = inlineText(first.children);
      blocks = blocks.slice(1);
    } else {
      throw new UserError(`${file}: no title (give "title:" in the front matter or start with a "# " heading)`);
    }
  }
  return { meta: meta as MetaInput, blocks: shiftHeadings(blocks) };
}

interface MdContext {
  definitions: Map<string, Definition>;
  diagnostics: Diagnostics;
  file: string;
}

function readFrontMatter(source: string, line: number, file: string): Record<string, unknown> {
  // The --- fence is line `line`.
  const value = readYaml(source, file, 'YAML front matter', line);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${file}: YAML front matter must be a mapping of keys to values`);
  return value as Record<string, unknown>;
}

const META_ALIASES: Record<string, string> = Object.freeze<Record<string, string>>({
  author: 'authors',
  authors: 'authors',
  language: 'lang',
  lang: 'lang',
  direction: 'dir',
  dir: 'dir',
  url: 'source',
  source: 'source',
  tags: 'keywords',
  keywords: 'keywords',
  dek: 'subtitle',
  subtitle: 'subtitle',
  summary: 'description',
  description: 'description',
});

function frontMatterToMeta(front: Record<string, unknown>, file: string): Partial<MetaInput> & { title?: string } {
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(front)) {
    const target = META_ALIASES[key] ?? key;
    if (target === 'authors' || target === 'keywords') meta[target] = toStringList(value);
    else if (target === 'date') meta.date = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    else if (['title', 'subtitle', 'lang', 'dir', 'source', 'description', 'publisher'].includes(target)) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new UserError(`${file}: front matter "${key}" must be text`);
      meta[target] = String(value);
    } else meta[key] = value;
  }
  return meta;
}

function toStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[,،]/).map((s) => s.trim()).filter(Boolean);
  return value === null || value === undefined ? [] : [String(value)];
}

function toBlocks(node: RootContent | MdNode, ctx: MdContext): Block[] {
  switch (node.type) {
    case 'heading':
      return [{ type: 'heading', level: node.depth as HeadingLevel, children: toInlines(node.children, ctx) }];
    case 'paragraph': {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type === 'image') return [figure(only.url, only.alt ?? '', only.title ?? undefined)];
      return [{ type: 'paragraph', children: toInlines(node.children, ctx) }];
    }
    case 'blockquote':
      return [{ type: 'blockquote', children: node.children.flatMap((c) => toBlocks(c, ctx)) }];
    case 'list':
      return [{
        type: 'list',
        ordered: node.ordered === true,
        ...(node.ordered && typeof node.start === 'number' && { start: node.start }),
        items: node.children.map((item) => item.children.flatMap((c) => toBlocks(c, ctx))),
      }];
    case 'thematicBreak':
      return [{ type: 'thematicBreak' }];
    case 'code':
      return [{ type: 'code', value: node.value, ...(node.lang && { lang: node.lang }) }];
    case 'html':
      // Raw HTML is kept as visible text: markup from the input never becomes markup in the output.
      return node.value.trim() === '' ? [] : [{ type: 'paragraph', children: [{ type: 'text', value: node.value }] }];
    case 'table': {
      const [head, ...rows] = node.children;
      const cells = (row: typeof head) => (row ? row.children.map((cell) => toInlines(cell.children, ctx)) : []);
      return [{ type: 'table', header: cells(head), rows: rows.map(cells) }];
    }
    case 'definition':
    case 'yaml':
      return [];
    case 'footnoteDefinition':
      return [{ type: 'paragraph', children: [{ type: 'text', value: `[${node.label ?? node.identifier}] ` }, ...node.children.flatMap((c) => toBlocks(c, ctx)).flatMap(blockInlines)] }];
    default:
      ctx.diagnostics.warn(`${ctx.file}: skipped unsupported Markdown node "${node.type}"`);
      return [];
  }
}

function blockInlines(block: Block): Inline[] {
  return block.type === 'paragraph' || block.type === 'heading' ? block.children : [];
}

function figure(src: string, alt: string, title: string | undefined): Block {
  const caption = title ?? alt;
  return { type: 'figure', src, alt, caption: caption ? [{ type: 'text', value: caption }] : [] };
}

function toInlines(nodes: readonly PhrasingContent[], ctx: MdContext): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ type: 'text', value: node.value });
        break;
      case 'emphasis':
        out.push({ type: 'emphasis', children: toInlines(node.children, ctx) });
        break;
      case 'strong':
        out.push({ type: 'strong', children: toInlines(node.children, ctx) });
        break;
      case 'delete':
        out.push({ type: 'delete', children: toInlines(node.children, ctx) });
        break;
      case 'inlineCode':
        out.push({ type: 'code', value: node.value });
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'link':
        out.push({ type: 'link', url: node.url, ...(node.title && { title: node.title }), children: toInlines(node.children, ctx) });
        break;
      case 'linkReference': {
        const def = ctx.definitions.get(node.identifier);
        const children = toInlines(node.children, ctx);
        out.push(def ? { type: 'link', url: def.url, children } : { type: 'text', value: `[${inlineText(children)}]` });
        break;
      }
      case 'image':
      case 'imageReference':
        // An image inside running text cannot be set inline in all three formats: keep its alt text.
        if (node.alt) out.push({ type: 'text', value: node.alt });
        ctx.diagnostics.warn(`${ctx.file}: an image inside a paragraph was replaced by its alt text (give it a paragraph of its own)`);
        break;
      case 'html':
        out.push({ type: 'text', value: node.value });
        break;
      case 'footnoteReference':
        out.push({ type: 'text', value: `[${node.label ?? node.identifier}]` });
        break;
      default:
        ctx.diagnostics.warn(`${ctx.file}: skipped unsupported Markdown inline "${(node as { type: string }).type}"`);
    }
  }
  return mergeText(out);
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
