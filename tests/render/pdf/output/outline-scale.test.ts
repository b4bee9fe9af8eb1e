// Glyphs drawn as outlines (harakat, kashidas: glyphs with no text of their own) are scaled exactly from
// font units to the type size (issue #19): at 10.5 pt in a 1000-unit font, 0.0105, not 0.011 rounded
// (which drew them ~5 % larger than the letters they sit on). Read back through pdf.js's operator list:
// the transform in front of each Form XObject the page paints.
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../../../src/render/pdf/index.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { faceChain } from '../../../../src/render/pdf/fonts/faces.js';
import { vowelled } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { openPdf } from '../../../support/pdf.js';

/** The scale of every outline glyph page 1 paints: the transform just before each form XObject. */
async function outlineScales(pdf: Uint8Array): Promise<number[]> {
  const doc = await openPdf(pdf);
  const list = await (await doc.getPage(1)).getOperatorList();
  const out: number[] = [];
  for (let i = 1; i < list.fnArray.length; i++) {
    if (list.fnArray[i] !== OPS.paintFormXObjectBegin) continue;
    const [a, b, c, d] = (list.argsArray[i - 1] ?? []) as number[];
    if (list.fnArray[i - 1] === OPS.transform && b === 0 && c === 0 && a !== undefined) out.push(a, d ?? NaN);
  }
  await doc.destroy();
  return out;
}

describe('outline glyphs', () => {
  it.each([10.5, 12, 9.25])('are scaled exactly at %s pt', async (size) => {
    const base = loadTheme('a5');
    // Every text size the same, so each outline's scale can be told from the one the old rounding gave.
    const theme = { ...base, sizes: { ...base.sizes, body: size, title: size, subtitle: size, quote: size, heading: [size, size, size, size, size, size] } };
    const pdf = await renderPdf(vowelled(), renderContext({ theme }));
    const upem = faceChain(theme, 'regular')[0]!.font.unitsPerEm;
    const scales = (await outlineScales(pdf)).filter((s) => Math.abs(s / (size / upem) - 1) < 0.08);
    // The harakat of a fully vowelled text: many outlines at body size.
    expect(scales.length).toBeGreaterThan(20);
    for (const s of scales) expect(Math.abs(s - size / upem)).toBeLessThan(1e-7);
  }, 60_000);
});
