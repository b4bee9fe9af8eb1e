// Shared by the readers whose sources put the title in a heading of its own (Markdown, HTML).
import type { Block, HeadingLevel } from '../model/schema.js';

/** Renumbers heading levels so the shallowest body heading is level 1 (the title stands above them all). */
export function shiftHeadings(blocks: Block[]): Block[] {
  let min = 6;
  const visit = (list: Block[]): void => {
    for (const b of list) {
      if (b.type === 'heading') min = Math.min(min, b.level);
      else if (b.type === 'blockquote') visit(b.children);
      else if (b.type === 'list') b.items.forEach(visit);
    }
  };
  visit(blocks);
  if (min === 1) return blocks;
  const shift = (list: Block[]): Block[] =>
    list.map((b): Block => {
      if (b.type === 'heading') return { ...b, level: Math.max(1, b.level - min + 1) as HeadingLevel };
      if (b.type === 'blockquote') return { ...b, children: shift(b.children) };
      if (b.type === 'list') return { ...b, items: b.items.map(shift) };
      return b;
    });
  return shift(blocks);
}
