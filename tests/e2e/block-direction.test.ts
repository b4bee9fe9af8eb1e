// A block of the other direction keeps its own direction and language in all three formats: an English
// paragraph (or list item) in an Arabic article is set left to right, an Arabic paragraph in an English one
// right to left, as their users' tools see it. PDF: poppler's word boxes (the line starts at the left or the
// right margin) and pdf.js's structure tree (/Lang). EPUB: dir and lang on the element, EPUBCheck clean.
// DOCX: w:bidi off and no w:rtl on the English paragraph, w:bidi on and w:rtl on the Arabic one.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../src/parse/index.js';
import { warraq } from '../support/cli.js';
import { openPdf, pdftotext } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

const ENGLISH = '"No deal is better than a bad deal," an adviser said.';
const OPENS_LATIN = 'React مكتبة لبناء واجهات المستخدم، وهي الأكثر انتشاراً.';
const ARABIC_DOC = `# قمة ألاسكا

فقرة عربية أولى تشرح الخبر.

${ENGLISH}

${OPENS_LATIN}

<div dir="rtl">

- Big-O notation
- التعقيد الزمني

</div>
`;
const ARABIC = 'قال المتحدث إن القمة ستعقد في موعدها.';
const ENGLISH_DOC = `# Alaska summit\n\nThe summit will be held in Anchorage on Friday, the White House said.\n\n${ARABIC}\n\nBoth leaders are expected to arrive on Thursday evening.\n`;

let dir = '';
beforeAll(() => {
  dir = tempDir('warraq-direction-');
  writeFileSync(path.join(dir, 'arabic.md'), ARABIC_DOC);
  writeFileSync(path.join(dir, 'english.md'), ENGLISH_DOC);
  const run = warraq(['build', dir, '--out', path.join(dir, 'out')]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);

const built = (name: string): string => path.join(dir, 'out', name);

interface Line {
  text: string;
  xMin: number;
  xMax: number;
}

/** poppler's lines on page 1 with their horizontal extent; words in logical order. */
function lines(pdf: string): Line[] {
  const xml = pdftotext(pdf, { first: 1, bbox: true });
  return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => {
    const words = [...(m[3] ?? '').matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1] ?? '');
    // poppler gives a right-to-left line's words right to left and each Arabic word's letters reversed.
    const rtl = words.some((w) => /\p{Script=Arabic}/u.test(w));
    const logical = rtl ? words.map((w) => (/\p{Script=Arabic}/u.test(w) ? [...w].reverse().join('') : w)).reverse() : words;
    return { text: logical.join(' ').replace(/&quot;/g, '"'), xMin: Number(m[1]), xMax: Number(m[2]) };
  });
}

/** A node of pdf.js's structure tree, as far as these tests read it. */
interface TagNode {
  role: string;
  lang?: string;
  children: TagNode[];
}

describe('blocks of their own direction', () => {
  it('are settled in the model: by their text, not by a wrapper that says otherwise', async () => {
    const article = await parseFile(path.join(dir, 'arabic.md'));
    expect([article.meta.lang, article.meta.dir]).toEqual(['ar', 'rtl']);
    const [first, english, opensLatin, list] = article.blocks;
    expect([first?.dir, english?.dir, english?.lang, opensLatin?.dir]).toEqual([undefined, 'ltr', 'en', undefined]);
    const items = list?.type === 'list' ? list.items.map((item) => [item[0]?.dir, item[0]?.lang]) : [];
    expect(items).toEqual([['ltr', 'en'], [undefined, undefined]]);
    const other = await parseFile(path.join(dir, 'english.md'));
    expect([other.meta.lang, other.blocks[1]?.dir, other.blocks[1]?.lang]).toEqual(['en', 'rtl', 'ar']);
  });

  it('PDF: start at their own side of the page, and tag their language', async () => {
    const ar = lines(built('arabic.pdf'));
    const right = Math.max(...ar.map((l) => l.xMax));
    const left = Math.min(...ar.map((l) => l.xMin));
    const line = (text: string): Line | undefined => ar.find((l) => l.text.includes(text));
    expect(line('فقرة عربية أولى')?.xMax).toBeCloseTo(right, 0);
    // Left to right: at the left margin, its final full stop after "said" (an RTL base would move it to the far left).
    expect(line('an adviser')).toMatchObject({ xMin: expect.closeTo(left, 0) as unknown as number, text: ENGLISH });
    expect(line('Big-O')?.xMin).toBeLessThan(line('التعقيد')?.xMin ?? 0);
    expect(line('مكتبة لبناء')?.xMax).toBeCloseTo(right, 0);

    const en = lines(built('english.pdf'));
    const enRight = Math.max(...en.map((l) => l.xMax));
    expect(en.find((l) => l.text.includes('المتحدث'))?.xMax).toBeCloseTo(enRight, 0);
    expect(en.find((l) => l.text.includes('Anchorage'))?.xMin).toBeLessThan(100);

    const doc = await openPdf(readFileSync(built('arabic.pdf')));
    const tree = (await (await doc.getPage(1)).getStructTree()) as TagNode;
    await doc.destroy();
    const documentElement = tree.children[0]!;
    expect(documentElement.lang).toBe('ar');
    const tagged = (nodes: TagNode[]): string[] => nodes.map((c) => `${c.role}:${c.lang ?? ''}`);
    expect(tagged(documentElement.children)).toEqual(['H1:', 'P:', 'P:en', 'P:', 'L:']);
    // The list's items: L → LI (Lbl, LBody), each item tagged with its own language.
    expect(tagged(documentElement.children[4]!.children)).toEqual(['LI:en', 'LI:']);
  });

  it('EPUB: carry dir and lang on the element, and pass EPUBCheck', async () => {
    const bytes = readFileSync(built('arabic.epub'));
    const page = await (await openZip(bytes)).text('OEBPS/article.xhtml');
    expect(page).toContain(`<p lang="en" xml:lang="en" dir="ltr">${ENGLISH.replace(/"/g, '&quot;')}</p>`);
    expect(page).toContain('<li lang="en" xml:lang="en" dir="ltr">Big-O notation</li>');
    expect(page).toContain('<p><span dir="ltr">React</span> مكتبة');
    const english = await (await openZip(readFileSync(built('english.epub')))).text('OEBPS/article.xhtml');
    expect(english).toContain(`<p lang="ar" xml:lang="ar" dir="rtl">${ARABIC}</p>`);
    expect(await epubProblems(bytes)).toEqual([]);
  });

  it('DOCX: w:bidi off and no w:rtl for English in Arabic; w:bidi on and w:rtl for Arabic in English', async () => {
    const paragraphs = async (file: string): Promise<string[]> => (await (await openZip(readFileSync(built(file)))).text('word/document.xml')).match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    const ar = await paragraphs('arabic.docx');
    const english = ar.find((p) => p.includes('an adviser said'))!;
    expect(english).toMatch(/<w:bidi w:val="(false|0)"\/>/);
    expect(english).not.toContain('<w:rtl/>');
    const item = ar.find((p) => p.includes('Big-O'))!;
    expect(item).toMatch(/<w:bidi w:val="(false|0)"\/>/);
    expect(ar.find((p) => p.includes('فقرة عربية'))).toContain('<w:bidi/>');
    const en = await paragraphs('english.docx');
    const arabic = en.find((p) => p.includes('المتحدث'))!;
    expect(arabic).toContain('<w:bidi/>');
    expect(arabic).toMatch(/<w:rtl\/><w:lang w:bidi="ar-SA"\/>/);
    expect(en.find((p) => p.includes('Anchorage'))).not.toContain('w:bidi');
  });
});
