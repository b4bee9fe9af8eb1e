// Walks over the model, written once: every reader and renderer that needs "all the blocks" or "all the
// inlines" of an article goes through these, so a new container block (a footnote, a table cell that
// holds blocks) is followed everywhere by changing one place.
import type { Block, Inline, NoteInline } from './schema.js';

/** The blocks a block contains directly, in order (quotes' children, list items' blocks). */
export function childBlocks(block: Block): readonly Block[] {
  switch (block.type) {
    case 'blockquote':
      return block.children;
    case 'list':
      return block.items.flat();
    default:
      return [];
  }
}

/**
 * Every block in document order, each container before what it contains; the blocks of a note come right
 * after the block that cites it (and its own child blocks), as an endnote's would after its paragraph.
 */
export function* eachBlock(blocks: readonly Block[]): Generator<Block> {
  for (const block of blocks) {
    yield block;
    yield* eachBlock(childBlocks(block));
    for (const inlines of blockInlines(block)) for (const note of notesIn(inlines)) yield* eachBlock(note.content);
  }
}

/** The languages blocks of their own language are in (code and math have none), once each, in document order. */
export function blockLanguages(blocks: readonly Block[]): string[] {
  const out = new Set<string>();
  for (const block of eachBlock(blocks)) if (block.type !== 'code' && block.type !== 'math' && block.lang !== undefined) out.add(block.lang);
  return [...out];
}

/** The notes cited in a sequence of inlines, at any depth of formatting, in order (not those inside notes). */
export function notesIn(inlines: readonly Inline[]): NoteInline[] {
  return [...inlinesWithin(inlines)].filter((node): node is NoteInline => node.type === 'note');
}

/**
 * Each note of the article with its number: 1, 2, 3 in the order their marks stand in the text (per
 * article; a book numbers each of its articles afresh). Keyed by the node itself, so a renderer that sets
 * blocks in any order, or twice (a trial layout), gives every note the same number.
 */
export function noteNumbers(blocks: readonly Block[]): Map<NoteInline, number> {
  const out = new Map<NoteInline, number>();
  for (const node of eachInline(blocks)) if (node.type === 'note' && !out.has(node)) out.set(node, out.size + 1);
  return out;
}

/** The inline sequences a block holds directly (not those of its child blocks). */
export function blockInlines(block: Block): readonly (readonly Inline[])[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return [block.children];
    case 'figure':
      return [block.caption];
    case 'table':
      return [...(block.caption ? [block.caption] : []), ...block.header, ...block.rows.flat()];
    case 'verse':
      return block.lines.flat();
    default:
      return [];
  }
}

/** Every inline node of the blocks, at any depth, in document order, each container before its children. */
export function* eachInline(blocks: readonly Block[]): Generator<Inline> {
  for (const block of eachBlock(blocks)) {
    for (const inlines of blockInlines(block)) yield* inlinesWithin(inlines);
  }
}

/**
 * The inlines an inline contains directly. Exhaustive on purpose: a new inline kind must say here whether
 * it holds text of its own (a renderer that forgets a container kind would drop the text inside it).
 */
export function childInlines(node: Inline): readonly Inline[] {
  switch (node.type) {
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'quote':
    case 'superscript':
    case 'subscript':
    case 'span':
      return node.children;
    // A note's text is blocks, set apart from the line that cites it: see notesIn and eachBlock.
    case 'note':
    case 'text':
    case 'code':
    case 'inlineMath':
    case 'break':
    case 'image':
      return [];
  }
}

/** Every inline node of a run of inlines, at any depth, each container before its children (notes' text not entered). */
export function* inlinesWithin(inlines: readonly Inline[]): Generator<Inline> {
  for (const node of inlines) {
    yield node;
    yield* inlinesWithin(childInlines(node));
  }
}

/**
 * The blocks with `change` applied to every block at any depth, notes' blocks included, containers rebuilt
 * around changed children.
 */
export function mapBlocks(blocks: readonly Block[], change: (block: Block) => Block): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'blockquote':
        return change({ ...block, children: mapBlocks(block.children, change) });
      case 'list':
        return change({ ...block, items: block.items.map((item) => mapBlocks(item, change)) });
      default:
        return change(withInlines(block, (inlines) => mapNotes(inlines, (note) => ({ ...note, content: mapBlocks(note.content, change) }))));
    }
  });
}

/** The inlines with `change` applied to every note among them (at any depth of formatting, not inside notes). */
export function mapNotes(inlines: readonly Inline[], change: (note: NoteInline) => Inline): Inline[] {
  return inlines.map((node): Inline => {
    if (node.type === 'note') return change(node);
    if (!('children' in node)) return node;
    return { ...node, children: mapNotes(node.children, change) } as Inline;
  });
}

/** The block with `change` applied to each sequence of inlines it holds directly. */
function withInlines(block: Block, change: (inlines: readonly Inline[]) => Inline[]): Block {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return { ...block, children: change(block.children) };
    case 'figure':
      return { ...block, caption: change(block.caption) };
    case 'table':
      return { ...block, ...(block.caption && { caption: change(block.caption) }), header: block.header.map(change), rows: block.rows.map((row) => row.map(change)) };
    case 'verse':
      return { ...block, lines: block.lines.map((line) => line.map(change)) };
    default:
      return block;
  }
}

/**
 * The blocks with `change` applied to every sequence of inlines they hold at any depth (paragraphs,
 * headings, captions, table cells, hemistichs, notes' blocks); `change` sees each sequence whole,
 * containers included, and a note in it already changed within (it must keep a note's blocks as they are).
 */
export function mapInlineSequences(blocks: readonly Block[], change: (inlines: readonly Inline[]) => Inline[]): Block[] {
  return mapBlocks(blocks, (block) => withInlines(block, change));
}

/** Every image's source: the figures' in document order, nested blocks included, then the inline images'. */
export function figureSources(blocks: readonly Block[]): string[] {
  const inline = [...eachInline(blocks)].flatMap((i) => (i.type === 'image' ? [i.src] : []));
  return [...[...eachBlock(blocks)].flatMap((b) => (b.type === 'figure' ? [b.src] : [])), ...inline];
}
