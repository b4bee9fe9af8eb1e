// A list item's text in the DOCX as the PDF and the EPUB set it: its paragraphs justified, and a code
// block or heading inside the item indented with it. Checked in the XML and in LibreOffice's rendering,
// where the item's lines were ragged and its code block ran from margin to margin.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSource } from '../../support/cli.js';
import { pageWords, type Word } from '../../support/pixels.js';
import { has, libreOfficePdf } from '../../support/tools.js';
import { entryText, openZip } from '../../support/zip.js';

const ITEM =
  'تعرض هذه الفقرة الطويلة داخل عنصر القائمة سطورها كلها مضبوطة على الجانبين كما تضبطها نسخة PDF ونسخة EPUB، ' +
  'فلا يبقى طرفها الأيسر مسننا في مستند الكلمات، وتمتد السطور حتى الهامش الأيسر للعنصر كله من أوله إلى آخره، ' +
  'ثم ينتهي السطر الأخير حيث تنتهي الكلمات كما في أي فقرة عربية مضبوطة في كتاب مطبوع.';
const SOURCE = `# قائمة فيها فقرة طويلة\n\n1. ${ITEM}\n\n    \`\`\`\n    print("warraq")\n    \`\`\`\n\n2. عنصر ثان قصير.\n`;

async function built(): Promise<{ docx: Uint8Array; document: string; styles: string }> {
  const { run, out } = buildSource(SOURCE, 'list-items.md');
  expect(run.status, run.stderr).toBe(0);
  const docx = new Uint8Array(readFileSync(path.join(out, 'list-items.docx')));
  const { zip } = await openZip(docx);
  return { docx, document: await entryText(zip, 'word/document.xml'), styles: await entryText(zip, 'word/styles.xml') };
}

describe('list items in the DOCX', () => {
  it('justifies List Paragraph and indents a code block in an item on the list’s side', async () => {
    const { document, styles } = await built();
    const list = /<w:style [^>]*w:styleId="ListParagraph"[^>]*>.*?<\/w:style>/su.exec(styles)?.[0] ?? '';
    expect(list).toContain('<w:jc w:val="both"/>');
    const code = /<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="SourceCode"\/>(?:(?!<\/w:p>).)*?<\/w:p>/su.exec(document)?.[0] ?? '';
    // A left-to-right code paragraph in a right-to-left list: the item's indent at its end (the right).
    expect(code).toMatch(/<w:ind w:end="720"\/>/u);
  });

  it.skipIf(!has('soffice'))('LibreOffice sets the item’s lines flush on both sides', async () => {
    const pdf = libreOfficePdf((await built()).docx, 'list-items');
    const itemWords = new Set(ITEM.split(/\s+/u).map((w) => w.replace(/[،.]/gu, '')));
    const lines = new Map<number, Word[]>();
    for (const word of pageWords(pdf)) {
      if (!itemWords.has(word.text.replace(/[،.]/gu, ''))) continue;
      const key = Math.round(word.yMax);
      lines.set(key, [...(lines.get(key) ?? []), word]);
    }
    // The item's lines: those of three of its words or more (the second item shares one word with it).
    const rows = [...lines.entries()].filter(([, words]) => words.length >= 3).sort((a, b) => a[0] - b[0]).map(([, words]) => ({ left: Math.min(...words.map((w) => w.xMin)), right: Math.max(...words.map((w) => w.xMax)) }));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const full = rows.slice(0, -1);
    const lefts = full.map((r) => r.left);
    const rights = full.map((r) => r.right);
    // Justified: every line but the last starts and ends at the same place (poppler's boxes, 1.5 pt).
    expect(Math.max(...lefts) - Math.min(...lefts)).toBeLessThan(1.5);
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(1.5);
  }, 120_000);
});
