// Layout invariants on the sample article: what a reader would check on the printed page.
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText, type Article } from '../../../../src/model/index.js';
import { layoutArticle } from '../../../../src/render/pdf/blocks/article.js';
import { cacheSizes } from '../../../../src/support/memo.js';
import type { LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import { sample } from '../../../support/articles.js';
import { collector, renderContext } from '../../../support/context.js';
import { defaultMeasure, expectParagraphsBack, lineLeft, lineRight, lineWidth } from '../layout-helpers.js';

const measure = defaultMeasure();
let article: Article;
let blocks: LaidOutBlock[];
const diagnostics = collector();

beforeAll(async () => {
  article = await sample();
  blocks = layoutArticle(article, renderContext({ diagnostics }), measure);
});

describe('layout of the sample article', () => {
  it('sets the title, the subtitle and every block of the model, in order', () => {
    expect(blocks[0]?.role).toBe('Title');
    expect(blocks[0]?.lines.map((l) => l.text).join('')).toBe(article.meta.title);
    expect(blocks[1]?.role).toBe('Subtitle');
    expect(blocks[1]?.lines.map((l) => l.text).join('')).toBe(article.meta.subtitle);
    const body = blocks.slice(2);
    const modelText = article.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.children) : ''));
    expect(body.map((b) => b.lines.map((l) => l.text).join(''))).toEqual(modelText);
    const headings = body.filter((b) => b.role.startsWith('H'));
    expect(headings.length).toBeGreaterThan(3);
    for (const h of headings) {
      expect(h.keepWithNext).toBe(true);
      expect(h.outline?.title).toBe(h.lines.map((l) => l.text).join(''));
    }
    expect(diagnostics.messages).toEqual([]);
  });

  it('puts no glyph outside the measure', () => {
    for (const block of blocks) {
      for (const line of block.lines) {
        for (const run of line.runs) {
          const advances = run.glyphs.reduce((s, g) => s + g.advance, 0);
          expect(advances).toBeCloseTo(run.width, 6);
          expect(run.x).toBeGreaterThanOrEqual(-1e-6);
          expect(run.x + run.width).toBeLessThanOrEqual(line.measure + 1e-6);
        }
        expect(line.measure).toBeCloseTo(measure - block.indent, 6);
      }
    }
  });

  it('fills the measure on every line of a justified paragraph but the last, within 0.5 pt', () => {
    const paragraphs = blocks.filter((b) => b.role === 'P' && b.lines.length > 1);
    expect(paragraphs.length).toBeGreaterThan(4);
    for (const block of paragraphs) {
      for (const line of block.lines.slice(0, -1)) {
        expect(Math.abs(lineLeft(line))).toBeLessThan(0.5);
        expect(Math.abs(lineRight(line) - line.measure)).toBeLessThan(0.5);
      }
    }
  });

  it('sets no RTL line flush left: last lines and headings end on the right', () => {
    for (const block of blocks) {
      for (const line of block.lines) {
        expect(Math.abs(lineRight(line) - line.measure)).toBeLessThan(0.5);
        if (lineWidth(line) < line.measure - 1) expect(lineLeft(line)).toBeGreaterThan(0.5);
      }
    }
  });

  it('keeps word gaps of justified lines at most 0.6 em', () => {
    for (const block of blocks.filter((b) => b.role === 'P')) {
      for (const line of block.lines) {
        for (const run of line.runs) {
          for (const glyph of run.glyphs) {
            if (glyph.text === ' ' && glyph.advance > 0) expect(glyph.advance / run.style.size).toBeLessThanOrEqual(0.6);
          }
        }
      }
    }
  });

  it('gives back the paragraph text exactly: lines in order, glyphs in logical order', () => {
    expectParagraphsBack(article, blocks);
  });

  it('shapes nothing again on a second layout: every shaping result is cached', () => {
    const context = renderContext();
    layoutArticle(article, context, measure);
    const shaped = cacheSizes()['pdf shaped words'];
    expect(shaped).toBeGreaterThan(100);
    const again = layoutArticle(article, context, measure);
    expect(cacheSizes()['pdf shaped words']).toBe(shaped);
    expect(again.map((b) => b.lines.map((l) => l.text))).toEqual(blocks.map((b) => b.lines.map((l) => l.text)));
  });

  it('lays out the whole sample quickly once warm', () => {
    const context = renderContext();
    for (let i = 0; i < 10; i++) layoutArticle(article, context, measure);
    // The best of several runs: the machine's other load only ever adds time. The point is that shaping
    // is cached and nothing is quadratic; the whole PDF has a 30 ms budget, layout must leave room.
    let best = Infinity;
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      layoutArticle(article, context, measure);
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(20);
  });
});
