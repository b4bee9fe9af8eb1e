// Where the lines of a PDF sit, as poppler boxes them: the tests' view of LibreOffice's page layout
// beside warraq's own PDF of the same article (line pitch, margins, alignment).
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
 * The body text's line pitch on a page: the median step from one line's bottom to the next's, running
 * head and page number (the top and bottom 8 % of the page) left out, and lines under a third of the
 * widest (poppler splits a line of LibreOffice's vocalised text into pieces, marks boxed apart).
 */
export function linePitch(pdf: string, page = 1): number {
  const { height, lines } = pageLines(pdf, page);
  const widest = Math.max(...lines.map((l) => l.xMax - l.xMin));
  const body = lines.filter((l) => l.y > height * 0.08 && l.yMax < height * 0.92 && l.xMax - l.xMin > widest / 3).sort((a, b) => a.yMax - b.yMax);
  const steps: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const step = body[i]!.yMax - body[i - 1]!.yMax;
    if (step > 2) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? Number.NaN;
}
