#!/usr/bin/env node
// How the built command does on the real-document corpus (tests/fixtures/real/, listed in its SOURCES.md):
// each file built in all three formats, then read back as a user's tools read it. A baseline for issue #15,
// not a test: it asserts nothing and exits 0 unless the corpus itself cannot be read.
//
//   npm run build && node scripts/corpus-report.mjs             the table, in Markdown
//   node scripts/corpus-report.mjs --only tashkeela             only the files whose name contains the text
//   node scripts/corpus-report.mjs --json                       one JSON object per file instead
//
// Columns: the command's exit status and its count of `warning:` lines; the language, direction and title
// the EPUB's package document declares; headings in the EPUB's body (the title page left out) and bookmarks
// in the PDF's outline; then the share of the source's words that come back from the PDF in poppler
// (pdftotext) and pdf.js: as a bag of words, NFC-normalised, with and without harakat/niqqud (the «-ḥ»
// columns), and in order («ord»: their longest common subsequence, without harakat). The source's own
// words are those a reader could show: Markdown without front matter, comments, site generators'
// template tags ({% … %}, {{ … }}), code fences' info strings, link targets, tags and URLs; HTML body
// text without scripts and styles; plain text as it is. The last two columns take the
// EPUB's body words instead (as a bag), so that a low source share beside a high EPUB one points at the
// reader, a low EPUB one at the PDF's text layer.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'warraq.js');
const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'real');
const INPUT = /\.(md|txt|html?|json)$/i;

/** Arabic harakat, Qur'anic annotation marks, tatweel, and Hebrew points and cantillation. */
const MARKS = /[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u08D3-\u08E1\u08E3-\u08FF]/gu;

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** The words of a text: runs of letters, marks and digits, after NFC (and without marks when `bare`). */
function words(text, bare) {
  let t = text.normalize('NFC');
  if (bare) t = t.replace(MARKS, '');
  return t.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** The share of `source` words found in `back`, each word counted as often as it occurs (a multiset). */
function share(source, back) {
  if (source.length === 0) return null;
  const left = new Map();
  for (const w of back) left.set(w, (left.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of source) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      found++;
      left.set(w, n - 1);
    }
  }
  return found / source.length;
}

/** The share of `source` words found in `back` in the same order: their longest common subsequence. */
function ordered(source, back) {
  if (source.length === 0) return null;
  const ids = new Map();
  const id = (w) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const a = Int32Array.from(source, id);
  const b = Int32Array.from(back, id);
  let prev = new Int32Array(b.length + 1);
  let row = new Int32Array(b.length + 1);
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) row[j + 1] = a[i] === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]);
    [prev, row] = [row, prev];
  }
  return prev[b.length] / source.length;
}

/** Markdown prose without what a reader never shows as words; fenced code is kept as it is. */
function markdownText(source) {
  const body = source.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  return body
    .split(/^([ \t]*(?:```|~~~)[^\n]*\n[\s\S]*?^[ \t]*(?:```|~~~)[ \t]*$)/m)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/^[ \t]*(?:```|~~~)[^\n]*\n/, '').replace(/^[ \t]*(?:```|~~~)[ \t]*$/m, '')
        : decode(
            part
              .replace(/<!--[\s\S]*?-->/g, ' ')
              .replace(/\{%[^\n]*?%\}|\{\{[^\n]*?\}\}/g, ' ')
              .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
              .replace(/\]\([^)]*\)/g, '] ')
              .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
              .replace(/<[^>]*>/g, ' ')
              .replace(/https?:\/\/\S+/g, ' '),
          ),
    )
    .join('\n');
}

/** The text of an HTML page's body, without scripts, styles and comments. */
function htmlText(source) {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(source)?.[1] ?? source;
  return decode(
    body
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|template|svg)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  );
}

function sourceText(file) {
  const text = readFileSync(file, 'utf8');
  if (/\.md$/i.test(file)) return markdownText(text);
  if (/\.html?$/i.test(file)) return htmlText(text);
  return text;
}

/** What the EPUB's package document says, its body text and its count of headings. */
async function readEpub(bytes) {
  const zip = await JSZip.loadAsync(bytes);
  const container = await zip.file('META-INF/container.xml').async('string');
  const opfPath = /full-path="([^"]+)"/.exec(container)[1];
  const opf = await zip.file(opfPath).async('string');
  const base = path.posix.dirname(opfPath);
  const lang = /<dc:language>([^<]*)</.exec(opf)?.[1] ?? '';
  const dir = /page-progression-direction="([^"]+)"/.exec(opf)?.[1] ?? /<package[^>]*\bdir="([^"]+)"/.exec(opf)?.[1] ?? '';
  const title = decode(/<dc:title[^>]*>([^<]*)</.exec(opf)?.[1] ?? '');
  const hrefs = new Map([...opf.matchAll(/<item\b([^>]*)\/>/g)].map(([, attrs]) => [/id="([^"]+)"/.exec(attrs)[1], attrs]));
  let text = '';
  let headings = 0;
  for (const [, idref] of opf.matchAll(/<itemref idref="([^"]+)"/g)) {
    const attrs = hrefs.get(idref) ?? '';
    if (/properties="[^"]*nav/.test(attrs)) continue;
    const href = /href="([^"]+)"/.exec(attrs)?.[1];
    const doc = href ? await zip.file(path.posix.join(base, href))?.async('string') : undefined;
    if (!doc) continue;
    const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(doc)?.[1] ?? '';
    text += `${decode(body.replace(/<[^>]*>/g, ' '))}\n`;
    if (!/epub:type="titlepage"/.test(body)) headings += (body.match(/<h[1-6][\s>]/g) ?? []).length;
  }
  return { lang, dir, title, text, headings };
}

/** pdf.js's text, items joined as the project's tests join them, and the number of outline entries. */
async function readPdfjs(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
    text += '\n';
  }
  const count = (items) => (items ?? []).reduce((sum, item) => sum + 1 + count(item.items), 0);
  const bookmarks = count(await doc.getOutline());
  const pages = doc.numPages;
  await doc.destroy();
  return { text, bookmarks, pages };
}

async function report(name) {
  const file = path.join(CORPUS, name);
  const out = mkdtempSync(path.join(tmpdir(), 'warraq-corpus-'));
  try {
    const run = spawnSync(process.execPath, [BIN, 'build', file, '--jobs', '1', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    const stderr = run.stderr ?? '';
    const row = {
      file: name,
      status: run.status,
      warnings: stderr.split('\n').filter((line) => line.startsWith('warning:')).length,
      error: (stderr.split('\n').find((line) => line.startsWith('error:')) ?? '').replace(`error: ${file}: `, ''),
    };
    const stem = name.replace(/\.[^.]+$/, '');
    const built = readdirSync(out);
    if (!built.includes(`${stem}.pdf`) || !built.includes(`${stem}.epub`)) return row;
    const pdf = readFileSync(path.join(out, `${stem}.pdf`));
    const epub = await readEpub(readFileSync(path.join(out, `${stem}.epub`)));
    const poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, `${stem}.pdf`), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const pdfjs = await readPdfjs(pdf);
    const source = sourceText(file);
    const measure = (from, back) => ({
      nfc: share(words(from, false), words(back, false)),
      bare: share(words(from, true), words(back, true)),
      order: ordered(words(from, true), words(back, true)),
    });
    return {
      ...row,
      lang: epub.lang,
      dir: epub.dir,
      title: epub.title,
      headings: epub.headings,
      bookmarks: pdfjs.bookmarks,
      pages: pdfjs.pages,
      sourceWords: words(source, false).length,
      srcPoppler: measure(source, poppler),
      srcPdfjs: measure(source, pdfjs.text),
      epubPoppler: measure(epub.text, poppler),
      epubPdfjs: measure(epub.text, pdfjs.text),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}`);
const cell = (text) => String(text).replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();
const short = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function table(rows) {
  const head = ['file', 'exit', 'warn', 'lang', 'dir', 'title', 'h', 'bm', 'pp', 'words', 'pop', '-ḥ', 'ord', 'pdf.js', '-ḥ', 'ord', 'epub→pop', 'epub→pdf.js'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const cells = [r.file, r.status, r.warnings];
    if (r.lang === undefined) cells.push(cell(r.error || 'no output'), ...Array(14).fill(''));
    else
      cells.push(
        r.lang,
        r.dir,
        cell(short(r.title, 28)),
        r.headings,
        r.bookmarks,
        r.pages,
        r.sourceWords,
        pct(r.srcPoppler.nfc),
        pct(r.srcPoppler.bare),
        pct(r.srcPoppler.order),
        pct(r.srcPdfjs.nfc),
        pct(r.srcPdfjs.bare),
        pct(r.srcPdfjs.order),
        pct(r.epubPoppler.nfc),
        pct(r.epubPdfjs.nfc),
      );
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const names = readdirSync(CORPUS)
  .filter((name) => INPUT.test(name) && name !== 'SOURCES.md' && name.includes(only))
  .sort();
const rows = [];
for (const name of names) {
  const row = await report(name);
  rows.push(row);
  if (args.includes('--json')) console.log(JSON.stringify(row));
  else process.stderr.write(`${name}: exit ${row.status}\n`);
}
if (!args.includes('--json')) console.log(table(rows));
