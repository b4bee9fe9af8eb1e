// Images inside a paragraph (an icon of a button in a tutorial's sentence, a small picture in a line) set
// in the line in all three formats, at the height of the type, where they were replaced by their alt text
// before. Checked as readers see them: the PDF's ink between the words on either side, its text read back
// in order in poppler and pdf.js (the image as U+FFFC, Unicode's "an object stands here"), a Figure with
// the alt text inside the paragraph's element; the EPUB's <img> in the line in Chromium and EPUBCheck; the
// DOCX's inline drawing as mammoth, python-docx and LibreOffice read it. A remote image keeps its alt text.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inline } from '../../src/model/index.js';
import { eachInline } from '../../src/model/walk.js';
import { parseFile } from '../../src/parse/index.js';
import { warraq } from '../support/cli.js';
import { collector } from '../support/context.js';
import { pdfjsText, pdfTags, pdftotext, pdftotextRows, type QpdfValue, type Tag } from '../support/pdf.js';
import { png } from '../support/images.js';
import { ARTICLES } from '../support/paths.js';
import { pageWords, renderGray } from '../support/pixels.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip, unzippedEpub } from '../support/zip.js';

const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import docx']).status === 0);
const SENTENCE = 'يضغط المستخدم على زر الحفظ ![حفظ](save.png) في أعلى الصفحة ليحفظ الملف، ثم يختار مكان الحفظ من القائمة التي تظهر له بعد ذلك مباشرة.';
const SOURCE = `# صور في السطر\n\n${SENTENCE}\n\nوتظهر الشارة ![شارة](https://example.com/badge.png) في رأس الصفحة.\n`;

let dir = '';
let run: ReturnType<typeof warraq>;
const out = (name: string): string => path.join(dir, 'out', name);
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(out(name)));

beforeAll(() => {
  dir = tempDir('warraq-inline-images-');
  // A 4 × 3 PNG of solid blue: its ink is unmistakable on the page.
  copyFileSync(path.join(ARTICLES, 'map.png'), path.join(dir, 'save.png'));
  writeFileSync(path.join(dir, 'inline.md'), SOURCE);
  run = warraq(['build', path.join(dir, 'inline.md'), '--out', path.join(dir, 'out')]);
  expect(run.status, run.stderr).toBe(0);
}, 120_000);

describe('the model', () => {
  it('keeps a local image inside a paragraph as an image inline, a remote one as its alt text, with a warning', async () => {
    const article = await parseFile(path.join(dir, 'inline.md'));
    const images = [...eachInline(article.blocks)].filter((i): i is Extract<Inline, { type: 'image' }> => i.type === 'image');
    expect(images).toEqual([{ type: 'image', src: 'save.png', alt: 'حفظ' }]);
    expect(run.stderr).toMatch(/inline\.md: skipped remote images such as https:\/\/example\.com\/badge\.png/u);
  });
});

const normal = (text: string): string => text.replace(/[\u202a-\u202e]/gu, '').replace(/[\s\u200e\u200f]+/gu, ' ');

describe('a hostile page', () => {
  it('sets at most 1000 images in its lines, the rest as their alt text, with one warning', async () => {
    const many = path.join(dir, 'many.md');
    const paragraph = `زر ${Array.from({ length: 10 }, () => '![ح](save.png)').join(' ')} آخر`;
    writeFileSync(many, `# أيقونات\n\n${Array.from({ length: 150 }, () => paragraph).join('\n\n')}\n`);
    const diagnostics = collector();
    const article = await parseFile(many, { diagnostics });
    expect([...eachInline(article.blocks)].filter((i) => i.type === 'image')).toHaveLength(1000);
    expect(diagnostics.messages.filter((m) => m.includes('1500 images in the text, more than the 1000'))).toHaveLength(1);
  });
});

describe.skipIf(!has('pdftotext'))('in the PDF', () => {
  it('reads back in order around the image, in poppler and pdf.js, and the remote one as its alt text', async () => {
    for (const text of [pdftotext(out('inline.pdf')), await pdfjsText(bytes('inline.pdf'))]) {
      expect(normal(text)).toContain('على زر الحفظ \uFFFC في أعلى الصفحة');
      expect(normal(text)).toContain('وتظهر الشارة شارة في رأس الصفحة');
    }
  });

  it('draws the image where the text layer says it stands, between the words on either side, on their line', () => {
    const words = pageWords(out('inline.pdf'));
    const index = words.findIndex((w) => w.text.includes('\uFFFC'));
    expect(index).toBeGreaterThan(0);
    const object = words[index]!;
    // Its neighbours on the line (poppler lists a line's words left to right) are the sentence's.
    expect([words[index - 1]!.text, words[index + 1]!.text].map((t) => t.replace(/[\u200f\s]/gu, '')).sort()).toEqual(['الحفظ', 'في'].sort());
    expect(Math.abs(words[index - 1]!.yMax - object.yMax)).toBeLessThan(1);
    const dpi = 144;
    const gray = renderGray(out('inline.pdf'), dpi);
    const px = (pt: number): number => Math.round((pt * dpi) / 72);
    let dark = 0;
    let all = 0;
    for (let x = px(object.xMin) + 1; x < px(object.xMax) - 1; x++) {
      for (let y = px(object.yMin); y < px(object.yMax); y++, all++) if (gray.at(x, y) < 140) dark++;
    }
    expect(all).toBeGreaterThan(0);
    // One em high in a line box of about 1.8 em: about half the box is the image's ink; none without it.
    expect(dark / all).toBeGreaterThan(0.3);
  });

  it('tags the image as a Figure with its alt text inside the paragraph’s element', () => {
    const { document } = pdfTags(out('inline.pdf'));
    const isTag = (kid: Tag | Record<string, QpdfValue>): kid is Tag => 'type' in kid && 'kids' in kid;
    const paragraphs = document.kids.filter(isTag).filter((t) => t.type === 'P');
    const figures = paragraphs.flatMap((p) => p.kids.filter(isTag).filter((k) => k.type === 'Figure'));
    expect(figures).toHaveLength(1);
    expect(String(figures[0]!.entries['/Alt']).replace(/^u:/u, '')).toBe('حفظ');
  });
});

describe('in the EPUB', () => {
  it('is an <img> in the line, one em high in Chromium, and passes EPUBCheck', async () => {
    const epub = bytes('inline.epub');
    expect(await epubProblems(epub)).toEqual([]);
    const root = await unzippedEpub(epub);
    const xhtml = readFileSync(path.join(root, 'article.xhtml'), 'utf8');
    expect(xhtml).toMatch(/زر الحفظ <img class="inline" src="images\/figure-1\.png" alt="حفظ"\/> في أعلى/u);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
      await page.goto(`file://${path.join(root, 'article.xhtml')}`);
      const box = (await page.evaluate(`(() => {
        const img = document.querySelector('p img.inline');
        const p = img.closest('p');
        const r = img.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(p).lineHeight);
        return { height: r.height, fontSize: parseFloat(getComputedStyle(p).fontSize), top: r.top - p.getBoundingClientRect().top, line };
      })()`)) as { height: number; fontSize: number; top: number; line: number };
      expect(Math.abs(box.height - box.fontSize)).toBeLessThan(1);
      // On the paragraph's first line.
      expect(box.top).toBeLessThan(box.line);
    } finally {
      await browser.close();
    }
  });
});

describe('in the DOCX', () => {
  it('is an inline drawing in the paragraph’s runs, with its alt text, read as an image by mammoth', async () => {
    const document = await (await openZip(bytes('inline.docx'))).text('word/document.xml');
    expect(document).toMatch(/زر الحفظ <\/w:t><\/w:r><w:r><w:drawing><wp:inline[^>]*>.*?descr="حفظ".*?<\/w:drawing><\/w:r><w:r>.*? في أعلى/su);
    const html = (await mammoth.convertToHtml({ path: out('inline.docx') })).value;
    expect(html).toMatch(/زر الحفظ <img alt="حفظ" src="data:image\/png;base64,[^"]+" \/> في أعلى/u);
  });

  it.skipIf(python === undefined)('has one inline shape for python-docx, one em high', () => {
    const script = 'import docx, sys\nd = docx.Document(sys.argv[1])\nprint(len(d.inline_shapes), d.inline_shapes[0].height.pt)';
    const [count, height] = execFileSync(python!, ['-c', script, out('inline.docx')], { encoding: 'utf8' }).trim().split(' ');
    expect(count).toBe('1');
    expect(Number(height)).toBeGreaterThan(10);
    expect(Number(height)).toBeLessThan(14);
  });

  it.skipIf(!has('soffice') || !has('pdfimages'))('renders in LibreOffice with the image in the line', () => {
    const pdf = libreOfficePdf(bytes('inline.docx'), 'inline');
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
    // Row by row (poppler's flow takes the gap the image leaves for one between columns).
    expect(normal(pdftotextRows(pdf))).toMatch(/زر الحفظ\s*في أعلى الصفحة/u);
  }, 120_000);
});

// An icon that is a link (a badge, a "download" button in a sentence): the link goes on over the image.
describe('an image inside a link', () => {
  const URL = 'https://example.com/save';
  let linked = '';
  beforeAll(() => {
    writeFileSync(path.join(dir, 'linked.md'), `# رابط بصورة\n\nانقر على [![حفظ](save.png)](${URL}) لتحفظ الملف في مكانه.\n`);
    const result = warraq(['build', path.join(dir, 'linked.md'), '--out', path.join(dir, 'linked')]);
    expect(result.status, result.stderr).toBe(0);
    linked = path.join(dir, 'linked');
  }, 120_000);

  it.skipIf(!has('qpdf'))('is covered by the PDF’s link annotation, which says the alt text', () => {
    const { objects } = pdfTags(path.join(linked, 'linked.pdf'));
    const links = [...objects.values()].filter((v): v is Record<string, QpdfValue> => (v as Record<string, QpdfValue> | null)?.['/Subtype'] === '/Link');
    expect(links).toHaveLength(1);
    expect(links[0]?.['/A']).toMatchObject({ '/URI': `u:${URL}` });
    expect(links[0]?.['/Contents']).toBe('u:حفظ');
    // The annotation spans the image: as wide as the type is high (the 4 × 3 image at 1 em), not a sliver.
    const [x0, , x1] = links[0]?.['/Rect'] as number[];
    expect((x1 ?? 0) - (x0 ?? 0)).toBeGreaterThan(10);
  });

  it('is inside the DOCX’s w:hyperlink, and the EPUB’s <a>', async () => {
    const document = await (await openZip(new Uint8Array(readFileSync(path.join(linked, 'linked.docx'))))).text('word/document.xml');
    expect(document).toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*<w:drawing>(?:(?!<\/w:hyperlink>).)*descr="حفظ"/su);
    const html = (await mammoth.convertToHtml({ path: path.join(linked, 'linked.docx') })).value;
    expect(html).toMatch(new RegExp(`<a href="${URL}"><img alt="حفظ"`, 'u'));
    const epub = await openZip(new Uint8Array(readFileSync(path.join(linked, 'linked.epub'))));
    const chapter = [...(await epub.texts(/\.xhtml$/)).values()].join('\n');
    expect(chapter).toMatch(new RegExp(`<a href="${URL}"[^>]*><img [^>]*alt="حفظ"`, 'u'));
  });
});

// A saved page's table of pictures (flags, logos, a product's photos, a gallery's thumbnails): each picture
// in its cell at its own size (160 × 120 px: 120 × 90 pt), within the cell's width, in all three formats,
// as a browser sets it, where running text sets an image at the type's height.
describe('an image inside a web page’s table cell', () => {
  const LINK = 'https://example.com/dz';
  let table = '';
  beforeAll(() => {
    const prose = `<p>${'نص المقالة الذي يكفي ليكون مقالة عند القارئ، '.repeat(10)}</p>`;
    writeFileSync(path.join(dir, 'photo.png'), png(160, 120, [30, 90, 200]));
    writeFileSync(path.join(dir, 'flags.html'), `<!doctype html><html lang="ar" dir="rtl"><head><title>أعلام</title></head><body><article><h1>أعلام</h1>${prose}` +
      '<table><tr><th>البلد</th><th>العلم</th></tr><tr><td>مصر</td><td><img src="photo.png" alt="علم مصر"></td></tr>' +
      `<tr><td>تونس</td><td><figure><img src="photo.png" alt="علم تونس"><figcaption>منذ 1959</figcaption></figure></td></tr>` +
      `<tr><td>ليبيا</td><td>بلا صورة</td></tr><tr><td>الجزائر</td><td><a href="${LINK}"><img src="photo.png" alt="علم الجزائر"></a></td></tr></table>${prose}</article></body></html>`);
    const result = warraq(['build', path.join(dir, 'flags.html'), '--out', path.join(dir, 'flags')]);
    expect(result.status, result.stderr).toBe(0);
    table = path.join(dir, 'flags');
  }, 120_000);

  /** Each row's height on page 1, read off where poppler puts each row's first word: a picture's row is at least its 90 pt. */
  function rowSteps(pdf: string): number[] {
    const words = pageWords(pdf);
    const top = (word: string): number => (words.find((w) => w.text.replace(/[\s\u200e\u200f]/gu, '') === word) ?? expect.unreachable(`no «${word}» in ${pdf}`)).yMin;
    return [top('مصر') - top('البلد'), top('تونس') - top('مصر'), top('ليبيا') - top('تونس')];
  }

  it.skipIf(!has('pdfimages'))('is drawn in the PDF’s cell at its own size, its row read back around it with the caption', () => {
    const pdf = path.join(table, 'flags.pdf');
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2)).toHaveLength(3);
    // The linked thumbnail is clickable all over, not only along the type's height at its foot.
    const links = [...pdfTags(pdf).objects.values()].filter((o): o is Record<string, QpdfValue> => typeof o === 'object' && o !== null && !Array.isArray(o) && (o as Record<string, QpdfValue>)['/Subtype'] === '/Link');
    expect(links).toHaveLength(1);
    const [, y0, , y1] = links[0]!['/Rect'] as number[];
    expect(y1! - y0!).toBeGreaterThan(90);
    expect(normal(pdftotextRows(pdf))).toMatch(/تونس\s*\ufffc?\s*منذ 1959/u);
    const [header, first, second] = rowSteps(pdf);
    expect(header).toBeLessThan(40);
    expect(first).toBeGreaterThan(90);
    expect(second).toBeGreaterThan(90 + 12);
  });

  it('is an <img> in the EPUB’s <td>, at its own size in Chromium, and a drawing of it in the DOCX’s w:tc', async () => {
    const epub = await openZip(new Uint8Array(readFileSync(path.join(table, 'flags.epub'))));
    const chapter = [...(await epub.texts(/\.xhtml$/)).values()].join('\n');
    expect(chapter).toMatch(/<td><img [^>]*alt="علم مصر"[^>]*\/><\/td>/u);
    expect(chapter).toMatch(/<td><img [^>]*alt="علم تونس"[^>]*\/><br\/>منذ 1959<\/td>/u);
    expect(chapter).toMatch(new RegExp(`<td><a href="${LINK}"[^>]*><img [^>]*alt="علم الجزائر"`, 'u'));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 700, height: 1000 } });
      await page.goto(`file://${path.join(await unzippedEpub(epub.bytes), 'article.xhtml')}`);
      const sizes = await page.evaluate(`[...document.querySelectorAll('td img')].map((i) => [i.getBoundingClientRect().width, i.getBoundingClientRect().height])`);
      expect(sizes).toEqual([[160, 120], [160, 120], [160, 120]]);
      // The country's name beside its picture stands at the top of its cell, as in the PDF and the DOCX.
      const gap = await page.evaluate(`(() => { const td = [...document.querySelectorAll('td')].find((c) => c.textContent.trim() === 'مصر'); const range = document.createRange(); range.selectNodeContents(td); return range.getBoundingClientRect().top - td.getBoundingClientRect().top; })()`);
      expect(gap).toBeLessThan(16);
    } finally {
      await browser.close();
    }
    const document = await (await openZip(new Uint8Array(readFileSync(path.join(table, 'flags.docx'))))).text('word/document.xml');
    const cells = document.match(/<w:tc>.*?<\/w:tc>/gsu) ?? [];
    const pictured = cells.filter((cell) => cell.includes('<w:drawing>'));
    expect(pictured).toHaveLength(3);
    expect(document).toMatch(/<w:hyperlink [^>]*>(?:(?!<\/w:hyperlink>).)*<w:drawing>/su);
    // 160 × 120 px at 96 dpi, in EMU (9525 a pixel); its line at least the pitch, not exactly it (which clips).
    for (const cell of pictured) {
      expect(cell).toContain('<wp:extent cx="1524000" cy="1143000"/>');
      expect(cell).toMatch(/<w:spacing [^>]*w:lineRule="atLeast"/u);
    }
  }, 60_000);

  it.skipIf(!has('soffice') || !has('pdftotext'))('stands at its own size in LibreOffice’s rendering, as in the PDF', () => {
    const [header, first, second] = rowSteps(libreOfficePdf(new Uint8Array(readFileSync(path.join(table, 'flags.docx'))), 'flags'));
    expect(header).toBeLessThan(40);
    expect(first).toBeGreaterThan(90);
    expect(second).toBeGreaterThan(90 + 12);
  }, 120_000);
});
