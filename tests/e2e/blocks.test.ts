// Every block a publisher sets besides the paragraph, in the three formats, checked as their users see it:
// code (monospace, left to right, on a ground, wrapped with a marker that does not copy), tables (an RTL
// grid: first column on the right, each row's cells on one line, the header row again on each page,
// tagged Table/TR/TH/TD), lists and quotes. PDF through poppler and pdf.js; EPUB through EPUBCheck; DOCX
// through its XML and LibreOffice's rendering.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSource, warraq } from '../support/cli.js';
import { pdffonts, pdfjsText, pdfTags, pdftotext, structureText, type Tag } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip, unzippedEpub } from '../support/zip.js';
import { chromium } from 'playwright-core';

const LONG_COMMENT = 'a very long comment that goes well past the right edge of the code block and must wrap';
const CODE = ['```python', 'def greet(name):', '    # تحية بالعربية', `    print(name)  # ${LONG_COMMENT}`, '```'].join('\n');
const HEADER = ['الاسم', 'الوصف', 'العدد'];
// Row names of letters alone (poppler gives a word mixing Arabic letters and digits back jumbled).
const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const rowName = (i: number): string => `${LETTERS[Math.floor(i / LETTERS.length) % LETTERS.length]}ا${LETTERS[i % LETTERS.length]}`;
const ROWS = Array.from({ length: 70 }, (_, i) => [`ص${rowName(i)}`, `ق${rowName(i)}`, String((i + 1) * 7)]);
const TABLE = [`| ${HEADER.join(' | ')} |`, '|---|---|---:|', ...ROWS.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const LISTS = ['- بند أول في القائمة، وهو طويل بما يكفي لكي يلتف على سطر ثان فيظهر التعليق المعلق تحت النص لا تحت العلامة، ثم يكمل الكلام بعد ذلك.', '- بند ثان', '  - بند متداخل', '    - مستوى ثالث', '', '1. الأولى', '2. الثانية'].join('\n');
const QUOTE = '> اقتباس منفصل عن المتن يظهر بحجم أصغر ولون أخفت مع خط على جانب البداية.';
const SOURCE = `# كتل النص\n\nفقرة قبل الشيفرة.\n\n${CODE}\n\n${QUOTE}\n\n${LISTS}\n\n${TABLE}\n`;

let out = '';
let pdf = '';
beforeAll(() => {
  const built = buildSource(SOURCE, 'blocks.md');
  out = built.out;
  const run = built.run;
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
  yMax: number;
}

/** poppler's words with their boxes, page by page; RTL words read back in logical order. */
function words(file: string): Word[] {
  const xml = pdftotext(file, { bbox: true });
  const out: Word[] = [];
  xml.split('<page ').slice(1).forEach((page, p) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      // Bidi marks and the space poppler keeps at a word's end are not the word.
      const raw = (m[5] ?? '').replace(/[\u200e\u200f]/g, '').trim();
      out.push({ text: /\p{Script=Arabic}/u.test(raw) ? [...raw].reverse().join('') : raw, page: p + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
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
    // Cell by cell, in reading order: the header's cells one after another, then the first row's.
    const text = await structureText(readFileSync(pdf));
    const cells = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const at = cells.indexOf(HEADER[0]!);
    expect(cells.slice(at, at + 6)).toEqual([...HEADER, ...ROWS[0]!]);
    // The repeated header rows are artifacts: the structure has the header once.
    expect(cells.filter((l) => l === HEADER[0])).toHaveLength(1);
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

describe.skipIf(!has('pdftotext') || !has('pdftoppm'))('lists and quotes in the PDF', () => {
  it('hangs the marker: the wrapped line of an item lines up with its text, not under the bullet', () => {
    const all = words(pdf).filter((w) => w.page === 1);
    const bullet = find(all, '•');
    const first = all.find((w) => w.text === 'بند' && Math.abs(w.yMin - bullet.yMin) < 3)!;
    expect(first).toBeDefined();
    const next = all.find((w) => w.text === 'ثان' && w.yMin > first.yMin + 10)!;
    const wrapped = all.filter((w) => w.yMin > first.yMin + 5 && w.yMin < next.yMin - 5);
    expect(wrapped.length).toBeGreaterThan(0);
    // The wrapped line ends (on the right) in the hang, short of the bullet: not back under it.
    const edge = Math.max(...wrapped.map((w) => w.xMax));
    expect(edge).toBeLessThan(bullet.xMin - 5);
    expect(edge).toBeGreaterThan(bullet.xMin - 30);
  });

  it('gives nested levels distinct markers and sets items closer than paragraphs', () => {
    const all = words(pdf);
    for (const marker of ['•', '◦', '▪']) expect(() => find(all, marker)).not.toThrow();
    // Two one-line items: baselines a line apart plus the item spacing (under the paragraph spacing).
    const [one, two] = [find(all, 'الأولى'), find(all, 'الثانية')];
    const gap = two.yMin - one.yMin;
    expect(gap).toBeGreaterThan(12 * 1.8 - 0.5);
    expect(gap).toBeLessThan(12 * 1.8 + 6);
  });

  it('sets the quote smaller than the body with a rule down its start (right) side', () => {
    const all = words(pdf);
    const quoteWord = find(all, 'منفصل');
    const bodyWord = find(all, 'فقرة');
    const height = (w: Word): number => w.yMax - w.yMin;
    expect(height(quoteWord)).toBeLessThan(height(bodyWord) - 0.3);
    const quoteWords = all.filter((w) => Math.abs(w.yMin - quoteWord.yMin) < 2);
    const right = Math.max(...quoteWords.map((w) => w.xMax));
    // The rule: a dark stroke 9 pt past the text's right end, nothing further out.
    const ruleX = [...Array(6).keys()].map((d) => grey(pdf, quoteWord.page, right + 7 + d, quoteWord.yMin + 6));
    expect(Math.min(...ruleX)).toBeLessThan(200);
    expect(grey(pdf, quoteWord.page, right + 20, quoteWord.yMin + 6)).toBe(255);
  });
});

describe('list numbers follow the article’s digits in all three formats', () => {
  let dir = '';
  beforeAll(() => {
    dir = tempDir('warraq-digits-');
    writeFileSync(path.join(dir, 'indic.md'), '# أرقام\n\nصدر في عام ٢٠٢٥ تقرير.\n\n1. أول\n2. ثان\n');
    writeFileSync(path.join(dir, 'western.md'), '# أرقام\n\nصدر في عام 2025 تقرير.\n\n1. أول\n2. ثان\n');
    const run = warraq(['build', dir, '--out', path.join(dir, 'out')]);
    expect(run.status).toBe(0);
  }, 120_000);

  it.skipIf(!has('pdftotext'))('PDF: Arabic-Indic where the article writes them, Western where it does not', () => {
    expect(pdftotext(path.join(dir, 'out', 'indic.pdf'))).toMatch(/٢\.|\.٢/);
    const western = pdftotext(path.join(dir, 'out', 'western.pdf'));
    expect(western).toMatch(/2\.|\.2/);
    expect(western).not.toMatch(/[١٢]/);
  });

  it('EPUB: the ordered list counts in arabic-indic only in the Arabic-Indic article', async () => {
    const page = async (name: string): Promise<string> => {
      const { zip } = await openZip(readFileSync(path.join(dir, 'out', `${name}.epub`)));
      return zip.file(Object.keys(zip.files).find((f) => /article\.xhtml$/.test(f))!)!.async('string');
    };
    expect(await page('indic')).toMatch(/<ol[^>]* class="digits-arabic-indic"/);
    expect(await page('western')).not.toMatch(/digits-/);
    const { zip } = await openZip(readFileSync(path.join(dir, 'out', 'indic.epub')));
    expect(await zip.file('OEBPS/style.css')!.async('string')).toContain('ol.digits-arabic-indic { list-style-type: arabic-indic; }');
  });

  it('DOCX: hindiNumbers in the Arabic-Indic article, decimal in the other', async () => {
    const numbering = async (name: string): Promise<string> => (await openZip(readFileSync(path.join(dir, 'out', `${name}.docx`)))).text('word/numbering.xml');
    expect(await numbering('indic')).toMatch(/<w:numFmt w:val="hindiNumbers"\/>/);
    expect(await numbering('western')).not.toMatch(/hindiNumbers/);
  });
});

describe('quotes and code look alike in the EPUB and the DOCX', () => {
  it('EPUB: the quote is muted with a rule on the right; code on the shade', async () => {
    const { zip } = await openZip(readFileSync(path.join(out, 'blocks.epub')));
    const css = await zip.file('OEBPS/style.css')!.async('string');
    expect(css).toMatch(/blockquote \{[^}]*color: #666666;[^}]*\}/);
    expect(css).toMatch(/blockquote \{[^}]*border-right-style: solid;/);
    expect(css).toMatch(/pre \{ background-color: #f2f1ed;/);
  });

  it('EPUB: Chromium justifies the quote’s lines as the PDF and the DOCX do', async () => {
    const xhtml = path.join(await unzippedEpub(new Uint8Array(readFileSync(path.join(out, 'blocks.epub')))), 'article.xhtml');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${xhtml}`);
      const align = await page.evaluate(`[...document.querySelectorAll('blockquote p')].map((p) => getComputedStyle(p).textAlign)`);
      expect(align).toEqual(expect.arrayContaining(['justify']));
      expect((align as string[]).every((a) => a === 'justify')).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('DOCX: the Quote style has the start-side rule and the muted colour; code is shaded', async () => {
    const styles = await (await openZip(readFileSync(path.join(out, 'blocks.docx')))).text('word/styles.xml');
    const quote = /<w:style [^>]*w:styleId="Quote".*?<\/w:style>/s.exec(styles)?.[0] ?? '';
    expect(quote).toMatch(/<w:pBdr><w:left [^>]*w:val="single"/);
    expect(quote).toMatch(/<w:color w:val="666666"\/>/);
    const code = /<w:style [^>]*w:styleId="SourceCode".*?<\/w:style>/s.exec(styles)?.[0] ?? /<w:style [^>]*w:styleId="[^"]*Code[^"]*".*?<\/w:style>/s.exec(styles)?.[0] ?? '';
    expect(code).toMatch(/<w:shd [^>]*w:fill="F2F1ED"/);
    expect(code).toMatch(/w:ascii="JetBrains Mono"/);
  });
});
