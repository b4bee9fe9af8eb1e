// The PDF as a file: valid (qpdf), fonts embedded as subsets only (pdffonts), reproducible byte for byte,
// metadata, bookmarks, viewer preferences, structure tree, links, page sizes, figures.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveArticle, type Article } from '../../../../src/model/index.js';
import { renderPdf } from '../../../../src/render/pdf/index.js';
import { PAGE_SIZES } from '../../../../src/theme/schema.js';
import { loadTheme } from '../../../../src/theme/index.js';
import { markdownLike, paragraph, persian, sample } from '../../../support/articles.js';
import { collector, renderContext } from '../../../support/context.js';
import { png } from '../../../support/images.js';
import { FONTS } from '../../../support/paths.js';
import { latin1, openPdf, pdffonts, pdfjsText, qpdfCheck } from '../../../support/pdf.js';
import { tempDir, writeTemp } from '../../../support/temp.js';
import { has } from '../../../support/tools.js';

describe('the sample as a PDF file', () => {
  let article: Article;
  let pdf: Uint8Array;
  beforeAll(async () => {
    const parsed = await sample();
    article = { ...parsed, meta: { ...parsed.meta, authors: ['فريق التحرير'], keywords: ['ألاسكا', 'قمة'] } };
    pdf = await renderPdf(article, renderContext());
  });

  it('is byte-identical when rendered again', async () => {
    const again = await renderPdf(article, renderContext());
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it('changes its dates and /ID only with the build date', async () => {
    const later = await renderPdf(article, renderContext({ buildDate: new Date(Date.UTC(2026, 0, 1)) }));
    expect(latin1(later)).toContain('D:20260101000000Z');
    expect(latin1(pdf)).toContain('D:20250815093000Z');
    const id = (bytes: Uint8Array): string | undefined => /\/ID \[(<[0-9a-f]+>)/.exec(latin1(bytes))?.[1];
    expect(id(pdf)).toBeDefined();
    expect(id(later)).not.toEqual(id(pdf));
  });

  it.skipIf(!has('qpdf'))('passes qpdf --check', () => {
    const run = qpdfCheck(pdf);
    expect(run.output).toContain('No syntax or stream encoding errors');
    expect(run.status).toBe(0);
  });

  it.skipIf(!has('pdffonts'))('embeds every font, as a subset, with a ToUnicode map, and no standard-14 font', () => {
    const lines = pdffonts(pdf);
    expect(lines.length).toBeGreaterThanOrEqual(2); // Amiri regular (body) and bold (title, headings)
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z]{6}\+Amiri-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
    expect(latin1(pdf)).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it.skipIf(!has('qpdf'))('embeds font programs that keep the font’s glyph ids and outlines and drop its layout tables', () => {
    // Read with qpdf and fontkit, neither of which made the file: every glyph the subset still draws has
    // the outline of the glyph with the same id in the bundled font, which is what CIDToGIDMap relies on.
    const input = writeTemp(pdf, 'sample.pdf');
    const file = input.replace(/\.pdf$/, '.qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', input, file]);
    const qdf = readFileSync(file, 'latin1');
    const descriptors = [...qdf.matchAll(/\/FontFile2 (\d+) 0 R[\s\S]*?\/FontName \/[A-Z]{6}\+([A-Za-z-]+)|\/FontName \/[A-Z]{6}\+([A-Za-z-]+)[\s\S]*?\/FontFile2 (\d+) 0 R/g)];
    expect(descriptors.length).toBeGreaterThanOrEqual(2);
    for (const match of descriptors) {
      const object = match[1] ?? match[4];
      const name = match[2] ?? match[3];
      const program = execFileSync('qpdf', [`--show-object=${object}`, '--filtered-stream-data', file], { maxBuffer: 1 << 26 });
      const subset = fontkit.create(program) as fontkit.Font;
      const original = fontkit.openSync(path.join(FONTS, `${name}.ttf`)) as fontkit.Font;
      const tables = Object.keys((subset as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables);
      expect(tables).not.toContain('GSUB');
      expect(tables).not.toContain('GPOS');
      let drawn = 0;
      for (let id = 1; id < subset.numGlyphs; id++) {
        const outline = subset.getGlyph(id).path.toSVG();
        if (outline === '') continue;
        drawn++;
        expect(outline, `${name} glyph ${id}`).toBe(original.getGlyph(id).path.toSVG());
      }
      expect(drawn).toBeGreaterThan(20);
      expect(drawn).toBeLessThan(original.numGlyphs / 4);
    }
  });

  it('carries title, author, subject, keywords, dates and producer', async () => {
    const doc = await openPdf(pdf);
    const info = (await doc.getMetadata()).info as unknown as Record<string, unknown>;
    await doc.destroy();
    expect(info.Title).toBe(article.meta.title);
    expect(info.Author).toBe('فريق التحرير');
    expect(info.Subject).toBe(article.meta.subtitle);
    expect(info.Keywords).toBe('ألاسكا, قمة');
    expect(info.Producer).toBe('warraq');
    expect(info.Creator).toBe('warraq');
    expect(info.CreationDate).toBe('D:20250815093000Z');
    expect(info.ModDate).toBe('D:20250815093000Z');
  });

  it('declares its language, right-to-left reading and the title as window title', () => {
    const raw = latin1(pdf);
    expect(raw).toMatch(/\/Lang \(ar\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Direction \/R2L/);
  });

  it('has a bookmark for every heading, in order, opening its page', async () => {
    const doc = await openPdf(pdf);
    const outline = (await doc.getOutline()) ?? [];
    const headings = article.blocks.flatMap((b) => (b.type === 'heading' ? [b.children.map((c) => ('value' in c ? c.value : '')).join('')] : []));
    const titles = outline.flatMap((item) => [item.title, ...item.items.map((i) => i.title)]);
    expect(titles).toEqual(headings);
    for (const item of outline) {
      const dest = item.dest as unknown[];
      expect(await doc.getPageIndex(dest[0] as never)).toBeGreaterThanOrEqual(0);
    }
    await doc.destroy();
  });

  it('is tagged: a structure tree of headings and paragraphs in the document language', () => {
    const raw = latin1(pdf);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Type \/StructTreeRoot/);
    expect(raw).toMatch(/\/S \/Document[\s\S]*?\/Lang \(ar\)/);
    // Title (H1) plus one element per heading.
    expect(raw.match(/\/S \/H\d/g)?.length).toBe(1 + article.blocks.filter((b) => b.type === 'heading').length);
    expect(raw.match(/\/S \/P\b/g)?.length).toBeGreaterThanOrEqual(article.blocks.filter((b) => b.type === 'paragraph').length);
  });

  it('puts the title as running head from page 2 and a page number on every page', async () => {
    const doc = await openPdf(pdf);
    expect(doc.numPages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= doc.numPages; n++) {
      const items = (await (await doc.getPage(n)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [{ str: i.str, y: i.transform[5] as number }] : []));
      const top = items.reduce((a, b) => (b.y > a.y ? b : a));
      const bottom = items.reduce((a, b) => (b.y < a.y ? b : a));
      expect(bottom.str.trim()).toBe(String(n));
      // Page 1 opens with the title itself, set large; from page 2 the small running head is above the text.
      if (n >= 2) expect(top.str.replace(/\s+/g, ' ').trim()).toBe(article.meta.title);
    }
    await doc.destroy();
  });

  it('is an A4 document with the binding margin on the right of odd pages and the left of even ones', async () => {
    const doc = await openPdf(pdf);
    const margins = loadTheme().page.margins;
    for (const [n, left] of [[1, margins.outer], [2, margins.inner]] as const) {
      const page = await doc.getPage(n);
      expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
      // Justified body lines fill the text block: their left end is the left margin of the page.
      const lefts = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.length > 80 ? [i.transform[4] as number] : []));
      expect(lefts.length).toBeGreaterThan(3);
      const typical = lefts.sort((a, b) => a - b)[Math.floor(lefts.length / 2)] as number;
      expect(typical).toBeCloseTo(left, 0);
    }
    await doc.destroy();
  });
});

describe('page sizes', () => {
  it.each(['A5', 'Letter'] as const)('sets %s from the theme', async (size) => {
    const context = renderContext({ theme: loadTheme('default', { pageSize: size }) });
    const pdf = await renderPdf(await sample(), context);
    const doc = await openPdf(pdf);
    const view = (await doc.getPage(1)).view;
    expect(view[2]).toBeCloseTo(PAGE_SIZES[size].width, 1);
    expect(view[3]).toBeCloseTo(PAGE_SIZES[size].height, 1);
    await doc.destroy();
  });
});

describe('links, figures and other languages', () => {
  it('puts a link annotation over link text', async () => {
    const pdf = await renderPdf(markdownLike(), renderContext());
    const doc = await openPdf(pdf);
    const annotations = await (await doc.getPage(1)).getAnnotations();
    const links = annotations.filter((a) => a.subtype === 'Link');
    expect(links.map((l) => l.url)).toContain('https://example.org/report?id=42');
    await doc.destroy();
  });

  it('draws a figure from a local file and warns (and still renders) when the file is missing', async () => {
    const dir = tempDir('warraq-fig-');
    writeFileSync(path.join(dir, 'dot.png'), png(40, 20, [200, 30, 30]));
    const article = resolveArticle({
      meta: { title: 'صورة' },
      blocks: [
        { type: 'figure', src: 'dot.png', alt: 'نقطة', caption: [{ type: 'text', value: 'شكل 1: نقطة حمراء' }] },
        { type: 'figure', src: 'missing.png', alt: 'مفقودة', caption: [{ type: 'text', value: 'شكل 2: صورة مفقودة' }] },
      ],
    });
    const diagnostics = collector();
    const pdf = await renderPdf(article, renderContext({ diagnostics, resourceDir: dir }));
    expect(diagnostics.messages.join('\n')).toMatch(/missing\.png/);
    expect(latin1(pdf).match(/\/Subtype \/Image/g)?.length).toBe(1);
    const text = await pdfjsText(pdf);
    expect(text).toContain('نقطة حمراء');
    expect(text).toContain('صورة مفقودة');
    if (has('qpdf')) expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('numbers Persian pages in Persian digits and declares /Lang fa', async () => {
    const pdf = await renderPdf(persian(), renderContext());
    expect(latin1(pdf)).toMatch(/\/Lang \(fa\)/);
    const text = await pdfjsText(pdf);
    expect(text).toMatch(/^\s*۱\s*$/mu);
  });

  it('writes no right-to-left preferences for a left-to-right article', async () => {
    const article = resolveArticle({ meta: { title: 'Plain English' }, blocks: [paragraph('A short paragraph in English, with 2 numbers: 42 and 7.')] });
    const pdf = await renderPdf(article, renderContext());
    expect(latin1(pdf)).toMatch(/\/Lang \(en\)/);
    expect(latin1(pdf)).not.toMatch(/\/Direction/);
    expect(await pdfjsText(pdf)).toContain('A short paragraph in English, with 2 numbers: 42 and 7.');
  });
});
