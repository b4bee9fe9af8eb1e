// The anchors a document's own links point at: a block's explicit id (`{#x}`, `<a id>`, HTML ids), and
// the slug GitHub, GitLab and most Markdown sites derive from a heading's text (`#كيفية-استخدامها`),
// which is what links in a README's contents list use. Shared by every renderer that keeps them live.
import type { Block } from './schema.js';
import { inlineText } from './text.js';
import { eachBlock } from './walk.js';

/**
 * GitHub's heading slug: lower case, punctuation and symbols dropped (letters, combining marks, digits,
 * "_" and "-" kept, in any script), each space a "-".
 */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Each anchor name of the blocks with the block it names, explicit ids first; slugs repeat as GitHub numbers them (x, x-1, x-2). */
export function anchorNames(blocks: readonly Block[]): Map<string, Block> {
  const names = new Map<string, Block>();
  for (const block of eachBlock(blocks)) if (block.id !== undefined && !names.has(block.id)) names.set(block.id, block);
  const seen = new Map<string, number>();
  for (const block of eachBlock(blocks)) {
    if (block.type !== 'heading') continue;
    const base = headingSlug(inlineText(block.children));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const slug = n === 0 ? base : `${base}-${n}`;
    if (slug !== '' && !names.has(slug)) names.set(slug, block);
  }
  return names;
}
