// What a page looks like, for tests that check ink (a stroke through struck words, a raised note mark):
// poppler's word boxes and its rendering of the page as grey pixels.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pdftotext } from './pdf.js';
import { tempDir } from './temp.js';

/** A word poppler boxes, in PDF points from the page's top left. */
export interface Word {
  /** The word's text in logical order (poppler gives right-to-left words reversed). */
  text: string;
  /** Left edge. */
  xMin: number;
  /** Top edge. */
  yMin: number;
  /** Right edge. */
  xMax: number;
  /** Bottom edge. */
  yMax: number;
}

/** poppler's words on page 1 with their boxes. */
export function pageWords(pdf: string): Word[] {
  const xml = pdftotext(pdf, { first: 1, bbox: true });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => {
    const raw = m[5] ?? '';
    return { text: /\p{Script=Arabic}/u.test(raw) ? [...raw].reverse().join('') : raw, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) };
  });
}

/** A page as 8-bit grey pixels. */
export interface Gray {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The pixel's grey level, 0 (black) to 255 (white); white outside the page. */
  at(x: number, y: number): number;
}

/** Page 1 rendered by poppler (pdftoppm) as 8-bit grey at `dpi`. */
export function renderGray(pdf: string, dpi: number): Gray {
  const prefix = path.join(tempDir('warraq-png-'), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', pdf, prefix]);
  const file = readdirSync(path.dirname(prefix)).find((f) => f.endsWith('.pgm'));
  const bytes = readFileSync(path.join(path.dirname(prefix), file ?? 'missing.pgm'));
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no 8-bit PGM');
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  return { width, height, at: (x, y) => (x < 0 || y < 0 || x >= width ? 255 : (bytes[offset + y * width + x] ?? 255)) };
}

/** A band of pixel rows with ink on a page: a line of text, as a reader's eye finds it. */
export interface InkBand {
  /** Its first row with ink. */
  top: number;
  /** Its last row with ink. */
  bottom: number;
  /** Its leftmost inked column. */
  xMin: number;
  /** Its rightmost inked column. */
  xMax: number;
}

/**
 * The bands of rows with ink (grey under 128) on a rendered page, top to bottom; a band of fewer than
 * `least` rows (a stray mark, a rule) left out. Read off the pixels, not a text layer: LibreOffice 7.4
 * boxes vocalised text apart from its line.
 */
export function inkBands(page: Gray, least = 4): InkBand[] {
  const bands: InkBand[] = [];
  let band: InkBand | undefined;
  for (let y = 0; y < page.height; y++) {
    let xMin = -1;
    let xMax = -1;
    for (let x = 0; x < page.width; x++) {
      if (page.at(x, y) >= 128) continue;
      if (xMin < 0) xMin = x;
      xMax = x;
    }
    if (xMin < 0) {
      if (band && band.bottom - band.top + 1 >= least) bands.push(band);
      band = undefined;
    } else if (band) {
      band.bottom = y;
      band.xMin = Math.min(band.xMin, xMin);
      band.xMax = Math.max(band.xMax, xMax);
    } else {
      band = { top: y, bottom: y, xMin, xMax };
    }
  }
  if (band && band.bottom - band.top + 1 >= least) bands.push(band);
  return bands;
}
