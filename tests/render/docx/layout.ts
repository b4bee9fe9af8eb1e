// Where the lines of a PDF sit, as poppler boxes them and MuPDF places their characters: the tests' view of LibreOffice's page layout
// beside warraq's own PDF of the same article (line pitch, margins, alignment).
import { execFileSync } from 'node:child_process';
import { pdftotext } from '../../support/pdf.js';

export interface PageLine {
  /** Left edge of the line's box, in points from the page's left. */
  xMin: number;
  /** Top of the line's box, in points from the page's top. */
  y: number;
  /** Right edge of the line's box. */
  xMax: number;
  /** Bottom of the line's box (about the descender line). */
  yMax: number;
  /** The line's words as poppler reads them. */
  words: string[];
}

/** A page's lines (page 1 unless told) and the page's size, in points. */
export function pageLines(pdf: string, page = 1): { width: number; height: number; lines: PageLine[] } {
  const xml = pdftotext(pdf, { bbox: true, first: page });
  const width = Number(/<page width="([\d.]+)"/.exec(xml)?.[1]);
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xml)?.[1]);
  const lines = [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    y: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    words: [...(m[5] ?? '').matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1] ?? ''),
  }));
  return { width, height, lines };
}

/**
 * The body text's line pitch on a page: the median step between consecutive baselines, as MuPDF reads
 * each character's origin; running head and page number (the top and bottom 8 % of the page) left out,
 * and baselines holding fewer than 20 characters (a vocalised line's marks, when LibreOffice draws them off
 * their letters' baseline). Baselines, not poppler's line boxes: LibreOffice 25.2 boxes its glyphs by
 * Amiri's Windows ascent and descent (2.76 em), and poppler splits and merges such lines unevenly.
 */
export function linePitch(pdf: string, page = 1): number {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', pdf, String(page)], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  const height = Number(/<page [^>]*height="([\d.]+)"/.exec(xml)?.[1]);
  const counts = new Map<number, number>();
  for (const m of xml.matchAll(/<char [^>]*\sy="([\d.]+)"/g)) {
    const y = Math.round(Number(m[1]) * 2) / 2;
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const body = [...counts].filter(([y, n]) => n >= 20 && y > height * 0.08 && y < height * 0.92).map(([y]) => y).sort((a, b) => a - b);
  const steps = body.slice(1).map((y, i) => y - body[i]!).filter((step) => step > 2).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? Number.NaN;
}
