// The PDF's view of a font file (HarfBuzz), checked against fontkit reading the same files: metrics,
// cmap, advances and outlines agree; files that are not one TrueType/OpenType face are refused clearly.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/support/errors.js';
import { loadFace } from '../../../../src/render/pdf/fonts/faces.js';
import { FONTS, SAMPLE as SAMPLE_FILE } from '../../../support/paths.js';
import { tempDir } from '../../../support/temp.js';

const SAMPLE = readFileSync(SAMPLE_FILE, 'utf8');

describe('font faces for the PDF', () => {
  for (const name of ['Amiri-Regular', 'Amiri-BoldItalic']) {
    it(`reads ${name} as fontkit does`, () => {
      const file = path.join(FONTS, `${name}.ttf`);
      const face = loadFace(file).font;
      const reference = fontkit.openSync(file) as fontkit.Font;
      expect(face.unitsPerEm).toBe(reference.unitsPerEm);
      expect([face.ascent, face.descent, face.capHeight, face.italicAngle]).toEqual([reference.ascent, reference.descent, reference.capHeight, reference.italicAngle]);
      expect(face.bbox).toEqual({ minX: reference.bbox.minX, minY: reference.bbox.minY, maxX: reference.bbox.maxX, maxY: reference.bbox.maxY });
      expect(face.postscriptName).toBe(reference.postscriptName);
      expect(face.trueTypeOutlines).toBe(true);
      for (const char of new Set([...SAMPLE, '😀', '中'])) {
        const codePoint = char.codePointAt(0)!;
        const expected = reference.hasGlyphForCodePoint(codePoint) ? reference.glyphForCodePoint(codePoint).id : undefined;
        expect(face.glyphFor(codePoint), char).toBe(expected);
        if (expected === undefined) continue;
        const glyph = reference.getGlyph(expected);
        expect(face.advance(expected)).toBe(glyph.advanceWidth);
        const outline = face.outline(expected).map(({ type, values }) => `${type}${values.join(' ')}`).join('');
        expect(outline, char).toBe(glyph.path.toSVG().replace(/,/g, ' '));
      }
    });
  }

  it('takes the strikeout stroke from the OS/2 table, else from the x-height', () => {
    const file = path.join(FONTS, 'Amiri-Regular.ttf');
    const os2 = (fontkit.openSync(file) as fontkit.Font & { 'OS/2': { yStrikeoutPosition: number; yStrikeoutSize: number } })['OS/2'];
    const face = loadFace(file).font;
    // yStrikeoutPosition is the top of the stroke; the face gives its centre.
    expect(face.strikeout).toEqual({ position: os2.yStrikeoutPosition - os2.yStrikeoutSize / 2, thickness: os2.yStrikeoutSize });
    expect(face.xHeight).toBe((fontkit.openSync(file) as fontkit.Font).xHeight);
    // The same font with no strikeout stroke in its OS/2 table (yStrikeoutSize 0).
    const bytes = new Uint8Array(readFileSync(file));
    const view = new DataView(bytes.buffer);
    const tables = view.getUint16(4);
    const entry = Array.from({ length: tables }, (_, i) => 12 + 16 * i).find((at) => String.fromCharCode(...bytes.subarray(at, at + 4)) === 'OS/2')!;
    view.setInt16(view.getUint32(entry + 8) + 26, 0);
    const patched = path.join(tempDir('warraq-fonts-'), 'no-strikeout.ttf');
    writeFileSync(patched, bytes);
    expect(loadFace(patched).font.strikeout).toEqual({ position: 0.55 * face.xHeight, thickness: face.unitsPerEm / 18 });
  });

  it('refuses, with a clear message, files that are not one TrueType or OpenType face', () => {
    const dir = tempDir('warraq-fonts-');
    const cases: [string, Uint8Array, RegExp][] = [
      ['notes.ttf', new TextEncoder().encode('this is not a font, only a text file'), /notes\.ttf: not a TrueType or OpenType font/],
      ['family.ttf', new Uint8Array([...new TextEncoder().encode('ttcf'), 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16]), /family\.ttf: a font collection/],
      ['web.ttf', new Uint8Array([...new TextEncoder().encode('wOF2'), 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), /web\.ttf: WOFF fonts are for the web/],
      ['empty.ttf', new Uint8Array(0), /empty\.ttf: not a TrueType or OpenType font/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      expect(() => loadFace(file)).toThrow(UserError);
      expect(() => loadFace(file)).toThrow(message);
    }
  });
});
