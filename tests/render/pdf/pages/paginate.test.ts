// Pagination rules on synthetic blocks: margins mirrored for RTL binding, headings kept with what follows,
// no widows or orphans, furniture from page 2, every line inside the text block.
import { describe, expect, it } from 'vitest';
import { measureOf, pageMargins, type PageGeometry } from '../../../../src/render/pdf/pages/geometry.js';
import { paginate } from '../../../../src/render/pdf/pages/paginate.js';
import type { Page } from '../../../../src/render/pdf/pages/types.js';
import type { BlockRole, LaidOutBlock } from '../../../../src/render/pdf/blocks/types.js';
import type { Line } from '../../../../src/render/pdf/paragraph/types.js';

// 10 lines of 20 pt fit a text block of 200 pt.
const GEOMETRY: PageGeometry = { width: 300, height: 300, margins: { top: 50, bottom: 50, inner: 40, outer: 20 }, rtl: true };

function line(text: string, width = 200): Line {
  return { runs: [], measure: width, ascent: 14, height: 20, text };
}

function block(role: BlockRole, lines: number, name: string, extra: Partial<LaidOutBlock> = {}): LaidOutBlock {
  return {
    role,
    lines: Array.from({ length: lines }, (_, i) => line(`${name}.${i + 1}`, measureOf(GEOMETRY) - (extra.indent ?? 0))),
    indent: 0,
    spaceBefore: 0,
    spaceAfter: 0,
    keepWithNext: role.startsWith('H'),
    outline: role.startsWith('H') ? { title: name, level: 2 } : undefined,
    ...extra,
  };
}

const textOf = (page: Page): string[] => page.lines.map((l) => l.line.text);

describe('margins', () => {
  it('binds RTL documents on the right of odd pages and mirrors facing pages', () => {
    expect(pageMargins(GEOMETRY, 1)).toEqual({ left: 20, right: 40 });
    expect(pageMargins(GEOMETRY, 2)).toEqual({ left: 40, right: 20 });
    expect(pageMargins({ ...GEOMETRY, rtl: false }, 1)).toEqual({ left: 40, right: 20 });
    expect(pageMargins({ ...GEOMETRY, rtl: false }, 2)).toEqual({ left: 20, right: 40 });
  });

  it('places RTL lines against the right edge of the text block, indented from the right', () => {
    const pages = paginate([block('P', 1, 'a'), block('BlockQuote', 1, 'q', { indent: 24 })], GEOMETRY);
    const [a, q] = (pages[0] as Page).lines;
    expect(a?.x).toBe(20); // full measure: from the left margin (outer, page 1) to the right margin (inner)
    expect((q?.x ?? 0) + (q?.line.measure ?? 0)).toBe(300 - 40 - 24);
  });

  it('keeps every line inside the text block, on every page', () => {
    const blocks = Array.from({ length: 12 }, (_, i) => block(i % 3 === 0 ? 'H2' : 'P', i % 3 === 0 ? 1 : 5, `b${i}`, { spaceBefore: 6, spaceAfter: 6 }));
    for (const page of paginate(blocks, GEOMETRY)) {
      const { left, right } = pageMargins(GEOMETRY, page.number);
      for (const placed of page.lines) {
        expect(placed.x).toBeGreaterThanOrEqual(left - 1e-9);
        expect(placed.x + placed.line.measure).toBeLessThanOrEqual(300 - right + 1e-9);
        expect(placed.baseline - placed.line.ascent).toBeGreaterThanOrEqual(50 - 1e-9);
        expect(placed.baseline - placed.line.ascent + placed.line.height).toBeLessThanOrEqual(250 + 0.01);
      }
    }
  });
});

describe('breaking rules', () => {
  it('fills a page and carries on, in order', () => {
    const pages = paginate([block('P', 25, 'p')], GEOMETRY);
    expect(pages.map((p) => p.lines.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap(textOf)).toEqual(Array.from({ length: 25 }, (_, i) => `p.${i + 1}`));
  });

  it('never leaves a single last line at the head of a page (widow)', () => {
    const pages = paginate([block('P', 11, 'p')], GEOMETRY);
    expect(pages.map((p) => p.lines.length)).toEqual([9, 2]);
  });

  it('never leaves a single first line at the foot of a page (orphan)', () => {
    const pages = paginate([block('P', 9, 'a'), block('P', 5, 'b')], GEOMETRY);
    expect(textOf(pages[0] as Page)).toEqual(Array.from({ length: 9 }, (_, i) => `a.${i + 1}`));
    expect(textOf(pages[1] as Page)[0]).toBe('b.1');
  });

  it('keeps a three-line paragraph whole rather than split one way or the other', () => {
    const pages = paginate([block('P', 8, 'a'), block('P', 3, 'b')], GEOMETRY);
    expect(textOf(pages[1] as Page)).toEqual(['b.1', 'b.2', 'b.3']);
  });

  it('keeps a heading with the first two lines of what follows', () => {
    const pages = paginate([block('P', 7, 'a'), block('H2', 1, 'h'), block('P', 6, 'b')], GEOMETRY);
    // Heading + 2 lines need 3 of the 3 free lines: fits.
    expect(textOf(pages[0] as Page).slice(-3)).toEqual(['h.1', 'b.1', 'b.2']);
    const moved = paginate([block('P', 8, 'a'), block('H2', 1, 'h'), block('P', 6, 'b')], GEOMETRY);
    // Only 2 free lines: the heading goes over with its paragraph.
    expect(textOf(moved[0] as Page)).toHaveLength(8);
    expect(textOf(moved[1] as Page).slice(0, 3)).toEqual(['h.1', 'b.1', 'b.2']);
    expect(moved[1]?.bookmarks.map((b) => b.title)).toEqual(['h']);
  });

  it('drops the space before a block at the top of a page', () => {
    const pages = paginate([block('P', 10, 'a'), block('P', 2, 'b', { spaceBefore: 30 })], GEOMETRY);
    expect(pages[1]?.lines[0]?.baseline).toBe(50 + 14);
  });

  it('places rules and images in the flow', () => {
    const pages = paginate(
      [block('P', 2, 'a'), { ...block('P', 0, 'r'), rule: true, spaceBefore: 6, spaceAfter: 6 }, { ...block('Caption', 1, 'c'), image: { path: '/x.png', data: new Uint8Array(0), width: 100, height: 60 } }],
      GEOMETRY,
    );
    const page = pages[0] as Page;
    expect(page.rules).toHaveLength(1);
    expect(page.images[0]?.top).toBeGreaterThan(page.rules[0]?.y ?? Infinity);
    expect(page.images[0]?.x).toBe(20 + (240 - 100) / 2);
    expect(page.lines.at(-1)?.baseline).toBeGreaterThan((page.images[0]?.top ?? 0) + 60);
  });
});

describe('furniture', () => {
  it('sets the running head from page 2 and a folio on every page', () => {
    const head = { ...line('Title', 80), runs: [{ style: {} as never, rtl: true, lang: 'ar', glyphs: [], x: 0, width: 80 }] };
    const pages = paginate([block('P', 25, 'p')], GEOMETRY, { runningHead: head, folio: (n) => ({ ...line(String(n), 10), runs: [{ style: {} as never, rtl: false, lang: 'ar', glyphs: [], x: 0, width: 10 }] }) });
    expect(pages.map((p) => p.furniture.map((f) => f.line.text))).toEqual([['1'], ['Title', '2'], ['Title', '3']]);
    // Centred on the text block of each page (the margins differ between odd and even pages).
    const centre = (page: Page, i: number): number => (page.furniture[i]?.x ?? 0) + (page.furniture[i]?.line.runs[0]?.width ?? 0) / 2;
    expect(centre(pages[1] as Page, 0)).toBe(40 + 240 / 2);
    expect(centre(pages[2] as Page, 1)).toBe(20 + 240 / 2);
  });
});
