// The archival PDF (--pdf-a) checked as far as a PDF/A-2b validator's rules can be without one (no
// veraPDF here): qpdf's structural check; the sRGB output intent and its profile; the XMP identification
// and the extension schema it needs for PDF/UA's pdfuaid; every glyph width of every font dictionary equal
// to its font program's (6.2.11.5, the rule the text layer's shared outlines broke), read with fontkit;
// every annotation printable; and pages and text the same as the screen PDF's, in poppler and pdf.js.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { create as openFont } from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { ARTICLES, SAMPLE } from '../support/paths.js';
import { pdfjsText, pdftotext, qpdfCheck, qpdfObjects, type QpdfValue } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';

const ENV = { SOURCE_DATE_EPOCH: '1735689600' };
type Dict = Record<string, QpdfValue>;
type Stream = { dict: Dict; data: string };

/** The PDF the command writes for an input, with or without --pdf-a. */
function build(input: string, archive: boolean): string {
  const out = tempDir();
  const result = warraq(['build', input, '--format', 'pdf', ...(archive ? ['--pdf-a'] : []), '--out', out], ENV);
  expect(result.status, result.stderr).toBe(0);
  return path.join(out, `${path.basename(input, path.extname(input))}.pdf`);
}

/** Every font program's widths against the font dictionary's /W: the CIDs whose widths differ by more than 1/1000 em. */
function inconsistentWidths(objects: Map<string, QpdfValue>): string[] {
  const get = (ref: QpdfValue | undefined): QpdfValue | undefined => (typeof ref === 'string' && ref.endsWith(' R') ? objects.get(ref) : ref);
  const out: string[] = [];
  for (const value of objects.values()) {
    const font = value as Dict;
    if (font === null || typeof font !== 'object' || Array.isArray(font) || font['/Subtype'] !== '/CIDFontType2') continue;
    const descriptor = get(font['/FontDescriptor']) as Dict;
    const program = get(descriptor['/FontFile2']) as Stream;
    const parsed = openFont(Buffer.from(program.data, 'latin1'));
    if (!('glyphForCodePoint' in parsed)) throw new Error('not a single font');
    const map = Buffer.from((get(font['/CIDToGIDMap']) as Stream).data, 'latin1');
    const widths = font['/W'] as [number, number[]];
    expect(widths[0]).toBe(1);
    widths[1].forEach((width, i) => {
      const cid = i + 1;
      const gid = map.readUInt16BE(2 * cid);
      const advance = (parsed.getGlyph(gid).advanceWidth * 1000) / parsed.unitsPerEm;
      if (Math.abs(advance - width) > 1) out.push(`${String(font['/BaseFont'])} CID ${cid}: /W ${width}, program ${advance}`);
    });
  }
  return out;
}

describe.skipIf(!(has('qpdf') && has('pdftotext') && has('pdftoppm')))('the archival PDF (--pdf-a)', () => {
  const inputs = [SAMPLE, path.join(ARTICLES, 'vowelled.json'), path.join(ARTICLES, 'arabic.md')];
  const built: { archive: string; screen: string; objects: Map<string, QpdfValue> }[] = [];

  beforeAll(() => {
    for (const input of inputs) {
      const archive = build(input, true);
      built.push({ archive, screen: build(input, false), objects: qpdfObjects(archive) });
    }
  }, 120_000);

  it('passes qpdf’s check', () => {
    for (const { archive } of built) expect(qpdfCheck(archive).status, qpdfCheck(archive).output).toBe(0);
  });

  it('has an sRGB output intent (GTS_PDFA1) with its ICC profile', () => {
    for (const { objects } of built) {
      const catalog = [...objects.values()].find((v) => (v as Dict | null)?.['/Type'] === '/Catalog') as Dict;
      const intents = catalog['/OutputIntents'] as Dict[];
      expect(intents).toHaveLength(1);
      expect(intents[0]?.['/S']).toBe('/GTS_PDFA1');
      const profile = objects.get(intents[0]?.['/DestOutputProfile'] as string) as Stream;
      expect(profile.dict['/N']).toBe(3);
      // ICC header: the signature at byte 36, the data colour space at 16.
      expect(profile.data.slice(36, 40)).toBe('acsp');
      expect(profile.data.slice(16, 20)).toBe('RGB ');
    }
  });

  it('identifies itself as PDF/A-2b in well-formed XMP, describing the pdfuaid schema it also uses', () => {
    for (const { objects } of built) {
      const catalog = [...objects.values()].find((v) => (v as Dict | null)?.['/Type'] === '/Catalog') as Dict;
      const xmp = (objects.get(catalog['/Metadata'] as string) as Stream).data;
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(Buffer.from(xmp, 'latin1').toString('utf8'), 'text/xml');
      expect(errors).toEqual([]);
      const text = (ns: string, name: string): string | undefined => doc.getElementsByTagNameNS(ns, name)[0]?.textContent ?? undefined;
      expect(text('http://www.aiim.org/pdfa/ns/id/', 'part')).toBe('2');
      expect(text('http://www.aiim.org/pdfa/ns/id/', 'conformance')).toBe('B');
      expect(text('http://www.aiim.org/pdfua/ns/id/', 'part')).toBe('1');
      expect(text('http://www.aiim.org/pdfa/ns/schema#', 'namespaceURI')).toBe('http://www.aiim.org/pdfua/ns/id/');
    }
  });

  it('gives every CID the width its font program gives its glyph (and the screen PDF does not)', () => {
    for (const { objects } of built) expect(inconsistentWidths(objects)).toEqual([]);
    // What makes the copies needed: the screen PDF's shared outlines carry other widths.
    expect(inconsistentWidths(qpdfObjects(built[0]!.screen)).length).toBeGreaterThan(0);
  });

  it('makes every annotation printable (/F 4)', () => {
    const annotations = built.flatMap(({ objects }) => [...objects.values()].filter((v) => (v as Dict | null)?.['/Type'] === '/Annot') as Dict[]);
    expect(annotations.length).toBeGreaterThan(0);
    for (const annotation of annotations) expect(annotation['/F']).toBe(4);
  });

  it('draws the same pages and gives back the same text as the screen PDF', async () => {
    for (const { archive, screen } of built) {
      const pixels = (file: string): Buffer => execFileSync('pdftoppm', ['-r', '50', '-gray', file], { maxBuffer: 1 << 28 });
      expect(pixels(archive).equals(pixels(screen)), path.basename(archive)).toBe(true);
      expect(pdftotext(archive)).toBe(pdftotext(screen));
      expect(await pdfjsText(new Uint8Array(readFileSync(archive)))).toBe(await pdfjsText(new Uint8Array(readFileSync(screen))));
    }
  });

  it('never shows .notdef through a font (6.2.11.8): a character no face has is drawn as an outline, its text kept', async () => {
    const dir = tempDir('warraq-pdfa-notdef-');
    const input = path.join(dir, 'notdef.md');
    writeFileSync(input, '# حرف بلا خط\n\nفي هذا السطر حرف صيني 日 لا يرسمه خط من خطوط warraq.\n');
    const run = warraq(['build', input, '--format', 'pdf', '--pdf-a', '--out', dir], ENV);
    expect(run.stderr).toMatch(/no font has.*U\+65E5/u);
    const pdf = path.join(dir, 'notdef.pdf');
    const objects = qpdfObjects(pdf);
    const get = (ref: QpdfValue | undefined): QpdfValue | undefined => (typeof ref === 'string' && ref.endsWith(' R') ? objects.get(ref) : ref);
    const fonts = [...objects.values()].filter((v) => (v as Dict | null)?.['/Subtype'] === '/CIDFontType2') as Dict[];
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const map = Buffer.from((get(font['/CIDToGIDMap']) as Stream).data, 'latin1');
      const cids = (font['/W'] as [number, number[]])[1].length;
      const notdef = Array.from({ length: cids }, (_, i) => i + 1).filter((cid) => map.readUInt16BE(2 * cid) === 0);
      expect(notdef, String(font['/BaseFont'])).toEqual([]);
    }
    expect(pdftotext(pdf)).toContain('日');
    expect(await pdfjsText(new Uint8Array(readFileSync(pdf)))).toContain('日');
  });
});
