// Every block a publisher sets besides the paragraph, in the three formats, checked as their users see it:
// code (monospace, left to right, on a ground, wrapped with a marker that does not copy), tables (an RTL
// grid: first column on the right, each row's cells on one line, the header row again on each page,
// tagged Table/TR/TH/TD), lists and quotes. PDF through poppler and pdf.js; EPUB through EPUBCheck; DOCX
// through its XML and LibreOffice's rendering.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { pdffonts, pdfjsText, pdfTags, pdftotext, structureText, type Tag } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

const LONG_COMMENT = 'a very long comment that goes well past the right edge of the code block and must wrap';
const CODE = ['```python', 'def greet(name):', '    # تحية بالعربية', `    print(name)  # ${LONG_COMMENT}`, '```'].join('\n');
const HEADER = ['الاسم', 'الوصف', 'العدد'];
// Row names of letters alone (poppler gives a word mixing Arabic letters and digits back jumbled).
const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const rowName = (i: number): string => `${LETTERS[Math.floor(i / LETTERS.length) % LETTERS.length]}ا${LETTERS[i % LETTERS.length]}`;
const ROWS = Array.from({ length: 70 }, (_, i) => [`ص${rowName(i)}`, `ق${rowName(i)}`, String((i + 1) * 7)]);
const TABLE = [`| ${HEADER.join(' | ')} |`, '|---|---|---:|', ...ROWS.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const LISTS = ['- بند أول في القائمة، وهو طويل بما يكفي لكي يلتف على سطر ثان فيظهر التعليق المعلق تحت النص لا تحت العلامة، ثم يكمل الكلام بعد ذلك.', '- بند ثان', '  - بند متداخل', '    - مستوى ثالث', '', '1. أول', '2. ثان'].join('\n');
const QUOTE = '> اقتباس منفصل عن المتن يظهر بحجم أصغر ولون أخفت مع خط على جانب البداية.';
const SOURCE = `# كتل النص\n\nفقرة قبل الشيفرة.\n\n${CODE}\n\n${QUOTE}\n\n${LISTS}\n\n${TABLE}\n`;

let out = '';
let pdf = '';
beforeAll(() => {
  const dir = tempDir('warraq-blocks-');
  writeFileSync(path.join(dir, 'blocks.md'), SOURCE);
  out = path.join(dir, 'out');
  const run = warraq(['build', path.join(dir, 'blocks.md'), '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  pdf = path.join(out, 'blocks.pdf');
}, 120_000);

interface Word {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
}

/** poppler's words with their boxes, page by page; RTL words read back in logical order. */
function words(file: string): Word[] {
  const xml = pdftotext(file, { bbox: true });
  const out: Word[] = [];
  xml.split('<page ').slice(1).forEach((page, p) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
      const raw = m[4] ?? '';
      out.push({ text: /\p{Script=Arabic}/u.test(raw) ? [...raw].reverse().join('') : raw, page: p + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) });
    }
  });
  return out;
}

function find(all: readonly Word[], text: string, page?: number): Word {
  const word = all.find((w) => w.text === text && (page === undefined || w.page === page));
  if (!word) throw new Error(`no word "${text}"${page ? ` on page ${page}` : ''}`);
  return word;
}

/** The grey (0–255) of one pixel of page `page` rendered at 72 dpi, at x, y in points from the top left. */
function grey(file: string, page: number, x: number, y: number): number {
  const prefix = path.join(tempDir('warraq-blocks-png-'), 'p');
  execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', '1', '-H', '1', file, prefix]);
  const name = readdirSync(path.dirname(prefix)).find((f) => f.endsWith('.pgm'));
  const bytes = readFileSync(path.join(path.dirname(prefix), name ?? 'missing.pgm'));
  return bytes[bytes.length - 1] ?? 255;
}

function tagsOf(tag: Tag, type: string): Tag[] {
  const found: Tag[] = tag.type === type ? [tag] : [];
  for (const kid of tag.kids) if ('kids' in kid) found.push(...tagsOf(kid as Tag, type));
  return found;
}

describe.skipIf(!has('pdftotext') || !has('pdftoppm'))('code in the PDF', () => {
  it('is set in the monospace face, left to right from the left edge, on a light ground', () => {
    expect(pdffonts(pdf).join('\n')).toContain('JetBrainsMono-Regular');
    const all = words(pdf);
    const def = find(all, 'def');
    const print = all.find((w) => w.text.startsWith('print(name)'));
    expect(print).toBeDefined();
    // Left to right: "def" starts the block on the left, the indented line starts right of it.
    expect(def.xMin).toBeLessThan(100);
    expect(print!.xMin).toBeGreaterThan(def.xMin + 10);
    // The ground: a light grey just left of "def", white outside the block.
    const ground = grey(pdf, def.page, def.xMin - 3, def.yMin + 4);
    expect(ground).toBeGreaterThan(200);
    expect(ground).toBeLessThan(250);
    expect(grey(pdf, def.page, def.xMin - 20, def.yMin + 4)).toBe(255);
  });

  it('wraps a long line and copies it back whole, without the wrap marker (poppler and pdf.js)', async () => {
    const poppler = pdftotext(pdf);
    const pdfjs = await pdfjsText(readFileSync(pdf));
    for (const text of [poppler, pdfjs]) {
      expect(text).not.toContain('↩');
      expect(text).toContain('def greet(name):');
    }
    // pdf.js: the wrapped line as one; poppler: its two halves in order (it splits the line at the gap
    // before the comment, laying an RTL page out in columns).
    expect(pdfjs.replace(/\s+/g, ' ')).toContain(LONG_COMMENT);
    const flat = poppler.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
    const cut = LONG_COMMENT.indexOf(' edge');
    expect(flat).toContain(LONG_COMMENT.slice(0, cut));
    expect(flat.indexOf(LONG_COMMENT.slice(cut + 1))).toBeGreaterThan(flat.indexOf(LONG_COMMENT.slice(0, cut)));
    const all = words(pdf);
    // "wrap" went onto a line of its own below "a very".
    expect(find(all, 'wrap').yMin).toBeGreaterThan(find(all, 'very').yMin);
  });
});

describe.skipIf(!has('pdftotext'))('tables in the PDF', () => {
  it('is a right-to-left grid: each row on one line, the first column on the right', () => {
    const all = words(pdf);
    const [name, description, count] = HEADER.map((h) => find(all, h));
    expect(name!.yMin).toBe(description!.yMin);
    expect(description!.yMin).toBe(count!.yMin);
    expect(name!.xMin).toBeGreaterThan(description!.xMax);
    expect(description!.xMin).toBeGreaterThan(count!.xMax);
    for (const row of [ROWS[0]!, ROWS[5]!]) {
      const cells = row.map((c) => find(all, c));
      expect(new Set(cells.map((c) => c.yMin)).size).toBe(1);
      expect(cells[0]!.xMin).toBeGreaterThan(cells[1]!.xMax);
      // The number column is aligned on the right of its cell: the units line up.
    }
    const seven = find(all, '7');
    const seventy = find(all, '70');
    expect(Math.abs(seven.xMax - seventy.xMax)).toBeLessThan(0.5);
  });

  it('repeats the header row on the next page, and never splits a row', () => {
    const all = words(pdf);
    const pages = [...new Set(all.filter((w) => ROWS.some((r) => r[0] === w.text)).map((w) => w.page))];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const header = find(all, HEADER[0]!, page);
      const first = all.filter((w) => w.page === page && ROWS.some((r) => r[0] === w.text));
      expect(header.yMin).toBeLessThan(Math.min(...first.map((w) => w.yMin)));
    }
    for (const row of ROWS) expect(new Set(row.map((c) => find(all, c).page)).size).toBe(1);
  });

  it('is tagged Table > TR > TH/TD, and reads row by row, cells in column order (pdf.js)', async () => {
    const { document } = pdfTags(pdf);
    const [table] = tagsOf(document, 'Table');
    expect(table).toBeDefined();
    const rows = tagsOf(table!, 'TR');
    expect(rows).toHaveLength(ROWS.length + 1);
    expect(tagsOf(rows[0]!, 'TH')).toHaveLength(3);
    expect(tagsOf(rows[1]!, 'TD')).toHaveLength(3);
    const text = await structureText(readFileSync(pdf));
    const lines = text.split('\n');
    const headerLine = lines.find((l) => l.includes(HEADER[0]!)) ?? '';
    expect(headerLine.indexOf(HEADER[0]!)).toBeLessThan(headerLine.indexOf(HEADER[1]!));
    expect(headerLine.indexOf(HEADER[1]!)).toBeLessThan(headerLine.indexOf(HEADER[2]!));
    // The repeated header rows are artifacts: the structure has the header once.
    expect(lines.filter((l) => l.includes(HEADER[0]!))).toHaveLength(1);
  });
});

describe('tables in the EPUB and the DOCX', () => {
  it('EPUB: the table carries dir and passes EPUBCheck', async () => {
    const bytes = readFileSync(path.join(out, 'blocks.epub'));
    const { zip } = await openZip(bytes);
    const page = Object.keys(zip.files).find((f) => /article\.xhtml$/.test(f));
    const xhtml = await zip.file(page!)!.async('string');
    expect(xhtml).toMatch(/<table[^>]* dir="rtl"/);
    expect(await epubProblems(bytes)).toEqual([]);
  }, 60_000);

  it('DOCX: a bidiVisual table whose header row repeats', async () => {
    const { text } = await openZip(readFileSync(path.join(out, 'blocks.docx')));
    const document = await text('word/document.xml');
    expect(document).toMatch(/<w:tblPr>(?:(?!<\/w:tblPr>).)*<w:bidiVisual\/>/s);
    expect(document).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:tblHeader\/>/s);
  });

  it.skipIf(!has('soffice'))('DOCX through LibreOffice: the first column on the right, the header again on page 2', () => {
    const rendered = libreOfficePdf(readFileSync(path.join(out, 'blocks.docx')), 'blocks');
    const all = words(rendered);
    const [name, description] = HEADER.map((h) => find(all, h));
    expect(name!.xMin).toBeGreaterThan(description!.xMax);
    const pages = [...new Set(all.filter((w) => ROWS.some((r) => r[0] === w.text)).map((w) => w.page))];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(() => find(all, HEADER[0]!, page)).not.toThrow();
  }, 120_000);
});
