// Verse in all three formats, as its readers' tools see it: Surat al-Mulk and Khayyam's Rubaiyat (real
// texts) come back from the PDF in reading order in poppler and pdf.js, each line's first hemistich read
// before its second and set to the right of it on one baseline; hemistichs too long for half the measure
// go one per line, the second under the first, never a page between them. The EPUB is EPUBCheck clean
// with each line's halves in their own elements; the DOCX is a borderless right-to-left table of two
// columns that LibreOffice renders back in order.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText, type Article, type Block } from '../../src/model/index.js';
import { parseFile } from '../../src/parse/index.js';
import { warraq } from '../support/cli.js';
import { openPdf, pdfjsPages, pdftotext, pdftotextRows } from '../support/pdf.js';
import { REAL } from '../support/paths.js';
import { inkBands, renderGray } from '../support/pixels.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { articleText, compare, extractedWords } from '../support/words.js';
import { openZip } from '../support/zip.js';

type Verse = Extract<Block, { type: 'verse' }>;
const SURA = path.join(REAL, 'ar-quran-067-al-mulk.txt');
const RUBAIYAT = path.join(REAL, 'fa-khayyam-rubaiyat.txt');

let dir = '';
const out = (name: string): string => path.join(dir, name);
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(out(name)));
const verseLines = (article: Article): string[][] =>
  article.blocks.filter((b): b is Verse => b.type === 'verse').flatMap((v) => v.lines.map((line) => line.map((h) => inlineText(h))));

/** Long hemistichs (two of the Rubaiyat's joined): too wide for half of any page, so set one per line. */
function longVerse(): string {
  const source = readFileSync(RUBAIYAT, 'utf8').trim().split('\n').slice(2);
  const lines = Array.from({ length: 40 }, (_, k) => [`${source[4 * k]} ${source[4 * k + 1]}`, `${source[4 * k + 2]} ${source[4 * k + 3]}`]);
  const text = (value: string): { type: 'text'; value: string }[] => [{ type: 'text', value }];
  return JSON.stringify({ meta: { title: 'رباعیات', lang: 'fa' }, blocks: [{ type: 'verse', lines: lines.map((l) => l.map(text)) }] });
}

beforeAll(() => {
  dir = tempDir('warraq-verse-');
  writeFileSync(out('long.json'), longVerse());
  for (const [input, args] of [
    [SURA, []],
    [RUBAIYAT, []],
    [out('long.json'), []],
  ] as const) {
    const run = warraq(['build', input, '--out', dir, ...args]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  const a5 = warraq(['build', RUBAIYAT, out('long.json'), '--out', path.join(dir, 'a5'), '-t', 'a5', '--format', 'pdf']);
  expect(a5.status).toBe(0);
}, 240_000);

/** Of the verse lines, the share whose words come back as first hemistich then second, one after the other. */
function halvesInOrder(lines: readonly string[][], text: string): number {
  const words = extractedWords(text).join(' ');
  const found = lines.filter((line) => words.includes(line.map((h) => extractedWords(h).join(' ')).join(' ')));
  return found.length / lines.length;
}

describe('verse in the PDF', () => {
  for (const [name, source] of [['ar-quran-067-al-mulk', SURA], ['fa-khayyam-rubaiyat', RUBAIYAT], ['a5/fa-khayyam-rubaiyat', RUBAIYAT]] as const) {
    it(`${name}: poppler and pdf.js give back ≥ 98 % of the words in order, every line's halves in order`, async () => {
      const article = await parseFile(source);
      const lines = verseLines(article);
      expect(lines.length).toBeGreaterThan(20);
      const poppler = pdftotext(out(`${name}.pdf`));
      const pdfjs = (await pdfjsPages(bytes(`${name}.pdf`))).texts.join('\n');
      for (const text of [poppler, pdfjs]) {
        expect(compare(articleText(article), text).share).toBeGreaterThanOrEqual(0.98);
        expect(halvesInOrder(lines, text)).toBeGreaterThanOrEqual(0.98);
      }
    });
  }

  it('sets the first hemistich to the right of the second, on the same baseline, and the sura has no bookmarks', async () => {
    const doc = await openPdf(bytes('fa-khayyam-rubaiyat.pdf'));
    const items = (await (await doc.getPage(2)).getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as { str: string; transform: number[]; width: number }[];
    const article = await parseFile(RUBAIYAT);
    const byText = new Map(items.map((i) => [extractedWords(i.str).join(' '), i]));
    let pairs = 0;
    for (const [first, second] of verseLines(article)) {
      const a = byText.get(extractedWords(first!).join(' '));
      const b = byText.get(extractedWords(second!).join(' '));
      if (!a || !b) continue;
      pairs++;
      expect(a.transform[5]).toBe(b.transform[5]);
      expect(a.transform[4]!).toBeGreaterThan(b.transform[4]! + b.width);
    }
    expect(pairs).toBeGreaterThan(20);
    await doc.destroy();
    const sura = await openPdf(bytes('ar-quran-067-al-mulk.pdf'));
    expect(await sura.getOutline()).toBeNull();
    await sura.destroy();
  });

  for (const name of ['long', 'a5/long']) {
    it(`${name}: hemistichs too wide for half the page go one a line, the second below, never a page between`, async () => {
      const article = await parseFile(out('long.json'));
      const lines = verseLines(article);
      const { items, texts } = await pdfjsPages(bytes(`${name}.pdf`));
      const pageOf = (half: string): number => texts.findIndex((t) => extractedWords(t).join(' ').includes(extractedWords(half).join(' ')));
      const all = items.flat();
      for (const [first, second] of lines) {
        expect(pageOf(first!)).toBeGreaterThanOrEqual(0);
        expect(pageOf(first!)).toBe(pageOf(second!));
      }
      expect(texts.length).toBeGreaterThan(1);
      // Second hemistich below the first: pdf.js's baselines grow upwards.
      const [first, second] = lines[0]!;
      const y = (half: string): number | undefined => all.find((i) => extractedWords(half).join(' ').startsWith(extractedWords(i.str).join(' ')) && i.str.trim().length > 3)?.y;
      expect(y(first!)!).toBeGreaterThan(y(second!)!);
      expect(halvesInOrder(lines, texts.join('\n'))).toBeGreaterThanOrEqual(0.98);
    });
  }
});

describe('verse in the EPUB', () => {
  it('is EPUBCheck clean, a line per p.bayt with its two hemistichs, set side by side by flex', async () => {
    for (const name of ['fa-khayyam-rubaiyat', 'ar-quran-067-al-mulk']) expect(await epubProblems(bytes(`${name}.epub`))).toEqual([]);
    const pkg = await openZip(bytes('fa-khayyam-rubaiyat.epub'));
    const xhtml = [...(await pkg.texts(/\.xhtml$/)).values()].join('');
    const lines = [...xhtml.matchAll(/<p class="bayt">(.*?)<\/p>/gsu)].map((m) => [...m[1]!.matchAll(/<span class="hemistich">(.*?)<\/span>/gsu)].map((h) => h[1]));
    const article = await parseFile(RUBAIYAT);
    expect(lines).toEqual(verseLines(article));
    const css = [...(await pkg.texts(/\.css$/)).values()].join('');
    expect(css).toMatch(/\.verse \.bayt \{[^}]*display: flex;[^}]*flex-wrap: wrap/u);
  });
});

describe('verse in the DOCX', () => {
  it('is a borderless right-to-left table of two columns, rows kept whole', async () => {
    const document = await (await openZip(bytes('fa-khayyam-rubaiyat.docx'))).text('word/document.xml');
    const article = await parseFile(RUBAIYAT);
    const rows = [...document.matchAll(/<w:tr>.*?<\/w:tr>/gsu)].map((m) => m[0]);
    expect(rows.filter((row) => (row.match(/<w:tc>/gu) ?? []).length === 2 && row.includes('<w:cantSplit/>')).length).toBe(verseLines(article).length);
    expect(document).toContain('<w:bidiVisual/>');
    expect(document).toMatch(/<w:tblBorders><w:top w:val="none"/u);
  });

  // docx writes LEFT and RIGHT of a w:bidi paragraph swapped: an ayah (one hemistich across both columns)
  // aligned LEFT, meaning its start, was set flush left in LibreOffice.
  // Read off the ink at 72 dpi (a pixel a point): LibreOffice 7.4's text layer boxes vocalised words apart from their lines.
  it.skipIf(!has('soffice') || !has('pdftoppm'))('sets each ayah flush to the start, the right, in LibreOffice', () => {
    const page = renderGray(libreOfficePdf(bytes('ar-quran-067-al-mulk.docx'), 'sura'), 72);
    // The body's lines, below the title and above the folio; a band of marks alone (under 6 pt) is no line.
    const lines = inkBands(page, 6).filter((band) => band.top > page.height * 0.12 && band.bottom < page.height * 0.92);
    expect(lines.length).toBeGreaterThan(10);
    const right = Math.max(...lines.map((l) => l.xMax));
    const flush = lines.filter((l) => right - l.xMax < 3);
    expect(flush.length / lines.length).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  // LibreOffice's PDF of any Persian text with harakat or a hamza above («سَرْو», «آبخوارهٔ») reads back
  // from poppler split at the mark («س َرْو»), whatever the layout: the lines compared are those without
  // marks (392 of 643), so that what is measured is the table's order, not that.
  it.skipIf(!has('soffice'))('renders in LibreOffice back in order, each line first hemistich then second', async () => {
    const lines = verseLines(await parseFile(RUBAIYAT)).filter((line) => !/\p{Mn}/u.test(line.join(' ')));
    expect(lines.length).toBeGreaterThan(350);
    const text = pdftotextRows(libreOfficePdf(bytes('fa-khayyam-rubaiyat.docx'), 'khayyam'));
    expect(compare(lines.flat().join('\n'), text).share).toBeGreaterThanOrEqual(0.98);
    expect(halvesInOrder(lines, text)).toBeGreaterThanOrEqual(0.98);
  }, 180_000);
});
