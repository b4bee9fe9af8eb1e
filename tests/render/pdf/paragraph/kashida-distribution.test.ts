// Kashida spread as Arabic typesetting spreads it (issue #19), measured by scripts/kashida-report.mjs on
// real texts laid out with the a5 theme: elongations over the whole line, never more than one a word,
// never in short words or in the line's last word. The old justifier put ~65 % of them in the line's
// first quarter and stretched one short word in eight.
import { describe, expect, it } from 'vitest';
import { report, TEXTS, type KashidaFigures } from '../../../../scripts/kashida-report.mjs';

describe('kashida distribution on real texts (a5 theme)', () => {
  it.each(TEXTS.map((file) => [file.split('/').at(-1) ?? file, file]))('%s: spread over the line, one a word, none in short or last words', async (_name, file) => {
    const figures: KashidaFigures = await report(file);
    expect(figures.lines).toBeGreaterThan(10);
    // Kashida still does part of the work: at least one elongation in three lines.
    expect(figures.elongations).toBeGreaterThan(figures.lines / 3);
    for (const share of figures.quarters) expect(share).toBeLessThanOrEqual(40);
    // And none of the quarters is left bare: the line's end gets its share too.
    for (const share of figures.quarters) expect(share).toBeGreaterThanOrEqual(10);
    expect(figures.perWordMax).toBe(1);
    expect(figures.shortWordsElongated).toBe(0);
    expect(figures.lastWordElongated).toBe(0);
    // The spaces take the rest, and stay even from line to line: the typical line's within 0.3 pt of the
    // typical line (MAD). Not the standard deviation: one loose line before an unbreakable code span
    // («"Ola".upper()» in the tutorial, 6 pt spaces) would decide it alone.
    expect(figures.wordSpaceMad).toBeLessThan(0.3);
  }, 120_000);
});
