// Reading a rendered PDF back as its users' tools do: pdf.js (Firefox and most web viewers) and poppler's
// pdftotext (Evince, Okular, most Linux tools), and comparing the words with the article's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadTheme } from '../../src/theme/index.js';
import type { RenderContext } from '../../src/render/context.js';
import { extractedWords, inOrder } from './words.js';

export { has } from './tools.js';

export function testContext(warnings: string[] = [], resourceDir = process.cwd()): RenderContext {
  return {
    theme: loadTheme(),
    diagnostics: { warn: (message) => warnings.push(message) },
    resourceDir,
    buildDate: new Date(Date.UTC(2025, 7, 15, 9, 30, 0)),
  };
}

export async function openPdf(bytes: Uint8Array) {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** The text pdf.js gives, page by page: items joined, a new line where pdf.js marks the end of a line. */
export async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes);
  let out = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      out += item.str;
      out += item.hasEOL ? '\n' : ' ';
    }
    out += '\n';
  }
  await doc.destroy();
  return out;
}

export interface TextItem {
  page: number;
  /** Baseline, PDF user space. */
  y: number;
  str: string;
  font: string;
}

/** pdf.js's text items with their baselines: a line that reads as one unit is one item. */
export async function pdfjsItems(bytes: Uint8Array): Promise<TextItem[]> {
  const doc = await openPdf(bytes);
  const items: TextItem[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim() !== '') items.push({ page: n, y: Math.round(item.transform[5] as number), str: item.str, font: item.fontName });
    }
  }
  await doc.destroy();
  return items;
}

// One scratch folder per test process, removed when the process ends.
let scratch: string | undefined;
let written = 0;

export function writeTemp(bytes: Uint8Array, name = 'out.pdf'): string {
  if (!scratch) {
    const dir = mkdtempSync(path.join(tmpdir(), 'warraq-pdf-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  const file = path.join(scratch, `${++written}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

export function pdftotext(bytes: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', writeTemp(bytes), '-'], { encoding: 'utf8' });
}

export interface Comparison {
  expected: number;
  found: number;
  share: number;
  /** Extracted words that are an expected word reversed (and not themselves expected). */
  reversed: string[];
  /** Numbers of the article that do not come back as such. */
  missingNumbers: string[];
  /** Expected words absent from the extraction (for the failure message). */
  missing: string[];
}

const NUMBER = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬][0-9\u0660-\u0669\u06F0-\u06F9]+)*/gu;

export function compare(expectedText: string, actualText: string): Comparison {
  const expected = extractedWords(expectedText);
  const actual = extractedWords(actualText);
  const found = inOrder(expected, actual);
  const known = new Set(expected);
  const reversed = actual.filter((w) => {
    const r = [...w].reverse().join('');
    return r !== w && !known.has(w) && known.has(r);
  });
  const actualNumbers = new Map<string, number>();
  for (const n of actualText.normalize('NFC').match(NUMBER) ?? []) actualNumbers.set(n, (actualNumbers.get(n) ?? 0) + 1);
  const missingNumbers: string[] = [];
  for (const n of expectedText.normalize('NFC').match(NUMBER) ?? []) {
    const left = actualNumbers.get(n) ?? 0;
    if (left === 0) missingNumbers.push(n);
    else actualNumbers.set(n, left - 1);
  }
  const actualSet = new Set(actual);
  return {
    expected: expected.length,
    found,
    share: expected.length === 0 ? 1 : found / expected.length,
    reversed,
    missingNumbers,
    missing: expected.filter((w) => !actualSet.has(w)).slice(0, 20),
  };
}

export const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/u;
