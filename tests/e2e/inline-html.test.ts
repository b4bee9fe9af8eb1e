// Inline HTML in Markdown is formatting, never text: <b>, <sup>, <sub>, <span dir> reach the three formats as
// what they are (EPUB <sup>/<sub>/<span dir>, DOCX w:vertAlign), and no tag or MDX component shows as text in
// any of them (poppler's and pdf.js's text, the EPUB's, LibreOffice-free DOCX XML).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSource } from '../support/cli.js';
import { pdfjsText, pdftotext } from '../support/pdf.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

const SOURCE = `---
title: معادلات
---
<Intro>

معادلة أينشتاين E=mc<sup>2</sup> وصيغة الماء H<sub>2</sub>O، و<b>الغامق</b> و<span dir="ltr" lang="en">C++ (v2)</span>.

</Intro>

## الخلاصة {/*summary*/}

<Note>انتهى.</Note>
`;

let out = '';
beforeAll(() => {
  const built = buildSource(SOURCE, 'inline.md');
  out = built.out;
  const run = built.run;
  expect(run.status).toBe(0);
  expect(run.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toEqual([
    expect.stringContaining('dropped <Intro> tags (an MDX/JSX component); what they hold is kept'),
    expect.stringContaining('dropped <Note> tags (an MDX/JSX component); what they hold is kept'),
  ]);
}, 120_000);

const LEFTOVERS = /<\/?(?:sup|sub|b|span|Intro|Note)\b|\{\/\*|summary\*/;

describe('inline HTML in Markdown', () => {
  it('EPUB: is <sup>, <sub>, <strong> and an isolated <span dir>; no tag as text; EPUBCheck clean', async () => {
    const bytes = readFileSync(path.join(out, 'inline.epub'));
    const page = await (await openZip(bytes)).text('OEBPS/article.xhtml');
    expect(page).toContain('E=mc<sup>2</sup>');
    expect(page).toContain('H<sub>2</sub>O');
    expect(page).toContain('<strong>الغامق</strong>');
    expect(page).toContain('<span lang="en" xml:lang="en" dir="ltr">C++ (v2)</span>');
    expect(page.replace(/<[^>]+>/g, ' ')).not.toMatch(/&lt;|Intro|Note|summary/);
    expect(await epubProblems(bytes)).toEqual([]);
  });

  it('DOCX: raises and lowers the runs (w:vertAlign)', async () => {
    const xml = await (await openZip(readFileSync(path.join(out, 'inline.docx')))).text('word/document.xml');
    expect(xml).toMatch(/<w:vertAlign w:val="superscript"\/>(?:<[^>]+>)*<w:t xml:space="preserve">2<\/w:t>/);
    expect(xml).toMatch(/<w:vertAlign w:val="subscript"\/>(?:<[^>]+>)*<w:t xml:space="preserve">2<\/w:t>/);
    expect(xml.replace(/<[^>]+>/g, '')).not.toMatch(LEFTOVERS);
  });

  it('PDF: the text reads back without a tag, in poppler and pdf.js', async () => {
    const pdf = readFileSync(path.join(out, 'inline.pdf'));
    for (const text of [pdftotext(pdf), await pdfjsText(pdf)]) {
      expect(text).not.toMatch(LEFTOVERS);
      expect(text).toContain('انتهى');
      expect(text).toContain('الخلاصة');
    }
  });
});
