// Where LibreOffice is installed: the DOCX's page layout as LibreOffice sets it, beside warraq's own PDF
// of the same article and theme — the line pitch the theme means (not "auto" spacing multiplying a font
// that is tall already), vowel marks intact. Skipped, not faked, where soffice or poppler are missing.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { parseFile } from '../../../src/parse/index.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { sample } from '../../support/articles.js';
import { renderContext } from '../../support/context.js';
import { REAL } from '../../support/paths.js';
import { writeTemp } from '../../support/temp.js';
import { has, libreOfficePdf } from '../../support/tools.js';
import { render } from './helpers.js';
import { linePitch } from './layout.js';

const available = has('soffice') && has('pdftotext');

/** LibreOffice's PDF of the article's DOCX and warraq's own PDF of it, as files. */
async function both(article: Article, name: string): Promise<{ office: string; own: string }> {
  const office = libreOfficePdf((await render(article)).bytes, name);
  const own = writeTemp(await renderPdf(article, renderContext()), `${name}-own.pdf`);
  return { office, own };
}

describe.skipIf(!available)('DOCX line pitch in LibreOffice', () => {
  let sampleRun: { office: string; own: string };
  let vocalisedRun: { office: string; own: string };

  beforeAll(async () => {
    sampleRun = await both(await sample(), 'pitch-sample');
    vocalisedRun = await both(await parseFile(path.join(REAL, 'ar-tashkeela-vocalised.txt')), 'pitch-vocalised');
  });

  it('sets the sample at the PDF’s line pitch (within 10 %)', () => {
    const office = linePitch(sampleRun.office);
    const own = linePitch(sampleRun.own);
    expect(own).toBeCloseTo(12 * 1.8, 0);
    expect(Math.abs(office / own - 1), `LibreOffice ${office} pt, PDF ${own} pt`).toBeLessThan(0.1);
  });

  it('sets a fully vocalised text at the PDF’s line pitch too, every line of page 1 apart', () => {
    const office = linePitch(vocalisedRun.office);
    const own = linePitch(vocalisedRun.own);
    expect(Math.abs(office / own - 1), `LibreOffice ${office} pt, PDF ${own} pt`).toBeLessThan(0.1);
  });
});
