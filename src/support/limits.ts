// How deep a document may nest. Real articles nest a few levels (a list in a quote); a crafted one nests
// thousands, which overflows every recursive walk of it (readers, schema checks, renderers). Measured
// without recursion, so the check itself is safe at any depth, and refused with one line.

/** The deepest nesting of blocks and inlines an article may have (a list in a list in a quote … counts each). */
export const MAX_NESTING = 100;

/** The depth of the deepest node under `root` (root is 1), counted up to `limit + 1` and no further. */
export function nestingDepth<T>(root: T, children: (node: T) => Iterable<T> | undefined, limit: number): number {
  let deepest = 0;
  const stack: [T, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of children(node) ?? []) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The children of a JSON-like value: the values of an array or an object. */
export function jsonChildren(value: unknown): Iterable<unknown> | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.values(value);
  return undefined;
}

// How large an article may be. Every renderer keeps a few kilobytes per block in memory at once (a PDF
// paragraph's shaped lines, an EPUB element, a DOCX run): 100 000 short paragraphs took 2 GB and 23 s of
// CPU, while a 9.5 MB text of 26 000 paragraphs takes 0.8 GB. Refused early, with one line.

/** The most blocks an article may have, at any depth (paragraphs, headings, list items' blocks …). */
export const MAX_BLOCKS = 30_000;
/** The most model nodes (blocks and inlines) an article may have. */
export const MAX_NODES = 200_000;
/** The most cells a table may have, its rows times its widest row: short rows are padded to the widest. */
export const MAX_TABLE_CELLS = 20_000;
/**
 * The most images an article sets in its lines: every one is read, measured and (in the DOCX) hashed
 * again, so a page that names one large file ten thousand times would take minutes; the rest show their
 * alt text.
 */
export const MAX_INLINE_IMAGES = 1_000;

/** What is too large about an article's model (its JSON-like form, before it is checked), or undefined. */
export function sizeProblem(input: unknown): string | undefined {
  let nodes = 0;
  let blocks = 0;
  // Blocks live in "blocks", "children" of quotes and "items" of lists; an object with a type is a node.
  const stack: [unknown, boolean][] = [[input, false]];
  while (stack.length > 0) {
    const [value, inBlocks] = stack.pop()!;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, inBlocks]);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const node = value as Record<string, unknown>;
    if (typeof node.type === 'string') {
      if (++nodes > MAX_NODES) return `more than ${MAX_NODES} blocks and inline nodes in all (an article may have at most that many): refused`;
      if (inBlocks && ++blocks > MAX_BLOCKS) return `more than ${MAX_BLOCKS} blocks (paragraphs, headings, list items …; an article may have at most that many): refused`;
      if (node.type === 'table') {
        const rows = [node.header, ...(Array.isArray(node.rows) ? node.rows : [])].filter(Array.isArray) as unknown[][];
        const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
        if (width * rows.length > MAX_TABLE_CELLS) return `a table of ${rows.length} rows by ${width} columns, more than the ${MAX_TABLE_CELLS} cells a table may have: refused`;
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, key === 'blocks' || key === 'items' || (key === 'children' && node.type === 'blockquote')]);
    }
  }
  return undefined;
}
