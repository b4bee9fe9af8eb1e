// The structure tree: Document → one element per block (H1…/P, standard types of PDF 1.7, 14.8.4), each
// holding the marked-content sequences of its lines, page by page; furniture is an artifact.
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
});

/** A block's structure element: its reference and its marked-content references so far. */
export interface StructureElement {
  /** The element's object. */
  ref: PdfRef;
  /** One marked-content reference per line, in reading order. */
  kids: PdfDict[];
}

/** Writes the tree: `elements` by block index, `parentTree` the number tree of each page's MCID parents. */
export function writeStructure(
  canvas: PdfCanvas,
  blocks: readonly LaidOutBlock[],
  elements: Map<number, StructureElement>,
  parentTree: PdfValue[],
  pageCount: number,
  lang: string,
  blockLang?: (block: number) => string | undefined,
): void {
  const root = canvas.catalogObject('StructTreeRoot');
  const rootRef = root.ref;
  const documentRef = canvas.ref();
  const kids: PdfRef[] = [];
  for (const [index, element] of [...elements.entries()].sort((a, b) => a[0] - b[0])) {
    const block = blocks[index] as LaidOutBlock;
    const data: PdfDict = { Type: 'StructElem', S: STRUCTURE[block.role], P: documentRef, K: element.kids };
    const own = block.lang ?? blockLang?.(index);
    if (own !== undefined && own !== lang) data.Lang = pdfString(own);
    canvas.fill(element.ref, data);
    kids.push(element.ref);
  }
  canvas.fill(documentRef, { Type: 'StructElem', S: 'Document', P: rootRef, K: kids, Lang: pdfString(lang) });
  Object.assign(root.data, {
    Type: 'StructTreeRoot',
    K: [documentRef],
    ParentTree: canvas.object({ Nums: parentTree }),
    ParentTreeNextKey: pageCount,
  });
  canvas.catalogObject('MarkInfo').data.Marked = true;
}
