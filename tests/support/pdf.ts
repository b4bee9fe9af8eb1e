// Reading a rendered PDF back as its users' tools do: pdf.js (Firefox and most web viewers) and poppler
// (pdftotext, pdffonts, pdfinfo: Evince, Okular, most Linux tools), and qpdf's structural check.
import { execFileSync, spawnSync } from 'node:child_process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { writeTemp } from './temp.js';

export async function openPdf(bytes: Uint8Array) {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** The raw bytes as text, for looking at the file's own syntax (/Lang, dates, /ID). */
export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

export interface TextItem {
  page: number;
  /** Baseline, PDF user space, rounded to the point. */
  y: number;
  str: string;
  font: string;
}

export interface PdfPages {
  /** Per page, pdf.js's text items with their baselines, blank items left out: a line that reads as one unit is one item. */
  items: TextItem[][];
  /** Per page, the items joined as Firefox joins them, a new line where pdf.js marks the end of a line. */
  texts: string[];
}

/** What pdf.js reads on each page. */
export async function pdfjsPages(bytes: Uint8Array): Promise<PdfPages> {
  const doc = await openPdf(bytes);
  const items: TextItem[][] = [];
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const own: TextItem[] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      // As Firefox's find and "copy all" read it (PDFFindController, getAllText): the items joined as they
      // are, a line break where pdf.js marks the end of a line. A space pdf.js loses stays lost.
      text += item.str + (item.hasEOL ? '\n' : '');
      if (item.str.trim() !== '') own.push({ page: n, y: Math.round(item.transform[5] as number), str: item.str, font: item.fontName });
    }
    items.push(own);
    texts.push(text);
  }
  await doc.destroy();
  return { items, texts };
}

/** The text pdf.js gives, page by page, each page ending in a new line (throws if pdf.js cannot open the file). */
export async function pdfjsText(bytes: Uint8Array): Promise<string> {
  return (await pdfjsPages(bytes)).texts.map((text) => `${text}\n`).join('');
}

/** pdf.js's text items of every page, in order. */
export async function pdfjsItems(bytes: Uint8Array): Promise<TextItem[]> {
  return (await pdfjsPages(bytes)).items.flat();
}

/** A PDF given as bytes or as the path of a file. */
type Pdf = Uint8Array | string;
const fileOf = (pdf: Pdf): string => (typeof pdf === 'string' ? pdf : writeTemp(pdf, 'read.pdf'));

/** poppler's text of the file, or of pages `first` to `last`; with `bbox`, its XHTML of words and lines with their boxes. */
export function pdftotext(pdf: Pdf, options: { first?: number; last?: number; bbox?: boolean } = {}): string {
  const pages = options.first ? ['-f', String(options.first), '-l', String(options.last ?? options.first)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(options.bbox ? ['-bbox-layout'] : []), ...pages, fileOf(pdf), '-'], { encoding: 'utf8' });
}

/**
 * The page as a reader sees it, row by row: poppler's -layout text (which places each line by where it
 * sits, not by the order it was drawn in), each row's columns — set apart by a gap of four spaces or more:
 * a list's mark and its item, a table's cells, a verse's hemistichs — read right to left on an RTL page.
 * poppler's default reading order groups lines into flows by their glyph boxes, and the boxes of a
 * LibreOffice 25.2 PDF (Amiri's Windows ascent and descent, 2.76 em) overlap the next row's.
 */
export function pdftotextRows(pdf: Pdf, direction: 'rtl' | 'ltr' = 'rtl'): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', fileOf(pdf), '-'], { encoding: 'utf8' });
  return text
    .split('\n')
    .map((row) => {
      const columns = row.trim().split(/\s{4,}/u);
      return (direction === 'rtl' ? columns.reverse() : columns).join(' ');
    })
    .join('\n');
}

/** pdffonts' table, one row per font (the two header lines left out). */
export function pdffonts(pdf: Pdf): string[] {
  return execFileSync('pdffonts', [fileOf(pdf)], { encoding: 'utf8' }).trim().split('\n').slice(2);
}

/** The number of pages pdfinfo counts. */
export function pdfPages(pdf: Pdf): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [fileOf(pdf)], { encoding: 'utf8' }))?.[1]);
}

/** qpdf --check: its exit status and everything it printed. */
export function qpdfCheck(pdf: Pdf): { status: number | null; output: string } {
  const run = spawnSync('qpdf', ['--check', fileOf(pdf)], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** MuPDF's text device (`mutool draw -F txt`, SumatraPDF and most MuPDF-based tools): every page, in order. */
export function mutoolText(pdf: Pdf): string {
  return execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', fileOf(pdf)], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/** The faces MuPDF's text device reads a page's characters in (`mutool draw -F stext`): each run of one face, as text. */
export function faceRuns(pdf: Pdf, page = 1): { face: string; text: string }[] {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', fileOf(pdf), String(page)], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  return [...xml.matchAll(/<font name="([^"]*)"[^>]*>(.*?)<\/font>/gsu)].map((m) => ({
    face: m[1] ?? '',
    text: [...(m[2] ?? '').matchAll(/ c="([^"]*)"/gu)].map((c) => (c[1] ?? '').replace(/&#x([0-9a-f]+);/giu, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))).join(''),
  }));
}

/** The face of the run that holds `word` (in either order: MuPDF gives right-to-left runs as drawn). */
export function faceOf(runs: readonly { face: string; text: string }[], word: string): string {
  const reversed = [...word].reverse().join('');
  const run = runs.find((r) => r.text.includes(word) || r.text.includes(reversed));
  if (run === undefined) throw new Error(`no run holds «${word}»`);
  return run.face;
}

/** Ghostscript's txtwrite device: every page, in order. */
export function ghostscriptText(pdf: Pdf): string {
  return execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-sOutputFile=-', fileOf(pdf)], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/** A node of pdf.js's structure tree (getStructTree): an element with its kids, or a marked-content or annotation reference. */
interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

// Block-level structure types (PDF 1.7, 14.8.4.2–4): each starts a block of its own.
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H', 'L', 'LI', 'Lbl', 'BlockQuote', 'Caption', 'Code', 'Figure', 'TOCI', 'TR', 'TH', 'TD']);

/**
 * The text as a reader that follows the structure tree gets it (a screen reader, Acrobat's reflow): the
 * elements depth first, an element's /ActualText (or /Alt) standing for everything under it, marked
 * content by its MCID; one line per block-level element. Read with pdf.js (getStructTree and the text of
 * each marked-content sequence). With `only`, just the text of the elements in that language.
 */
export async function structureText(bytes: Uint8Array, only?: { lang: string }): Promise<string> {
  const doc = await openPdf(bytes);
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string>();
    const open: string[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' && typeof item.id === 'string') open.push(item.id);
        else if (item.type === 'beginMarkedContent') open.push('');
        else if (item.type === 'endMarkedContent') open.pop();
      } else if ('str' in item) {
        const id = open.findLast((o) => o !== '');
        if (id !== undefined) byId.set(id, (byId.get(id) ?? '') + item.str + (item.hasEOL ? '\n' : ''));
      }
    }
    const walk = (node: StructNode): string => {
      if (node.type === 'content' && node.id !== undefined) return byId.get(node.id) ?? '';
      const own = node.alt ?? (node.children ?? []).map(walk).join('');
      // A block-level element is read as a block of its own.
      return BLOCKS.has(node.role ?? '') ? `${own}\n` : own;
    };
    const tree = (await page.getStructTree()) as StructNode | null;
    const document = tree?.children?.[0];
    if (only) {
      // Just the elements in that language, one a line.
      const find = (node: StructNode): void => {
        if (node.lang === only.lang) out.push(walk(node));
        else for (const kid of node.children ?? []) find(kid);
      };
      for (const block of document?.children ?? []) find(block);
    } else for (const block of document?.children ?? []) out.push(walk(block));
  }
  await doc.destroy();
  return out.join('\n');
}

/** A PDF object as qpdf's JSON gives it: names as "/Name", references as "n 0 R", strings as "u:text". */
export type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/** Every object of the file by reference ("12 0 R"), read by qpdf; a stream as { dict, data } with its data decoded. */
export function qpdfObjects(pdf: Pdf): Map<string, QpdfValue> {
  const json = execFileSync('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', fileOf(pdf)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const objects = (JSON.parse(json) as { qpdf: [unknown, Record<string, { value?: QpdfValue; stream?: { dict: QpdfValue; data?: string } }>] }).qpdf[1];
  const out = new Map<string, QpdfValue>();
  for (const [key, object] of Object.entries(objects)) {
    if (!key.startsWith('obj:')) continue;
    const value = object.stream ? { dict: object.stream.dict, data: Buffer.from(object.stream.data ?? '', 'base64').toString('latin1') } : (object.value ?? null);
    out.set(key.slice(4), value);
  }
  return out;
}

/** A structure element: its type, its entries (qpdf's JSON values) and its kids (elements, or MCR/OBJR dictionaries). */
export interface Tag {
  /** Its object ("12 0 R"). */
  ref: string;
  /** Its structure type (/S, without the slash). */
  type: string;
  /** Its dictionary, as qpdf gives it. */
  entries: Record<string, QpdfValue>;
  /** Its kids: elements, or marked-content and object reference dictionaries. */
  kids: (Tag | Record<string, QpdfValue>)[];
}

/** The file's objects and its tag tree from /StructTreeRoot down (the Document element). */
export function pdfTags(pdf: Pdf): { objects: Map<string, QpdfValue>; document: Tag } {
  const objects = qpdfObjects(pdf);
  const get = (value: QpdfValue | undefined): QpdfValue | undefined => (typeof value === 'string' && / 0 R$/.test(value) ? objects.get(value) : value);
  const catalog = [...objects.values()].find((o) => typeof o === 'object' && o !== null && !Array.isArray(o) && (o as Record<string, QpdfValue>)['/Type'] === '/Catalog') as Record<string, QpdfValue>;
  const root = get(catalog['/StructTreeRoot']) as Record<string, QpdfValue>;
  const element = (value: QpdfValue | undefined): Tag | Record<string, QpdfValue> => {
    const dict = get(value) as Record<string, QpdfValue>;
    if (dict['/Type'] === '/MCR' || dict['/Type'] === '/OBJR') return dict;
    const k = dict['/K'];
    const kids = (Array.isArray(k) ? k : k === undefined ? [] : [k]).map((kid) => element(kid));
    return { ref: String(value), type: String(dict['/S']).slice(1), entries: dict, kids };
  };
  const kids = root['/K'] as QpdfValue[];
  return { objects, document: element(kids[0]) as Tag };
}

