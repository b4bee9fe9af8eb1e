// Kashida justification: lines filled by tatweel where Arabic joining allows, text layer unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/model/index.js';
import { faceChain } from '../../../../src/render/pdf/fonts/faces.js';
import { kashidaPoints } from '../../../../src/render/pdf/paragraph/kashida.js';
import { joiningType } from '../../../../src/render/pdf/paragraph/joining.js';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import { shape } from '../../../../src/render/pdf/paragraph/shape.js';
import type { LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import { loadTheme, type Theme } from '../../../../src/theme/index.js';
import { sample } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { defaultMeasure, expectParagraphsBack, lineLeft, lineRight } from '../layout-helpers.js';

const base = loadTheme();
const kashidaTheme: Theme = { ...base, justify: 'kashida' };
const face = faceChain(base, 'regular')[0]!;
const tatweel = shape(face, '\u0640', { rtl: true, script: 'arab' }).glyphs[0]?.glyphId;
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
    // بوتين: after ب (joins to و), after ت, after ي; never after و (right-joining).
    expect(kashidaPoints('بوتين').sort()).toEqual([1, 3, 4]);
    // لا is one ligature: no tatweel inside it. ا and ء join nothing after them.
    expect(kashidaPoints('لا')).toEqual([]);
    expect(kashidaPoints('ماء')).toEqual([1]);
    // A letter's marks stay with it: the tatweel goes after the kasra of بِ.
    expect(kashidaPoints('بِسْمِ')).toEqual([4, 2]);
  });

  it('fills the measure, stretches words with tatweel, and keeps spaces tighter than inter-word justification', () => {
    let tatweels = 0;
    let kashidaSpace = 0;
    let plainSpace = 0;
    for (const [index, block] of blocks.entries()) {
      if (block.role !== 'P') continue;
      for (const line of block.lines.slice(0, -1)) {
        expect(Math.abs(lineLeft(line))).toBeLessThan(0.5);
        expect(Math.abs(lineRight(line) - line.measure)).toBeLessThan(0.5);
        for (const run of line.runs) {
          for (const g of run.glyphs) {
            if (g.glyphId === tatweel && g.text === '') tatweels++;
            if (g.text === ' ') kashidaSpace = Math.max(kashidaSpace, g.advance);
          }
        }
      }
      for (const line of plain[index]?.lines.slice(0, -1) ?? []) {
        for (const run of line.runs) for (const g of run.glyphs) if (g.text === ' ') plainSpace = Math.max(plainSpace, g.advance);
      }
    }
    expect(tatweels).toBeGreaterThan(20);
    expect(kashidaSpace).toBeLessThan(plainSpace);
  });

  it('gives back the source text exactly: tatweel stands for nothing', () => {
    expectParagraphsBack(article, blocks);
  });
});
