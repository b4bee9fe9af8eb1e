// Internal links kept live: each page's blocks that links can point at get an element id (h-1, h-2, … for
// headings, which the nav links to as well; a-1, a-2, … for other blocks with an id), and a link's
// address becomes "page#id" — "#x" to an anchor of its own page, else of another page of the book; a
// relative address, to the article's web source when it has one. Anything else is not live.
import { anchorNames } from '../../model/anchors.js';
import type { Block } from '../../model/schema.js';
import { eachBlock } from '../../model/walk.js';
import { liveLink } from '../../support/links.js';

/** What the XHTML of one page needs to know about anchors. */
export interface PageAnchors {
  /** The element id of a block that links or the nav can point at; undefined for the others. */
  idOf(block: Block): string | undefined;
  /** A link's address as this page writes it, when it is internal (or relative to the source) and resolves. */
  href(url: string): string | undefined;
}

/** One page of the package, as far as anchors go. */
export interface AnchorPage {
  /** The page's file name in OEBPS/. */
  file: string;
  /** Its blocks, the very objects the page is rendered from. */
  blocks: readonly Block[];
  /** The article's meta.source: relative links resolve against it when it is a web address. */
  source?: string | undefined;
}

/** The anchors of every page, in reading order; the result's n-th entry is the n-th page's. */
export function packageAnchors(pages: readonly AnchorPage[]): PageAnchors[] {
  const ids = new Map<Block, string>();
  const targets = pages.map((page) => {
    let headings = 0;
    let others = 0;
    const named = anchorNames(page.blocks);
    const pointed = new Set(named.values());
    for (const block of eachBlock(page.blocks)) {
      if (block.type === 'heading') ids.set(block, `h-${++headings}`);
      else if (pointed.has(block)) ids.set(block, `a-${++others}`);
    }
    const found = new Map<string, string>();
    for (const [name, block] of named) found.set(name, `${page.file}#${ids.get(block) ?? ''}`);
    return found;
  });
  return pages.map((page, i) => ({
    idOf: (block) => ids.get(block),
    href: (url) => {
      const address = url.trim();
      if (address.startsWith('#')) {
        const name = fragmentName(address.slice(1));
        // A page's own anchor first; then the book's other pages, in reading order.
        const own = targets[i]?.get(name) ?? targets.find((t) => t.has(name))?.get(name);
        // "#" and GitHub's "#top" mean the top of the page.
        return own ?? (name === '' || name === 'top' ? page.file : undefined);
      }
      return fromSource(address, page.source);
    },
  }));
}

/** The anchor a fragment names: percent escapes decoded (Markdown writes them either way). */
function fragmentName(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** A relative address made absolute against the article's web source, when it has one. */
function fromSource(address: string, source: string | undefined): string | undefined {
  if (source === undefined || liveLink(source) === undefined || /^[a-z][a-z0-9+.-]*:/i.test(address)) return undefined;
  try {
    return liveLink(new URL(address, source.trim()).href);
  } catch {
    return undefined;
  }
}
