// A document is never refused for lacking a title: the readers take the best one it has (front matter,
// a heading, a first line) and, when it has none, the file's own name.
import path from 'node:path';
import type { Block, Inline } from '../model/schema.js';
import { detectArticleLanguage, directionOf } from '../model/detect.js';
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

/** The name parseString gives text that came from no file ("<txt>"). */
export function isStandInName(file: string): boolean {
  return /^<[a-z]+>$/u.test(file);
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
  const opening = firstLineTitle(blocks, at);
  if (!opening || first?.type === 'heading') return opening;
  // A bilingual original's English line, then its translation (cs229's «1. … refresher» over «ملخص …»):
  // in a right-to-left document the translation is the title, the original stays as it stands.
  const next = blocks.findIndex((b, i) => i > at && (b.type === 'heading' || b.type === 'paragraph') && hasText(b.children));
  const translation = next === at + 1 || next === at + 2 ? firstLineTitle(blocks, next) : undefined;
  if (translation && !RTL_LETTER.test(opening.title) && RTL_LETTER.test(translation.title) && mostlyRightToLeft(blocks)) return translation;
  return opening;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/** A line that ends as a sentence does ("… الموجودة."): a passage's line, not a title, a dek or a label. */
export const SENTENCE_END = /[.!…۔。]["'”»)]*$/u;

/** The block's first line as the title, the block taken out (or the rest of it kept), when it can be one. */
function firstLineTitle(blocks: readonly Block[], at: number): { title: string; blocks: Block[] } | undefined {
  const block = blocks[at];
  if (block?.type !== 'paragraph' && block?.type !== 'heading') return undefined;
  if (block.type === 'heading') return { title: inlineText(block.children).replace(/\s+/g, ' ').trim(), blocks: blocks.filter((_, i) => i !== at) };
  const [line, rest] = splitFirstLine(block.children);
  const title = inlineText(line).replace(/\s+/g, ' ').trim();
  if (title === '' || wordCount(title) > TITLE_MAX_WORDS || (SENTENCE_END.test(title) && wordCount(title) > 3)) return undefined;
  const remaining: Block[] = hasText(rest) ? [{ ...block, children: trimStart(rest) }] : [];
  return { title, blocks: [...blocks.slice(0, at), ...remaining, ...blocks.slice(at + 1)] };
}

/** Whether the blocks' prose is of a right-to-left language, as the model will find it (detect.ts). */
function mostlyRightToLeft(blocks: readonly Block[]): boolean {
  return directionOf(detectArticleLanguage('', undefined, blocks)) === 'rtl';
}

function trimStart(inlines: Inline[]): Inline[] {
  const [head, ...tail] = inlines;
  if (head?.type !== 'text') return inlines;
  const value = head.value.replace(/^\s+/u, '');
  return value === '' ? trimStart(tail) : [{ type: 'text', value }, ...tail];
}
