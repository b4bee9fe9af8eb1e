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
