// A theme changes all three outputs alike: the bundled A5 edition against the default.
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/app/build.js';
import { silentDiagnostics } from '../../src/support/errors.js';
import { sample } from '../support/articles.js';
import { ROOT } from '../support/paths.js';
import { openPdf } from '../support/pdf.js';
import { openZip } from '../support/zip.js';

async function build(template: string): Promise<{ pdfPage: number[]; docx: string; css: string }> {
  const docs = await renderAll(await sample(), { formats: ['pdf', 'epub', 'docx'], template, resourceDir: ROOT, diagnostics: silentDiagnostics });
  const pdf = await openPdf(docs.get('pdf')!);
  const pdfPage = (await pdf.getPage(1)).view.map((n) => Math.round(n));
  await pdf.destroy();
  const docx = await (await openZip(docs.get('docx')!)).text('word/document.xml');
  const css = await (await openZip(docs.get('epub')!)).text('OEBPS/style.css');
  return { pdfPage, docx, css };
}

describe('the A5 theme', () => {
  it('sets the PDF on A5 pages, the DOCX on A5 paper, and the EPUB with its line height', async () => {
    const a4 = await build('default');
    const a5 = await build('a5');
    expect(a4.pdfPage).toEqual([0, 0, 595, 842]);
    expect(a5.pdfPage).toEqual([0, 0, 420, 595]);
    // Word measures paper in twentieths of a point: A5 is 8391 × 11906, A4 11906 × 16838.
    expect(a4.docx).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(a5.docx).toMatch(/<w:pgSz w:w="839\d" w:h="1190\d"/);
    expect(a4.css).toMatch(/body \{ line-height: 1\.8; \}/);
    expect(a5.css).toMatch(/body \{ line-height: 1\.7; \}/);
  });
});
