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
import { IMAGE_DESCENT, OBJECT_REPLACEMENT, type InlineImage } from '../paragraph/types.js';
import { PdfCanvas, fmt, pdfString, stroke, type PdfDict, type PdfRef } from './canvas.js';
import { boxOperators, wrapMarkOperators } from './boxes.js';
import { Sink } from './glyph-sink.js';
import type { DocumentInfo } from './metadata.js';
import { writeOutline } from './outline.js';
import { PressPages, pressDocument } from './press.js';
import { archiveOutputIntent } from './archive.js';
import { BlockElements, StructureTree, type StructNode } from './structure.js';
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
  const press = context.press;
  // An archival PDF is a screen PDF: --print's press PDF is PDF/X-4 instead.
  const archive = context.archive === true && !press;
  const canvas = new PdfCanvas({ info: input.info, lang: input.lang, width: geometry.width, height: geometry.height, ...(press && pressDocument(press)), pdfa: archive });
  const pressPages = press && new PressPages(canvas, press, context, geometry);
  if (geometry.rtl) canvas.viewerPreferences.Direction = 'R2L';

  const sink = new Sink(canvas);
  const pageRefs: PdfRef[] = [];
  const tree = new StructureTree(canvas, input.lang);
  // Structure: the blocks' elements (lists, figures, headings: structure.ts); each piece of a line is one
  // marked-content sequence.
  const elements = new BlockElements(tree, blocks, input.lang, input.blockLang);

  let seed = `${input.title}\n${date.toISOString()}\n${pages.length}`;
  for (const page of pages) {
    canvas.addPage();
    sink.newPage();
    const pageRef = canvas.pageRef;
    pageRefs.push(pageRef);
    // pdfkit sets /Tabs only on pages it ends after the structure exists: the last one alone.
    canvas.pageDictionary.Tabs = 'S';
    const mcidParents: StructNode[] = [];
    const pageKey = tree.pageKey();
    canvas.pageDictionary.StructParents = pageKey;
    pressPages?.page(page);
    /** A new marked-content sequence of `holder` for block `block`: its BDC operator (the caller writes EMC). */
    const mark = (holder: StructNode, block: number): string => {
      const mcid = mcidParents.length;
      tree.add(holder, { Type: 'MCR', Pg: pageRef, MCID: mcid }, block);
      mcidParents.push(holder);
      return `/${holder.type} <</MCID ${mcid}>> BDC`;
    };

    for (const rule of page.rules) {
      canvas.write(`/Artifact <</Type /Layout>> BDC q ${stroke(context.theme.colours.rule)} 0.6 w ${fmt(rule.x + rule.width * 0.3)} ${fmt(geometry.height - rule.y)} m ${fmt(rule.x + rule.width * 0.7)} ${fmt(geometry.height - rule.y)} l S Q EMC`);
    }
    for (const box of page.boxes ?? []) canvas.write(`/Artifact <</Type /Layout>> BDC ${boxOperators(box, geometry.height, context.theme.colours)} EMC`);
    for (const mark of page.wraps ?? []) canvas.write(`/Artifact <</Type /Layout>> BDC ${wrapMarkOperators(mark, geometry.height, context.theme.colours.muted)} EMC`);
    for (const placed of page.marks ?? []) {
      canvas.write('/Artifact BMC');
      for (const piece of drawLine(placed, geometry.height, geometry.rtl, 0)) canvas.write(piece.operators);
      canvas.write('EMC');
      for (const { image, x, y } of inlineImages(placed, geometry.height)) canvas.image(image.data, x, y, image.width, image.height, '/Artifact BMC', 'EMC');
    }
    for (const leader of page.leaders ?? []) {
      // Round caps on a dash of length 0: dots, one every 4 pt, an artifact for assistive technology.
      const y = fmt(geometry.height - leader.y);
      canvas.write(`/Artifact BMC q ${stroke(context.theme.colours.muted)} 1.1 w 1 J [0 4] 0 d ${fmt(leader.x)} ${y} m ${fmt(leader.x + leader.width)} ${y} l S Q EMC`);
    }
    /**
     * Draws an image with its bottom-left corner at x, y: a Figure with its alt text (`inline`: in block
     * `block`'s lines), or an artifact when it has none; one pdfkit cannot read is left out with a warning.
     */
    const drawImage = (image: { path: string; data: Uint8Array; width: number; height: number }, x: number, y: number, alt: string, block: number, inline: boolean): void => {
      try {
        const box = [x, y, x + image.width, y + image.height].map((v) => Number(fmt(v)));
        canvas.image(image.data, x, y, image.width, image.height, alt === '' ? '/Artifact BMC' : mark(elements.figure(block, alt, box, inline), block), 'EMC');
      } catch (error) {
        context.diagnostics.warn(`${image.path}: cannot embed the image (${(error as Error).message}), left out of the PDF`);
      }
    };
    for (const image of page.images) {
      // What the figure shows: its alt text, else its caption; with neither it is decoration.
      const figure = blocks[image.block];
      const alt = figure?.image?.alt || figure?.lines.map((l) => l.text).join('').trim() || '';
      drawImage(image, image.x, geometry.height - image.top - image.height, alt, image.block, false);
    }
    for (const placed of page.furniture) {
      // Running head above the text block, folio below it.
      const subtype = placed.baseline < geometry.height / 2 ? 'Header' : 'Footer';
      canvas.write(`/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC`);
      for (const piece of drawLine(placed, geometry.height, geometry.rtl, 0)) canvas.write(piece.operators);
      canvas.write('EMC');
    }
    for (const placed of page.lines) {
      const block = blocks[placed.block];
      if (!block) continue;
      const blockLang = elements.language(placed.block);
      // Paragraph direction: the block's own, else its article's, except code, which is always left to right.
      const rtl = (block.rtl ?? (input.blockRtl ? input.blockRtl(placed.block) : geometry.rtl)) && block.role !== 'Code';
      const pieces = drawLine(placed, geometry.height, rtl, placed.index === 0 ? (block.list?.label ?? 0) : 0);
      for (const [p, piece] of pieces.entries()) {
        // A right-to-left piece reads back reversed from whatever follows content order: its element tells
        // the text as it reads; the break space after a line belongs to its last piece.
        const text = p === pieces.length - 1 && placed.index < block.lines.length - 1 && !/\s$/u.test(piece.text) ? `${piece.text} ` : piece.text;
        const entries: PdfDict = {};
        if (piece.reordered) entries.ActualText = pdfString(text);
        if (piece.lang !== blockLang) entries.Lang = pdfString(piece.lang);
        const parent = elements.holder(placed.block, piece.label);
        // A link's text and its annotation share a Link element; the label's text is its Lbl's.
        let holder: StructNode;
        if (piece.link !== undefined) holder = tree.element('Link', parent, entries, placed.block);
        else if (Object.keys(entries).length > 0 && !piece.label) holder = tree.element('Span', parent, entries, placed.block);
        else {
          holder = parent;
          if (piece.label && piece.reordered) holder.entries.ActualText = pdfString(`${holder.entries.ActualText ? String(holder.entries.ActualText) : ''}${text}`);
        }
        canvas.write(mark(holder, placed.block));
        canvas.write(piece.operators);
        canvas.write('EMC');
        for (const link of piece.links) {
          const annotation = canvas.link(link.x, link.y, link.width, link.height, link.url, { Contents: pdfString(link.alt || text.replaceAll(OBJECT_REPLACEMENT, '').trim() || link.url), StructParent: tree.objectKey(holder) });
          tree.add(holder, { Type: 'OBJR', Obj: annotation, Pg: pageRef }, placed.block);
        }
      }
      // Images in the line: a Figure inside the block's element.
      for (const { image, x, y } of inlineImages(placed, geometry.height)) drawImage(image, x, y, image.alt, placed.block, true);
      seed += `\n${placed.line.text}`;
    }
    tree.setPageParents(pageKey, mcidParents);
  }

  sink.finish(archive);
  pressPages?.finish();
  if (archive) archiveOutputIntent(canvas);
  writeOutline(canvas, pages, pageRefs, geometry);
  tree.write();
  canvas.setFileId(seed);
  return canvas.finish();

  /** The images in a line's runs, each where its no-break space stands, its foot under the baseline as a letter's descender. */
  function inlineImages(placed: PlacedLine, pageHeight: number): { image: InlineImage; x: number; y: number }[] {
    return placed.line.runs.flatMap((run) => (run.style.image ? [{ image: run.style.image, x: placed.x + run.x, y: pageHeight - placed.baseline - IMAGE_DESCENT * run.style.size }] : []));
  }

  function drawLine(placed: PlacedLine, pageHeight: number, rtl: boolean, label: number): WrittenPiece[] {
    return writeLine(placed.line, placed.x, pageHeight - placed.baseline, sink, rtl, { label }).pieces;
  }
}
