// Link underlines skip the descenders of Arabic letters (ر ى ع ق و …) as browsers' ink-skipping does
// (issue #19), read from the page's pixels: the same paragraph rendered with and without its link (the
// theme's link colour set to the text's, so only the underline differs); the pixels the link adds are the
// underline, and none of them may touch the letters' ink.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/model/index.js';
import { resolveArticle } from '../../../../src/model/index.js';
import { renderPdf } from '../../../../src/render/pdf/index.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { text } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { writeTemp } from '../../../support/temp.js';

const WORDS = 'الطريق إلى القرى يمر عبر الوديان والجبال حتى يصل البحر';

function linked(link: boolean): Article {
  const children = link ? [{ type: 'link' as const, url: 'https://example.org/', children: [text(WORDS)] }] : [text(WORDS)];
  return resolveArticle({ meta: { title: 'رابط', lang: 'ar' }, blocks: [{ type: 'paragraph', children }] });
}

/** Page 1 in grey at 300 dpi: width, height and one byte a pixel (0 black, 255 white). */
function raster(pdf: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const file = writeTemp(pdf, 'page.pdf');
  const prefix = path.join(path.dirname(file), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', '300', '-f', '1', '-l', '1', file, prefix]);
  const data = readFileSync(`${prefix}-1.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: data.subarray(header[0].length) };
}

describe('a link underline under Arabic letters', () => {
  it('breaks around the descenders instead of cutting through them', async () => {
    const base = loadTheme();
    const theme = { ...base, colours: { ...base.colours, link: base.colours.text } };
    const withLink = raster(await renderPdf(linked(true), renderContext({ theme })));
    const plain = raster(await renderPdf(linked(false), renderContext({ theme })));
    expect(withLink.width).toBe(plain.width);
    const { width, height } = plain;
    const ink = (x: number, y: number): boolean => (plain.pixels[y * width + x] ?? 255) < 200;
    let underline = 0;
    let touching = 0;
    const rows = new Set<number>();
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        // A pixel the underline darkens, where the plain page is white.
        if ((withLink.pixels[i] ?? 255) > 128 || (plain.pixels[i] ?? 255) < 250) continue;
        underline++;
        rows.add(y);
        if (ink(x - 1, y) || ink(x + 1, y) || ink(x, y - 1) || ink(x, y + 1)) touching++;
      }
    }
    // An underline is there, a line a few pixels thick under the whole paragraph's line(s)…
    expect(underline).toBeGreaterThan(1000);
    expect(rows.size).toBeLessThan(30);
    // … and never meets the letters: ink-skipping leaves clear space around every descender.
    expect(touching).toBe(0);
  }, 60_000);
});
