// HarfBuzz's shaping as the pipeline drives it (what the PDF draws) against fontkit, a second and
// independent OpenType engine, on the same Amiri file: same glyph ids, same advances, same mark offsets.
// The two agree on every word of these texts, so a difference means our driving of HarfBuzz (direction,
// script, language, scaling, logical order) went wrong.
import bidiFactory from 'bidi-js';
import { openSync, type Font } from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../../../../src/model/index.js';
import { faceChain, loadFace } from '../../../../src/render/pdf/fonts/faces.js';
import { alignClusters, shape } from '../../../../src/render/pdf/paragraph/shape.js';
import { orderMarks } from './mark-order.js';
import { itemize, otLanguage, otScript } from '../../../../src/render/pdf/paragraph/itemize.js';
import { buildPieces } from '../../../../src/render/pdf/paragraph/segment.js';
import { breakOpportunities } from '../../../../src/render/pdf/paragraph/segment.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { silentDiagnostics } from '../../../../src/support/errors.js';
import { sample } from '../../../support/articles.js';

const theme = loadTheme();
const face = faceChain(theme, 'regular')[0]!;
const bidi = bidiFactory();

interface RefGlyph {
  id: number;
  advance: number;
  xOffset: number;
  yOffset: number;
}

let reference: Font;

/** A fresh fontkit instance of the file, shared with nothing in the pipeline. */
function fontkitOf(file: string): Font {
  return openSync(file) as Font;
}

beforeAll(() => {
  reference = fontkitOf(face.path);
});

/**
 * fontkit's glyphs in visual order, in font units. fontkit neither mirrors brackets (UAX #9 L4) nor puts
 * Arabic marks in canonical shaping order, both of which HarfBuzz does in RTL runs, so the reference is
 * given mirrored characters and marks in the order orderMarks gives.
 */
function fontkitShaping(text: string, rtl: boolean, script = 'arab', language: string | undefined = rtl ? 'ARA ' : undefined, font = reference): RefGlyph[] {
  const input = rtl ? orderMarks([...text].map((char) => bidi.getMirroredCharacter(char) ?? char).join('')) : text;
  const run = font.layout(input, [], script, language, rtl ? 'rtl' : 'ltr');
  return run.glyphs.map((glyph, i) => {
    const position = run.positions[i];
    return { id: glyph.id, advance: position?.xAdvance ?? NaN, xOffset: position?.xOffset ?? NaN, yOffset: position?.yOffset ?? NaN };
  });
}

/** Ours in visual order, in font units, rounded as HarfBuzz reports integers. */
function ours(text: string, rtl: boolean, script = 'arab'): RefGlyph[] {
  const shaped = shape(face, text, { rtl, script, language: rtl ? 'ARA ' : undefined });
  const upem = face.font.unitsPerEm;
  const visual = rtl ? [...shaped.glyphs].reverse() : [...shaped.glyphs];
  return visual.map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * upem), xOffset: Math.round(g.xOffset * upem), yOffset: Math.round(g.yOffset * upem) }));
}

const DIACRITISED =
  'وَقَالَ الشَّاعِرُ: إِنَّ الْعِلْمَ نُورٌ يُضِيءُ دُرُوبَ الْحَيَاةِ، وَالْجَهْلَ ظَلَامٌ يُعْمِي الْبَصَائِرَ؛ ' +
  'فَاطْلُبُوا الْعِلْمَ مِنَ الْمَهْدِ إِلَى اللَّحْدِ، وَلَا تَسْتَحْيُوا مِنْ سُؤَالِ مَنْ هُوَ أَعْلَمُ مِنْكُمْ. ' +
  'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، قُلْ هُوَ اللَّهُ أَحَدٌ، اللَّهُ الصَّمَدُ.';

describe('HarfBuzz shaping as driven here matches fontkit', () => {
  it('for every distinct word of the sample, as the pipeline cuts and shapes it', async () => {
    const article = await sample();
    const texts = [article.meta.title, article.meta.subtitle ?? '', ...article.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.children) : ''))];
    const words = new Set(texts.join(' ').split(/\s+/u).filter((w) => w !== ''));
    expect(words.size).toBeGreaterThan(300);
    let compared = 0;
    for (const word of words) {
      // The word as one RTL paragraph: itemization splits "2025." into an LTR number and an RTL stop.
      const itemized = itemize([{ text: word, style: { bold: false, italic: false, size: 12, color: '#000000' } }], {
        dir: 'rtl', lang: 'ar', theme, diagnostics: silentDiagnostics, warned: new Set(),
      });
      for (const piece of buildPieces(itemized, breakOpportunities(word), 1e6)) {
        const text = word.slice(piece.start, piece.end);
        const expected = fontkitShaping(text, piece.item.rtl, otScript(piece.item.script), otLanguage(piece.item.lang));
        const visual = piece.item.rtl ? [...piece.glyphs].reverse() : piece.glyphs;
        const got = visual.map((g) => ({ id: g.glyphId, advance: Math.round((g.advance / 12) * 1000), xOffset: Math.round((g.xOffset / 12) * 1000), yOffset: Math.round((g.yOffset / 12) * 1000) }));
        expect({ text, glyphs: got }).toEqual({ text, glyphs: expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(words.size);
  });

  it('for the headings and the title in Amiri Bold, and a diacritised phrase in every face', async () => {
    const article = await sample();
    const headings = [article.meta.title, ...article.blocks.map((b) => (b.type === 'heading' ? inlineText(b.children) : ''))];
    const bold = faceChain(theme, 'bold')[0]!;
    const fontkitBold = fontkitOf(bold.path);
    const toUnits = (glyphs: readonly { glyphId: number; advance: number; xOffset: number; yOffset: number }[]): RefGlyph[] =>
      [...glyphs].reverse().map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * 1000), xOffset: Math.round(g.xOffset * 1000), yOffset: Math.round(g.yOffset * 1000) }));
    for (const word of new Set(headings.join(' ').split(/\s+/u).filter((w) => w !== ''))) {
      expect({ word, glyphs: toUnits(shape(bold, word, { rtl: true, script: 'arab', language: 'ARA ' }).glyphs) }).toEqual({ word, glyphs: fontkitShaping(word, true, 'arab', 'ARA ', fontkitBold) });
    }
    for (const variant of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
      const f = faceChain(theme, variant)[0]!;
      const fontkitFace = fontkitOf(f.path);
      for (const word of ['الشَّاعِرُ', 'اللَّهِ', 'الرَّحْمَٰنِ', 'بِسْمِ']) {
        expect({ variant, word, glyphs: toUnits(shape(f, word, { rtl: true, script: 'arab', language: 'ARA ' }).glyphs) }).toEqual({ variant, word, glyphs: fontkitShaping(word, true, 'arab', 'ARA ', fontkitFace) });
      }
    }
  });

  it('for a fully diacritised paragraph, word by word and as a whole', () => {
    for (const word of new Set(DIACRITISED.split(' '))) expect({ word, glyphs: ours(word, true) }).toEqual({ word, glyphs: fontkitShaping(word, true) });
    expect(ours(DIACRITISED, true)).toEqual(fontkitShaping(DIACRITISED, true));
  });

  it('for Persian with ZWNJ and Persian digits, and for English', () => {
    for (const text of ['می‌خواهم کتاب‌ها را بخوانم', 'سال ۱۴۰۳', 'هفته‌نامه']) {
      const shaped = shape(face, text, { rtl: true, script: 'arab', language: 'FAR ' });
      const got = [...shaped.glyphs].reverse().map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * 1000), xOffset: Math.round(g.xOffset * 1000), yOffset: Math.round(g.yOffset * 1000) }));
      expect(got).toEqual(fontkitShaping(text, true, 'arab', 'FAR '));
    }
    expect(ours('Office affluent waffle, 2025.', false, 'latn')).toEqual(fontkitShaping('Office affluent waffle, 2025.', false, 'latn'));
  });
});

describe('clusters', () => {
  it('give back the shaped text exactly, marks included, and group a mark with its letter', () => {
    for (const text of DIACRITISED.split(' ').concat(['می‌خواهم', 'لا', 'الله', 'Office'])) {
      const shaped = shape(face, text, { rtl: !/^[A-Za-z]/.test(text), script: /^[A-Za-z]/.test(text) ? 'latn' : 'arab' });
      const heads = shaped.glyphs.filter((g) => g.clusterHead);
      expect(heads.map((g) => text.slice(g.clusterStart, g.clusterEnd)).join('')).toBe(text);
    }
    // بِ: the kasra is drawn as its own glyph but belongs to the ba's cluster.
    const shaped = shape(face, 'بِسْمِ', { rtl: true, script: 'arab' });
    const heads = shaped.glyphs.filter((g) => g.clusterHead).map((g) => 'بِسْمِ'.slice(g.clusterStart, g.clusterEnd));
    expect(heads).toEqual(['بِ', 'سْ', 'مِ']);
    expect(shaped.glyphs.length).toBeGreaterThan(heads.length);
  });

  it('merge a ligature that skipped a mark with that mark', () => {
    // Glyph 0 stands for lam and alef (a ligature that skipped the shadda), glyph 1 for the shadda.
    expect(alignClusters('لّا', [[0x644, 0x627], [0x651]]).map((c) => [c.start, c.end, c.head])).toEqual([
      [0, 3, true],
      [0, 3, false],
    ]);
    // A glyph added by a multiple substitution (no characters) joins the cluster before it.
    expect(alignClusters('ab', [[0x61], [], [0x62]]).map((c) => [c.start, c.end, c.head])).toEqual([
      [0, 1, true],
      [0, 1, false],
      [1, 2, true],
    ]);
  });

  it('loads each font file once per process', () => {
    expect(loadFace(face.path)).toBe(face);
  });
});
