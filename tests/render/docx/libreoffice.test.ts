// Where LibreOffice is installed: convert the DOCX to PDF headless, as a user opening and exporting
// it would, and check what comes back out with poppler — the words in reading order (nothing
// reversed: lam-alef is where a wrong bidi or shaping setup shows first), the fonts it used, and where
// the lines sit on page 1. Skipped, not faked, where soffice or poppler are missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { parseString } from '../../../src/parse/index.js';
import { mixedMarkdown as mixed, sample } from '../../support/articles.js';
import { pdffonts, pdftotext, pdftotextRows } from '../../support/pdf.js';
import { ARTICLES } from '../../support/paths.js';
import { tempDir } from '../../support/temp.js';
import { has, libreOfficePdf as toPdf } from '../../support/tools.js';
import { articleText as modelText, inOrder, letterWords as words, withoutBidiControls } from '../../support/words.js';
import { render } from './helpers.js';

const available = has('soffice') && has('pdftotext') && has('pdffonts');

/** The fonts a PDF uses, by name, without the subset tag. */
function fontsOf(pdf: string): string[] {
  return pdffonts(pdf).map((l) => l.split(/\s+/)[0] ?? '').filter((n) => n !== '').map((n) => n.replace(/^[A-Z]{6}\+/, ''));
}

/**
 * Words compared letter for letter, on both sides alike: harakat dropped (poppler reads a mark placed
 * on its own, tanwin or shadda, back detached from its letter), and Latin/digit and Arabic stretches
 * counted as separate words (poppler puts the space at a direction change on the wrong side, gluing
 * "Unicode في" into "Unicodeفي"; the page itself shows the space, see the PNG check in the report).
 */
function comparable(text: string): string[] {
  return words(
    withoutBidiControls(text)
      .replace(/[ \t]*\p{M}/gu, '')
      .replace(/(?<=[A-Za-z0-9])(?=\p{Script=Arabic})|(?<=\p{Script=Arabic})(?=[A-Za-z0-9])/gu, ' '),
  );
}

/** The page's words as a reader sees them, row by row (pdftotextRows says why not poppler's flows), as compared. */
function pdfWords(pdf: string): string[] {
  return comparable(pdftotextRows(pdf));
}

interface PageLine {
  xMin: number;
  y: number;
  xMax: number;
  words: string[];
}

/** Page 1's lines as poppler boxes them, with their words. */
function page1Lines(pdf: string): { width: number; lines: PageLine[] } {
  const xml = pdftotext(pdf, { bbox: true, first: 1 });
  const width = Number(/<page width="([\d.]+)"/.exec(xml)?.[1]);
  const lines = [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    y: Number(m[2]),
    xMax: Number(m[3]),
    words: [...(m[4] ?? '').matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1] ?? ''),
  }));
  return { width, lines };
}

const ARABIC_WORD = /^\p{Script=Arabic}{2,}$/u;
const LAM_ALEF = /ل[اأإآ]/u;

function checkText(article: Article, pdf: string): void {
  const expected = comparable(modelText(article));
  const actual = pdfWords(pdf);
  const ratio = inOrder(expected, actual) / expected.length;
  expect(ratio, `words back in reading order: ${(ratio * 100).toFixed(1)} %`).toBeGreaterThanOrEqual(0.98);
  // Nothing reversed: no word comes back spelled backwards, and lam-alef words come back as written.
  const vocabulary = new Set(expected);
  const seen = new Set(actual);
  const reversed = [...vocabulary].filter((w) => ARABIC_WORD.test(w)).map((w) => [...w].reverse().join('')).filter((r) => !vocabulary.has(r) && seen.has(r));
  expect(reversed).toEqual([]);
  const lamAlef = [...vocabulary].filter((w) => LAM_ALEF.test(w));
  expect(lamAlef.length).toBeGreaterThan(3);
  const missing = lamAlef.filter((w) => !seen.has(w));
  expect(missing.length / lamAlef.length, `lam-alef words missing: ${missing.join(' ')}`).toBeLessThanOrEqual(0.02);
}

/** Font folders with no Amiri in them, for a LibreOffice that cannot find Amiri installed. */
function fontDirsWithoutAmiri(): string[] {
  if (!has('fc-list')) return [];
  const files = execFileSync('fc-list', ['--format', '%{file}\n'], { encoding: 'utf8' }).split('\n').filter((f) => f !== '');
  const dirs = new Set(files.map((f) => path.dirname(f)));
  return [...dirs].filter((dir) => !readdirSync(dir).some((f) => /amiri/i.test(f)));
}

describe.skipIf(!available)('DOCX through LibreOffice', () => {
  let samplePdf = '';
  let mixedPdf = '';
  let sampleArticle: Article;
  let sampleDocx: Uint8Array;
  let mixedArticle: Article;

  beforeAll(async () => {
    sampleArticle = await sample();
    mixedArticle = await mixed();
    sampleDocx = (await render(sampleArticle)).bytes;
    samplePdf = toPdf(sampleDocx, 'sample');
    mixedPdf = toPdf((await render(mixedArticle)).bytes, 'mixed');
  });

  it('gives back the sample’s words in reading order, nothing reversed', () => {
    checkText(sampleArticle, samplePdf);
  });

  it('justifies by spaces: no kashida stretches that would leak stray characters into the text', () => {
    for (const pdf of [samplePdf, mixedPdf]) {
      const text = pdftotext(pdf);
      expect(text).not.toMatch(/\p{Script=Arabic}[<\u0640]+\p{Script=Arabic}/u);
    }
  });

  // The line with the link is where LibreOffice 7.4 used to stretch at kashida points (blank gaps inside
  // words, "مكتب ة") while the link was in the Hyperlink style; runs.ts says why its look is now direct.
  it('gives back the Markdown article’s words (Latin words, numbers, links, lists) in reading order', () => {
    checkText(mixedArticle, mixedPdf);
  });

  it('bullets each list level as the PDF does: • then ◦', () => {
    const rows = withoutBidiControls(pdftotextRows(mixedPdf));
    expect(rows).toMatch(/•\s+الحروف العربية تتصل/u);
    expect(rows).toMatch(/◦\s+وهذه قائمة داخلية/u);
  });

  it('sets the text in Amiri, regular and bold, with no fallback face', () => {
    const sampleFonts = fontsOf(samplePdf);
    expect(sampleFonts).toContain('Amiri-Regular');
    expect(sampleFonts).toContain('Amiri-Bold');
    expect(sampleFonts.filter((f) => !f.startsWith('Amiri'))).toEqual([]);
    // The code block is set in the embedded JetBrains Mono, the nested list's ◦ (which Amiri lacks) in the
    // embedded Noto Sans Math, as the PDF does; all else is Amiri.
    expect(fontsOf(mixedPdf).filter((f) => !f.startsWith('Amiri') && !/mono|courier/i.test(f))).toEqual(['NotoSansMath-Regular']);
  });

  it('lays page 1 out right-aligned and justified between the theme margins', () => {
    const { width, lines } = page1Lines(samplePdf);
    // Body lines: below the title block, above the footer.
    const body = lines.filter((l) => l.y > 180 && l.y < 760);
    expect(body.length).toBeGreaterThan(10);
    const right = width - 72; // outer 60 pt + the 12 pt gutter, on the right
    const left = 60;
    for (const line of body) expect(Math.abs(line.xMax - right), `line at y=${line.y} ends at the right margin`).toBeLessThan(3);
    const full = body.filter((l) => Math.abs(l.xMin - left) < 3);
    expect(full.length / body.length, 'most lines are stretched to both margins').toBeGreaterThan(0.6);
    expect(body.some((l) => l.xMin > left + 50), 'short last lines stay on the right').toBe(true);
  });

  // The README listed this paragraph's short last line, which ends in an inline code run, as set at the
  // left margin; poppler's boxes (and the page's pixels) put it at the right, where an RTL paragraph's
  // last line belongs. A look at a small PNG of Arabic text is easy to misread left for right. The
  // paragraph is the mixed article's, its first sentence said three times, so that it runs to several
  // lines in any LibreOffice (25.2 fits more on a line than 7.4 did).
  it('ends the last line of a justified paragraph that closes on Latin code at the right margin', async () => {
    const source = readFileSync(path.join(ARTICLES, 'mixed.md'), 'utf8').split('\n').find((l) => l.includes('`README.md`'))!;
    const paragraph = source.slice(0, source.indexOf('تعرض')).repeat(2) + source;
    const article = await parseString(`# فقرة تنتهي بشيفرة\n\n${paragraph}\n`, 'md', { file: 'code-end.md' });
    const { width, lines } = page1Lines(toPdf((await render(article)).bytes, 'code-end'));
    const last = lines.find((l) => l.words.includes('README.md'));
    expect(last, 'the line with README.md').toBeDefined();
    // The paragraph's other lines, stretched between both margins.
    const full = lines.filter((l) => l.y < last!.y && l.y > last!.y - 120 && l.xMax - l.xMin > 400);
    expect(full.length, 'a multi-line paragraph').toBeGreaterThanOrEqual(2);
    const right = Math.max(...full.map((l) => l.xMax));
    const left = Math.min(...full.map((l) => l.xMin));
    expect(right - left, 'full lines span the measure').toBeGreaterThan(width / 2);
    expect(last!.xMin - left, 'the last line is not stretched to the left margin').toBeGreaterThan(20);
    expect(Math.abs(last!.xMax - right), `last line ends at x=${last!.xMax}, full lines at ${right}`).toBeLessThan(3);
  });

  it('uses the embedded Amiri when the machine has none installed', async (context) => {
    const dirs = fontDirsWithoutAmiri();
    if (dirs.length === 0) context.skip();
    const root = tempDir('warraq-fc-');
    mkdirSync(path.join(root, 'cache'));
    const config = path.join(root, 'fonts.conf');
    writeFileSync(
      config,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${path.join(root, 'cache')}</cachedir>\n</fontconfig>\n`,
    );
    const env = { FONTCONFIG_FILE: config };
    expect(fontsOf(toPdf(sampleDocx, 'embedded', env)).filter((f) => !f.startsWith('Amiri'))).toEqual([]);
    // The control: the same document without its embedded fonts falls back, so the setup really hides Amiri.
    const zip = await JSZip.loadAsync(sampleDocx);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('word/fonts/'))) zip.remove(name);
    const table = (await zip.file('word/fontTable.xml')!.async('string')).replace(/<w:embed\w+ [^>]*\/>/g, '');
    zip.file('word/fontTable.xml', table);
    const stripped = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(fontsOf(toPdf(stripped, 'stripped', env)).some((f) => f.startsWith('Amiri'))).toBe(false);
  });
});
