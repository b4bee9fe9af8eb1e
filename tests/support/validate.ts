// "Valid", as a user's tools judge it: qpdf and pdf.js for the PDF, EPUBCheck for the EPUB, an XML parser
// (and LibreOffice, where installed) for the DOCX.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { has } from './tools.js';

export function writeTemp(bytes: Uint8Array, name: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'warraq-valid-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** qpdf's structural check, where qpdf is installed; returns its complaint or '' when clean. */
export function qpdfProblems(bytes: Uint8Array): string {
  if (!has('qpdf')) return '';
  const run = spawnSync('qpdf', ['--check', writeTemp(bytes, 'check.pdf')], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
}

/** The text pdf.js extracts from every page (throws if pdf.js cannot open the file). */
export async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
  }
  await doc.destroy();
  return text;
}

/** EPUBCheck (TypeScript port) errors and warnings, as "ID message" strings. */
export async function epubProblems(bytes: Uint8Array): Promise<string[]> {
  const result = await EpubCheck.validate(bytes);
  return result.messages
    .filter((m) => ['fatal', 'error', 'warning'].includes(String(m.severity).toLowerCase()))
    .map((m) => `${m.id} ${m.message} @ ${m.location?.path ?? ''}`);
}

/** Parses every XML part of a zip package; returns the parts' text, throws on the first malformed one. */
export async function xmlParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (!/\.(xml|rels|xhtml|opf|ncx)$/.test(name)) continue;
    const source = await zip.file(name)!.async('string');
    new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(`${name}: ${message}`);
      },
    }).parseFromString(source, 'application/xml');
    parts.set(name, source);
  }
  return parts;
}

/** LibreOffice's reading of a DOCX, converted to PDF, as text (undefined where soffice is missing). */
export function libreOfficeText(docx: Uint8Array): string | undefined {
  if (!has('soffice') || !has('pdftotext')) return undefined;
  const file = writeTemp(docx, 'doc.docx');
  const dir = path.dirname(file);
  const profile = `file://${mkdtempSync(path.join(tmpdir(), 'warraq-lo-'))}`;
  const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`LibreOffice failed: ${run.stderr}`);
  const pdf = readFileSync(path.join(dir, 'doc.pdf'));
  return spawnSync('pdftotext', ['-enc', 'UTF-8', writeTemp(pdf, 'lo.pdf'), '-'], { encoding: 'utf8' }).stdout;
}
