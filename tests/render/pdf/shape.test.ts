// fontkit's shaping (what the PDF draws) against HarfBuzz (the reference shaper), on the same Amiri file:
// same glyph ids, same advances, same mark offsets.
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../../../src/model/index.js';
import { faceChain, loadFace } from '../../../src/render/pdf/fonts.js';
import { alignClusters, shape } from '../../../src/render/pdf/shape.js';
import { orderMarks } from '../../../src/render/pdf/marks.js';
import { itemize } from '../../../src/render/pdf/itemize.js';
import { buildPieces } from '../../../src/render/pdf/pieces.js';
import { breakOpportunities } from '../../../src/render/pdf/linebreak.js';
import { loadTheme } from '../../../src/theme/index.js';
import { collector, sampleArticle } from './layout-helpers.js';

const theme = loadTheme();
const face = faceChain(theme, 'regular')[0]!;

interface HbGlyph {
  id: number;
  advance: number;
  xOffset: number;
  yOffset: number;
}

let hbFont: hb.Font;

function hbFontOf(file: string): hb.Font {
  const data = readFileSync(file);
  return new hb.Font(new hb.Face(new hb.Blob(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))));
}

beforeAll(() => {
  hbFont = hbFontOf(face.path);
});

/** HarfBuzz's glyphs in visual order, in font units. */
function harfbuzz(text: string, rtl: boolean, script = 'Arab', language = rtl ? 'ar' : 'en', font = hbFont): HbGlyph[] {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  buffer.setScript(script);
  buffer.setLanguage(language);
  hb.shape(font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const out = infos.map((info, i) => ({ id: info.codepoint, advance: positions[i]?.xAdvance ?? NaN, xOffset: positions[i]?.xOffset ?? NaN, yOffset: positions[i]?.yOffset ?? NaN }));
  return out;
}

/** Ours in visual order, in font units, rounded as HarfBuzz reports integers. */
function ours(text: string, rtl: boolean, script = 'arab'): HbGlyph[] {
  const shaped = shape(face, rtl ? orderMarks(text) : text, { rtl, script, language: rtl ? 'ARA ' : undefined });
  const upem = face.font.unitsPerEm;
  const visual = rtl ? [...shaped.glyphs].reverse() : [...shaped.glyphs];
  return visual.map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * upem), xOffset: Math.round(g.xOffset * upem), yOffset: Math.round(g.yOffset * upem) }));
}

const DIACRITISED =
  'وَقَالَ الشَّاعِرُ: إِنَّ الْعِلْمَ نُورٌ يُضِيءُ دُرُوبَ الْحَيَاةِ، وَالْجَهْلَ ظَلَامٌ يُعْمِي الْبَصَائِرَ؛ ' +
  'فَاطْلُبُوا الْعِلْمَ مِنَ الْمَهْدِ إِلَى اللَّحْدِ، وَلَا تَسْتَحْيُوا مِنْ سُؤَالِ مَنْ هُوَ أَعْلَمُ مِنْكُمْ. ' +
  'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، قُلْ هُوَ اللَّهُ أَحَدٌ، اللَّهُ الصَّمَدُ.';

describe('shaping matches HarfBuzz', () => {
  it('for every distinct word of the sample, as the pipeline cuts and shapes it', async () => {
    const article = await sampleArticle();
    const texts = [article.meta.title, article.meta.subtitle ?? '', ...article.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.children) : ''))];
    const words = new Set(texts.join(' ').split(/\s+/u).filter((w) => w !== ''));
    expect(words.size).toBeGreaterThan(300);
    let compared = 0;
    for (const word of words) {
      // The word as one RTL paragraph: itemization splits "2025." into an LTR number and an RTL stop.
      const itemized = itemize([{ text: word, style: { bold: false, italic: false, size: 12, color: '#000000' } }], {
        dir: 'rtl', lang: 'ar', theme, diagnostics: collector(), warned: new Set(),
      });
      for (const piece of buildPieces(itemized, breakOpportunities(word), 1e6)) {
        const text = word.slice(piece.start, piece.end);
        const expected = harfbuzz(text, piece.item.rtl);
        const visual = piece.item.rtl ? [...piece.glyphs].reverse() : piece.glyphs;
        const got = visual.map((g) => ({ id: g.glyphId, advance: Math.round((g.advance / 12) * 1000), xOffset: Math.round((g.xOffset / 12) * 1000), yOffset: Math.round((g.yOffset / 12) * 1000) }));
        expect({ text, glyphs: got }).toEqual({ text, glyphs: expected });
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(words.size);
  });

  it('for the headings and the title in Amiri Bold, and a diacritised phrase in every face', async () => {
    const article = await sampleArticle();
    const headings = [article.meta.title, ...article.blocks.map((b) => (b.type === 'heading' ? inlineText(b.children) : ''))];
    const bold = faceChain(theme, 'bold')[0]!;
    const hbBold = hbFontOf(bold.path);
    const toUnits = (glyphs: readonly { glyphId: number; advance: number; xOffset: number; yOffset: number }[]): HbGlyph[] =>
      [...glyphs].reverse().map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * 1000), xOffset: Math.round(g.xOffset * 1000), yOffset: Math.round(g.yOffset * 1000) }));
    for (const word of new Set(headings.join(' ').split(/\s+/u).filter((w) => w !== ''))) {
      expect({ word, glyphs: toUnits(shape(bold, orderMarks(word), { rtl: true, script: 'arab', language: 'ARA ' }).glyphs) }).toEqual({ word, glyphs: harfbuzz(word, true, 'Arab', 'ar', hbBold) });
    }
    for (const variant of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
      const f = faceChain(theme, variant)[0]!;
      const hbf = hbFontOf(f.path);
      for (const word of ['الشَّاعِرُ', 'اللَّهِ', 'الرَّحْمَٰنِ', 'بِسْمِ']) {
        expect({ variant, word, glyphs: toUnits(shape(f, orderMarks(word), { rtl: true, script: 'arab', language: 'ARA ' }).glyphs) }).toEqual({ variant, word, glyphs: harfbuzz(word, true, 'Arab', 'ar', hbf) });
      }
    }
  });

  it('for a fully diacritised paragraph, word by word and as a whole', () => {
    for (const word of new Set(DIACRITISED.split(' '))) expect({ word, glyphs: ours(word, true) }).toEqual({ word, glyphs: harfbuzz(word, true) });
    expect(ours(DIACRITISED, true)).toEqual(harfbuzz(DIACRITISED, true));
  });

  it('for Persian with ZWNJ and Persian digits, and for English', () => {
    for (const text of ['می‌خواهم کتاب‌ها را بخوانم', 'سال ۱۴۰۳', 'هفته‌نامه']) {
      const shaped = shape(face, text, { rtl: true, script: 'arab', language: 'FAR ' });
      const got = [...shaped.glyphs].reverse().map((g) => ({ id: g.glyphId, advance: Math.round(g.advance * 1000), xOffset: Math.round(g.xOffset * 1000), yOffset: Math.round(g.yOffset * 1000) }));
      expect(got).toEqual(harfbuzz(text, true, 'Arab', 'fa'));
    }
    expect(ours('Office affluent waffle, 2025.', false, 'latn')).toEqual(harfbuzz('Office affluent waffle, 2025.', false, 'Latn'));
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
