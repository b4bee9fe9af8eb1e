// What the PDF pipeline reads from a font file, all through HarfBuzz (the shaper's own view of the font):
// the cmap, advances, outlines and extents of glyphs, and the few header metrics the font descriptor and
// the line box need. One engine for shaping and metrics means one parse of each font per process and no
// second font library on the path from article to PDF.
import * as hb from 'harfbuzzjs';
import { UserError } from '../../../support/errors.js';

export interface Box {
  /** Left edge, in font units. */
  minX: number;
  /** Bottom edge, in font units (y grows upwards). */
  minY: number;
  /** Right edge, in font units. */
  maxX: number;
  /** Top edge, in font units. */
  maxY: number;
}

/** One drawing command of a glyph outline, in font units with y growing upwards. */
export interface OutlineCommand {
  /** The operator, as in SVG paths: move to, line to, quadratic Bézier, cubic Bézier, close the contour. */
  type: 'M' | 'L' | 'Q' | 'C' | 'Z';
  /** x, y pairs: the end point for M and L, control point(s) then end point for Q and C; none for Z. */
  values: number[];
}

export class FaceFont {
  /** The HarfBuzz font the shaper uses; its scale is unitsPerEm, so everything is in font units. */
  readonly harfBuzz: hb.Font;
  /** head unitsPerEm: font units per em, the scale of every other metric here. */
  readonly unitsPerEm: number;
  /** hhea ascender, in font units. */
  readonly ascent: number;
  /** hhea descender, in font units; negative, as it lies below the baseline. */
  readonly descent: number;
  /** OS/2 cap height, or the ascent when the table predates it. */
  readonly capHeight: number;
  /** OS/2 x-height; half an em when the table predates it (version < 2) or leaves it unset. */
  readonly xHeight: number;
  /**
   * Where a line through the text goes: the centre of the stroke above the baseline, and its thickness, in
   * font units. From OS/2 yStrikeoutPosition (the stroke's top) and yStrikeoutSize; where the font gives
   * none that lies between baseline and ascender, 0.55 of the x-height and a stroke of 1/18 em (the underline's).
   */
  readonly strikeout: { readonly position: number; readonly thickness: number };
  /** post italic angle, degrees. */
  readonly italicAngle: number;
  /** head bounding box of all glyphs. */
  readonly bbox: Box;
  /** The PostScript name (name ID 6). */
  readonly postscriptName: string;
  /** TrueType (glyf) outlines; CFF-flavoured fonts cannot be embedded the way the PDF needs. */
  readonly trueTypeOutlines: boolean;
  private readonly nominal = new Map<number, number | undefined>();
  private readonly outlines = new Map<number, readonly OutlineCommand[]>();

  constructor(file: string, data: Uint8Array) {
    const face = new hb.Face(new hb.Blob(data));
    this.harfBuzz = new hb.Font(face);
    const head = table(face, 'head', 54, file);
    const hhea = table(face, 'hhea', 36, file);
    this.unitsPerEm = head.getUint16(18);
    this.bbox = { minX: head.getInt16(36), minY: head.getInt16(38), maxX: head.getInt16(40), maxY: head.getInt16(42) };
    this.ascent = hhea.getInt16(4);
    this.descent = hhea.getInt16(6);
    const os2 = face.referenceTable('OS/2');
    // yStrikeoutSize (offset 26) and yStrikeoutPosition (28) are in every version; sxHeight and sCapHeight
    // (86, 88) from version 2.
    const os2View = os2 && os2.length >= 30 ? new DataView(os2.buffer, os2.byteOffset, os2.byteLength) : undefined;
    const version2 = os2View !== undefined && os2View.byteLength >= 90 && os2View.getUint16(0) >= 2;
    this.capHeight = version2 ? os2View.getInt16(88) : this.ascent;
    this.xHeight = version2 && os2View.getInt16(86) > 0 ? os2View.getInt16(86) : this.unitsPerEm / 2;
    const thickness = os2View?.getInt16(26) ?? 0;
    const top = os2View?.getInt16(28) ?? 0;
    this.strikeout = thickness > 0 && top - thickness / 2 > 0 && top <= this.ascent
      ? { position: top - thickness / 2, thickness }
      : { position: 0.55 * this.xHeight, thickness: this.unitsPerEm / 18 };
    const post = face.referenceTable('post');
    this.italicAngle = post && post.length >= 8 ? new DataView(post.buffer, post.byteOffset, post.byteLength).getInt32(4) / 65536 : 0;
    this.postscriptName = face.getName(6, 'en');
    this.trueTypeOutlines = (face.referenceTable('glyf')?.length ?? 0) > 0;
  }

  /** The glyph the cmap gives a code point, or undefined when the font lacks it. */
  glyphFor(codePoint: number): number | undefined {
    if (this.nominal.has(codePoint)) return this.nominal.get(codePoint);
    const glyph = this.harfBuzz.nominalGlyph(codePoint);
    this.nominal.set(codePoint, glyph);
    return glyph;
  }

  advance(glyphId: number): number {
    return this.harfBuzz.glyphHAdvance(glyphId);
  }

  /** The glyph's outline; an empty list for blank glyphs (space). */
  outline(glyphId: number): readonly OutlineCommand[] {
    let outline = this.outlines.get(glyphId);
    if (!outline) {
      outline = withoutClosingLines(this.harfBuzz.glyphToJson(glyphId) as OutlineCommand[]);
      this.outlines.set(glyphId, outline);
    }
    return outline;
  }

  /** The glyph's control box (glyf header), in font units. */
  glyphBox(glyphId: number): Box {
    const extents = this.harfBuzz.glyphExtents(glyphId);
    if (!extents) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
    return {
      minX: extents.xBearing,
      minY: extents.yBearing + extents.height,
      maxX: extents.xBearing + extents.width,
      maxY: extents.yBearing,
    };
  }
}

function table(face: hb.Face, tag: string, minLength: number, file: string): DataView {
  const bytes = face.referenceTable(tag);
  if (!bytes || bytes.length < minLength) throw new UserError(`${file}: not a usable font (no '${tag}' table)`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** HarfBuzz closes each contour with a line back to its start; the close-path operator already does that. */
function withoutClosingLines(commands: readonly OutlineCommand[]): OutlineCommand[] {
  const out: OutlineCommand[] = [];
  let startX = 0;
  let startY = 0;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i] as OutlineCommand;
    if (command.type === 'M') [startX, startY] = [command.values[0] ?? 0, command.values[1] ?? 0];
    const next = commands[i + 1];
    if (command.type === 'L' && next?.type === 'Z' && command.values[0] === startX && command.values[1] === startY) continue;
    out.push(command);
  }
  return out;
}
