// Property test of the XHTML stage on random mixed-script inline trees: the markup is well-formed, the
// text a reader sees is exactly the model's, and every isolate holds text of its own direction only.
// `npm test` runs a few hundred cases; FUZZ_RUNS raises it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, inlineArbitrary } from '../../support/arbitraries.js';
import { parseXml } from '../../support/zip.js';
import { silentDiagnostics } from '../../../src/support/errors.js';
import type { Block, Direction } from '../../../src/model/schema.js';
import { hasStrong } from '../../../src/render/epub/bidi-runs.js';
import { localeStrings } from '../../../src/locale/index.js';
import { flatText, renderBlocks, renderInlines, type XhtmlContext } from '../../../src/render/epub/xhtml.js';
import { elements, visibleText } from './helpers.js';

const RUNS = fuzzRuns(300);

const piece = fc.constantFrom(
  'قمة', 'ألاسكا', 'تقدّمًا', 'پژوهش', 'Putin', 'C++', 'Windows', '10', '2025', '١٢٣', '.', '،', '؟', '(', ')', '«', '»', '"', '-', '+',
  ' ', ' ', ' ', 'https://example.org/a?b=1', '<script>', '&', ']]>', '<!--', '\u200F', '😀', '𝐀', '漢',
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
const inline = inlineArbitrary(text);
const inlines = fc.array(inline, { maxLength: 6 });

function context(dir: Direction): XhtmlContext {
  return { dir, labels: localeStrings(dir === 'rtl' ? 'ar' : 'en', dir), diagnostics: silentDiagnostics, image: () => undefined, headings: [] };
}

function page(body: string): ReturnType<typeof parseXml> {
  return parseXml(`<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${body}</div>`, 'fragment');
}

describe('XHTML of random inline content', () => {
  it('is well-formed, shows exactly the model text, and isolates only opposite-direction text', () => {
    fc.assert(
      fc.property(inlines, fc.constantFrom<Direction>('rtl', 'ltr'), (nodes, dir) => {
        const ctx = context(dir);
        const html = renderInlines(nodes, dir, ctx);
        // A run boundary inside a surrogate pair would leave a lone surrogate: not a character XML can hold.
        expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        const doc = page(html);
        expect(visibleText(doc.documentElement!)).toBe(flatText(nodes, ctx.labels));
        for (const span of elements(doc, 'span')) {
          const spanDir = span.getAttribute('dir') as Direction;
          const shown = visibleText(span);
          expect(spanDir).not.toBe(dir);
          expect(hasStrong(shown, spanDir)).toBe(true);
          expect(hasStrong(shown, dir)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps every block’s text, in order, through paragraphs, headings, quotes and lists', () => {
    const block: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
      block: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        inlines.map((children): Block => ({ type: 'paragraph', children })),
        inlines.map((children): Block => ({ type: 'heading', level: 2, children })),
        fc.array(tie('block'), { maxLength: 3 }).map((children): Block => ({ type: 'blockquote', children })),
        fc.array(fc.array(tie('block'), { maxLength: 2 }), { maxLength: 3 }).map((items): Block => ({ type: 'list', ordered: true, items })),
        text.map((value): Block => ({ type: 'code', value })),
      ),
    })).block;
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), fc.constantFrom<Direction>('rtl', 'ltr'), (blocks, dir) => {
        const ctx = context(dir);
        const doc = page(renderBlocks(blocks, ctx));
        const expected = blocksFlat(blocks, ctx);
        expect(visibleText(doc.documentElement!).replace(/\s+/gu, '')).toBe(expected.replace(/\s+/gu, ''));
        expect(elements(doc, 'h2').map((h) => h.getAttribute('id'))).toEqual(ctx.headings.map((h) => h.id));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

function blocksFlat(blocks: readonly Block[], ctx: XhtmlContext): string {
  return blocks
    .map((b): string => {
      switch (b.type) {
        case 'paragraph':
        case 'heading':
          return flatText(b.children, ctx.labels);
        case 'blockquote':
          return blocksFlat(b.children, ctx);
        case 'list':
          return b.items.map((item) => blocksFlat(item, ctx)).join('');
        case 'code':
          return b.value;
        default:
          return '';
      }
    })
    .join('');
}
