// Where LibreOffice is installed: the DOCX's page layout as LibreOffice sets it, beside warraq's own PDF
// of the same article and theme — the line pitch the theme means (not "auto" spacing multiplying a font
// that is tall already), vowel marks intact. Skipped, not faked, where soffice, poppler or MuPDF are missing.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { parseFile } from '../../../src/parse/index.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { loadTheme } from '../../../src/theme/index.js';
import { arabicMarkdown, sample } from '../../support/articles.js';
import { renderContext } from '../../support/context.js';
import { REAL } from '../../support/paths.js';
import { writeTemp } from '../../support/temp.js';
import { has, libreOfficePdf } from '../../support/tools.js';
import { pdftotext } from '../../support/pdf.js';
import { render } from './helpers.js';
import { linePitch, pageLines, type PageLine } from './layout.js';

const available = has('soffice') && has('pdftotext') && has('mutool');

/** LibreOffice's PDF of the article's DOCX and warraq's own PDF of it, as files (default theme unless told). */
async function both(article: Article, name: string, theme = 'default'): Promise<{ office: string; own: string }> {
  const context = { theme: loadTheme(theme) };
  const office = libreOfficePdf((await render(article, context)).bytes, name);
  const own = writeTemp(await renderPdf(article, renderContext(context)), `${name}-own.pdf`);
  return { office, own };
}

describe.skipIf(!available)('DOCX line pitch in LibreOffice', () => {
  let sampleRun: { office: string; own: string };
  let vocalisedRun: { office: string; own: string };

  beforeAll(async () => {
    sampleRun = await both(await sample(), 'pitch-sample');
    vocalisedRun = await both(await parseFile(path.join(REAL, 'ar-tashkeela-vocalised.txt')), 'pitch-vocalised');
  });

  it('sets the sample at the PDF’s line pitch (within 10 %)', () => {
    const office = linePitch(sampleRun.office);
    const own = linePitch(sampleRun.own);
    expect(own).toBeCloseTo(12 * 1.8, 0);
    expect(Math.abs(office / own - 1), `LibreOffice ${office} pt, PDF ${own} pt`).toBeLessThan(0.1);
  });

  it('sets a fully vocalised text at the PDF’s line pitch too, every line of page 1 apart', () => {
    const office = linePitch(vocalisedRun.office);
    const own = linePitch(vocalisedRun.own);
    expect(Math.abs(office / own - 1), `LibreOffice ${office} pt, PDF ${own} pt`).toBeLessThan(0.1);
  });
});

/**
 * Whether a line holds the word. poppler's boxed words come in the order glyphs were drawn: a right-to-left
 * word of LibreOffice's comes back spelled backwards (punctuation and all), so either spelling counts.
 */
function holds(line: PageLine, word: string): boolean {
  const reversed = [...word].reverse().join('');
  return line.words.some((w) => w.includes(word) || w.includes(reversed));
}

describe.skipIf(!available)('DOCX front matter in LibreOffice', () => {
  let office: string;
  let own: string;
  let sampleOffice: string;

  beforeAll(async () => {
    ({ office, own } = await both(await arabicMarkdown(), 'front-matter'));
    sampleOffice = (await both(await sample(), 'front-matter-sample')).office;
  });

  it('opens page 1 with the title: no running head above it, one on the pages after', () => {
    const first = pageLines(office).lines.sort((a, b) => a.y - b.y)[0]!;
    expect(holds(first, 'قمة')).toBe(true);
    expect(first.y, 'the title sits at the top margin').toBeGreaterThan(60);
    const second = pageLines(sampleOffice, 2).lines.sort((a, b) => a.y - b.y)[0]!;
    expect(second.y, 'page 2’s running head sits in the top margin').toBeLessThan(60);
    expect(holds(second, 'بوتين')).toBe(true);
  });

  it('sets title, subtitle and byline flush to the start (the right), as the PDF does', () => {
    const block = (pdf: string) => {
      const lines = pageLines(pdf).lines.sort((a, b) => a.y - b.y);
      const find = (word: string) => lines.find((l) => holds(l, word));
      return { title: find('ألاسكا'), subtitle: find('يريده'), byline: find('العلي'), body: lines.filter((l) => l.words.length > 8) };
    };
    const theirs = block(office);
    const ours = block(own);
    const right = Math.max(...theirs.body.map((l) => l.xMax));
    for (const key of ['title', 'subtitle', 'byline'] as const) {
      const line = theirs[key];
      expect(line, `the ${key} line`).toBeDefined();
      expect(Math.abs(line!.xMax - right), `the ${key} ends at the right margin`).toBeLessThan(3);
      expect(Math.abs(line!.xMax - ours[key]!.xMax), `the ${key} ends where the PDF’s does`).toBeLessThan(3);
    }
    // The byline holds authors and the date, as the PDF's.
    const byline = theirs.byline!;
    expect(holds(byline, 'Haddad')).toBe(true);
    expect(holds(byline, 'أغسطس') || holds(byline, '2025') || holds(byline, '٢٠٢٥')).toBe(true);
  });
});

/** Of a page's lines at least 80 % of the widest, the share set flush to both margins (within 2 pt). */
function justifiedShare(pdf: string, page: number): number {
  const { height, lines } = pageLines(pdf, page);
  const body = lines.filter((l) => l.y > height * 0.08 && l.yMax < height * 0.92);
  const left = Math.min(...body.map((l) => l.xMin));
  const right = Math.max(...body.map((l) => l.xMax));
  const long = body.filter((l) => l.xMax - l.xMin > 0.8 * (right - left));
  return long.filter((l) => l.xMin - left < 2 && right - l.xMax < 2).length / long.length;
}

/** What the kashidas LibreOffice inserts come back as in its text layer, inside an Arabic word (seen: «''», «;;», «KK», «BB», «((»). */
const KASHIDA_JUNK = /\p{Script=Arabic}(?:''|;;|KK|BB|\(\(|\)\))\p{Script=Arabic}/u;

// The a5 theme justifies with kashida in the PDF. Its DOCX used w:jc="lowKashida", which LibreOffice sets
// ragged; "both" with a tatweel in the embedded face made it stretch at kashida points and write «''» for
// each kashida into its text. Now: "both", no tatweel, lines justified by spaces and the text clean.
describe.skipIf(!available)('DOCX in the a5 theme in LibreOffice', () => {
  let run: { office: string; own: string };

  beforeAll(async () => {
    run = await both(await sample(), 'a5-sample', 'a5');
  });

  it('justifies the body as the PDF does: full lines flush to both margins', () => {
    for (const page of [1, 2]) {
      const share = justifiedShare(run.office, page);
      expect(share, `page ${page}: ${(share * 100).toFixed(0)} % of full lines justified`).toBeGreaterThan(0.8);
    }
  });

  it('writes no kashida junk (nor any tatweel) into the text', () => {
    const text = pdftotext(run.office);
    expect(KASHIDA_JUNK.exec(text)?.[0]).toBeUndefined();
    expect(text).not.toMatch(/\u0640/u);
  });
});

// A real tutorial with code and Latin runs that writes a few tatweels of its own ("بـ React"): with the
// tatweel in the embedded face, LibreOffice 7.4 kashida-justified every paragraph and wrote «;;» for
// each kashida into its text (746 times in this file).
describe.skipIf(!available)('DOCX of a real Arabic tutorial in LibreOffice', () => {
  it('writes no kashida junk into the text, and keeps the text’s own tatweels', async () => {
    const article = await parseFile(path.join(REAL, 'ar-react-tutorial-tic-tac-toe.md'));
    const text = pdftotext(libreOfficePdf((await render(article)).bytes, 'react'));
    expect(KASHIDA_JUNK.exec(text)?.[0]).toBeUndefined();
    expect(text).toContain('بـ');
  }, 120_000);
});
