// Urdu is set in Nastaliq (Noto Nastaliq Urdu: the default theme's "languages.ur") with the taller lines
// its stacked joins need, in all three formats, and so is an Urdu paragraph in an Arabic article; an
// Arabic quotation in an Urdu article goes back to Naskh (Amiri). Checked as readers see it: the faces
// MuPDF reads each word in and the text poppler and pdf.js copy back (a real Urdu article, 99 % of its
// words in order); Chromium's fonts for each paragraph of the EPUB, and EPUBCheck; the DOCX's styles and
// runs, pandoc's reading of it and the faces of LibreOffice's rendering. The mixed fixtures' Urdu is the
// real article's opening (Security-101, CC0: tests/fixtures/real/SOURCES.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText } from '../../src/model/index.js';
import { parseFile } from '../../src/parse/index.js';
import { buildSource, warraq } from '../support/cli.js';
import { faceOf, faceRuns, pdffonts, pdfjsText, pdftotext } from '../support/pdf.js';
import { ARTICLES, REAL } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { articleText, compare, extractedWords } from '../support/words.js';
import { entryText, openZip, unzippedEpub } from '../support/zip.js';

const URDU_ARTICLE = path.join(REAL, 'ur-security101-common-threats.md');
const AR_WITH_UR = path.join(ARTICLES, 'ar-with-urdu.json');
const UR_WITH_AR = path.join(ARTICLES, 'ur-with-arabic.json');
const GHAZAL = path.join(REAL, 'ur-ghalib-ghazal.txt');
// A word of each language in the mixed fixtures, and the default theme's sizes and line heights.
const URDU_WORD = 'سیکیورٹی';
const ARABIC_WORD = 'السيبراني';
const BODY = 12;
const URDU_PITCH = BODY * 2.3;
const NASKH_PITCH = BODY * 1.8;

let dir = '';
const out = (input: string, extension: string): string => path.join(dir, `${path.basename(input, path.extname(input))}.${extension}`);
const bytes = (input: string, extension: string): Uint8Array => new Uint8Array(readFileSync(out(input, extension)));

beforeAll(() => {
  dir = tempDir('warraq-nastaliq-');
  const run = warraq(['build', URDU_ARTICLE, AR_WITH_UR, UR_WITH_AR, GHAZAL, '--out', dir]);
  expect(run.status).toBe(0);
}, 180_000);

/** Whether `wanted` (a sentence) comes back from `text` as one stretch of its words, in order. */
function inReadingOrder(text: string, wanted: string): boolean {
  const all = extractedWords(text);
  const words = extractedWords(wanted);
  return all.some((_, i) => words.every((w, k) => all[i + k] === w));
}

/** The most common distance between neighbouring lines of page 1, in points, from poppler's line boxes. */
function commonPitch(pdf: string): number {
  const bottoms = [...pdftotext(pdf, { first: 1, bbox: true }).matchAll(/<line xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="([^"]*)">/gu)].map((m) => Number(m[1]));
  const steps = new Map<number, number>();
  for (let k = 1; k < bottoms.length; k++) {
    const step = Math.round(((bottoms[k] as number) - (bottoms[k - 1] as number)) * 10) / 10;
    if (step > 0) steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  return [...steps].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

describe('an Urdu article (a real one) in the PDF', () => {
  it('is set in Noto Nastaliq Urdu, its headings in the bold', () => {
    const fonts = pdffonts(out(URDU_ARTICLE, 'pdf')).join('\n');
    expect(fonts).toMatch(/[A-Z]{6}\+NotoNastaliqUrdu-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/u);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoNastaliqUrdu-Bold\s/u);
    const runs = faceRuns(out(URDU_ARTICLE, 'pdf'));
    expect(faceOf(runs, 'موضوعات')).toMatch(/NotoNastaliqUrdu-Regular/u);
    expect(faceOf(runs, 'تعارف')).toMatch(/NotoNastaliqUrdu-Bold/u);
  });

  it('copies back 99 % of its words in order, in poppler and in pdf.js', async () => {
    const expected = articleText(await parseFile(URDU_ARTICLE));
    const poppler = compare(expected, pdftotext(out(URDU_ARTICLE, 'pdf')));
    const pdfjs = compare(expected, await pdfjsText(bytes(URDU_ARTICLE, 'pdf')));
    expect(poppler.share, poppler.missing.join(' ')).toBeGreaterThanOrEqual(0.985);
    expect(pdfjs.share, pdfjs.missing.join(' ')).toBeGreaterThanOrEqual(0.985);
    expect([poppler.reversed, pdfjs.reversed]).toEqual([[], []]);
  });

  it('gives pdf.js a justified line as one item: its words in reading order, not one item a word', async () => {
    // Nastaliq's word spaces are narrow (its joins reach over them); under 0.102 em pdf.js cut the line at each.
    const text = await pdfjsText(bytes(URDU_ARTICLE, 'pdf'));
    expect(inReadingOrder(text, 'بہت سے حملے مالی منافع کے لیے کیے جاتے ہیں')).toBe(true);
    expect(inReadingOrder(text, 'نقصان دہ عناصر حساس معلومات جیسے کریڈٹ')).toBe(true);
  });

  it('sets its lines 2.3 ems apart, where Naskh has 1.8', () => {
    expect(Math.abs(commonPitch(out(URDU_ARTICLE, 'pdf')) - URDU_PITCH)).toBeLessThan(0.2);
    expect(Math.abs(commonPitch(out(AR_WITH_UR, 'pdf')) - NASKH_PITCH)).toBeLessThan(0.2);
  });
});

describe('a ghazal (Ghalib’s, real) in the PDF', () => {
  it('sets its hemistichs in Nastaliq side by side, and gives each back whole, in order (poppler and pdf.js)', async () => {
    const runs = faceRuns(out(GHAZAL, 'pdf'));
    expect(faceOf(runs, 'ارمان')).toMatch(/NotoNastaliqUrdu-Regular/u);
    const expected = articleText(await parseFile(GHAZAL));
    for (const text of [pdftotext(out(GHAZAL, 'pdf')), await pdfjsText(bytes(GHAZAL, 'pdf'))]) {
      const read = compare(expected, text);
      expect(read.share, read.missing.join(' ')).toBeGreaterThanOrEqual(0.99);
      expect(inReadingOrder(text, 'بہت بے آبرو ہو کر ترے کوچے سے ہم نکلے')).toBe(true);
    }
  });
});

describe('code in an Urdu article', () => {
  // Code keeps the loaded theme's pitch and falls back to its body family (Amiri) for Arabic letters: at
  // Nastaliq's 2.3 a code block's lines stood far apart, and Nastaliq at 1.8 would collide.
  const SOURCE = `# کوڈ کی مثال\n\nیہ مضمون اردو میں ہے اور نیچے کوڈ کی ایک مثال ہے جس میں اردو تبصرہ بھی ہے۔\n\n\`\`\`\n# گنتی چھاپیں\nprint("one")\nprint("two")\nprint("three")\n\`\`\`\n`;
  let code = '';
  beforeAll(() => {
    const built = buildSource(SOURCE, 'urdu-code.md');
    expect(built.run.status, built.run.stderr).toBe(0);
    code = built.out;
  }, 120_000);
  const file = (extension: string): string => path.join(code, `urdu-code.${extension}`);

  it('PDF: the code block’s lines at the code size × 1.8, its Urdu comment in Amiri', () => {
    const lines = [...pdftotext(file('pdf'), { first: 1, bbox: true }).matchAll(/<line xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="([^"]*)">\s*<word[^>]*>print/gu)].map((m) => Number(m[1]));
    expect(lines).toHaveLength(3);
    expect(Math.abs((lines[1]! - lines[0]!) - 10.5 * 1.8)).toBeLessThan(0.2);
    expect(faceOf(faceRuns(file('pdf')), 'چھاپیں')).toMatch(/Amiri-Regular/u);
  });

  it('DOCX: the code style’s pitch and complex-script face are the loaded theme’s', async () => {
    const styles = await entryText((await openZip(new Uint8Array(readFileSync(file('docx'))))).zip, 'word/styles.xml');
    const source = /<w:style [^>]*w:styleId="SourceCode"[^>]*>.*?<\/w:style>/su.exec(styles)?.[0] ?? '';
    expect(source).toContain(`w:line="${Math.round(10.5 * 1.8 * 20)}" w:lineRule="exact"`);
    expect(source).toContain('w:cs="Amiri"');
  });
});

describe('languages side by side in the PDF', () => {
  it('sets an Urdu paragraph of an Arabic article in Nastaliq, the Arabic ones in Amiri', () => {
    const runs = faceRuns(out(AR_WITH_UR, 'pdf'));
    expect(faceOf(runs, URDU_WORD)).toMatch(/NotoNastaliqUrdu-Regular/u);
    expect(faceOf(runs, ARABIC_WORD)).toMatch(/Amiri-Regular/u);
    expect(faceOf(runs, 'بالأردية')).toMatch(/Amiri-Bold/u);
  });

  it('sets an Arabic quotation of an Urdu article in Amiri, the Urdu around it in Nastaliq', () => {
    const runs = faceRuns(out(UR_WITH_AR, 'pdf'));
    expect(faceOf(runs, ARABIC_WORD)).toMatch(/Amiri-Regular/u);
    expect(faceOf(runs, URDU_WORD)).toMatch(/NotoNastaliqUrdu-Regular/u);
    expect(faceOf(runs, 'اقتباس')).toMatch(/NotoNastaliqUrdu-Bold/u);
  });

  it('copies both languages back in reading order (poppler and pdf.js)', async () => {
    for (const input of [AR_WITH_UR, UR_WITH_AR]) {
      const expected = articleText(await parseFile(input));
      expect(compare(expected, pdftotext(out(input, 'pdf'))).share, input).toBeGreaterThanOrEqual(0.99);
      expect(compare(expected, await pdfjsText(bytes(input, 'pdf'))).share, input).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('Nastaliq in the EPUB', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  /** For each paragraph of the article page: the faces Chromium draws it in (the embedded ones) and its line height in ems. */
  async function paragraphs(input: string): Promise<{ text: string; faces: string[]; lineHeight: number }[]> {
    const xhtml = path.join(await unzippedEpub(bytes(input, 'epub')), 'article.xhtml');
    const page = await browser.newPage();
    await page.goto(`file://${xhtml}`);
    await page.evaluate('document.fonts.ready');
    const session = await page.context().newCDPSession(page);
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    const { root } = await session.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'p' });
    const out: { text: string; faces: string[]; lineHeight: number }[] = [];
    for (const [k, nodeId] of nodeIds.entries()) {
      const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
      const measured = (await page.evaluate(`(() => { const p = document.querySelectorAll('p')[${k}]; const s = getComputedStyle(p); return { text: p.textContent, lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) }; })()`)) as { text: string; lineHeight: number };
      out.push({ ...measured, faces: fonts.filter((f) => f.glyphCount > 2).map((f) => f.familyName) });
    }
    await page.close();
    return out;
  }

  it('embeds Noto Nastaliq Urdu for an Urdu article, and no face it does not draw with; EPUBCheck passes', async () => {
    const { zip } = await openZip(bytes(URDU_ARTICLE, 'epub'));
    const fonts = Object.keys(zip.files).filter((f) => f.startsWith('OEBPS/fonts/'));
    expect(fonts).toContain('OEBPS/fonts/NotoNastaliqUrdu-Regular.ttf');
    expect(fonts.filter((f) => f.includes('Amiri'))).toEqual([]);
    for (const input of [URDU_ARTICLE, AR_WITH_UR, UR_WITH_AR]) expect(await epubProblems(bytes(input, 'epub')), input).toEqual([]);
  }, 120_000);

  it('has Chromium draw Urdu paragraphs in Nastaliq at 2.3, Arabic ones in Amiri at 1.8', async () => {
    for (const input of [AR_WITH_UR, UR_WITH_AR]) {
      const found = await paragraphs(input);
      const urdu = found.filter((p) => p.text.includes(URDU_WORD));
      const arabic = found.filter((p) => p.text.includes(ARABIC_WORD));
      expect([urdu.length, arabic.length], input).toEqual(input === AR_WITH_UR ? [1, 2] : [2, 1]);
      for (const p of urdu) expect([p.faces, p.lineHeight], input).toEqual([['Noto Nastaliq Urdu'], 2.3]);
      for (const p of arabic) expect([p.faces, p.lineHeight], input).toEqual([['Amiri'], 1.8]);
    }
  }, 60_000);
});

describe('Nastaliq in the DOCX', () => {
  /** The w:p elements of the document whose text holds `word`. */
  async function paragraphsWith(input: string, word: string): Promise<string[]> {
    const { zip } = await openZip(bytes(input, 'docx'));
    const document = await entryText(zip, 'word/document.xml');
    return [...document.matchAll(/<w:p[ >].*?<\/w:p>/gsu)].map((m) => m[0]).filter((p) => p.includes(word));
  }

  it('makes Nastaliq and its line pitch the styles’ for an Urdu article, and embeds it', async () => {
    const { zip } = await openZip(bytes(URDU_ARTICLE, 'docx'));
    const styles = await entryText(zip, 'word/styles.xml');
    const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/su.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('<w:rFonts w:ascii="Noto Nastaliq Urdu" w:cs="Noto Nastaliq Urdu"');
    const normal = /<w:style [^>]*w:styleId="Normal"[^>]*>.*?<\/w:style>/su.exec(styles)?.[0] ?? '';
    expect(normal).toContain(`w:line="${URDU_PITCH * 20}" w:lineRule="exact"`);
    expect(await entryText(zip, 'word/fontTable.xml')).toMatch(/<w:font w:name="Noto Nastaliq Urdu">.*?<w:embedRegular /su);
  });

  it('names Nastaliq on an Urdu paragraph of an Arabic article, with its own pitch; Amiri on an Arabic quotation in Urdu', async () => {
    const [urdu] = await paragraphsWith(AR_WITH_UR, URDU_WORD);
    expect(urdu).toContain('w:cs="Noto Nastaliq Urdu"');
    expect(urdu).toContain(`w:line="${URDU_PITCH * 20}" w:lineRule="exact"`);
    const [arabic] = await paragraphsWith(AR_WITH_UR, ARABIC_WORD);
    expect(arabic).not.toContain('Nastaliq');
    expect(arabic).not.toContain('w:line=');
    const [quotation] = await paragraphsWith(UR_WITH_AR, ARABIC_WORD);
    expect(quotation).toContain('w:cs="Amiri"');
    expect(quotation).toContain(`w:line="${Math.round(11 * 1.8 * 20)}" w:lineRule="exact"`);
  });

  it.skipIf(!has('pandoc'))('keeps every word editable: pandoc reads both languages back in order', async () => {
    for (const input of [AR_WITH_UR, UR_WITH_AR]) {
      const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', out(input, 'docx')], { encoding: 'utf8' });
      // pandoc takes the title into the metadata: the body's blocks are what it gives as text.
      const read = compare(blocksText((await parseFile(input)).blocks), text);
      expect(read.share, `${input}: ${read.missing.join(' ')}`).toBe(1);
    }
  });

  it.skipIf(!has('soffice') || !has('mutool'))('has LibreOffice draw the Urdu in Nastaliq and the Arabic in Amiri', async () => {
    for (const input of [AR_WITH_UR, UR_WITH_AR]) {
      const pdf = libreOfficePdf(bytes(input, 'docx'), path.basename(input, '.json'));
      const runs = faceRuns(pdf);
      // LibreOffice's PDF gives Nastaliq's letters back apart and some as U+FFFD (its text layer, not the
      // document's: pandoc reads the words whole): the face is read from the runs, the Arabic by its words.
      expect(runs.some((r) => r.face.endsWith('NotoNastaliqUrdu-Regular') && /[ٹڈںےھ]/u.test(r.text)), input).toBe(true);
      expect(faceOf(runs, ARABIC_WORD), input).toMatch(/Amiri-Regular/u);
      expect(inReadingOrder(pdftotext(pdf), 'يستغلون الثغرات للوصول غير المشروع إلى الأنظمة'), input).toBe(true);
    }
  }, 180_000);
});
