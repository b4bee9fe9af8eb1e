// Font embedding for the text layer: Type0 / CIDFontType2 (Identity-H) with our own CID allocation.
//
// Why not pdfkit's embedding: its ToUnicode map keeps the code points of the first use of a glyph id, and
// glyphs from one-to-many substitutions get none, so copy and search break. Here a CID is allocated per
// (glyph, text, width): the same outline may sit behind several CIDs (the CIDToGIDMap maps them all to one
// glyph of the subset), each with its own /W width and its own ToUnicode text. That lets text-layer.ts write
// a line as one TJ with no numbers in it (see text-layer.ts for why that matters).
//
// The font program is a subset made by hb-subset that keeps glyph ids (fonts/subset.ts), named
// TAG+PostScriptName with a tag derived from the glyph set, so identical input gives identical bytes.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { appendGlyphCopies, type GlyphCopy } from '../../../fonts/glyph-copies.js';
import { pdfFontProgram } from '../../../fonts/subset.js';
import { memo } from '../../../support/memo.js';
import { UserError } from '../../../support/errors.js';
import type { OutlineCommand } from '../fonts/face-font.js';
import type { FontFace } from '../fonts/faces.js';
import { fmt, pdfString, type PdfCanvas, type PdfDict, type PdfRef } from './canvas.js';

interface CidEntry {
  glyphId: number;
  text: string;
  /** Width in text space units (1/1000 em). */
  width: number;
}

export class EmbeddedFont {
  readonly face: FontFace;
  /** Resource name on the pages, e.g. "F1". */
  readonly name: string;
  readonly ref: PdfRef;
  // CIDs by glyph, then width, then text: numbers as keys, no key string made per glyph drawn.
  private readonly byGlyph = new Map<number, Map<number, Map<string, number>>>();
  // CID 0 is .notdef with no text; real CIDs start at 1.
  private readonly entries: CidEntry[] = [{ glyphId: 0, text: '', width: 0 }];

  constructor(face: FontFace, name: string, ref: PdfRef) {
    this.face = face;
    this.name = name;
    this.ref = ref;
  }

  /** The CID for a glyph drawn with this text and this advance (1/1000 em, already quantised). */
  cid(glyphId: number, text: string, width: number): number {
    let byWidth = this.byGlyph.get(glyphId);
    if (byWidth === undefined) this.byGlyph.set(glyphId, (byWidth = new Map()));
    let byText = byWidth.get(width);
    if (byText === undefined) byWidth.set(width, (byText = new Map()));
    let cid = byText.get(text);
    if (cid === undefined) {
      cid = this.entries.length;
      if (cid > 0xffff) throw new Error(`${this.face.key}: more than 65535 distinct glyph uses on one font`);
      this.entries.push({ glyphId, text, width });
      byText.set(text, cid);
    }
    return cid;
  }

  /**
   * Writes the font program, descriptor, widths, CIDToGIDMap and ToUnicode, and the font dictionary. With
   * `consistentWidths` (PDF/A), a CID whose width is not its glyph's advance maps to a copy of the glyph
   * with that advance (fonts/glyph-copies.ts), so the program's widths are the dictionary's.
   */
  finish(canvas: PdfCanvas, consistentWidths = false): void {
    const font = this.face.font;
    // CFF outlines would need CIDFontType0, where CIDs are bound to glyphs by the font's own charset and
    // cannot carry one glyph under several CIDs: refuse clearly rather than write a broken font.
    if (!font.trueTypeOutlines) {
      throw new UserError(`${this.face.path}: PostScript-flavoured (CFF) OpenType fonts are not supported in the PDF; use a TrueType (.ttf) font`);
    }
    // The subset holds the glyphs in ascending id order, so it depends only on the set of glyphs used.
    const glyphIds = [...new Set(this.entries.map((e) => e.glyphId))].sort((a, b) => a - b);
    // The subset keeps glyph ids: a CID maps to the font's own glyph, or to its copy.
    const gids = this.entries.map((e) => e.glyphId);
    const copies: GlyphCopy[] = [];
    if (consistentWidths) {
      // The subset keeps the font's hmtx: its advances are the face's own.
      const copyOf = new Map<string, number>();
      this.entries.forEach((entry, cid) => {
        if (cid === 0) return;
        const advance = Math.round((entry.width * font.unitsPerEm) / 1000);
        if (advance === font.advance(entry.glyphId)) return;
        const key = `${entry.glyphId} ${advance}`;
        let index = copyOf.get(key);
        if (index === undefined) {
          index = copies.length;
          copies.push({ glyphId: entry.glyphId, advance });
          copyOf.set(key, index);
        }
        gids[cid] = -1 - index;
      });
    }
    const program = subsetProgram(this.face, glyphIds, copies);
    const cidToGid = new Uint8Array(this.entries.length * 2);
    for (let cid = 0; cid < this.entries.length; cid++) {
      const given = gids[cid] as number;
      const gid = given >= 0 ? given : (program.copyIds[-1 - given] as number);
      cidToGid[cid * 2] = gid >> 8;
      cidToGid[cid * 2 + 1] = gid & 255;
    }
    const baseFont = `${subsetTag(this.face.key, glyphIds, copies)}+${(font.postscriptName || this.face.key).replace(/[^A-Za-z0-9-]/g, '')}`;
    const scale = 1000 / font.unitsPerEm;

    const fontFile = canvas.compressedObject({ Length1: program.length }, program.deflated);
    const bbox = font.bbox;
    const [ascent, descent] = describedExtent(font.ascent * scale, font.descent * scale);
    const descriptor = canvas.object({
      Type: 'FontDescriptor',
      FontName: baseFont,
      // Symbolic: the glyphs are addressed by CID, not by a standard encoding.
      Flags: 4,
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
      ItalicAngle: font.italicAngle,
      Ascent: ascent,
      Descent: descent,
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      StemV: 80,
      FontFile2: fontFile,
    });
    const map = canvas.object({}, cidToGid);
    const cidFont = canvas.object({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: pdfString('Adobe'), Ordering: pdfString('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 0,
      W: this.widths(),
      CIDToGIDMap: map,
    });
    const toUnicode = canvas.object({}, this.toUnicodeCMap());
    canvas.fill(this.ref, {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    } satisfies PdfDict);
  }

  private widths(): number[] | (number | number[])[] {
    // One run: CIDs are allocated densely from 1, so a single `1 [w1 w2 ...]` covers them all.
    return [1, this.entries.slice(1).map((e) => Number(fmt(e.width)))];
  }

  private toUnicodeCMap(): string {
    const lines: string[] = [];
    const mapped = this.entries.map((e, cid) => ({ cid, text: e.text })).filter((e) => e.text !== '');
    for (let i = 0; i < mapped.length; i += 100) {
      const chunk = mapped.slice(i, i + 100);
      lines.push(`${chunk.length} beginbfchar`);
      for (const { cid, text } of chunk) lines.push(`<${hex4(cid)}> <${utf16Hex(text)}>`);
      lines.push('endbfchar');
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <ffff>',
      'endcodespacerange',
      ...lines,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

interface SubsetProgram {
  /** Uncompressed size (FontFile2 /Length1) and the Flate-compressed program. */
  length: number;
  deflated: Uint8Array;
  /** The glyph id of each copy asked for, in order. */
  copyIds: number[];
}

// Compressing the font program is a good part of a warm render, and rebuilding the same article (or
// articles with the same glyphs) gives the same program: keep the last few.
const programs = memo<string, SubsetProgram>('pdf font programs', 16);

function subsetProgram(face: FontFace, glyphIds: readonly number[], copies: readonly GlyphCopy[]): SubsetProgram {
  const key = `${face.path}\0${glyphIds.join(',')}\0${copiesKey(copies)}`;
  const hit = programs.get(key);
  if (hit) return hit;
  const subset = pdfFontProgram(face.path, glyphIds);
  const { program: bytes, ids } = copies.length > 0 ? appendGlyphCopies(subset, copies) : { program: subset, ids: [] };
  const program = { length: bytes.length, deflated: new Uint8Array(deflateSync(bytes)), copyIds: ids };
  programs.set(key, program);
  return program;
}

/** The copies of a program as text, for keys and tags. */
function copiesKey(copies: readonly GlyphCopy[]): string {
  return copies.map((c) => `${c.glyphId}:${c.advance}`).join(',');
}

/** Six capital letters from the glyph set (and copies): the same glyphs give the same tag, as PDF asks of subsets. */
export function subsetTag(key: string, glyphIds: readonly number[], copies: readonly GlyphCopy[] = []): string {
  const copied = copies.length === 0 ? '' : `/${copiesKey(copies)}`;
  const digest = createHash('sha256').update(`${key}:${glyphIds.join(',')}${copied}`).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

/** A glyph outline as PDF path operators, in font units (the caller scales with `cm`). */
export function glyphPath(outline: readonly OutlineCommand[]): string {
  const ops: string[] = [];
  let cx = 0;
  let cy = 0;
  for (const { type, values: args } of outline) {
    const a = args.map((v) => fmt(v));
    switch (type) {
      case 'M':
        ops.push(`${a[0]} ${a[1]} m`);
        [cx, cy] = [args[0] ?? 0, args[1] ?? 0];
        break;
      case 'L':
        ops.push(`${a[0]} ${a[1]} l`);
        [cx, cy] = [args[0] ?? 0, args[1] ?? 0];
        break;
      case 'Q': {
        // Quadratic → cubic: control points two thirds of the way to the quadratic's control point.
        const [qx = 0, qy = 0, x = 0, y = 0] = args;
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        ops.push(`${fmt(c1x)} ${fmt(c1y)} ${fmt(c2x)} ${fmt(c2y)} ${fmt(x)} ${fmt(y)} c`);
        [cx, cy] = [x, y];
        break;
      }
      case 'C':
        ops.push(`${a.join(' ')} c`);
        [cx, cy] = [args[4] ?? 0, args[5] ?? 0];
        break;
      case 'Z':
        ops.push('h');
        break;
    }
  }
  ops.push('f');
  return ops.join('\n');
}

/**
 * The Ascent and Descent a font is described with, in 1/1000 em: its own, unless together they pass
 * 1.8 em (the default line height; Amiri's are 1.76 em), as Nastaliq's 2.5 em do, then scaled down to
 * it. poppler takes every glyph's box from them, and boxes taller than the line pitch made it take the
 * lines of list items for interleaved columns (97.4 % of an Urdu article's words in order, 99.0 % with
 * these); the outlines themselves are not changed.
 */
function describedExtent(ascent: number, descent: number): [number, number] {
  const shrink = Math.min(1, MAX_DESCRIBED_EXTENT / (ascent - descent));
  return [Math.round(ascent * shrink), Math.round(descent * shrink)];
}
const MAX_DESCRIBED_EXTENT = 1800;
