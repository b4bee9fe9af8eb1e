// Plain text of model nodes: what a reader of the document sees, for detection, checks and tests.
import type { Block, Inline } from './schema.js';
import { eachBlock, eachInline } from './walk.js';

export function inlineText(inlines: readonly Inline[]): string {
  let out = '';
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
      case 'code':
      case 'inlineMath':
        out += node.value;
        break;
      case 'break':
        out += '\n';
        break;
      case 'quote':
        out += `«${inlineText(node.children)}»`;
        break;
      case 'note':
        // The mark's number is the renderer's (noteNumbers); the note's text is its own blocks.
        break;
      case 'image':
        // An image is no text; its alt text is what stands in where it cannot be shown.
        break;
      default:
        out += inlineText(node.children);
    }
  }
  return out;
}

export function blockText(block: Block): string {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return inlineText(block.children);
    case 'blockquote':
      return blocksText(block.children);
    case 'list':
      return block.items.map((item) => blocksText(item)).join('\n');
    case 'figure':
      return inlineText(block.caption);
    case 'code':
    case 'math':
      return block.value;
    case 'table':
      return [...(block.caption ? [inlineText(block.caption)] : []), ...[block.header, ...block.rows].map((row) => row.map((cell) => inlineText(cell)).join('\t'))].join('\n');
    case 'verse':
      // A tab between hemistichs, as a line of verse is typed; a newline between lines.
      return block.lines.map((line) => line.map((half) => inlineText(half)).join('\t')).join('\n');
    case 'thematicBreak':
      return '';
  }
}

export function blocksText(blocks: readonly Block[]): string {
  return blocks.map(blockText).filter((t) => t !== '').join('\n');
}

/** Whether any inline of this kind occurs, at any depth (e.g. emphasis: is an italic face needed?). */
export function usesInline(blocks: readonly Block[], type: Inline['type']): boolean {
  for (const node of eachInline(blocks)) if (node.type === type) return true;
  return false;
}

/** The text set in the code face: code and math, blocks and spans, at any depth ('' when there is none). */
export function codeText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const block of eachBlock(blocks)) if (block.type === 'code' || block.type === 'math') parts.push(block.value);
  for (const node of eachInline(blocks)) if (node.type === 'code' || node.type === 'inlineMath') parts.push(node.value);
  return parts.join('\n');
}
