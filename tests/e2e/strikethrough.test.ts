// Struck-through text (GFM ~~x~~, HTML <del>/<s>/<strike>, the model's `delete`) stays struck in all three
// formats, as their users' tools see it: a correction flattened to plain text would assert what it withdraws.
// PDF: poppler gives the same words as for the unstruck article, and a render of the page shows a stroke
// through every struck word (and over no other word), on both lines a struck phrase wraps across. EPUB:
// <del> and EPUBCheck clean. DOCX: LibreOffice reads the struck runs as struck (its HTML export's <strike>).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { pdftotext } from '../support/pdf.js';
import { pageWords, renderGray, type Gray, type Word } from '../support/pixels.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { epubProblems, javaEpubcheck, javaEpubcheckAvailable } from '../support/validate.js';
import { openZip } from '../support/zip.js';

const TITLE = 'تصحيح لخبر الأمس';
const OPENING = 'قال المتحدث باسم الدفاع المدني في مؤتمر صحفي عقد صباح اليوم إن الحصيلة التي نشرت أمس كانت خاطئة، وإن';
// Long enough to wrap onto the next line in every build; its words occur nowhere else on the page.
const STRUCK = 'عدد المصابين تجاوز ثلاثمئة شخص وأن المستشفيات الميدانية امتلأت بالكامل منذ مساء الخميس الماضي حسب تقديرات أولية متسرعة';
const MIDDLE = 'والصحيح أن الإصابات لم تتجاوز أربعين حالة طفيفة، كما أكدت وكالة';
const LATIN = 'Reuters';
const CLOSING = 'للأنباء في تقريرها المسائي بعد مراجعة السجلات الرسمية في جميع مستشفيات المحافظة والمراكز الصحية التابعة لها.';

const markdown = (strike: boolean): string => {
  const s = (text: string): string => (strike ? `~~${text}~~` : text);
  return `# ${TITLE}\n\n${OPENING} ${s(STRUCK)} ${MIDDLE} ${s(LATIN)} ${CLOSING}\n`;
};
const html = (tag: string): string =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${TITLE}</title></head><body><article><h1>${TITLE}</h1>` +
  `<p>${OPENING} <${tag}>${STRUCK}</${tag}> ${MIDDLE} <${tag}>${LATIN}</${tag}> ${CLOSING}</p></article></body></html>`;
const json = JSON.stringify({
  meta: { title: TITLE, lang: 'ar' },
  blocks: [{
    type: 'paragraph',
    children: [
      { type: 'text', value: `${OPENING} ` }, { type: 'delete', children: [{ type: 'text', value: STRUCK }] },
      { type: 'text', value: ` ${MIDDLE} ` }, { type: 'delete', children: [{ type: 'text', value: LATIN }] },
      { type: 'text', value: ` ${CLOSING}` },
    ],
  }],
});

const INPUTS: Record<string, string> = {
  'struck-md.md': markdown(true),
  'struck-del.html': html('del'),
  'struck-s.html': html('s'),
  'struck-strike.html': html('strike'),
  'struck-json.json': json,
  'plain.md': markdown(false),
};
const STRUCK_NAMES = Object.keys(INPUTS).filter((n) => n.startsWith('struck')).map((n) => path.basename(n, path.extname(n)));
const STRUCK_WORDS = new Set([...STRUCK.split(' '), LATIN]);

let out = '';
beforeAll(() => {
  const dir = tempDir('warraq-strike-');
  for (const [name, text] of Object.entries(INPUTS)) writeFileSync(path.join(dir, name), text);
  out = path.join(dir, 'out');
  const run = warraq(['build', dir, '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);

const DPI = 216;
const SCALE = DPI / 72;
const words = (pdf: string): Word[] => pageWords(pdf);
const render = (pdf: string): Gray => renderGray(pdf, DPI);

const DARK = 128;

/** Per pixel row across the word's box (inset from its sides), the share of dark pixels. */
function rowCover(page: Gray, word: Word): { y: number; share: number }[] {
  const [x0, x1] = [Math.ceil(word.xMin * SCALE) + 2, Math.floor(word.xMax * SCALE) - 2];
  const rows: { y: number; share: number }[] = [];
  for (let y = Math.floor(word.yMin * SCALE); y <= Math.ceil(word.yMax * SCALE); y++) {
    let dark = 0;
    for (let x = x0; x <= x1; x++) if (page.at(x, y) < DARK) dark++;
    rows.push({ y, share: dark / Math.max(1, x1 - x0 + 1) });
  }
  return rows;
}

/** Pixels of the word's box (inset by 2 px on every side) darker or lighter by more than a quarter of the range. */
function changedPixels(a: Gray, b: Gray, word: Word): number {
  let changed = 0;
  for (let y = Math.floor(word.yMin * SCALE) + 2; y <= Math.ceil(word.yMax * SCALE) - 2; y++) {
    for (let x = Math.ceil(word.xMin * SCALE) + 2; x <= Math.floor(word.xMax * SCALE) - 2; x++) if (Math.abs(a.at(x, y) - b.at(x, y)) > 64) changed++;
  }
  return changed;
}

describe.skipIf(!has('pdftotext') || !has('pdftoppm'))('strikethrough in the PDF', () => {
  it('copies back the same words as the unstruck article, struck words included', () => {
    const plain = pdftotext(path.join(out, 'plain.pdf'));
    expect(plain).toContain(LATIN);
    for (const name of STRUCK_NAMES) expect(pdftotext(path.join(out, `${name}.pdf`)), name).toBe(plain);
  });

  it('draws a line through every struck word, on both lines of the wrapped phrase, and through no other word', () => {
    const plainPdf = path.join(out, 'plain.pdf');
    const plainWords = words(plainPdf);
    const plainPage = render(plainPdf);
    const em = 12 * SCALE; // the body size, in pixels
    for (const name of STRUCK_NAMES) {
      const pdf = path.join(out, `${name}.pdf`);
      const found = words(pdf);
      // The same layout as the unstruck article: only strokes are added.
      expect(found, name).toEqual(plainWords);
      const page = render(pdf);
      const struck = found.filter((w) => STRUCK_WORDS.has(w.text));
      expect(new Set(struck.map((w) => w.text)), name).toEqual(STRUCK_WORDS);
      expect(new Set(struck.map((w) => w.yMin)).size, `${name}: the struck phrase wraps`).toBeGreaterThanOrEqual(2);
      for (const word of struck) {
        const rows = rowCover(page, word);
        const plainRows = rowCover(plainPage, word);
        // The stroke: a row dark across the whole word where the unstruck word leaves gaps.
        const stroke = rows.findIndex((r, i) => r.share >= 0.95 && (plainRows[i]?.share ?? 1) <= 0.75);
        expect(stroke, `${name}: no stroke through «${word.text}»`).toBeGreaterThanOrEqual(0);
        if (word.text === LATIN) continue;
        // Above the baseline (for Arabic, the row of the unstruck word with the most ink), by about a
        // quarter of an em: Amiri's strikeout position.
        const baseline = plainRows.reduce((best, r, i) => (r.share > (plainRows[best]?.share ?? 0) ? i : best), 0);
        expect((baseline - stroke) / em, `${name}: «${word.text}»`).toBeGreaterThan(0.12);
        expect((baseline - stroke) / em, `${name}: «${word.text}»`).toBeLessThan(0.35);
      }
      for (const word of found.filter((w) => !STRUCK_WORDS.has(w.text))) {
        expect(changedPixels(page, plainPage, word), `${name}: «${word.text}» is not struck`).toBe(0);
      }
    }
  });
});

describe('strikethrough in the EPUB', () => {
  it('is <del> around the struck text, and EPUBCheck finds nothing', async () => {
    for (const name of STRUCK_NAMES) {
      const bytes = readFileSync(path.join(out, `${name}.epub`));
      const pages = await (await openZip(bytes, name)).texts(/\.xhtml$/);
      const { document } = parseHTML([...pages.values()].join('\n'));
      expect([...document.querySelectorAll('del')].map((d) => d.textContent), name).toEqual([STRUCK, LATIN]);
      expect(await epubProblems(bytes), name).toEqual([]);
    }
  });

  it.skipIf(!javaEpubcheckAvailable)('passes EPUBCheck 4.2.6 on Java', async () => {
    const report = await javaEpubcheck(readFileSync(path.join(out, 'struck-md.epub')));
    expect(report.findings).toEqual([]);
  }, 120_000);
});

describe('strikethrough in the DOCX', () => {
  it('is w:strike on the struck runs only', async () => {
    for (const name of STRUCK_NAMES) {
      const xml = await (await openZip(readFileSync(path.join(out, `${name}.docx`)), name)).text('word/document.xml');
      const runs = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => m[0]);
      const struck = runs.filter((r) => r.includes('<w:strike/>')).map((r) => /<w:t[^>]*>([^<]*)</.exec(r)?.[1] ?? '').join('');
      expect(struck, name).toBe(STRUCK + LATIN);
    }
  });

  it.skipIf(!has('soffice'))('reads as struck text in LibreOffice (its HTML export)', () => {
    const dir = tempDir('warraq-strike-lo-');
    const input = path.join(dir, 'struck.docx');
    writeFileSync(input, readFileSync(path.join(out, 'struck-md.docx')));
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'html', '--outdir', dir, input], { stdio: 'ignore', timeout: 110_000 });
    const { document } = parseHTML(readFileSync(path.join(dir, 'struck.html'), 'utf8'));
    const struck = [...document.querySelectorAll('strike, s, del')].map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(struck).toEqual([STRUCK, LATIN]);
    expect((document.body.textContent ?? '').replace(/\s+/g, ' ')).toContain(`${OPENING} ${STRUCK} ${MIDDLE} ${LATIN} ${CLOSING}`);
  }, 120_000);
});
