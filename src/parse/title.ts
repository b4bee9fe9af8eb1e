// A document is never refused for lacking a title: the readers take the best one it has (front matter,
// a heading, a first line) and, when it has none, the file's own name.
import path from 'node:path';
import type { Block, Inline } from '../model/schema.js';
import { inlineText } from '../model/text.js';

/** A line longer than this is a passage of text, not a title. */
export const TITLE_MAX_WORDS = 25;

export function wordCount(line: string): number {
  return line.split(/\s+/u).filter(Boolean).length;
}

/** The title a file's name gives: its name without folder and extension ("<md>" when there is no file). */
export function fileTitle(file: string): string {
  const base = path.basename(file);
  const stem = base.replace(/\.[^.]+$/, '');
  return stem.trim() === '' ? base : stem;
}

/** A line that is only a file's name ("khayyam.txt"): what a scraper wrote at the top of what it saved. */
export function isFileNameLine(line: string): boolean {
  return /^[\p{L}\p{N}_ .()-]{1,80}\.(?:txt|text|md|markdown|html?|json|docx?|pdf)$/iu.test(line.trim());
}

/** Whether the inlines show text of their own: a paragraph of images or spaces does not. */
function hasText(inlines: readonly Inline[]): boolean {
  return inlineText(inlines).trim() !== '';
}

/** The first block a reader reads: headings and paragraphs with text (figures, rules and badges before it pass). */
export function firstTextBlock(blocks: readonly Block[]): number {
  return blocks.findIndex((b) => b.type === 'code' || b.type === 'table' || b.type === 'list' || b.type === 'blockquote' || ((b.type === 'heading' || b.type === 'paragraph') && hasText(b.children)));
}

/**
 * The inlines up to the first line break (a newline in a text, or a break) and those after it; nested
 * wrappers are not split, so a line ending inside <strong> takes the whole wrapper.
 */
export function splitFirstLine(inlines: readonly Inline[]): [Inline[], Inline[]] {
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i]!;
    if (node.type === 'break') return [inlines.slice(0, i), inlines.slice(i + 1)];
    if (node.type === 'text' && node.value.includes('\n')) {
      const at = node.value.indexOf('\n');
      const before = node.value.slice(0, at);
      const after = node.value.slice(at + 1);
      return [
        [...inlines.slice(0, i), ...(before ? [{ type: 'text' as const, value: before }] : [])],
        [...(after ? [{ type: 'text' as const, value: after }] : []), ...inlines.slice(i + 1)],
      ];
    }
  }
  return [[...inlines], []];
}

/**
 * A title from the blocks when the metadata has none: the first heading when it opens the text (taken out
 * of the body), else the first line of the first paragraph when it is short enough to be one (taken out
 * too), else undefined.
 */
export function titleFromBlocks(blocks: readonly Block[]): { title: string; blocks: Block[] } | undefined {
  const at = firstTextBlock(blocks);
  const first = blocks[at];
  if (first?.type === 'heading') {
    return { title: inlineText(first.children).replace(/\s+/g, ' ').trim(), blocks: blocks.filter((_, i) => i !== at) };
  }
  if (first?.type !== 'paragraph') return undefined;
  const [line, rest] = splitFirstLine(first.children);
  const title = inlineText(line).replace(/\s+/g, ' ').trim();
  if (title === '' || wordCount(title) > TITLE_MAX_WORDS) return undefined;
  const remaining: Block[] = hasText(rest) ? [{ ...first, children: trimStart(rest) }] : [];
  return { title, blocks: [...blocks.slice(0, at), ...remaining, ...blocks.slice(at + 1)] };
}

function trimStart(inlines: Inline[]): Inline[] {
  const [head, ...tail] = inlines;
  if (head?.type !== 'text') return inlines;
  const value = head.value.replace(/^\s+/u, '');
  return value === '' ? trimStart(tail) : [{ type: 'text', value }, ...tail];
}
