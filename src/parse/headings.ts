// Shared by the readers whose sources put the title in a heading of its own (Markdown, HTML).
import type { Block, HeadingLevel } from '../model/schema.js';
import { eachBlock, mapBlocks } from '../model/walk.js';

/** Renumbers heading levels so the shallowest body heading is level 1 (the title stands above them all). */
export function shiftHeadings(blocks: Block[]): Block[] {
  let min = 6;
  for (const b of eachBlock(blocks)) if (b.type === 'heading') min = Math.min(min, b.level);
  if (min === 1) return blocks;
  return mapBlocks(blocks, (b) => (b.type === 'heading' ? { ...b, level: Math.max(1, b.level - min + 1) as HeadingLevel } : b));
}
