// The document: pages of positioned lines → PDF bytes. Draws each page (rules, leaders, images,
// furniture as artifacts, the lines as tagged marked content), then the outline, the structure tree,
// /ViewerPreferences (DisplayDocTitle, Direction R2L for RTL) and a content-derived /ID.
//
// Tagging and the text layer: marked content (BDC/EMC) ends a pdf.js text item, and text-layer.ts cuts a
// line into pieces only where pdf.js ends an item anyway (a change of font, or of direction it would
// misread) or where the structure needs its own element (a link, a list label, another language): one
// MCID per piece costs nothing; the PDF extraction tests check the extraction of the tagged output itself.
import type { RenderContext } from '../../context.js';
import type { LaidOutBlock } from '../blocks/types.js';
import type { PageGeometry } from '../pages/geometry.js';
import type { Page, PlacedLine } from '../pages/types.js';
import { PdfCanvas, fmt, pdfString, rgb, type PdfDict, type PdfRef } from './canvas.js';
import { Sink } from './glyph-sink.js';
import type { DocumentInfo } from './metadata.js';
import { writeOutline } from './outline.js';
import { STRUCTURE, StructureTree, type StructNode } from './structure.js';
import { writeLine, type WrittenPiece } from './text-layer.js';

/** What writePages needs: the pages and blocks of one document (an article, or a book of them). */
export interface PagesInput {
  /** The document information dictionary (dates included). */
  info: DocumentInfo;
  /** The document's title: the seed of its /ID. */
  title: string;
  /** /Lang of the catalog and of the structure tree's Document element. */
  lang: string;
  /** Theme (colours), build date and where warnings go. */
  context: RenderContext;
  /** Every block; the pages' lines index into it. */
  blocks: readonly LaidOutBlock[];
  /** The pages to write, in order. */
  pages: readonly Page[];
  /** Page size and the document's direction (viewer preferences; furniture lines). */
  geometry: PageGeometry;
  /** Paragraph direction of a block's lines; the document's when absent (a book mixes directions). */
  blockRtl?: ((block: number) => boolean) | undefined;
  /** /Lang of a block's structure element, when it differs from the document's. */
  blockLang?: ((block: number) => string | undefined) | undefined;
}

export async function writePages(input: PagesInput): Promise<Uint8Array> {
  const { context, pages, geometry, blocks } = input;
  const date = context.buildDate;
  const canvas = new PdfCanvas({ info: input.info, lang: input.lang, width: geometry.width, height: geometry.height });
  if (geometry.rtl) canvas.viewerPreferences.Direction = 'R2L';

  const sink = new Sink(canvas);
  const pageRefs: PdfRef[] = [];
  const tree = new StructureTree(canvas, input.lang);
  // Structure: one element per block that has lines; each piece of a line is one marked-content sequence.
  const elements = new Map<number, StructNode>();
  const blockElement = (index: number, block: LaidOutBlock): StructNode => {
    let element = elements.get(index);
    if (!element) {
      const own = input.blockLang?.(index);
      element = tree.element(STRUCTURE[block.role], tree.document, own !== undefined && own !== input.lang ? { Lang: pdfString(own) } : {});
      elements.set(index, element);
    }
    return element;
  };

  let seed = `${input.title}\n${date.toISOString()}\n${pages.length}`;
  for (const page of pages) {
    canvas.addPage();
    sink.newPage();
    const pageRef = canvas.pageRef;
    pageRefs.push(pageRef);
    const mcidParents: StructNode[] = [];
    const pageKey = tree.pageKey();
    canvas.pageDictionary.StructParents = pageKey;

    for (const rule of page.rules) {
      canvas.write(`q ${rgb(context.theme.colours.rule)} RG 0.6 w ${fmt(rule.x + rule.width * 0.3)} ${fmt(geometry.height - rule.y)} m ${fmt(rule.x + rule.width * 0.7)} ${fmt(geometry.height - rule.y)} l S Q`);
    }
    for (const leader of page.leaders ?? []) {
      // Round caps on a dash of length 0: dots, one every 4 pt, an artifact for assistive technology.
      const y = fmt(geometry.height - leader.y);
      canvas.write(`/Artifact BMC q ${rgb(context.theme.colours.muted)} RG 1.1 w 1 J [0 4] 0 d ${fmt(leader.x)} ${y} m ${fmt(leader.x + leader.width)} ${y} l S Q EMC`);
    }
    for (const image of page.images) {
      try {
        canvas.image(image.data, image.x, geometry.height - image.top - image.height, image.width, image.height);
      } catch (error) {
        context.diagnostics.warn(`${image.path}: cannot embed the image (${(error as Error).message}), left out of the PDF`);
      }
    }
    for (const placed of page.furniture) {
      canvas.write('/Artifact BMC');
      for (const piece of drawLine(placed, geometry.height, geometry.rtl)) drawPiece(canvas, piece);
      canvas.write('EMC');
    }
    for (const placed of page.lines) {
      const block = blocks[placed.block];
      if (!block) continue;
      const element = blockElement(placed.block, block);
      const blockLang = input.blockLang?.(placed.block) ?? input.lang;
      // Paragraph direction: the block's, except code, which the layout always sets left to right.
      const rtl = (input.blockRtl ? input.blockRtl(placed.block) : geometry.rtl) && block.role !== 'Code';
      const pieces = drawLine(placed, geometry.height, rtl);
      for (const [p, piece] of pieces.entries()) {
        // A right-to-left piece reads back reversed from whatever follows content order: its /Span tells
        // the text as it reads; the break space after a line belongs to its last piece.
        const text = p === pieces.length - 1 && placed.index < block.lines.length - 1 && !/\s$/u.test(piece.text) ? `${piece.text} ` : piece.text;
        const entries: PdfDict = {};
        if (piece.reordered) entries.ActualText = pdfString(text);
        if (piece.lang !== blockLang) entries.Lang = pdfString(piece.lang);
        const holder = Object.keys(entries).length > 0 ? tree.element('Span', element, entries) : element;
        const mcid = mcidParents.length;
        holder.kids.push({ Type: 'MCR', Pg: pageRef, MCID: mcid });
        mcidParents.push(holder);
        canvas.write(`/${holder.type} <</MCID ${mcid}>> BDC`);
        drawPiece(canvas, piece);
        canvas.write('EMC');
      }
      seed += `\n${placed.line.text}`;
    }
    tree.setPageParents(pageKey, mcidParents);
  }

  sink.finish();
  writeOutline(canvas, pages, pageRefs, geometry);
  tree.write();
  canvas.setFileId(seed);
  return canvas.finish();

  function drawLine(placed: PlacedLine, pageHeight: number, rtl: boolean): WrittenPiece[] {
    return writeLine(placed.line, placed.x, pageHeight - placed.baseline, sink, rtl).pieces;
  }
}

function drawPiece(canvas: PdfCanvas, piece: WrittenPiece): void {
  canvas.write(piece.operators);
  for (const link of piece.links) canvas.link(link.x, link.y, link.width, link.height, link.url);
}
