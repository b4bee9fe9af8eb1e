// A data table whose rows are headed (a wiki's `<th scope="row">` first column, group rows of one `<th>`
// across the table) and whose cells may align on their own («—» centred where the column states nothing),
// as its readers see it: the model; the PDF's tag tree (every TH says what it heads, as PDF/UA-1 § 7.5
// asks), its faces as MuPDF reads them and where poppler finds the ink; the EPUB in EPUBCheck and in
// Chromium's layout; the DOCX's XML, mammoth's reading and LibreOffice's rendering.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/index.js';
import { inlineText } from '../../src/model/index.js';
import { cellAlignment, tableGrid } from '../../src/model/table.js';
import { parseFile } from '../../src/parse/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { article, paragraph } from '../support/articles.js';
import { renderContext } from '../support/context.js';
import { warraq } from '../support/cli.js';
import { faceOf, faceRuns, pdfjsText, pdfTags, pdftotext, pdftotextRows, type QpdfValue, type Tag } from '../support/pdf.js';
import { FIXTURES } from '../support/paths.js';
import { pageWords, type Word } from '../support/pixels.js';
import { tempDir, writeTemp } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip, unzippedEpub } from '../support/zip.js';

type Table = Extract<Block, { type: 'table' }>;
const PAGE = path.join(FIXTURES, 'html', 'table-row-headers.html');
const PLANETS = ['عطارد', 'الزهرة', 'الأرض', 'المريخ', 'المشتري', 'زحل'];
const GROUPS = ['الكواكب الصخرية', 'الكواكب الغازية'];

let dir = '';
const out = (extension: string): string => path.join(dir, `table-row-headers.${extension}`);
const bytes = (extension: string): Uint8Array => new Uint8Array(readFileSync(out(extension)));

beforeAll(() => {
  dir = tempDir('warraq-row-headers-');
  const run = warraq(['build', PAGE, '--out', dir]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);

const xMid = (w: Word): number => (w.xMin + w.xMax) / 2;

/** Poppler's words on page 1, found by their letters: a cell the row goes on from ends in a marked word space, which poppler boxes with its word. */
function wordsOf(pdf: string): (text: string, nth?: number) => Word {
  const words = pageWords(pdf).map((w) => ({ ...w, text: w.text.replace(/[\s\u200e\u200f]/gu, '') }));
  return (text, nth = 0) => words.filter((w) => w.text === text)[nth] ?? expect.unreachable(`no word «${text}» in ${pdf}`);
}

/** Where the cells' ink lands on page 1 (poppler's word boxes), held to the page's own layout. */
function holdsTheColumns(pdf: string): void {
  const at = wordsOf(pdf);
  // The «—» cells say centre, in a column that says nothing: centred under their heading, where the
  // column's figures stand flush to its start (the right).
  for (const nth of [0, 1]) expect(Math.abs(xMid(at('—', nth)) - xMid(at('الأقمار'))), `«—» ${nth + 1} centred`).toBeLessThan(2);
  expect(Math.abs(at('146').xMax - at('95').xMax)).toBeLessThan(1.5);
  expect(at('146').xMax).toBeGreaterThan(at('—').xMax + 3);
  // The row headings: each planet centred in the first column (on the right), as a browser sets <th>.
  for (const planet of ['عطارد', 'المشتري', 'زحل']) expect(Math.abs(xMid(at(planet)) - xMid(at('الكوكب'))), `«${planet}» centred`).toBeLessThan(2);
  expect(at('زحل').xMin).toBeGreaterThan(at('120536').xMax);
}

describe('the model of a table with row headings', () => {
  it('marks each body row’s <th> as its heading, and a cell’s own alignment over its column’s', async () => {
    const table = (await parseFile(PAGE)).blocks.find((b): b is Table => b.type === 'table') ?? expect.unreachable('no table');
    expect(table.header.map((c) => inlineText(c))).toEqual(['الكوكب', 'القطر', 'الأقمار']);
    const grid = tableGrid(table);
    const headings = grid.rows.flatMap((row) => row.cells.filter((c) => c.rowHeader).map((c) => inlineText(c.inlines)));
    expect(headings).toEqual([GROUPS[0], ...PLANETS.slice(0, 4), GROUPS[1], ...PLANETS.slice(4)]);
    // The header row's cells head columns, not rows; data cells head nothing.
    expect(grid.rows[0]!.cells.some((c) => c.rowHeader)).toBe(false);
    expect(grid.rows.flatMap((row) => row.cells.slice(1)).some((c) => c.rowHeader)).toBe(false);
    const aligned = grid.rows.flatMap((row) => row.cells.map((c) => [inlineText(c.inlines), cellAlignment(grid, row, c)]));
    expect(aligned.filter(([text]) => text === '—').map(([, a]) => a)).toEqual(['center', 'center']);
    // Both columns of figures flush right, whatever the direction: a «—» placeholder is no text.
    expect(aligned.filter(([text]) => text === '95' || text === '4879').map(([, a]) => a)).toEqual(['right', 'right']);
    expect(aligned.filter(([text]) => PLANETS.includes(text!)).every(([, a]) => a === 'center')).toBe(true);
  });
});

describe.skipIf(!has('pdftotext') || !has('qpdf') || !has('mutool'))('row headings in the PDF', () => {
  it('tags every TH with the Scope it heads (Column in the header row, Row in the body) and no TD with one', () => {
    const { document } = pdfTags(out('pdf'));
    const tables: Tag[] = [];
    const walk = (tag: Tag): void => {
      if (tag.type === 'Table') tables.push(tag);
      for (const kid of tag.kids) if ('type' in kid && typeof kid.type === 'string') walk(kid as Tag);
    };
    walk(document);
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.kids.filter((k): k is Tag => (k as Tag).type === 'TR');
    expect(rows).toHaveLength(9);
    const scope = (cell: Tag): string | undefined => {
      const attributes = cell.entries['/A'] as Record<string, QpdfValue> | undefined;
      return attributes?.['/Scope'] === undefined ? undefined : String(attributes['/Scope']);
    };
    const cells = rows.map((row) => (row.kids as Tag[]).map((cell) => `${cell.type}${scope(cell) ?? ''}`));
    expect(cells[0]).toEqual(['TH/Column', 'TH/Column', 'TH/Column']);
    for (const r of [1, 6]) expect(cells[r], `group row ${r}`).toEqual(['TH/Row']);
    for (const r of [2, 3, 4, 5, 7, 8]) expect(cells[r], `planet row ${r}`).toEqual(['TH/Row', 'TD', 'TD']);
  });

  it('sets the row headings in the bold face, the data in the regular one', () => {
    const runs = faceRuns(out('pdf'));
    for (const heading of [...PLANETS, 'الصخرية']) expect(faceOf(runs, heading), heading).toMatch(/Bold/u);
    for (const figure of ['4879', '142984', '146']) expect(faceOf(runs, figure), figure).not.toMatch(/Bold/u);
  });

  // Poppler's text gives two figure cells side by side as one left-to-right run («المشتري 95 142984»):
  // the README's known limit on numbers in poppler. pdf.js reads each row cell by cell.
  it('reads row by row in pdf.js, each heading before its figures, and lays the columns out as the page says', async () => {
    const rows = (await pdfjsText(bytes('pdf'))).split('\n').map((line) => line.replace(/[\u200e\u200f\u202a-\u202e]/gu, '').replace(/\s+/gu, ' ').trim());
    const table = rows.slice(rows.indexOf('الكوكب القطر الأقمار'), rows.indexOf('زحل 120536 146') + 1);
    expect(table).toEqual(['الكوكب القطر الأقمار', GROUPS[0], 'عطارد 4879 —', 'الزهرة 12104 —', 'الأرض 12756 1', 'المريخ 6792 2', GROUPS[1], 'المشتري 142984 95', 'زحل 120536 146']);
    expect(pdftotextRows(out('pdf'))).toMatch(/عطارد\P{L}*4879\P{L}*—/u);
    holdsTheColumns(out('pdf'));
  });
});

describe('row headings in the EPUB', () => {
  let browser: Browser;
  let xhtml = '';

  beforeAll(async () => {
    xhtml = path.join(await unzippedEpub(bytes('epub')), 'article.xhtml');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  it('writes <th scope="row"> and <th scope="col">, and passes EPUBCheck', async () => {
    const chapter = readFileSync(xhtml, 'utf8');
    expect(chapter.match(/<th scope="col">/gu)?.length).toBe(3);
    for (const planet of PLANETS) expect(chapter).toContain(`<th scope="row">${planet}</th>`);
    expect(chapter).toContain('<th colspan="3" scope="row">الكواكب الصخرية</th>');
    expect(chapter.match(/<td style="text-align: center">—<\/td>/gu)?.length).toBe(2);
    expect(await epubProblems(bytes('epub'))).toEqual([]);
  });

  it('shows the row headings in Chromium bold on the header row’s shade, the «—» cells centred', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`file://${xhtml}`);
    // In the page (a string: the tests are type-checked without the DOM's types).
    const cells = (await page.evaluate(`(() => [...document.querySelectorAll('th, td')].map((cell) => {
      const style = getComputedStyle(cell);
      return { text: cell.textContent.trim(), weight: Number(style.fontWeight), ground: style.backgroundColor, align: style.textAlign };
    }))()`)) as { text: string; weight: number; ground: string; align: string }[];
    await page.close();
    const cell = (text: string) => cells.find((c) => c.text === text) ?? expect.unreachable(`no cell «${text}»`);
    const shade = cell('الكوكب').ground;
    expect(shade).not.toBe('rgba(0, 0, 0, 0)');
    for (const heading of [...PLANETS, ...GROUPS]) expect([cell(heading).weight >= 600, cell(heading).ground], heading).toEqual([true, shade]);
    expect([cell('4879').weight < 600, cell('4879').ground]).toEqual([true, 'rgba(0, 0, 0, 0)']);
    expect(cells.filter((c) => c.text === '—').map((c) => c.align)).toEqual(['center', 'center']);
  }, 60_000);
});

describe('row headings in the DOCX', () => {
  it('are bold cells on the header row’s shade; the «—» cells centred', async () => {
    const document = await (await openZip(bytes('docx'))).text('word/document.xml');
    const cells = [...document.matchAll(/<w:tc>.*?<\/w:tc>/gsu)].map((m) => m[0]);
    const text = (cell: string): string => [...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    const of = (word: string): string => cells.find((c) => text(c) === word) ?? expect.unreachable(`no cell «${word}»`);
    const shade = /<w:shd [^>]*w:fill="([0-9A-F]{6})"/u.exec(of('الكوكب'))?.[1] ?? expect.unreachable('the header cell has no shade');
    for (const heading of [...PLANETS, ...GROUPS]) {
      expect(of(heading), heading).toContain(`w:fill="${shade}"`);
      expect(of(heading), heading).toMatch(/<w:rStyle w:val="Strong"\/>|<w:b\/>/u);
    }
    expect(of('4879')).not.toContain('<w:shd ');
    expect(of('4879')).not.toContain('Strong');
    expect(cells.filter((c) => text(c) === '—').map((c) => /<w:jc w:val="center"\/>/u.test(c))).toEqual([true, true]);
  });

  it('reads in mammoth with each row heading in bold', async () => {
    const html = (await mammoth.convertToHtml({ path: out('docx') })).value;
    for (const planet of PLANETS) expect(html).toContain(`<td><p><strong>${planet}</strong></p></td>`);
    expect(html).toContain('<td><p>4879</p></td>');
  });

  it.skipIf(!has('soffice') || !has('pdftotext') || !has('mutool'))('renders in LibreOffice as in the PDF: headings bold, «—» centred, rows in order', () => {
    const pdf = libreOfficePdf(bytes('docx'), 'table-row-headers');
    const runs = faceRuns(pdf);
    for (const planet of PLANETS) expect(faceOf(runs, planet), planet).toMatch(/Bold/u);
    expect(faceOf(runs, '142984')).not.toMatch(/Bold/u);
    const at = wordsOf(pdf);
    for (const nth of [0, 1]) expect(Math.abs(xMid(at('—', nth)) - xMid(at('الأقمار'))), `«—» ${nth + 1} centred`).toBeLessThan(3);
    expect(at('زحل').xMin).toBeGreaterThan(at('120536').xMax);
    // Row below row (tops compared: LibreOffice 25.2 boxes each glyph by Amiri's Windows ascent and descent, 2.76 em, so boxes of neighbouring rows overlap).
    expect(at('زحل').yMin).toBeGreaterThan(at('المشتري').yMin + 10);
  }, 120_000);
});

// A wiki's header of two rows without <thead> (groups across two columns each, then the columns under
// them), over a table long enough to go on to a second page: both rows head it in every format.
describe('a header of two rows', () => {
  let made = '';
  beforeAll(() => {
    const prose = `<p>${'نتائج الانتخابات في المحافظات كما أعلنتها اللجنة، '.repeat(8)}</p>`;
    const rows = Array.from({ length: 60 }, (_, k) => `<tr><td>دائرة ${k + 1}</td><td>${1000 + k}</td><td>${40 + (k % 9)}</td><td>${2000 + k}</td><td>${50 + (k % 7)}</td></tr>`).join('');
    const page = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>نتائج الجولتين</title></head><body><article><h1>نتائج الجولتين</h1>${prose}` +
      '<table><tbody><tr><th>الدائرة</th><th colspan="2">الجولة الأولى</th><th colspan="2">الجولة الثانية</th></tr>' +
      `<tr><th></th><th>الأصوات</th><th>النسبة</th><th>الأصوات</th><th>النسبة</th></tr>${rows}</tbody></table>${prose}</article></body></html>`;
    made = path.join(dir, 'two-rows');
    writeFileSync(`${made}.html`, page);
    const run = warraq(['build', `${made}.html`, '--out', dir]);
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);

  it.skipIf(!has('pdftotext'))('repeats both header rows at the top of the PDF’s next page, tagged as column headings', () => {
    const pages = pdftotext(`${made}.pdf`).replace(/[\u200e\u200f\u202a-\u202e]/gu, '').split('\f').filter((p) => /دائرة\s+\d/u.test(p));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const first = page.search(/دائرة\s+\d/u);
      for (const heading of ['الجولة الأولى', 'الجولة الثانية', 'الأصوات', 'النسبة']) expect(page.indexOf(heading), heading).toBeGreaterThanOrEqual(0);
      expect(page.indexOf('النسبة')).toBeLessThan(first);
    }
    const { document } = pdfTags(`${made}.pdf`);
    const rows: Tag[] = [];
    const walk = (tag: Tag): void => {
      if (tag.type === 'TR') rows.push(tag);
      for (const kid of tag.kids) if ('type' in kid && typeof kid.type === 'string') walk(kid as Tag);
    };
    walk(document);
    expect(rows.slice(0, 3).map((row) => (row.kids as Tag[]).every((cell) => cell.type === 'TH'))).toEqual([true, true, false]);
  });

  it('is the EPUB’s <thead> of two rows and the DOCX’s two repeating rows', async () => {
    const chapter = [...(await (await openZip(new Uint8Array(readFileSync(`${made}.epub`)))).texts(/\.xhtml$/)).values()].join('');
    const head = /<thead>(.*?)<\/thead>/su.exec(chapter)?.[1] ?? expect.unreachable('no <thead>');
    expect(head.match(/<tr>/gu)).toHaveLength(2);
    expect(head).toContain('<th scope="col">النسبة</th>');
    const document = await (await openZip(new Uint8Array(readFileSync(`${made}.docx`)))).text('word/document.xml');
    const rows = [...document.matchAll(/<w:tr>.*?<\/w:tr>/gsu)].map((m) => m[0]);
    expect(rows.slice(0, 3).map((row) => row.includes('<w:tblHeader/>'))).toEqual([true, true, false]);
    expect(rows.filter((row) => row.includes('<w:tblHeader/>'))).toHaveLength(2);
    // Both kept with the row under them (each cell's paragraph keeps with the next), as the PDF keeps them.
    for (const row of rows.slice(0, 2)) expect(row.match(/<w:p>/gu)?.length).toBe(row.match(/<w:keepNext\/>/gu)?.length);
  });
});

// Wherever the text before a table ends on its page, the header rows stand on the same page as the first
// body row: a header alone at a page's foot is a typesetter's widow (the next page repeats it anyway).
describe.skipIf(!has('pdftotext'))('a table’s header at a page’s foot', () => {
  it('goes to the next page with the body’s first row, wherever the text before it ends', async () => {
    const text = (value: string) => [{ type: 'text' as const, value }];
    const header = [text('الجولة الأولى'), text('الجولة الثانية')];
    const rows = [[text('الأصوات'), text('الأصوات')], ...Array.from({ length: 6 }, (_, k) => [text(`بند ${k + 1}`), text(String(100 + k))])];
    let stranded = 0;
    for (let lines = 18; lines <= 26; lines++) {
      const blocks: Block[] = [
        ...Array.from({ length: lines }, (_, k) => paragraph(`سطر قصير رقم ${k + 1}.`)),
        { type: 'table', header, rows, headerRows: 1 },
      ];
      const pdf = writeTemp(await renderPdf(article(blocks), renderContext()), `widow-${lines}.pdf`);
      for (const page of pdftotext(pdf).replace(/[\u200e\u200f\u202a-\u202e]/gu, '').split('\f')) {
        if (page.includes('الجولة الأولى') && !/بند\s+\d/u.test(page)) stranded++;
      }
    }
    expect(stranded).toBe(0);
  }, 120_000);
});
