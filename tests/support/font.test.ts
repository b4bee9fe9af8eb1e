// A file is a font only if a font reader would read it as one: TrueType, OpenType, a collection, WOFF or
// WOFF2 whose tables lie inside it and hold what every reader opens first. What passes here fontkit reads
// too; text, cut-short files, broken tables and compression bombs do not pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkFont } from '../../src/support/font.js';
import { collection, woff, woff2 } from './fonts.js';
import { FONTS } from './paths.js';

const REGULAR = readFileSync(path.join(FONTS, 'Amiri-Regular.ttf'));
const BOLD = readFileSync(path.join(FONTS, 'Amiri-Bold.ttf'));

/** How fontkit sees the file: its glyph count and the glyph it maps alef to (0 when it cannot read the file). */
function fontkitView(bytes: Buffer): { glyphs: number; alef: number } {
  const opened = fontkit.create(bytes);
  const font = 'fonts' in opened ? opened.fonts[0]! : opened;
  return { glyphs: font.numGlyphs, alef: font.glyphForCodePoint(0x627).id };
}

describe('font files', () => {
  it('takes TrueType, a collection, WOFF and WOFF2, each of which fontkit reads the same', () => {
    const expected = fontkitView(REGULAR);
    expect(expected.alef).toBeGreaterThan(0);
    const cases = [
      ['truetype', REGULAR],
      ['collection', collection([REGULAR, BOLD])],
      ['woff', woff(REGULAR)],
      ['woff2', woff2(REGULAR)],
    ] as const;
    for (const [format, bytes] of cases) {
      expect(checkFont(bytes), format).toEqual({ format });
      expect(fontkitView(bytes), format).toEqual(expected);
    }
  });

  it('refuses text, cut-short files and broken tables, naming what is wrong', () => {
    expect(checkFont(Buffer.from('root:x:0:0:root:/root:/bin/bash\n')).problem).toMatch(/^not a font/);
    expect(checkFont(Buffer.alloc(0)).problem).toMatch(/^not a font/);
    expect(checkFont(REGULAR.subarray(0, 4096)).problem).toMatch(/^a broken TrueType font \(its \S+ table lies past the end of the file\)/);
    const badHead = Buffer.from(REGULAR);
    const head = badHead.indexOf('head', 12, 'latin1');
    badHead.writeUInt32BE(0, badHead.readUInt32BE(head + 8) + 12); // the head table's magic number
    expect(checkFont(badHead).problem).toBe('a broken TrueType font (a broken head table)');
    expect(checkFont(woff(REGULAR).subarray(0, 20000)).problem).toMatch(/^a broken WOFF font/);
    expect(checkFont(woff2(REGULAR).subarray(0, 20000)).problem).toMatch(/^a broken WOFF2 font/);
    const corrupt = woff2(REGULAR);
    corrupt.fill(0x55, 300, 400); // inside the Brotli stream
    expect(checkFont(corrupt).problem).toMatch(/^a broken WOFF2 font/);
  });

  it('refuses a WOFF table that inflates past the size it claims (a zlib bomb), without inflating it', () => {
    const bomb = woff(REGULAR);
    // The first table's data made 64 MB of zeros deflated (64 KB), claiming to inflate to twice its stored size.
    const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const forged = Buffer.concat([bomb, zeros]);
    forged.writeUInt32BE(forged.length, 8);
    forged.writeUInt32BE(bomb.length, 44 + 4);
    forged.writeUInt32BE(zeros.length, 44 + 8);
    forged.writeUInt32BE(zeros.length * 2, 44 + 12);
    expect(checkFont(forged).problem).toMatch(/^a broken WOFF font \(its \S+ table does not inflate to its size\)/);
  });
});
