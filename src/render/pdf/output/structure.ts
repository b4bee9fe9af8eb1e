// The structure tree: Document → one element per block (standard types of PDF 1.7, 14.8.4), each holding
// the marked-content sequences of its lines, page by page; furniture, rules and leaders are artifacts.
// Headings: the title is H1 and the model's levels follow from H2, never skipping a level (PDF/UA).
// Lists: L → LI → Lbl (the marker) + LBody (the item's blocks; nested lists inside). Figures: a Figure
// with /Alt and its box, then the Caption; an image with neither alt text nor caption is an artifact.
// Links: a Link element holding its text and its annotation (OBJR; the annotation's /StructParent).
//
// A piece of a line whose glyphs are written in another order than its text (right-to-left text: the
// text layer writes glyphs left to right, see text-layer.ts) hangs under a /Span carrying its text in
// logical order as /ActualText, so whatever follows the structure (screen readers, Acrobat, pdf.js's
// accessibility tree) gets the words in reading order; a piece in another language than its block
// carries /Lang on its /Span.
import type { BlockRole, LaidOutBlock } from '../blocks/types.js';
import { pdfString, type PdfCanvas, type PdfDict, type PdfRef, type PdfValue } from './canvas.js';

/** Standard structure types (PDF 1.7, 14.8.4) for the layout's roles. */
export const STRUCTURE: Record<BlockRole, string> = Object.freeze<Record<BlockRole, string>>({
  Title: 'H1',
  Subtitle: 'P',
  H1: 'H1',
  H2: 'H2',
  H3: 'H3',
  H4: 'H4',
  H5: 'H5',
  H6: 'H6',
  P: 'P',
  BlockQuote: 'BlockQuote',
  LI: 'LI',
  Caption: 'Caption',
  Code: 'Code',
  Note: 'Note',
  TH: 'TH',
  TD: 'TD',
});

/** A structure element being built: written by StructureTree.write once the pages are done. */
export interface StructNode {
  /** The element's object. */
  ref: PdfRef;
  /** Its structure type (a standard one). */
  type: string;
  /** Its parent (undefined for the Document element). */
  parent?: StructNode | undefined;
  /** Its kids in reading order: elements, marked-content references, object references. */
  kids: (StructNode | PdfDict)[];
  /** Further entries: /ActualText, /Alt, /Lang, /A. */
  entries: PdfDict;
  /** The order of each kid: the index of the block it belongs to (ties: added first, first). */
  orders: number[];
}

/** The tree, its parent tree (what each marked-content sequence and annotation belongs to) and its keys. */
export class StructureTree {
  /** The Document element, the root of everything tagged. */
  readonly document: StructNode;
  private readonly parents: [number, PdfValue][] = [];
  private nextKey = 0;

  constructor(private readonly canvas: PdfCanvas, lang: string) {
    this.document = { ref: canvas.ref(), type: 'Document', kids: [], entries: { Lang: pdfString(lang) }, orders: [] };
  }

  /**
   * A new element among `parent`'s kids, after those of an order up to `order` (the index of the block it
   * belongs to): figures are drawn before the lines of their page, yet read in block order.
   */
  element(type: string, parent: StructNode, entries: PdfDict, order: number): StructNode {
    const node: StructNode = { ref: this.canvas.ref(), type, parent, kids: [], entries, orders: [] };
    this.add(parent, node, order);
    return node;
  }

  /** Adds a kid (an element, a marked-content or object reference) to `parent`, in block order. */
  add(parent: StructNode, kid: StructNode | PdfDict, order: number): void {
    let at = parent.orders.findIndex((o) => o > order);
    if (at < 0) at = parent.kids.length;
    parent.kids.splice(at, 0, kid);
    parent.orders.splice(at, 0, order);
  }

  /** A parent-tree key for a page's marked content (/StructParents); fill it with setPageParents. */
  pageKey(): number {
    return this.nextKey++;
  }

  /** The elements that hold each MCID of a page, in MCID order. */
  setPageParents(key: number, parents: readonly StructNode[]): void {
    this.parents.push([key, parents.map((p) => p.ref)]);
  }

  /** An object reference (an annotation) as a kid of `node`: returns the annotation's /StructParent key. */
  objectKey(node: StructNode): number {
    const key = this.nextKey++;
    this.parents.push([key, node.ref]);
    return key;
  }

  /** Writes every element, the StructTreeRoot with its ParentTree, and /MarkInfo. */
  write(): void {
    const root = this.canvas.catalogObject('StructTreeRoot');
    const write = (node: StructNode): void => {
      for (const kid of node.kids) if (isNode(kid)) write(kid);
      this.canvas.fill(node.ref, {
        Type: 'StructElem',
        S: node.type,
        P: node.parent ? node.parent.ref : root.ref,
        K: node.kids.map((kid) => (isNode(kid) ? kid.ref : kid)),
        ...node.entries,
      });
    };
    write(this.document);
    Object.assign(root.data, {
      Type: 'StructTreeRoot',
      K: [this.document.ref],
      ParentTree: this.canvas.object({ Nums: [...this.parents].sort((a, b) => a[0] - b[0]).flat() }),
      ParentTreeNextKey: this.nextKey,
    });
    this.canvas.catalogObject('MarkInfo').data.Marked = true;
  }
}

function isNode(kid: StructNode | PdfDict): kid is StructNode {
  return 'kids' in kid && 'entries' in kid;
}

/** Each block's structure type: STRUCTURE's, with headings numbered from the title's H1, no level skipped. */
export function blockTypes(blocks: readonly LaidOutBlock[]): string[] {
  let depth = 0;
  return blocks.map((block) => {
    if (block.role === 'Title') {
      depth = 1;
      return 'H1';
    }
    const heading = /^H([1-6])$/.exec(block.role);
    if (!heading) return STRUCTURE[block.role];
    depth = Math.min(Number(heading[1]) + 1, depth + 1, 6);
    return `H${depth}`;
  });
}

/** Where the blocks' content goes in the tree: made as the pages are drawn, kept in block order. */
export class BlockElements {
  private readonly types: string[];
  private readonly own = new Map<number, StructNode>();
  private readonly lists = new Map<string, StructNode>();
  /** Per list item, the block whose text is its body's own. */
  private readonly bodyText = new Map<string, number>();

  constructor(
    private readonly tree: StructureTree,
    private readonly blocks: readonly LaidOutBlock[],
    private readonly lang: string,
    private readonly blockLang?: (block: number) => string | undefined,
  ) {
    this.types = blockTypes(blocks);
  }

  /** The language of a block's text. */
  language(index: number): string {
    return this.blocks[index]?.lang ?? this.blockLang?.(index) ?? this.lang;
  }

  /** The element that holds a piece of block `index`'s lines: its item's Lbl for a label piece. */
  holder(index: number, label: boolean): StructNode {
    const block = this.blocks[index] as LaidOutBlock;
    // A table's caption: the first child of its Table, which its first cell (the next block) keys.
    if (block.tableCaption) return this.ownElement(index, this.node(`t${index + 1}`, 'Table', this.tree.document, index));
    if (block.cell) {
      // A cell is a TH or TD of its row's TR in its Table (PDF 1.7, 14.8.4.3.4), in reading order. The
      // table is keyed by its first block: tables are numbered per article, and a book has several.
      let start = index;
      while (start > 0 && this.blocks[start - 1]?.cell?.table === block.cell.table && (this.blocks[start - 1]?.cell?.row ?? 0) <= block.cell.row) start--;
      const table = this.node(`t${start}`, 'Table', this.tree.document, index);
      const element = this.ownElement(index, this.node(`t${start}.${block.cell.row}`, 'TR', table, index));
      // A merged cell says how many rows and columns it covers, and a heading cell what it heads: PDF/UA-1
      // § 7.5 asks a Scope of every TH in a table without Headers/IDs (14.8.5.7, the Table attributes).
      const { rows, columns, header, rowHeader } = block.cell;
      const scope = block.role !== 'TH' ? undefined : rowHeader && !header ? 'Row' : 'Column';
      if (rows > 1 || columns > 1 || scope) element.entries.A = { O: 'Table', ...(scope && { Scope: scope }), ...(rows > 1 && { RowSpan: rows }), ...(columns > 1 && { ColSpan: columns }) };
      return element;
    }
    const place = block.list;
    if (!place || place.path.length === 0) return this.ownElement(index, this.tree.document);
    let parent = this.tree.document;
    let item = parent;
    let key = '';
    for (const step of place.path) {
      key += `/${step.list}`;
      const list = this.node(key, 'L', parent, index);
      key += `.${step.item}`;
      item = this.node(key, 'LI', list, index);
      parent = this.node(`${key}b`, 'LBody', item, index, 1);
    }
    if (label) return this.node(`${key}l`, 'Lbl', item, index, 0);
    // The item's first paragraph is its body's own text; its other blocks are elements of their own in it.
    if (block.role === 'LI' && (this.bodyText.get(key) ?? index) === index) {
      this.bodyText.set(key, index);
      // The item is in its first paragraph's language, as a paragraph of its own would be.
      const own = block.lang ?? this.blockLang?.(index);
      if (own !== undefined && own !== this.lang) item.entries.Lang = pdfString(own);
      return parent;
    }
    return this.ownElement(index, parent);
  }

  /**
   * A Figure with its alt text and its box on the page: block `index`'s image, before its caption; or,
   * `inline`, an image in the block's lines, inside the block's own element.
   */
  figure(index: number, alt: string, box: number[], inline = false): StructNode {
    const parent = inline ? this.holder(index, false) : this.blocks[index]?.list ? this.holder(index, false).parent ?? this.tree.document : this.tree.document;
    return this.tree.element('Figure', parent, { Alt: pdfString(alt), A: { O: 'Layout', BBox: box } }, inline ? index : index - 0.5);
  }

  private ownElement(index: number, parent: StructNode): StructNode {
    let element = this.own.get(index);
    if (!element) {
      const own = this.blocks[index]?.lang ?? this.blockLang?.(index);
      const type = this.types[index] === 'LI' ? 'P' : (this.types[index] as string);
      element = this.tree.element(type, parent, own !== undefined && own !== this.lang ? { Lang: pdfString(own) } : {}, index);
      this.own.set(index, element);
    }
    return element;
  }

  private node(key: string, type: string, parent: StructNode, index: number, sub = 0): StructNode {
    let node = this.lists.get(key);
    if (!node) {
      node = this.tree.element(type, parent, {}, index + sub / 4);
      this.lists.set(key, node);
    }
    return node;
  }
}
