// Where the text layer's glyphs go: fonts embedded per document (a CID per glyph, text and width) and
// glyph outlines drawn as Form XObjects (marks, kashidas), each registered on the pages that use it.
import { deflateSync } from 'node:zlib';
import { memo } from '../../../support/memo.js';
import type { FontFace } from '../fonts/faces.js';
import type { PdfCanvas, PdfRef } from './canvas.js';
import { EmbeddedFont, glyphPath } from './font-embed.js';
import type { GlyphSink } from './text-layer.js';

/** A glyph outline as a Form XObject's parts. */
interface GlyphForm {
  /** The glyph's control box, in font units. */
  bbox: number[];
  /** The outline's path operators, Flate-compressed as pdfkit would. */
  deflated: Uint8Array;
}
// Every document of a batch draws the same marks and kashidas as outlines: each is built and compressed once.
const glyphForms = memo<string, GlyphForm>('pdf glyph forms', 1024);

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
export class Sink implements GlyphSink {
  private readonly fonts = new Map<FontFace, EmbeddedFont>();
  private readonly outlines = new Map<string, { name: string; ref: PdfRef }>();
  private readonly blanks = new Map<FontFace, number>();
  private onPage = new Set<string>();
  /** The face of the last CID asked for and its font, already registered on this page. */
  private last: { face: FontFace; font: EmbeddedFont } | undefined;

  constructor(private readonly canvas: PdfCanvas) {}

  newPage(): void {
    this.onPage = new Set();
    this.last = undefined;
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
    if (this.last?.face !== face) {
      this.font(face);
      this.last = { face, font: this.fonts.get(face) as EmbeddedFont };
    }
    return this.last.font.cid(glyphId, text, width);
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

  /** Writes every font; `consistentWidths` for PDF/A (font-embed.ts). */
  finish(consistentWidths = false): void {
    for (const font of this.fonts.values()) font.finish(this.canvas, consistentWidths);
  }
}

