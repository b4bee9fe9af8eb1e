// DAISY Ace, the accessibility checker EPUB publishers run: 0 violations on the sample, a vocalised
// article, the book, and a page with figures (one whose alt text only repeats its caption), a table and a
// footnote. Ace drives a browser: Debian's chromium (PUPPETEER_EXECUTABLE_PATH), never one it downloads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/parse/index.js';
import { resolveBookBuildDate } from '../../../src/render/context.js';
import { renderEpubBook } from '../../../src/render/epub/index.js';
import { article, fixtureBook, paragraph, sample } from '../../support/articles.js';
import { collector, renderContext } from '../../support/context.js';
import { ARTICLES, BOOK, HTML, REAL, ROOT } from '../../support/paths.js';
import { tempDir, writeTemp } from '../../support/temp.js';
import { elements, render, validateEverythingMade } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ACE = path.join(ROOT, 'node_modules', '.bin', 'ace-cli');
const available = existsSync(CHROMIUM) && existsSync(ACE);

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'dct:title': string }; 'earl:result': { html?: string } }[] }[];
  'a11y-metadata': { present: string[] };
}

/** Ace's report on the EPUB; its violations as "page: rule: element" lines. */
function ace(bytes: Uint8Array, name: string): { violations: string[]; report: AceReport } {
  const epub = writeTemp(bytes, `${name}.epub`);
  const out = path.join(tempDir(), 'report');
  const run = spawnSync(ACE, ['--silent', '--force', '--outdir', out, '--tempdir', tempDir(), epub], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_SKIP_DOWNLOAD: '1' },
    encoding: 'utf8',
    timeout: 170_000,
  });
  const file = path.join(out, 'report.json');
  if (!existsSync(file)) throw new Error(`Ace wrote no report (exit ${run.status}): ${run.stderr}`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as AceReport;
  const violations = report.assertions.flatMap((page) =>
    page.assertions.map((a) => `${page['earl:testSubject'].url}: ${a['earl:test']['dct:title']}: ${a['earl:result'].html ?? ''}`),
  );
  return { violations, report };
}

describe.skipIf(!available)('DAISY Ace', () => {
  it('the sample: 0 violations, and the EPUB Accessibility 1.1 conformance claim is read', async () => {
    const epub = await render('sample', await sample());
    const { violations, report } = ace(epub.bytes, 'sample');
    expect(violations).toEqual([]);
    expect(report['earl:result']['earl:outcome']).toBe('pass');
    expect(report['a11y-metadata'].present).toEqual(expect.arrayContaining(['dcterms:conformsTo', 'a11y:certifiedBy', 'schema:accessibilitySummary']));
  }, 180_000);

  it('a vocalised article: 0 violations', async () => {
    const epub = await render('vocalised', await parseFile(path.join(REAL, 'ar-tashkeela-vocalised.txt')));
    expect(ace(epub.bytes, 'vocalised').violations).toEqual([]);
  }, 180_000);

  it('figures, a table and a footnote: 0 violations; an alt text that repeats the caption is not read twice', async () => {
    const epub = await render('figure-table', await parseFile(path.join(ARTICLES, 'figure-table.md')));
    expect(ace(epub.bytes, 'figure-table').violations).toEqual([]);
    const page = await epub.text('OEBPS/article.xhtml');
    const images = [...page.matchAll(/<figure[^>]*>(<img[^>]*>)/g)].map((m) => m[1]);
    // The first figure's alt text is its caption: the figcaption alone carries it. The second keeps its own.
    expect(images).toEqual([expect.stringContaining('alt=""'), expect.stringContaining('alt="خريطة ألاسكا"')]);
  }, 180_000);

  it('a table with a caption, a two-row header and cells merged across columns and down rows: 0 violations', async () => {
    const epub = await render('table-spans', await parseFile(path.join(HTML, 'table-spans.html')));
    expect(ace(epub.bytes, 'table-spans').violations).toEqual([]);
  }, 180_000);

  it('a table of row headings (<th scope="row">, group rows) on the header’s shade: 0 violations', async () => {
    const epub = await render('table-row-headers', await parseFile(path.join(HTML, 'table-row-headers.html')));
    expect(await epub.text('OEBPS/article.xhtml')).toContain('<th scope="row">');
    expect(ace(epub.bytes, 'table-row-headers').violations).toEqual([]);
  }, 180_000);

  it('the book: 0 violations on every chapter', async () => {
    const book = await fixtureBook();
    const bytes = await renderEpubBook(book, renderContext({ diagnostics: collector(), resourceDir: BOOK, buildDate: resolveBookBuildDate(book, {}) }));
    const { violations, report } = ace(bytes, 'book');
    expect(violations).toEqual([]);
    expect(report.assertions.map((a) => a['earl:testSubject'].url)).toEqual(expect.arrayContaining(['article-1.xhtml', 'article-2.xhtml', 'article-3.xhtml']));
  }, 180_000);
});

describe('the conformance claim', () => {
  it('is made when every image has a text alternative, and left out when one has none (WCAG 1.1.1 fails)', async () => {
    const claim = async (label: string, alt: string): Promise<string[]> => {
      const epub = await render(label, article([paragraph('نص.'), { type: 'figure', src: 'map.png', alt, caption: [] }]));
      return elements(await epub.xml('OEBPS/content.opf'), 'meta')
        .filter((m) => m.getAttribute('property') === 'dcterms:conformsTo')
        .map((m) => m.textContent ?? '');
    };
    expect(await claim('described', 'خريطة ألاسكا')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
    expect(await claim('undescribed', '')).toEqual([]);
  });
});

validateEverythingMade();
