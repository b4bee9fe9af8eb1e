// The document: pages of positioned lines → PDF bytes. Draws each page (rules, leaders, images,
// furniture as artifacts, the lines as tagged marked content), then the outline, the structure tree,
// /ViewerPreferences (DisplayDocTitle, Direction R2L for RTL) and a content-derived /ID.
//
// Tagging and the text layer: marked content (BDC/EMC) ends a pdf.js text item, but every line is one item
// already (text-layer.ts), so one MCID per line costs nothing; the PDF extraction tests check the
// extraction of the tagged output itself.
import type { RenderContext } from '../../context.js';
import type { LaidOutBlock } from '../blocks/types.js';
import type { PageGeometry } from '../pages/geometry.js';
import type { Page, PlacedLine } from '../pages/types.js';
import { PdfCanvas, fmt, rgb, type PdfRef, type PdfValue } from './canvas.js';
import { Sink } from './glyph-sink.js';
import type { DocumentInfo } from './metadata.js';
import { writeOutline } from './outline.js';
import { STRUCTURE, writeStructure, type StructureElement } from './structure.js';
import { writeLine } from './text-layer.js';

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
  // Structure: one element per block that has lines; each line is one marked-content sequence.
  const elements = new Map<number, StructureElement>();
  const parentTree: PdfValue[] = [];

  let seed = `${input.title}\n${date.toISOString()}\n${pages.length}`;
  for (const page of pages) {
    const pageIndex = canvas.addPage();
    sink.newPage();
    const pageRef = canvas.pageRef;
    pageRefs.push(pageRef);
    const mcidParents: PdfRef[] = [];
    canvas.pageDictionary.StructParents = pageIndex;

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
      drawLine(canvas, sink, placed, geometry.height, geometry.rtl);
      canvas.write('EMC');
    }
    for (const placed of page.lines) {
      const block = blocks[placed.block];
      if (!block) continue;
      const role = STRUCTURE[block.role];
      const mcid = mcidParents.length;
      let element = elements.get(placed.block);
      if (!element) {
        element = { ref: canvas.ref(), kids: [] };
        elements.set(placed.block, element);
      }
      element.kids.push({ Type: 'MCR', Pg: pageRef, MCID: mcid });
      mcidParents.push(element.ref);
      canvas.write(`/${role} <</MCID ${mcid}>> BDC`);
      // Paragraph direction: the block's own, else its article's, except code, which is always left to right.
      const rtl = (block.rtl ?? (input.blockRtl ? input.blockRtl(placed.block) : geometry.rtl)) && block.role !== 'Code';
      drawLine(canvas, sink, placed, geometry.height, rtl);
      canvas.write('EMC');
      seed += `\n${placed.line.text}`;
    }
    parentTree.push(pageIndex, mcidParents);
  }

  sink.finish();
  writeOutline(canvas, pages, pageRefs, geometry);
  writeStructure(canvas, blocks, elements, parentTree, pages.length, input.lang, input.blockLang);
  canvas.setFileId(seed);
  return canvas.finish();
}

function drawLine(canvas: PdfCanvas, sink: Sink, placed: PlacedLine, pageHeight: number, rtl: boolean): void {
  const baseline = pageHeight - placed.baseline;
  const written = writeLine(placed.line, placed.x, baseline, sink, rtl);
  canvas.write(written.operators);
  for (const link of written.links) canvas.link(link.x, link.y, link.width, link.height, link.url);
}

