// Kashida justification: lines filled by tatweel where Arabic joining allows, text layer unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/model/index.js';
import { faceChain } from '../../../../src/render/pdf/fonts/faces.js';
import { bestKashidaPoint, kashidaPoints } from '../../../../src/render/pdf/paragraph/kashida.js';
import { joiningType } from '../../../../src/render/pdf/paragraph/joining.js';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import { shape, tatweelSafeOffsets } from '../../../../src/render/pdf/paragraph/shape.js';
import type { LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import { loadTheme, type Theme } from '../../../../src/theme/index.js';
import { sample } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { defaultMeasure, expectParagraphsBack, lineLeft, lineRight } from '../layout-helpers.js';

const base = loadTheme();
const kashidaTheme: Theme = { ...base, justify: 'kashida' };
const face = faceChain(base, 'regular')[0]!;
// Amiri draws an inserted tatweel with its own kashida glyphs, one for each length: all of them count.
const tatweels = new Set([1, 2, 3, 4].flatMap((n) => shape(face, `ب${'\u0640'.repeat(n)}ب`, { rtl: true, script: 'arab' }).glyphs.slice(1, -1).map((g) => g.glyphId)));
const measure = defaultMeasure();
let article: Article;
let blocks: LaidOutBlock[];
let plain: LaidOutBlock[];

beforeAll(async () => {
  article = await sample();
  blocks = layoutArticle(article, renderContext({ theme: kashidaTheme }), measure);
  plain = layoutArticle(article, renderContext({ theme: base }), measure);
});

describe('kashida justification', () => {
  it('places tatweel only between letters that join', () => {
    expect(joiningType(0x0628)).toBe('D');
    expect(joiningType(0x0627)).toBe('R');
    expect(joiningType(0x0621)).toBe('U');
    const offsets = (word: string, safe?: ReadonlySet<number>): number[] => kashidaPoints(word, safe).map((p) => p.offset);
    // بوتين: after ب (joins to و), after ت, after ي; never after و (right-joining).
    expect(offsets('بوتين')).toEqual([1, 3, 4]);
    // لا is one ligature: no tatweel inside it. ا and ء join nothing after them.
    expect(offsets('لا')).toEqual([]);
    expect(offsets('ماء')).toEqual([1]);
    // A letter's marks stay with it: the tatweel goes after the kasra of بِ.
    expect(offsets('بِسْمِ')).toEqual([2, 4]);
  });

  it('ranks the places by the classical priorities and keeps only those HarfBuzz calls safe', () => {
    const best = (word: string): number | undefined => bestKashidaPoint(kashidaPoints(word))?.offset;
    // After seen/sad first: المستشفى after the ش (offset 6), not after the س.
    expect(best('المستشفى')).toBe(6);
    // Before a final ta marbuta: مدرسة has a seen (after it, 4) which still wins; مكتبة stretches before ة.
    expect(best('مدرسة')).toBe(4);
    expect(best('مكتبة')).toBe(4);
    // Before a final alef: كتابا… كتاب's best is before its final ba (ا is right-joining: ت–ا).
    expect(kashidaPoints('كتاب').find((p) => p.offset === 2)?.priority).toBe(3);
    // Before a final ra/waw, then final ba/ya, then any join.
    expect(kashidaPoints('تفكير').at(-1)?.priority).toBe(4);
    expect(kashidaPoints('عربي').at(-1)?.priority).toBe(5);
    expect(kashidaPoints('تفكير')[0]?.priority).toBe(6);
    // HarfBuzz's flag narrows them: where it says a tatweel would disturb the shaping, none goes.
    const safe = tatweelSafeOffsets(face, 'الروسي', { rtl: true, script: 'arab' });
    const all = kashidaPoints('الروسي').map((p) => p.offset);
    const kept = kashidaPoints('الروسي', safe).map((p) => p.offset);
    expect(kept.every((o) => safe.has(o))).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(all.length);
    expect(tatweelSafeOffsets(face, 'المستشفى', { rtl: true, script: 'arab' }).has(6)).toBe(true);
  });

  it('fills the measure, stretches words with tatweel, and keeps spaces tighter than inter-word justification', () => {
    let stretched = 0;
    let kashidaSpace = 0;
    let plainSpace = 0;
    for (const [index, block] of blocks.entries()) {
      if (block.role !== 'P') continue;
      for (const line of block.lines.slice(0, -1)) {
        expect(Math.abs(lineLeft(line))).toBeLessThan(0.5);
        expect(Math.abs(lineRight(line) - line.measure)).toBeLessThan(0.5);
        for (const run of line.runs) {
          for (const g of run.glyphs) {
            if (tatweels.has(g.glyphId) && g.text === '') stretched++;
            if (g.text === ' ') kashidaSpace = Math.max(kashidaSpace, g.advance);
          }
        }
      }
      for (const line of plain[index]?.lines.slice(0, -1) ?? []) {
        for (const run of line.runs) for (const g of run.glyphs) if (g.text === ' ') plainSpace = Math.max(plainSpace, g.advance);
      }
    }
    expect(stretched).toBeGreaterThan(10);
    expect(kashidaSpace).toBeLessThan(plainSpace);
  });

  it("keeps every elongation within the theme's kashida.maxElongation", () => {
    const one = new Set(shape(face, 'ب\u0640ب', { rtl: true, script: 'arab' }).glyphs.slice(1, -1).map((g) => g.glyphId));
    // Amiri's glyphs for two, three and four tatweels in a row (one glyph each).
    const longer = new Set([...tatweels].filter((id) => !one.has(id)));
    const used = (theme: Theme): number => {
      let n = 0;
      for (const block of layoutArticle(article, renderContext({ theme }), measure)) for (const line of block.lines) for (const run of line.runs) for (const g of run.glyphs) if (longer.has(g.glyphId) && g.text === '') n++;
      return n;
    };
    // The default (0.6 em at 12 pt: three tatweels) does use longer elongations; 0.2 em allows one tatweel only.
    expect(used(kashidaTheme)).toBeGreaterThan(0);
    expect(used({ ...kashidaTheme, kashida: { maxElongation: 0.2 } })).toBe(0);
  });

  it('gives back the source text exactly: tatweel stands for nothing', () => {
    expectParagraphsBack(article, blocks);
  });
});
