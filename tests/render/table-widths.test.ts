// The column-width rule the PDF and the DOCX share (src/render/table-widths.ts), on the cases a table of a
// real document brings: all fits, a long column beside short ones, and leasts that overflow (a URL).
import { describe, expect, it } from 'vitest';
import { columnWidths } from '../../src/render/table-widths.js';

const sum = (widths: readonly number[]): number => widths.reduce((a, b) => a + b, 0);

describe('column widths', () => {
  it('gives each column what it wants when all fit', () => {
    expect(columnWidths([50, 120], [30, 40], 300)).toEqual([50, 120]);
  });

  it('gives a short column its longest word and the long column the rest', () => {
    const widths = columnWidths([40, 5000], [40, 60], 400);
    expect(widths[0]).toBe(40);
    expect(sum(widths)).toBeCloseTo(400);
  });

  it('cuts only the column whose longest word overflows, not every column', () => {
    // A 900-point URL beside two columns of short words, in a 400-point measure.
    const widths = columnWidths([40, 60, 900], [40, 60, 900], 400);
    expect(widths.slice(0, 2)).toEqual([40, 60]);
    expect(widths[2]).toBeCloseTo(300);
    // Two overflowing columns share what is left by their leasts.
    const two = columnWidths([30, 600, 300], [30, 600, 300], 330);
    expect(two[0]).toBe(30);
    expect(two[1]! / two[2]!).toBeCloseTo(2);
    expect(sum(two)).toBeCloseTo(330);
  });
});
