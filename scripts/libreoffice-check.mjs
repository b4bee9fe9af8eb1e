#!/usr/bin/env node
// How a LibreOffice renders warraq's DOCX, beside warraq's own PDF of the same input and theme: the line
// pitch (the most frequent distance between consecutive body lines) as a ratio of the PDF's; the share of
// full lines set flush to both margins (justification); the share of the text's words (the EPUB's, as
// written) that come back in order from LibreOffice's PDF, read row by row ("flows": in poppler's own
// order; "own pdf": from warraq's PDF, for comparison; "lo’s docx": from the same document as LibreOffice
// itself saves it as DOCX and sets it, so that a loss both share is LibreOffice's); and any kashida junk (Latin pairs, brackets or
// tatweel inside Arabic words) in its text layer. For a release check against each LibreOffice users have.
//
//   node scripts/libreoffice-check.mjs [--soffice PATH] [--keep DIR]
//
// Runs the built command (bin/warraq.js; `npm run build` first) and poppler's pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'warraq.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const soffice = option('--soffice', 'soffice');
const keep = option('--keep', undefined);

/** Each case: a name, the command's arguments (before --out), and the output's base name. */
const CASES = [];
for (const template of ['default', 'a5']) {
  CASES.push([`sample/${template}`, ['build', 'content/alaska-summit.txt', '--template', template], 'alaska-summit']);
  CASES.push([`vocalised/${template}`, ['build', 'tests/fixtures/real/ar-tashkeela-vocalised.txt', '--template', template], 'ar-tashkeela-vocalised']);
  CASES.push([`mixed/${template}`, ['build', 'tests/fixtures/real/ar-djangogirls-python-introduction.md', '--template', template], 'ar-djangogirls-python-introduction']);
  CASES.push([`tutorial/${template}`, ['build', 'tests/fixtures/real/ar-react-tutorial-tic-tac-toe.md', '--template', template], 'ar-react-tutorial-tic-tac-toe']);
  CASES.push([`book/${template}`, ['book', 'tests/fixtures/book/book.yaml', '--template', template], 'book']);
}

/** Every line pdftotext boxes, page by page: its box and its words. */
function lines(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const pages = [];
  for (const page of xml.split('<page ').slice(1)) {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
    const found = [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      words: [...m[5].matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1]),
    }));
    // Running head and page number aside: the top and bottom 8 % of the page.
    pages.push(found.filter((l) => l.yMin > height * 0.08 && l.yMax < height * 0.92));
  }
  return pages;
}

/**
 * The usual distance from one line's bottom (yMax) to the next's: the body text's pitch, as the most
 * frequent step (to 0.5 pt) among lines at least a third of the widest (LibreOffice's text layer boxes
 * harakat apart from their line), so headings, lists and code do not pull it as a median would; and only
 * lines with right-to-left letters, so that a tutorial's many code lines (their own, smaller pitch) do not
 * outnumber the body's.
 */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

function pitch(pages) {
  const counts = new Map();
  for (const page of pages) {
    if (page.length === 0) continue;
    const widest = Math.max(...page.map((l) => l.xMax - l.xMin));
    // Body lines: wide, and holding right-to-left letters (code, set at its own pitch, is Latin here).
    const sorted = page.filter((l) => l.xMax - l.xMin > widest / 3 && l.words.some((w) => RTL_LETTER.test(w))).sort((a, b) => a.yMax - b.yMax);
    for (let i = 1; i < sorted.length; i++) {
      const step = Math.round((sorted[i].yMax - sorted[i - 1].yMax) * 2) / 2;
      if (step > 2) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? NaN;
}

/**
 * Of the lines at least 80 % of the text width, the share that reach both margins (within 2 pt), read off
 * the ink of the pages at 72 dpi (a pixel a point), not off the text layer, whose boxes LibreOffice 7.4
 * draws apart from the line on vocalised text. A line is a band of rows with ink; a band under 4 pt
 * (harakat set apart from their line) is left out, as are the top and bottom 8 % (running head, folio).
 */
function justified(pdf) {
  const dir = mkdtempSync(path.join(tmpdir(), 'warraq-ink-'));
  let full = 0;
  let long = 0;
  try {
    execFileSync('pdftoppm', ['-r', '72', '-gray', pdf, path.join(dir, 'p')]);
    for (const file of readdirSync(dir).sort()) {
      const bands = inkBands(readFileSync(path.join(dir, file)));
      if (bands.length < 4) continue;
      const left = Math.min(...bands.map((b) => b.xMin));
      const right = Math.max(...bands.map((b) => b.xMax));
      for (const band of bands) {
        if (band.xMax - band.xMin < 0.8 * (right - left)) continue;
        long++;
        if (band.xMin - left <= 2 && right - band.xMax <= 2) full++;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return long === 0 ? NaN : full / long;
}

/** The bands of rows with ink on a greyscale page (binary PGM), each with its leftmost and rightmost ink. */
function inkBands(pgm) {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  const bands = [];
  let band;
  for (let y = Math.ceil(height * 0.08); y < Math.floor(height * 0.92); y++) {
    let xMin = -1;
    let xMax = -1;
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] < 128) {
        if (xMin < 0) xMin = x;
        xMax = x;
      }
    }
    if (xMin < 0) {
      if (band && band.rows >= 4) bands.push(band);
      band = undefined;
    } else if (band) {
      band.rows++;
      band.xMin = Math.min(band.xMin, xMin);
      band.xMax = Math.max(band.xMax, xMax);
    } else band = { rows: 1, xMin, xMax };
  }
  if (band && band.rows >= 4) bands.push(band);
  return bands;
}

/** Words as compared: letters and digits only, harakat and tatweel dropped, bidi controls split. */
function words(text) {
  return text
    .normalize('NFC')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ')
    .replace(/[\p{M}\u0640\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/(?<=[A-Za-z0-9])(?=\p{Script=Arabic})|(?<=\p{Script=Arabic})(?=[A-Za-z0-9])/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** Length of the longest common subsequence: how many of `expected` come back in order. */
function inOrder(expected, actual) {
  let previous = new Uint32Array(actual.length + 1);
  let current = new Uint32Array(actual.length + 1);
  for (const e of expected) {
    for (let j = 1; j <= actual.length; j++) current[j] = e === actual[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    [previous, current] = [current, previous];
  }
  return previous[actual.length];
}

/** Kashida junk: what LibreOffice writes for a kashida it inserts, inside an Arabic word («''», «;;», «KK», «BB», «((»). */
function junk(text) {
  return [...text.matchAll(/\p{Script=Arabic}(?:''|;;|KK|BB|\(\(|\)\))\p{Script=Arabic}/gu)].length;
}

const text = (pdf) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
/**
 * The page row by row, as a reader sees it (tests/support/pdf.ts, pdftotextRows): poppler's -layout text,
 * each row's columns right to left. poppler's flows misorder LibreOffice 25.2's PDFs, whose glyph boxes
 * (Amiri's Windows ascent and descent) overlap the next row's.
 */
const rowsText = (pdf) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .map((row) => row.trim().split(/\s{4,}/u).reverse().join(' '))
    .join('\n');
const pageCount = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

/**
 * The text as written, from the EPUB warraq made of the same input: its spine's documents in order, the
 * contents page left out, tags dropped. poppler's reading of warraq's own PDF is no neutral reference:
 * on a page of mostly Latin letters it reads the Arabic lines in reverse (README, known limits).
 */
async function epubText(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const opfPath = /full-path="([^"]+)"/.exec(await zip.file('META-INF/container.xml').async('string'))[1];
  const opf = await zip.file(opfPath).async('string');
  const items = new Map([...opf.matchAll(/<item\b[^>]*>/g)].map((m) => [/id="([^"]+)"/.exec(m[0])?.[1], m[0]]));
  const parts = [];
  for (const ref of opf.matchAll(/<itemref\b[^>]*idref="([^"]+)"/g)) {
    const item = items.get(ref[1]) ?? '';
    if (/properties="[^"]*nav/.test(item)) continue;
    const href = /href="([^"]+)"/.exec(item)?.[1];
    const entry = href && zip.file(path.posix.join(path.posix.dirname(opfPath), href));
    if (!entry) continue;
    const body = (await entry.async('string')).replace(/^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/g, '');
    parts.push(body.replace(/<[^>]+>/g, ' ').replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" })[e]));
  }
  return parts.join('\n');
}

const version = execFileSync(soffice, ['--version'], { encoding: 'utf8' }).trim();
console.log(version);
// The pages as a printer gets them: the blank versos of recto openings kept (the export skips them by default).
const PDF_AS_PRINTED = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';
const scratch = keep ?? mkdtempSync(path.join(tmpdir(), 'warraq-lo-check-'));
const env = { ...process.env, WARRAQ_CACHE_DIR: process.env.WARRAQ_CACHE_DIR ?? 'off', SOURCE_DATE_EPOCH: '1735689600' };
const rows = [];
let failed = false;
try {
  for (const [name, command, base] of CASES) {
    const out = path.join(scratch, name.replaceAll('/', '_'));
    execFileSync(process.execPath, [BIN, ...command, '--format', 'pdf,epub,docx', '--out', out], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const lo = path.join(out, 'lo');
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(scratch, 'profile')}`, '--headless', '--convert-to', PDF_AS_PRINTED, '--outdir', lo, path.join(out, `${base}.docx`)], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    // The same document as LibreOffice itself writes it (it reads warraq's DOCX and saves its own), then
    // set by it: where words are lost from both alike, the loss is LibreOffice's, not the DOCX's.
    const rewritten = path.join(out, 'lo-docx');
    const convert = (to, dir, file) =>
      execFileSync(soffice, [`-env:UserInstallation=file://${path.join(scratch, 'profile')}`, '--headless', '--convert-to', to, '--outdir', dir, file], { stdio: 'ignore', timeout: 300_000 });
    convert('docx:MS Word 2007 XML', rewritten, path.join(out, `${base}.docx`));
    convert(PDF_AS_PRINTED, path.join(rewritten, 'pdf'), path.join(rewritten, `${base}.docx`));
    const own = path.join(out, `${base}.pdf`);
    const theirs = path.join(lo, readdirSync(lo).find((f) => f.endsWith('.pdf')));
    const ownLines = lines(own);
    const loLines = lines(theirs);
    const expected = words(await epubText(path.join(out, `${base}.epub`)));
    const back = inOrder(expected, words(rowsText(theirs))) / expected.length;
    const flows = inOrder(expected, words(text(theirs))) / expected.length;
    const ownBack = inOrder(expected, words(text(own))) / expected.length;
    const theirOwn = inOrder(expected, words(rowsText(path.join(rewritten, 'pdf', `${base}.pdf`)))) / expected.length;
    const row = {
      case: name,
      pages: `${pageCount(theirs)}/${pageCount(own)}`,
      pitch: `${pitch(loLines).toFixed(1)}/${pitch(ownLines).toFixed(1)}`,
      ratio: (pitch(loLines) / pitch(ownLines)).toFixed(3),
      justified: `${(justified(theirs) * 100).toFixed(0)} % (pdf ${(justified(own) * 100).toFixed(0)} %)`,
      words: `${(back * 100).toFixed(1)} %`,
      flows: `${(flows * 100).toFixed(1)} %`,
      'own pdf': `${(ownBack * 100).toFixed(1)} %`,
      'lo’s docx': `${(theirOwn * 100).toFixed(1)} %`,
      junk: junk(text(theirs)),
    };
    const ratio = Number(row.ratio);
    // Fewer than 98 % of words back counts against the DOCX only where LibreOffice's own DOCX does better.
    if (Math.abs(ratio - 1) > 0.1 || (back < 0.98 && theirOwn - back > 0.01) || row.junk > 0) failed = true;
    rows.push(row);
  }
} finally {
  if (!keep) rmSync(scratch, { recursive: true, force: true });
}
console.table(rows);
if (failed) {
  console.log('some case is off: pitch beyond 10 % of the PDF’s, fewer than 98 % of words back where LibreOffice’s own DOCX does better, or kashida junk');
  process.exitCode = 1;
}
