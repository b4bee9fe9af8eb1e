// Tables with merged cells and column alignment, as their readers see them. A saved news page's table
// (tests/fixtures/html/table-spans.html: a two-row header whose first cells span both rows and whose
// "votes" cell spans two columns, provinces merged down two rows, a body cell across two columns, one
// column right-aligned and one centred by the page's markup), real documents' GFM delimiter rows and a
// Wikipedia page's colspans, and a long table of merged bands built from the model's JSON. Checked where
// the ink lands in warraq's PDF and in LibreOffice's rendering of the DOCX (poppler's word boxes), in
// Chromium's layout of the EPUB, in the PDF's structure tree, and as python-docx and mammoth read the DOCX.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/index.js';
import { inlineText } from '../../src/model/index.js';
import { tableGrid } from '../../src/model/table.js';
import { parseFile, parseString } from '../../src/parse/index.js';
import { collector, renderContext } from '../support/context.js';
import { article } from '../support/articles.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { warraq } from '../support/cli.js';
import { pdfjsPages, pdfjsText, pdftotext, qpdfCheck, structureText } from '../support/pdf.js';
import { FIXTURES, REAL } from '../support/paths.js';
import { pageWords, type Word } from '../support/pixels.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip, unzippedEpub } from '../support/zip.js';

type Table = Extract<Block, { type: 'table' }>;
const SPANS = path.join(FIXTURES, 'html', 'table-spans.html');
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import docx']).status === 0);

let dir = '';
const out = (name: string): string => path.join(dir, name);
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(out(name)));
const tables = async (file: string): Promise<Table[]> => (await parseFile(file)).blocks.filter((b): b is Table => b.type === 'table');

/** A long table in the model's JSON: a two-row header, then 40 bands of a category merged down 3 rows. */
function longTable(): string {
  const text = (value: string): { type: 'text'; value: string }[] => [{ type: 'text', value }];
  const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمنهوي'];
  const word = (i: number): string => `${LETTERS[Math.floor(i / LETTERS.length) % LETTERS.length]}ا${LETTERS[i % LETTERS.length]}`;
  const rows: ReturnType<typeof text>[][] = [[text('الأولى'), text('الثانية')]];
  const spans = [{ row: 0, cell: 0, rows: 2 }, { row: 0, cell: 1, columns: 2 }];
  for (let band = 0; band < 40; band++) {
    for (let k = 0; k < 3; k++) {
      if (k === 0) spans.push({ row: rows.length + 1, cell: 0, rows: 3 });
      rows.push([...(k === 0 ? [text(`فئة${word(band)}`)] : []), text(`بند${word(band * 3 + k)}`), text(String(1001 + band * 3 + k))]);
    }
  }
  return JSON.stringify({ meta: { title: 'جدول طويل', lang: 'ar' }, blocks: [{ type: 'table', header: [text('الفئة'), text('القيم')], rows, spans }] });
}

/** A cell merged down 150 rows: taller than any page. */
function tallMerge(): string {
  const text = (value: string): { type: 'text'; value: string }[] => [{ type: 'text', value }];
  const rows = Array.from({ length: 150 }, (_, k) => [...(k === 0 ? [text('الكل')] : []), text(String(2001 + k))]);
  return JSON.stringify({ meta: { title: 'خلية طويلة', lang: 'ar' }, blocks: [{ type: 'table', header: [], rows, spans: [{ row: 0, cell: 0, rows: 150 }] }] });
}

/** A row taller than two pages: a cell of 400 numbered sentences beside a short one, then a short row. */
function tallRow(): string {
  const text = (value: string): { type: 'text'; value: string }[] => [{ type: 'text', value }];
  const long = Array.from({ length: 400 }, (_, k) => `هذه جملة طويلة في خلية الجدول رقم ${k + 1}.`).join(' ');
  return JSON.stringify({ meta: { title: 'صف طويل', lang: 'ar' }, blocks: [
    { type: 'paragraph', children: text('فقرة قبل الجدول.') },
    { type: 'table', header: [text('العمود'), text('الوصف')], rows: [[text('أ'), text(long)], [text('ب'), text('قصير')]] },
    { type: 'paragraph', children: text('فقرة بعد الجدول.') },
  ] });
}

beforeAll(() => {
  dir = tempDir('warraq-table-spans-');
  writeFileSync(out('long.json'), longTable());
  writeFileSync(out('tall.json'), tallMerge());
  writeFileSync(out('tall-row.json'), tallRow());
  for (const input of [SPANS, out('long.json'), out('tall.json'), out('tall-row.json')]) {
    const run = warraq(['build', input, '--out', dir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
}, 180_000);

describe('the model of a table', () => {
  it('reads a page’s rowspan and colspan, its header rows, and the alignment its cells state', async () => {
    const [table] = await tables(SPANS);
    expect(inlineText(table!.caption ?? [])).toBe('حصيلة الفرز الرسمية');
    expect(table!.header.map((c) => inlineText(c))).toEqual(['المحافظة', 'القائمة', 'الأصوات']);
    expect(table!.align).toEqual([null, null, 'right', 'center']);
    const grid = tableGrid(table!);
    expect(grid.columns).toBe(4);
    expect(grid.rows.map((r) => r.header)).toEqual([true, true, false, false, false, false, false]);
    // The second header row's cells take the slots the first row's merged cells leave.
    expect(grid.rows[1]!.cells.filter((c) => !c.filler).map((c) => [inlineText(c.inlines), c.column])).toEqual([['الأولى', 2], ['الثانية', 3]]);
    expect(grid.rows[2]!.cells.map((c) => [inlineText(c.inlines), c.rows, c.columns])).toEqual([['القاهرة', 2, 1], ['الوفاق', 1, 1], ['1204', 1, 1], ['877', 1, 1]]);
    expect(grid.rows[6]!.cells.map((c) => [inlineText(c.inlines), c.columns])).toEqual([['أسوان', 1], ['المستقلون', 1], ['لم تُعلن النتائج بعد', 2]]);
  });

  it('takes GFM’s delimiter row as each column’s alignment (a real Hebrew README)', async () => {
    const found = await tables(path.join(REAL, 'he-javascript-algorithms-readme.md'));
    expect(found.map((t) => t.align ?? null)).toEqual([null, [null, 'center', 'center', 'center', 'center', 'left'], [null, 'center', 'center', 'center', 'center', 'center', 'left']]);
  });

  it('reads the merged cells of a raw HTML table in Markdown, as READMEs write them', async () => {
    const source = '# جدول\n\nفقرة أولى في المقال.\n\n<table>\n<tr><th colspan="2">العنوان</th></tr>\n<tr><td rowspan="2">أ</td><td align="right">1</td></tr>\n<tr><td align="right">2</td></tr>\n</table>\n';
    const article = await parseString(source, 'md', { file: 'raw.md', diagnostics: collector() });
    const [found] = article.blocks.filter((b): b is Table => b.type === 'table');
    expect(found?.spans).toEqual([{ row: 0, cell: 0, columns: 2 }, { row: 1, cell: 0, rows: 2 }]);
    expect(found?.align).toEqual([null, 'right']);
  });

  it('reads a Wikipedia page’s colspans, and a table without <th> as one without a header', async () => {
    const found = await tables(path.join(REAL, 'ar-wikipedia-mathematics.html'));
    const spanned = found.filter((t) => (t.spans ?? []).length > 0);
    expect(spanned.map((t) => t.spans!.length)).toEqual([11, 3]);
    expect(spanned.every((t) => t.spans!.every((s) => s.columns === 2 && s.rows === undefined))).toBe(true);
    // The first table is four rows of <td> (numbers and formulas): no header; the page centres its text.
    expect(found[0]!.header).toEqual([]);
    expect(found[0]!.rows).toHaveLength(4);
    expect(found[0]!.align?.filter((a) => a !== null)).toEqual(['center', 'center', 'center']);
  });
});

/** The first word that is `text`, the marked word space pdf.js needs (a right-to-left mark and a space) aside. */
function word(words: readonly Word[], text: string): Word {
  const found = words.find((w) => w.text.replace(/[\u200f\s]/gu, '') === text);
  if (!found) throw new Error(`no word «${text}» among ${words.map((w) => w.text).join(' ')}`);
  return found;
}
const xMid = (w: Word): number => (w.xMin + w.xMax) / 2;
const yMid = (w: Word): number => (w.yMin + w.yMax) / 2;

/** What a reader sees of the fixture's table on a page: merged cells between their rows, columns aligned. */
function holdsTheGrid(pdf: string): void {
  const words = pageWords(pdf);
  const at = (text: string): Word => word(words, text);
  // The caption above the table, centred over it (the table's edges: its first and last columns' text).
  expect(at('حصيلة').yMax).toBeLessThan(at('الأصوات').yMin);
  const captionMid = (at('حصيلة').xMax + at('الرسمية').xMin) / 2;
  expect(captionMid).toBeLessThan(at('القاهرة').xMax);
  expect(captionMid).toBeGreaterThan(at('877').xMin);
  // Right to left: province, list, first round, second round.
  expect(at('القاهرة').xMin).toBeGreaterThan(at('الوفاق').xMax);
  expect(at('الوفاق').xMin).toBeGreaterThan(at('1204').xMax);
  expect(at('1204').xMin).toBeGreaterThan(at('877').xMax);
  // Merged down two rows: in the middle of them.
  for (const [merged, above, below] of [['القاهرة', '1204', '96'], ['الإسكندرية', '3310', '455'], ['المحافظة', 'الأصوات', 'الأولى']] as const) {
    expect(Math.abs(yMid(at(merged)) - (yMid(at(above)) + yMid(at(below))) / 2), `«${merged}» midway between its rows`).toBeLessThan(3);
  }
  // Merged across two columns: the votes heading over both rounds.
  expect(xMid(at('الأصوات'))).toBeLessThan(xMid(at('1204')));
  expect(xMid(at('الأصوات'))).toBeGreaterThan(xMid(at('877')));
  // The first round's column is aligned right (its heading too), the second's centred. (In warraq's PDF
  // poppler's box of a figure takes in the marked word space after it that pdf.js needs, 0.25 em.)
  for (const other of ['96', '3310', '455']) expect(Math.abs(at(other).xMax - at('1204').xMax), `«${other}» flush right`).toBeLessThan(1.5);
  expect(Math.abs(at('الأولى').xMax - at('1204').xMax), 'the heading flush right').toBeLessThan(3.5);
  for (const other of ['15320', '2048', '61', 'الثانية']) expect(Math.abs(xMid(at(other)) - xMid(at('877'))), `«${other}» centred`).toBeLessThan(1.5);
  // The body cell across both rounds states no side of its own: it starts at the first round's right edge.
  expect(at('لم').xMax).toBeGreaterThan(at('النتائج').xMax);
  expect(Math.abs(at('لم').xMax - at('1204').xMax)).toBeLessThan(3.5);
}

describe.skipIf(!has('pdftotext'))('merged cells in the PDF', () => {
  it('sets them over their rows and columns, each column aligned as the page says', () => {
    holdsTheGrid(out('table-spans.pdf'));
  });

  it('tags each merged cell with its RowSpan or ColSpan, and reads row by row in pdf.js', async () => {
    const dump = path.join(dir, 'spans-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', out('table-spans.pdf'), dump]);
    const raw = readFileSync(dump, 'latin1');
    expect(raw.match(/\/O \/Table\s+\/RowSpan 2/gu)?.length).toBe(4);
    expect(raw.match(/\/ColSpan 2/gu)?.length).toBe(2);
    // The caption is the Table's first child: /K of the Table begins with the Caption's element.
    expect(raw).toMatch(/\/S \/Caption/u);
    // As Firefox's find and copy read it: the cells of a row with a space between them.
    const text = (await pdfjsText(bytes('table-spans.pdf'))).replace(/[\s\u200f]+/gu, ' ');
    expect(text).toContain('المحافظة القائمة');
    expect(text).toContain('الأولى الثانية');
    expect(text).toContain('القاهرة الوفاق 1204 877');
    expect(text).toContain('النهضة 96 15320');
    expect(text).toContain('أسوان المستقلون لم تُعلن النتائج بعد');
  });

  it('never parts the rows a merged cell binds, and repeats both header rows on every page', () => {
    const pages = pdftotext(out('long.pdf')).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, p) => {
      for (const heading of ['الفئة', 'القيم', 'الأولى', 'الثانية']) expect(page, `page ${p + 1} heads the table with «${heading}»`).toContain(heading);
    });
    for (let band = 0; band < 40; band++) {
      const values = [0, 1, 2].map((k) => String(1001 + band * 3 + k));
      const holding = pages.filter((page) => values.some((v) => new RegExp(`(?<!\\d)${v}(?!\\d)`, 'u').test(page)));
      expect(holding, `band ${band + 1} on one page`).toHaveLength(1);
      expect(values.every((v) => new RegExp(`(?<!\\d)${v}(?!\\d)`, 'u').test(holding[0]!))).toBe(true);
    }
  });

  it('sets a band taller than a page row by row, nothing off the page', () => {
    const xml = pdftotext(out('tall.pdf'), { bbox: true });
    const pages = xml.split('<page ').slice(1);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      const height = Number(/height="([\d.]+)"/u.exec(page)?.[1]);
      for (const m of page.matchAll(/<word [^>]*yMax="([\d.]+)"/gu)) expect(Number(m[1])).toBeLessThan(height);
    }
    const text = pdftotext(out('tall.pdf'));
    for (let k = 0; k < 150; k++) expect(text).toContain(String(2001 + k));
  });
});

describe.skipIf(!has('pdftotext'))('a row taller than a page in the PDF', () => {
  // The sentences' numbers in reading order, the folios (lines of a number alone) left out.
  const numbers = (pages: readonly string[]): number[] =>
    pages.flatMap((page) => page.split('\n').filter((line) => !/^[\s\u200e\u200f\u202a-\u202e]*\d+[\s\u200e\u200f\u202a-\u202e]*$/u.test(line)).join('\n').match(/\d+/gu) ?? []).map(Number);
  const every = Array.from({ length: 400 }, (_, k) => k + 1);

  it('goes on to the next pages, every sentence of the cell there once and in order, in poppler and pdf.js', async () => {
    const pages = pdftotext(out('tall-row.pdf')).split('\f').filter((p) => p.trim() !== '');
    expect(numbers(pages)).toEqual(every);
    expect(numbers((await pdfjsPages(bytes('tall-row.pdf'))).texts)).toEqual(every);
    // As a screen reader follows the tags: the one TD's text, page after page, from its ActualText.
    expect(numbers([await structureText(bytes('tall-row.pdf'))])).toEqual(every);
    expect(qpdfCheck(out('tall-row.pdf')).status).toBe(0);
    expect(pages.length).toBeGreaterThan(2);
    // The header on every page the row goes on to; the next row and paragraph after the row, on its last page.
    pages.forEach((page, p) => expect(page, `page ${p + 1} heads the table`).toContain('الوصف'));
    expect(pages.at(-1)).toMatch(/قصير[\s\S]*فقرة بعد الجدول/u);
  });

  it('sets nothing below the text block and keeps the narrow column as wide as its longest word', () => {
    const xml = pdftotext(out('tall-row.pdf'), { bbox: true });
    for (const page of xml.split('<page ').slice(1)) {
      const height = Number(/height="([\d.]+)"/u.exec(page)?.[1]);
      const words = [...page.matchAll(/<word [^>]*yMax="([\d.]+)">([^<]*)</gu)];
      // The folio is the page's lowest word; the cell's text stays above it, clear of the bottom margin.
      const folio = Math.max(...words.map((w) => Number(w[1])));
      for (const [, yMax, word] of words) if (Number(yMax) < folio) expect(Number(yMax), `«${word}»`).toBeLessThan(height - 36);
    }
    // -bbox gives each word's letters in visual order; the word is whole, not cut into «الع», «مو», «د».
    expect(xml).toContain(`${[...'العمود'].reverse().join('')}</word>`);
  });
});

describe('merged cells in the EPUB', () => {
  let browser: Browser;
  let xhtml = '';

  beforeAll(async () => {
    xhtml = path.join(await unzippedEpub(bytes('table-spans.epub')), 'article.xhtml');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  /** The box Chromium gives the table's caption. */
  async function pageCaption(file: string): Promise<{ left: number; right: number; bottom: number } | undefined> {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`file://${file}`);
    const found = (await page.evaluate(`(() => {
      const el = document.querySelector('table > caption');
      if (!el) return undefined;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, bottom: r.bottom };
    })()`)) as { left: number; right: number; bottom: number } | undefined;
    await page.close();
    return found;
  }

  it('passes EPUBCheck', async () => {
    expect(await epubProblems(bytes('table-spans.epub'))).toEqual([]);
  });

  it('lays them out in Chromium over their rows and columns, aligned as the page says', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`file://${xhtml}`);
    // In the page (a string: the tests are type-checked without the DOM's types).
    const boxes = (await page.evaluate(`(() => {
      const out = {};
      for (const cell of document.querySelectorAll('th, td')) {
        const r = cell.getBoundingClientRect();
        out[cell.textContent.trim()] = { top: r.top, bottom: r.bottom, left: r.left, right: r.right, align: getComputedStyle(cell).textAlign };
      }
      return out;
    })()`)) as Record<string, { top: number; bottom: number; left: number; right: number; align: string }>;
    await page.close();
    const box = (text: string) => boxes[text] ?? expect.unreachable(`no cell «${text}»`);
    const caption = (await pageCaption(xhtml)) ?? expect.unreachable('no <caption>');
    expect(Math.abs((caption.left + caption.right) / 2 - (box('المحافظة').right + box('الثانية').left) / 2)).toBeLessThan(2);
    expect(caption.bottom).toBeLessThanOrEqual(box('المحافظة').top + 1);
    expect(box('القاهرة').top).toBeCloseTo(box('1204').top, 0);
    expect(box('القاهرة').bottom).toBeCloseTo(box('96').bottom, 0);
    expect(box('الأصوات').left).toBeCloseTo(box('الثانية').left, 0);
    expect(box('الأصوات').right).toBeCloseTo(box('الأولى').right, 0);
    expect(box('القاهرة').left).toBeGreaterThan(box('الوفاق').left);
    expect([box('1204').align, box('877').align, box('الوفاق').align]).toEqual(['right', 'center', 'start']);
  });
});

describe('merged cells in the DOCX', () => {
  it('are w:gridSpan and w:vMerge cells, both header rows repeating', async () => {
    const document = await (await openZip(bytes('table-spans.docx'))).text('word/document.xml');
    expect(document.match(/<w:gridSpan w:val="2"\/>/gu)?.length).toBe(2);
    expect(document.match(/<w:vMerge w:val="restart"\/>/gu)?.length).toBe(4);
    expect(document.match(/<w:vMerge w:val="continue"\/>/gu)?.length).toBe(4);
    // The caption, a Caption paragraph kept with the table that follows it.
    expect(document).toMatch(/<w:pStyle w:val="Caption"\/><w:keepNext\/>.*?حصيلة الفرز الرسمية.*?<\/w:p><w:tbl>/su);
    const rows = [...document.matchAll(/<w:tr>.*?<\/w:tr>/gsu)].map((m) => m[0]);
    expect(rows.map((r) => r.includes('<w:tblHeader/>'))).toEqual([true, true, false, false, false, false, false]);
  });

  it('shares the measure among columns as their content asks, not equally', async () => {
    const text = (value: string) => [{ type: 'text' as const, value }];
    const rows = Array.from({ length: 6 }, (_, k) => [text(`وصف طويل للبند رقم ${k} يشرح ما فيه بجمل كاملة`), text(String(10 * k))]);
    const docx = await renderDocx(article([{ type: 'table', header: [text('الوصف'), text('العدد')], rows }]), renderContext());
    const document = await (await openZip(docx)).text('word/document.xml');
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/gu)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    expect(grid[0]! / grid[1]!).toBeGreaterThan(3);
  });

  it.skipIf(!has('soffice') || !has('pdftotext'))('renders in LibreOffice as in the PDF: merged cells over their rows and columns, columns aligned', () => {
    holdsTheGrid(libreOfficePdf(bytes('table-spans.docx'), 'table-spans'));
  }, 120_000);

  it.skipIf(python === undefined)('reads in python-docx as one cell over the slots it covers', () => {
    const script = [
      'import docx, json, sys',
      't = docx.Document(sys.argv[1]).tables[0]',
      'print(json.dumps({"merged": [t.cell(2, 0)._tc is t.cell(3, 0)._tc, t.cell(0, 2)._tc is t.cell(0, 3)._tc, t.cell(6, 2)._tc is t.cell(6, 3)._tc],',
      '  "texts": [[c.text for c in r.cells] for r in t.rows]}, ensure_ascii=False))',
    ].join('\n');
    const read = JSON.parse(execFileSync(python!, ['-c', script, out('table-spans.docx')], { encoding: 'utf8' })) as { merged: boolean[]; texts: string[][] };
    expect(read.merged).toEqual([true, true, true]);
    expect(read.texts[2]).toEqual(['القاهرة', 'الوفاق', '1204', '877']);
    expect(read.texts[3]).toEqual(['القاهرة', 'النهضة', '96', '15320']);
  });

  it('reads in mammoth as rowspan and colspan cells', async () => {
    const html = (await mammoth.convertToHtml({ path: out('table-spans.docx') })).value;
    expect(html.match(/rowspan="2"/gu)?.length).toBe(4);
    expect(html.match(/colspan="2"/gu)?.length).toBe(2);
    expect(html).toMatch(/<td rowspan="2"><p>القاهرة<\/p><\/td>/u);
  });
});
