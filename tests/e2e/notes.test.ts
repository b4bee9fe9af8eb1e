// Footnotes end to end, as each format's users see them (tests/fixtures/articles/notes.md: four GFM notes
// in an Arabic article). Before notes existed in the model the marks were a literal «[^n]»-turned-«[n]» in
// the text and the notes ordinary paragraphs where they were written.
// EPUB: every mark a `noteref` link to an `epub:type="footnote"` aside at the chapter's end that links
// back, EPUBCheck clean. DOCX: a real footnotes part (w:footnoteReference → word/footnotes.xml, the notes'
// paragraphs right to left) whose notes LibreOffice prints. PDF: each note at the foot of the page that
// holds its mark (a long one continued on the next page), after the text in poppler and pdf.js, /Note.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../src/parse/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { loadTheme } from '../../src/theme/index.js';
import { warraq } from '../support/cli.js';
import { renderContext } from '../support/context.js';
import { pdfjsText, pdfPages, pdftotext, pdfTags, type Tag } from '../support/pdf.js';
import { pageWords, renderGray, type Word } from '../support/pixels.js';
import { ARTICLES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems, javaEpubcheck, javaEpubcheckAvailable } from '../support/validate.js';
import { letterWords, withoutBidiControls } from '../support/words.js';
import { openZip } from '../support/zip.js';

const NOTES = [
  'ينظر: الخطيب البغدادي، تاريخ بغداد، الجزء الأول.',
  'ابن النديم، الفهرست، المقالة الأولى. وقد كتب كتابه سنة 377 للهجرة.',
  'الجاحظ، كتاب الحيوان، الجزء الأول، في مدح الكتب.',
  'اليعقوبي، كتاب البلدان، في وصف بغداد.',
];
// The words right before each mark in the text.
const CITED = ['والقراء', 'عرفهم', 'ظرفاً', 'دكان'];

let out = '';
beforeAll(() => {
  out = path.join(tempDir('warraq-notes-'), 'out');
  const run = warraq(['build', path.join(ARTICLES, 'notes.md'), '--out', out]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);

const DPI = 144;
const bytes = (ext: string): Uint8Array => readFileSync(path.join(out, `notes.${ext}`));
const squash = (text: string): string => withoutBidiControls(text).replace(/\s+/gu, ' ');
/**
 * The text as its words alone, punctuation aside (readers place neutral marks such as «:» differently), a
 * number apart from a word it touches: at a change of direction poppler drops the space between them («1ينظر»,
 * «377للهجرة», in the body text too), which is the text layer's matter (issue 17), not the notes'.
 */
const words = (text: string): string =>
  ` ${letterWords(text).join(' ').replace(/(\p{N})(?=\p{L})|(\p{L}\p{M}*)(?=\p{N})/gu, '$1$2 ')} `;

/** Where each of `parts` starts in `text`, which must hold them all, in this order. */
function inOrder(text: string, parts: readonly string[]): number[] {
  const at: number[] = [];
  let from = 0;
  for (const part of parts) {
    const i = text.indexOf(part, from);
    expect(i, `«${part}» after offset ${from}`).toBeGreaterThanOrEqual(0);
    at.push(i);
    from = i + part.trimEnd().length;
  }
  return at;
}

describe('EPUB', () => {
  it('links every mark to its aside at the chapter end and back, with no note left in the text', async () => {
    const zip = await openZip(bytes('epub'));
    const xhtml = await zip.zip.file('OEBPS/article.xhtml')!.async('string');
    const { document } = parseHTML(xhtml);
    const refs = [...document.querySelectorAll('a')].filter((a) => a.getAttribute('epub:type') === 'noteref');
    expect(refs.map((a) => a.textContent)).toEqual(['1', '2', '3', '4']);
    const asides = [...document.querySelectorAll('aside')];
    expect(asides.map((a) => a.getAttribute('epub:type'))).toEqual(['footnote', 'footnote', 'footnote', 'footnote']);
    expect(asides.map((a) => a.getAttribute('role'))).toEqual(['doc-footnote', 'doc-footnote', 'doc-footnote', 'doc-footnote']);
    refs.forEach((ref, i) => {
      expect(ref.getAttribute('role')).toBe('doc-noteref');
      expect(ref.closest('sup'), 'the mark is raised').not.toBeNull();
      const aside = document.getElementById(ref.getAttribute('href')!.slice(1));
      expect(aside, `target of mark ${i + 1}`).toBe(asides[i]);
      expect(squash(aside!.textContent!)).toContain(NOTES[i]);
      const back = aside!.querySelector('a[role="doc-backlink"]')!;
      expect(document.getElementById(back.getAttribute('href')!.slice(1))).toBe(ref);
      // The mark stands right after the word that cites it.
      expect(squash(ref.closest('p')!.textContent!)).toContain(`${CITED[i]}${i + 1}`);
    });
    // The notes live in the asides only, after all the text.
    const body = squash(document.querySelector('section')!.textContent!);
    for (const note of NOTES) expect(body.split(note).length - 1).toBe(1);
    expect(body.indexOf(NOTES[0]!)).toBeGreaterThan(body.indexOf('أصحابها'));
    expect(body).not.toMatch(/\[\^?\w+\]/u);
  });

  it('passes EPUBCheck', async () => {
    expect(await epubProblems(bytes('epub'))).toEqual([]);
  }, 60_000);

  it.skipIf(!javaEpubcheckAvailable)('passes EPUBCheck on Java', async () => {
    const report = await javaEpubcheck(bytes('epub'));
    expect(report.findings).toEqual([]);
  }, 120_000);
});

describe('DOCX', () => {
  it('has a real footnotes part: one w:footnoteReference per note, its paragraphs right to left', async () => {
    const zip = await openZip(bytes('docx'));
    const document = await zip.zip.file('word/document.xml')!.async('string');
    const footnotes = await zip.zip.file('word/footnotes.xml')!.async('string');
    const ids = [...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/gu)].map((m) => Number(m[1]));
    expect(ids).toEqual([1, 2, 3, 4]);
    const notes = [...footnotes.matchAll(/<w:footnote w:id="(\d+)">(.*?)<\/w:footnote>/gsu)];
    expect(notes.map((m) => Number(m[1]))).toEqual([1, 2, 3, 4]);
    notes.forEach((m, i) => {
      const xml = m[2]!;
      expect(xml).toContain('<w:pStyle w:val="FootnoteText"/>');
      expect(xml).toContain('<w:bidi/>');
      expect(xml).toMatch(/<w:rtl\/>/u);
      expect(xml).toContain('<w:footnoteRef/>');
      expect([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join('')).toBe(NOTES[i]);
    });
    // The notes are not in the text any more.
    expect(document).not.toContain('الخطيب البغدادي');
    const styles = await zip.zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:styleId="FootnoteText"/u);
  });

  it.skipIf(!has('soffice'))('prints the notes in LibreOffice, after the text, in order', () => {
    const pdf = libreOfficePdf(bytes('docx'), 'notes');
    const text = words(pdftotext(pdf, { first: 1, last: 1 }));
    const [end] = inOrder(text, [' أصحابها ']);
    const at = inOrder(text, NOTES.map(words));
    expect(at[0]).toBeGreaterThan(end!);
  }, 130_000);
});

// A long article: a note on most paragraphs, one of them long enough that it cannot all fit under its page.
const LETTERS = [...'بتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const LONG_NOTE = Array.from({ length: 70 }, (_, i) => `وهذه جملة طويلة من الهامش الممتد رقمها ${i + 1} تشرح المسألة وتذكر المصادر والروايات المختلفة فيها.`).join(' ');
function longArticle(): string {
  const body = LETTERS.map((l, i) => `فقرة عن سوق الوراقين في بغداد والقاهرة ودمشق وما كان يجري فيها من نسخ وبيع وإعارة للكتب بين الطلاب والعلماء والأدباء، وكانت الحركة فيها لا تهدأ من الصباح إلى المساء، والعلامة${l}[^${i + 1}] في آخرها.`);
  const notes = LETTERS.map((l, i) => `[^${i + 1}]: هامش${l} ${i === 9 ? LONG_NOTE : 'قصير يذكر المصدر.'}`);
  return `# سوق الوراقين\n\n${body.join('\n\n')}\n\n${notes.join('\n')}\n`;
}

describe('PDF', () => {
  const tagTypes = (tag: Tag): string[] => [tag.type, ...tag.kids.flatMap((k) => ('type' in k && 'kids' in k ? tagTypes(k as Tag) : []))];

  it('sets the notes after the text, in order, as poppler and pdf.js copy them, with the marks in the text', async () => {
    const poppler = pdftotext(path.join(out, 'notes.pdf'));
    const pdfjs = await pdfjsText(bytes('pdf'));
    for (const [reader, raw] of [['poppler', poppler], ['pdf.js', pdfjs]] as const) {
      const text = words(raw);
      const [end] = inOrder(text, [' أصحابها ']);
      // Each note with its number before it, in order, after the text.
      const at = inOrder(text, NOTES.map((n, i) => ` ${i + 1}${words(n)}`));
      expect(at[0], reader).toBeGreaterThan(end!);
      expect(squash(raw), reader).not.toMatch(/\[\^?\w+\]/u);
      // Each cited word is followed by its mark, in the text (harakat aside: readers order a tanwīn and its alif differently).
      const bare = (t: string): string => t.replace(/\p{M}/gu, '');
      inOrder(bare(text), CITED.map((word, i) => ` ${bare(word)} ${i + 1} `));
    }
  });

  it('sets each note at the foot of the page that holds its mark, a note too long for it going on to the next', () => {
    const dir = tempDir('warraq-notes-long-');
    const source = path.join(dir, 'long.md');
    writeFileSync(source, longArticle());
    const run = warraq(['build', source, '--out', dir, '--format', 'pdf']);
    expect(run.status, run.stderr).toBe(0);
    const pdf = path.join(dir, 'long.pdf');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = Array.from({ length: pages }, (_, p) => words(pdftotext(pdf, { first: p + 1, last: p + 1 })));
    const pageOf = (part: string): number => text.findIndex((t) => t.includes(part));
    LETTERS.forEach((l, i) => {
      const mark = pageOf(` والعلامة${l} ${i + 1} `);
      expect(mark, `mark ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(pageOf(` ${i + 1} هامش${l} `), `note ${i + 1} on the page of its mark`).toBe(mark);
    });
    // The long note starts under its mark and ends on a later page, before that page's own notes.
    const start = pageOf(` هامش${LETTERS[9]} `);
    const end = pageOf(' رقمها 70 ');
    expect(end).toBeGreaterThan(start);
    const next = text[end]!;
    const own = LETTERS.map((l, i) => next.indexOf(` ${i + 1} هامش${l} `)).filter((at) => at >= 0);
    expect(own.length).toBeGreaterThan(0);
    expect(next.indexOf(' رقمها 70 ')).toBeLessThan(Math.min(...own));
    // On every page the notes come after the text (the text layer in reading order).
    for (const t of text) {
      const firstNote = Math.min(...LETTERS.map((l, i) => t.indexOf(` ${i + 1} هامش${l} `)).filter((at) => at >= 0), Infinity);
      const lastMark = Math.max(...LETTERS.map((l, i) => t.indexOf(` والعلامة${l} ${i + 1} `)), -1);
      if (firstNote !== Infinity) expect(lastMark).toBeLessThan(firstNote);
    }
  }, 60_000);

  it('sets the notes after the text with the theme\'s notes: "end", under the rule, in order', async () => {
    const article = await parseFile(path.join(ARTICLES, 'notes.md'));
    const pdf = await renderPdf(article, renderContext({ theme: { ...loadTheme(), notes: 'end' } }));
    const text = words(await pdfjsText(pdf));
    const [end] = inOrder(text, [' أصحابها ']);
    expect(inOrder(text, NOTES.map((n, i) => ` ${i + 1}${words(n)}`))[0]).toBeGreaterThan(end!);
    // Not in the foot: the default layout's notes stand lower on the page than the endnotes do.
    const file = path.join(tempDir('warraq-notes-end-'), 'end.pdf');
    writeFileSync(file, pdf);
    const y = (bbox: string): number => Number(/<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>377<\/word>/u.exec(bbox)?.[1] ?? 'NaN');
    expect(y(pdftotext(file, { bbox: true }))).toBeLessThan(y(pdftotext(path.join(out, 'notes.pdf'), { bbox: true })) - 100);
  });

  // A reader sees a note's number raised above the line, as a superscript, and its text still copies
  // back on the line (the mark's characters sit on the baseline under its outline, text-layer.ts).
  it('raises each mark above the baseline: its ink stands in the upper half of its text box, a digit of the text in the lower', () => {
    const pdf = path.join(out, 'notes.pdf');
    const page = renderGray(pdf, DPI);
    const scale = DPI / 72;
    /** The lowest and highest rows (in points from the box's top, as a share of its height) that hold ink, across the box. */
    const ink = (word: Word): { top: number; bottom: number } => {
      const rows: number[] = [];
      for (let y = Math.floor(word.yMin * scale); y <= Math.ceil(word.yMax * scale); y++) {
        for (let x = Math.ceil(word.xMin * scale); x <= Math.floor(word.xMax * scale); x++) if (page.at(x, y) < 128) rows.push(y);
      }
      const height = (word.yMax - word.yMin) * scale;
      return { top: (Math.min(...rows) - word.yMin * scale) / height, bottom: (Math.max(...rows) - word.yMin * scale) / height };
    };
    const boxes = pageWords(pdf);
    const marks = boxes.filter((w) => /^[1-4]$/u.test(w.text) && w.yMin < 400);
    expect(marks.length, 'the marks of page 1').toBeGreaterThanOrEqual(3);
    for (const mark of marks) expect(ink(mark).bottom, `mark ${mark.text} at y=${mark.yMin}`).toBeLessThan(0.5);
    // The byline's date, an ordinary number on its baseline, for contrast.
    const digit = boxes.find((w) => w.text === '15');
    expect(digit).toBeDefined();
    expect(ink(digit!).bottom).toBeGreaterThan(0.5);
  });

  it('tags each note /Note in the structure tree', () => {
    const { document } = pdfTags(path.join(out, 'notes.pdf'));
    expect(tagTypes(document).filter((t) => t === 'Note')).toHaveLength(NOTES.length);
  });
});
