// The structure tree: Document → one element per block (H1…/P, standard types of PDF 1.7, 14.8.4), each
// holding the marked-content sequences of its lines, page by page; furniture is an artifact.
//
// A piece of a line whose glyphs are written in another order than its text (right-to-left text: the
// text layer writes glyphs left to right, see text-layer.ts) hangs under a /Span carrying its text in
// logical order as /ActualText, so whatever follows the structure (screen readers, Acrobat, pdf.js's
// accessibility tree) gets the words in reading order; a piece in another language than its block
// carries /Lang on its /Span.
import type { BlockRole } from '../blocks/types.js';
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
}

/** The tree, its parent tree (what each marked-content sequence and annotation belongs to) and its keys. */
export class StructureTree {
  /** The Document element, the root of everything tagged. */
  readonly document: StructNode;
  private readonly parents: [number, PdfValue][] = [];
  private nextKey = 0;

  constructor(private readonly canvas: PdfCanvas, lang: string) {
    this.document = { ref: canvas.ref(), type: 'Document', kids: [], entries: { Lang: pdfString(lang) } };
  }

  /** A new element, appended to `parent`'s kids. */
  element(type: string, parent: StructNode, entries: PdfDict = {}): StructNode {
    const node: StructNode = { ref: this.canvas.ref(), type, parent, kids: [], entries };
    parent.kids.push(node);
    return node;
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
