// Characters the body face (Amiri) lacks are drawn from the theme's fallback chain in all three formats:
// Hebrew (Frank Ruhl Libre), IPA (Noto Sans), symbols (Noto Sans Math, Symbols 2), emoji (Noto Emoji),
// code in JetBrains Mono. Checked as users see it: the PDF embeds those faces and copies a mixed Arabic–
// Hebrew–English paragraph back in reading order (poppler and pdf.js); the EPUB embeds and names them and
// passes EPUBCheck; the DOCX embeds them, names them on the runs, and LibreOffice's PDF of it draws the
// Hebrew in Frank Ruhl Libre. A character no face has (日) is warned about once, twice as it occurs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSource, warraq } from '../support/cli.js';
import { pdffonts, pdfjsText, pdftotext } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has, libreOfficePdf } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { entryText, openZip } from '../support/zip.js';
import { extractedWords } from '../support/words.js';

const HEBREW = 'שלום';
const MIXED = `قالت الباحثة إن كلمة ${HEBREW} العبرية تعني السلام، وإن كلمة Shalom هي نقلها اللاتيني، وإن اختصار النسخ ⌘ واضح.`;
const SYMBOLS = 'الهمزة في الأبجدية الصوتية الدولية هي ʔ، وعلامة الصح ✓ والوجه 😀 واللانهاية ∞ كلها مرسومة؛ أما 日 فلا.';
const CODE = 'وفي الشيفرة `print(x)` يبقى الخط ثابت العرض، وكذلك 日 مرة ثانية.';
const SOURCE = `# نص بثلاث كتابات\n\n${MIXED}\n\n${SYMBOLS}\n\n${CODE}\n`;

let out = '';
let stderr = '';
beforeAll(() => {
  const built = buildSource(SOURCE, 'mixed.md');
  out = built.out;
  const run = built.run;
  expect(run.status).toBe(0);
  stderr = run.stderr;
}, 120_000);

/** Whether `wanted` occur in `text` in this order, as one stretch of its words. */
function inReadingOrder(text: string, wanted: readonly string[]): boolean {
  const all = extractedWords(text);
  return all.some((_, i) => wanted.every((w, k) => all[i + k] === w));
}

describe('fallback fonts', () => {
  it('warns once for a character no bundled face has, and for nothing else', () => {
    const lines = stderr.split('\n').filter((l) => l.includes('no font has'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('U+65E5');
  });

  describe.skipIf(!has('pdffonts'))('PDF', () => {
    it('embeds subset faces for Hebrew, IPA, symbols, emoji and code', () => {
      const fonts = pdffonts(path.join(out, 'mixed.pdf')).join('\n');
      for (const face of ['FrankRuhlLibre-Regular', 'NotoSans-Regular', 'NotoSansSymbols2-Regular', 'NotoEmoji-Regular', 'JetBrainsMono-Regular']) {
        expect(fonts).toMatch(new RegExp(`[A-Z]{6}\\+${face}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
      }
    });

    it('copies the mixed Arabic–Hebrew–English paragraph back in reading order (poppler and pdf.js)', async () => {
      const wanted = ['كلمة', HEBREW, 'العبرية', 'تعني', 'السلام', 'وإن', 'كلمة', 'Shalom', 'هي', 'نقلها'];
      const poppler = pdftotext(path.join(out, 'mixed.pdf'));
      expect(inReadingOrder(poppler, wanted)).toBe(true);
      expect(poppler).toContain('⌘');
      expect(poppler).toContain('ʔ');
      expect(poppler).toContain('😀');
      const pdfjs = await pdfjsText(readFileSync(path.join(out, 'mixed.pdf')));
      expect(inReadingOrder(pdfjs, wanted)).toBe(true);
      expect(pdfjs).toContain('✓');
    });
  });

  describe('EPUB', () => {
    it('embeds the fallback and code faces the article needs, names them in the CSS, and passes EPUBCheck', async () => {
      const bytes = readFileSync(path.join(out, 'mixed.epub'));
      const { zip } = await openZip(bytes);
      const fonts = Object.keys(zip.files).filter((f) => f.startsWith('OEBPS/fonts/'));
      expect(fonts).toContain('OEBPS/fonts/FrankRuhlLibre-Regular.ttf');
      expect(fonts).toContain('OEBPS/fonts/NotoEmoji-Regular.ttf');
      expect(fonts).toContain('OEBPS/fonts/JetBrainsMono-Regular.ttf');
      const css = await entryText(zip, 'OEBPS/style.css');
      expect(css).toMatch(/html, body \{ font-family: "Amiri", "Frank Ruhl Libre", [^}]*"Noto Emoji"/);
      expect(css).toMatch(/code, pre \{ font-family: "JetBrains Mono", "Amiri"/);
      expect(await epubProblems(bytes)).toEqual([]);
    }, 60_000);

    it('embeds no fallback face an Arabic-only article does not need', async () => {
      const dir = tempDir('warraq-fallback-ar-');
      writeFileSync(path.join(dir, 'ar.md'), '# عنوان\n\nنص عربي فقط.\n');
      expect(warraq(['build', path.join(dir, 'ar.md'), '--out', dir, '--format', 'epub']).status).toBe(0);
      const { zip } = await openZip(readFileSync(path.join(dir, 'ar.epub')));
      expect(Object.keys(zip.files).filter((f) => f.startsWith('OEBPS/fonts/')).every((f) => f.includes('Amiri'))).toBe(true);
    });
  });

  describe('DOCX', () => {
    it('embeds the fallback faces and names the Hebrew one on the Hebrew run', async () => {
      const { zip } = await openZip(readFileSync(path.join(out, 'mixed.docx')));
      const table = await entryText(zip, 'word/fontTable.xml');
      for (const family of ['Frank Ruhl Libre', 'Noto Emoji', 'JetBrains Mono']) expect(table).toMatch(new RegExp(`<w:font w:name="${family}">.*?<w:embedRegular `, 's'));
      const document = await entryText(zip, 'word/document.xml');
      expect(document).toMatch(new RegExp(`<w:rFonts w:ascii="Frank Ruhl Libre"[^>]*/>.*?<w:t[^>]*>${HEBREW}`, 's'));
    });

    it.skipIf(!has('soffice'))('LibreOffice draws the Hebrew in the embedded face and copies it back', () => {
      const pdf = libreOfficePdf(readFileSync(path.join(out, 'mixed.docx')), 'fallback');
      expect(pdffonts(pdf).join('\n')).toContain('FrankRuhlLibre');
      expect(pdftotext(pdf)).toContain(HEBREW);
    }, 120_000);
  });
});
