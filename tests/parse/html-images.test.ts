// Which image a saved page's <img> names when it has no src of its own: its srcset's sharpest candidate
// (parsed as browsers parse srcset), else its <picture>'s first source of a type warraq embeds; with none
// at all, the alt text stays, with a warning, rather than the image vanishing without a word.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/index.js';
import { parseString } from '../../src/parse/index.js';
import { collector } from '../support/context.js';

const TEXT = Array.from({ length: 5 }, (_, i) => `<p>فقرة رقم ${i} من نص المقال، فيها كلمات كافية ليعدّها القارئ جزءاً من المقال نفسه.</p>`).join('');

async function blocksOf(image: string): Promise<{ blocks: Block[]; warnings: string[] }> {
  const diagnostics = collector();
  const page = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>صفحة</title></head><body><article><h1>صفحة</h1>${TEXT}${image}${TEXT}</article></body></html>`;
  const article = await parseString(page, 'html', { file: 'page.html', diagnostics });
  return { blocks: article.blocks.filter((b) => b.type !== 'paragraph' || !/فقرة رقم/.test(JSON.stringify(b))), warnings: diagnostics.messages };
}

const figure = (src: string, alt: string): Block => ({ type: 'figure', src, alt, caption: [] });

describe('images without a src', () => {
  it('take the sharpest srcset candidate, by density or by width', async () => {
    expect((await blocksOf('<picture><source srcset="a.png 1x, b.png 2x"><img alt="أ"></picture>')).blocks).toEqual([figure('b.png', 'أ')]);
    expect((await blocksOf('<picture><source srcset="s.png 480w,l.png 1200w, m.png 800w"><img alt="أ"></picture>')).blocks).toEqual([figure('l.png', 'أ')]);
    // A URL may hold a comma; only a comma after it, or ending it before a space, separates candidates.
    expect((await blocksOf('<img srcset="a,1.png, b,2.png 3x" alt="أ">')).blocks).toEqual([figure('b,2.png', 'أ')]);
  });

  it('pass over <picture> sources of types no format embeds', async () => {
    const { blocks } = await blocksOf('<picture><source type="image/avif" srcset="x.avif 2x"><source type="image/webp" srcset="x.webp"><img alt="أ"></picture>');
    expect(blocks).toEqual([figure('x.webp', 'أ')]);
  });

  it('keep their alt text and caption, with a warning, when nothing names a usable image', async () => {
    const { blocks, warnings } = await blocksOf('<figure><picture><source type="image/avif" srcset="x.avif"><img alt="نص بديل"></picture><figcaption>تعليق</figcaption></figure>');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'نص بديل' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'تعليق' }] },
    ]);
    expect(warnings).toEqual(['page.html: an image with no usable source ("نص بديل"): kept its alt text']);
  });
});
