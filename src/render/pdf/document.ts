// Stage 8: document. Pages of positioned lines → PDF bytes: metadata (title, author, subject, keywords,
// /Lang, dates from context.buildDate, a content-derived /ID, Producer "warraq"), bookmarks from the
// headings, /ViewerPreferences (DisplayDocTitle, Direction R2L for RTL), and a structure tree (Document →
// H1…/P with marked content per line, furniture as artifacts).
//
// Tagging and the text layer: marked content (BDC/EMC) ends a pdf.js text item, but every line is one item
// already (text-layer.ts), so one MCID per line costs nothing; tests/render/pdf/extract.test.ts checks the
// extraction of the tagged output itself.
import { existsSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Article } from '../../model/schema.js';
import { RecentCache } from '../../recent-cache.js';
import type { RenderContext } from '../context.js';
import { PdfCanvas, fmt, pdfString, rgb, type PdfDict, type PdfRef, type PdfValue } from './draw.js';
import { EmbeddedFont, glyphPath } from './font-embed.js';
import type { Page, PageGeometry, PlacedLine } from './paginate.js';
import { writeLine, type GlyphSink } from './text-layer.js';
import type { BlockRole, FontFace, LaidOutBlock } from './types.js';

export interface DocumentInput {
  article: Article;
  context: RenderContext;
  blocks: readonly LaidOutBlock[];
  pages: readonly Page[];
  geometry: PageGeometry;
}

// Standard structure types (PDF 1.7, 14.8.4) for the layout's roles.
const STRUCTURE: Record<BlockRole, string> = {
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
};

export async function writeDocument(input: DocumentInput): Promise<Uint8Array> {
  const { article, context, pages, geometry, blocks } = input;
  const meta = article.meta;
  const date = context.buildDate;
  const info: Record<string, string | Date> = {
    Title: meta.title,
    Producer: 'warraq',
    Creator: 'warraq',
    CreationDate: date,
    ModDate: date,
  };
  if (meta.authors.length > 0) info.Author = meta.authors.join('، ');
  if (meta.subtitle) info.Subject = meta.subtitle;
  else if (meta.description) info.Subject = meta.description;
  if (meta.keywords.length > 0) info.Keywords = meta.keywords.join(', ');
  return writePages({ info, title: meta.title, lang: meta.lang, context, blocks, pages, geometry });
}

/** What writePages needs: the pages and blocks of one document (an article, or a book of them). */
export interface PagesInput {
  /** The document information dictionary (dates included). */
  info: Record<string, string | Date>;
  /** The document's title: the seed of its /ID. */
  title: string;
  /** /Lang of the catalog and of the structure tree's Document element. */
  lang: string;
  context: RenderContext;
  blocks: readonly LaidOutBlock[];
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
  const elements = new Map<number, { ref: PdfRef; kids: PdfDict[] }>();
  const parentTree: PdfValue[] = [];
  const tagged = true;

  let seed = `${input.title}\n${date.toISOString()}\n${pages.length}`;
  for (const page of pages) {
    const pageIndex = canvas.addPage();
    sink.newPage();
    const pageRef = canvas.pageRef;
    pageRefs.push(pageRef);
    const mcidParents: PdfRef[] = [];
    if (tagged) canvas.pageDictionary.StructParents = pageIndex;

    for (const rule of page.rules) {
      canvas.write(`q ${rgb(context.theme.colours.rule)} RG 0.6 w ${fmt(rule.x + rule.width * 0.3)} ${fmt(geometry.height - rule.y)} m ${fmt(rule.x + rule.width * 0.7)} ${fmt(geometry.height - rule.y)} l S Q`);
    }
    for (const leader of page.leaders ?? []) {
      // Round caps on a dash of length 0: dots, one every 4 pt, an artifact for assistive technology.
      const y = fmt(geometry.height - leader.y);
      canvas.write(`/Artifact BMC q ${rgb(context.theme.colours.muted)} RG 1.1 w 1 J [0 4] 0 d ${fmt(leader.x)} ${y} m ${fmt(leader.x + leader.width)} ${y} l S Q EMC`);
    }
    for (const image of page.images) {
      if (!existsSync(image.path)) {
        context.diagnostics.warn(`${image.path}: figure image not found, left out of the PDF`);
        continue;
      }
      try {
        canvas.image(image.path, image.x, geometry.height - image.top - image.height, image.width, image.height);
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
      if (tagged) {
        const mcid = mcidParents.length;
        let element = elements.get(placed.block);
        if (!element) {
          element = { ref: canvas.ref(), kids: [] };
          elements.set(placed.block, element);
        }
        element.kids.push({ Type: 'MCR', Pg: pageRef, MCID: mcid });
        mcidParents.push(element.ref);
        canvas.write(`/${role} <</MCID ${mcid}>> BDC`);
      }
      // Paragraph direction: the block's, except code, which the layout always sets left to right.
      const rtl = (input.blockRtl ? input.blockRtl(placed.block) : geometry.rtl) && block.role !== 'Code';
      drawLine(canvas, sink, placed, geometry.height, rtl);
      if (tagged) canvas.write('EMC');
      seed += `\n${placed.line.text}`;
    }
    parentTree.push(pageIndex, mcidParents);
  }

  sink.finish();
  writeOutline(canvas, pages, pageRefs, geometry);
  if (tagged) writeStructure(canvas, blocks, elements, parentTree, pages.length, input.lang, input.blockLang);
  canvas.setFileId(seed);
  return canvas.finish();
}

function drawLine(canvas: PdfCanvas, sink: Sink, placed: PlacedLine, pageHeight: number, rtl: boolean): void {
  const baseline = pageHeight - placed.baseline;
  const written = writeLine(placed.line, placed.x, baseline, sink, rtl);
  canvas.write(written.operators);
  for (const link of written.links) canvas.link(link.x, link.y, link.width, link.height, link.url);
}

interface GlyphForm {
  bbox: number[];
  /** The outline's path operators, Flate-compressed as pdfkit would. */
  deflated: Uint8Array;
}
// Every document of a batch draws the same marks and kashidas as outlines: each is built and compressed once.
const glyphForms = new RecentCache<string, GlyphForm>(1024);

function glyphForm(face: FontFace, glyphId: number): GlyphForm {
  const key = `${face.path}\0${glyphId}`;
  let form = glyphForms.get(key);
  if (!form) {
    const box = face.font.glyphBox(glyphId);
    form = {
      bbox: [Math.floor(box.minX), Math.floor(box.minY), Math.ceil(box.maxX), Math.ceil(box.maxY)],
      deflated: new Uint8Array(deflateSync(glyphPath(face.font.outline(glyphId)))),
    };
    glyphForms.set(key, form);
  }
  return form;
}

/** Fonts and outline XObjects, registered on each page that uses them. */
class Sink implements GlyphSink {
  private readonly fonts = new Map<FontFace, EmbeddedFont>();
  private readonly outlines = new Map<string, { name: string; ref: PdfRef }>();
  private readonly blanks = new Map<FontFace, number>();
  private onPage = new Set<string>();

  constructor(private readonly canvas: PdfCanvas) {}

  newPage(): void {
    this.onPage = new Set();
  }

  font(face: FontFace): string {
    let font = this.fonts.get(face);
    if (!font) {
      font = new EmbeddedFont(face, `F${this.fonts.size + 1}`, this.canvas.ref());
      this.fonts.set(face, font);
    }
    if (!this.onPage.has(font.name)) {
      this.canvas.useFont(font.name, font.ref);
      this.onPage.add(font.name);
    }
    return font.name;
  }

  cid(face: FontFace, glyphId: number, text: string, width: number): number {
    this.font(face);
    return (this.fonts.get(face) as EmbeddedFont).cid(glyphId, text, width);
  }

  blank(face: FontFace): number {
    let id = this.blanks.get(face);
    if (id === undefined) {
      const space = face.font.glyphFor(0x20);
      id = space !== undefined && face.font.outline(space).length === 0 ? space : 0;
      this.blanks.set(face, id);
    }
    return id;
  }

  outline(face: FontFace, glyphId: number): string {
    const key = `${face.path}\0${glyphId}`;
    let outline = this.outlines.get(key);
    if (!outline) {
      const form = glyphForm(face, glyphId);
      const ref = this.canvas.compressedObject({ Type: 'XObject', Subtype: 'Form', BBox: form.bbox }, form.deflated);
      outline = { name: `G${this.outlines.size + 1}`, ref };
      this.outlines.set(key, outline);
    }
    if (!this.onPage.has(outline.name)) {
      this.canvas.useXObject(outline.name, outline.ref);
      this.onPage.add(outline.name);
    }
    return outline.name;
  }

  finish(): void {
    for (const font of this.fonts.values()) font.finish(this.canvas);
  }
}

interface OutlineNode {
  title: string;
  level: number;
  dest: PdfValue[];
  ref: PdfRef;
  children: OutlineNode[];
}

/** Bookmarks from the headings, nested by level, each opening its page at the heading. */
function writeOutline(canvas: PdfCanvas, pages: readonly Page[], pageRefs: readonly PdfRef[], geometry: PageGeometry): void {
  const root: OutlineNode = { title: '', level: 0, dest: [], ref: canvas.outlineRoot.ref, children: [] };
  const stack: OutlineNode[] = [root];
  pages.forEach((page, i) => {
    for (const mark of page.bookmarks) {
      const node: OutlineNode = {
        title: mark.title,
        level: mark.level,
        dest: [pageRefs[i] as PdfRef, 'XYZ', null, Number(fmt(geometry.height - mark.top + 4)), null],
        ref: canvas.ref(),
        children: [],
      };
      while ((stack[stack.length - 1] as OutlineNode).level >= node.level && stack.length > 1) stack.pop();
      (stack[stack.length - 1] as OutlineNode).children.push(node);
      stack.push(node);
    }
  });
  if (root.children.length === 0) return;
  const count = (node: OutlineNode): number => node.children.reduce((sum, c) => sum + 1 + count(c), 0);
  const fillChildren = (parent: OutlineNode): void => {
    parent.children.forEach((child, i) => {
      const data: PdfDict = { Title: pdfString(child.title), Parent: parent.ref, Dest: child.dest };
      const prev = parent.children[i - 1];
      const next = parent.children[i + 1];
      if (prev) data.Prev = prev.ref;
      if (next) data.Next = next.ref;
      if (child.children.length > 0) {
        data.First = (child.children[0] as OutlineNode).ref;
        data.Last = (child.children[child.children.length - 1] as OutlineNode).ref;
        data.Count = count(child);
      }
      canvas.fill(child.ref, data);
      fillChildren(child);
    });
  };
  fillChildren(root);
  const rootData = canvas.outlineRoot.data;
  rootData.Type = 'Outlines';
  rootData.First = (root.children[0] as OutlineNode).ref;
  rootData.Last = (root.children[root.children.length - 1] as OutlineNode).ref;
  rootData.Count = count(root);
  canvas.catalog.Outlines = root.ref;
  canvas.catalog.PageMode = 'UseOutlines';
}

function writeStructure(
  canvas: PdfCanvas,
  blocks: readonly LaidOutBlock[],
  elements: Map<number, { ref: PdfRef; kids: PdfDict[] }>,
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
    const own = blockLang?.(index);
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
