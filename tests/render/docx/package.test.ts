// The package around the text: the embedded font, reproducibility, figures, and what happens to
// characters XML cannot carry.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { blocksText, resolveArticle } from '../../../src/model/index.js';
import { mixedMarkdown as mixed, paragraph, sample } from '../../support/articles.js';
import { BUILD_DATE } from '../../support/context.js';
import { png } from '../../support/images.js';
import { FONTS } from '../../support/paths.js';
import { tempDir } from '../../support/temp.js';
import { articleText, letterWords } from '../../support/words.js';
import { xmlParts } from '../../support/zip.js';
import { W, elements, paragraphs, part, render, xml } from './helpers.js';

/** ECMA-376 §17.8.1 font de-obfuscation, written independently of the renderer. */
function deobfuscate(data: Uint8Array, fontKey: string): Uint8Array {
  const hex = fontKey.replace(/[{}-]/g, '');
  const key: number[] = [];
  for (let i = 30; i >= 0; i -= 2) key.push(parseInt(hex.slice(i, i + 2), 16));
  const out = Uint8Array.from(data);
  for (let i = 0; i < 32; i++) out[i] = (out[i] ?? 0) ^ (key[i % 16] ?? 0);
  return out;
}

describe('DOCX package', () => {
  it('embeds Amiri subsets (regular and bold; italics only with emphasis) that keep shaping tables and every character', async () => {
    const article = await sample();
    const { zip } = await render(article);
    const table = await xml(zip, 'word/fontTable.xml');
    const amiri = elements(table, 'font').find((f) => f.getAttributeNS(W, 'name') === 'Amiri');
    expect(amiri).toBeDefined();
    const rels = await part(zip, 'word/_rels/fontTable.xml.rels');
    const used = new Set([...`${article.meta.title}${article.meta.subtitle}${blocksText(article.blocks)}`].map((c) => c.codePointAt(0)!));
    for (const [element, file] of [['embedRegular', 'Amiri-Regular.ttf'], ['embedBold', 'Amiri-Bold.ttf']] as const) {
      const embed = elements(amiri!, element)[0];
      expect(embed, element).toBeDefined();
      const id = embed!.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+\\.odttf)"`).exec(rels)?.[1];
      expect(target, `${element} relationship`).toBeDefined();
      const data = await zip.file(`word/${target}`)!.async('uint8array');
      const font = fontkit.create(Buffer.from(deobfuscate(data, embed!.getAttributeNS(W, 'fontKey') ?? ''))) as fontkit.Font;
      const bundled = fontkit.openSync(path.join(FONTS, file)) as fontkit.Font;
      expect(font.familyName).toBe('Amiri');
      expect(font.subfamilyName).toBe(bundled.subfamilyName);
      expect(font.numGlyphs).toBeLessThan(bundled.numGlyphs);
      for (const table of ['GSUB', 'GPOS', 'GDEF']) expect(Object.keys((font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables), `${file} keeps ${table}`).toContain(table);
      for (const codePoint of used) if (bundled.hasGlyphForCodePoint(codePoint)) expect(font.hasGlyphForCodePoint(codePoint), `U+${codePoint.toString(16)}`).toBe(true);
      // The whole Arabic block stays, so a user can go on typing in the document.
      // (All but tatweel, left out under inter-word justification: see fonts.ts.)
      for (let codePoint = 0x0621; codePoint <= 0x064a; codePoint++) {
        if (bundled.hasGlyphForCodePoint(codePoint)) expect(font.hasGlyphForCodePoint(codePoint), `U+${codePoint.toString(16)}`).toBe(codePoint !== 0x0640);
      }
    }
    expect(elements(amiri!, 'embedItalic')).toHaveLength(0); // the sample has no emphasis
    expect(elements((await xml((await render(await mixed())).zip, 'word/fontTable.xml')), 'embedItalic')).toHaveLength(1);
    expect(await part(zip, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    expect(await part(zip, '[Content_Types].xml')).toContain('Extension="odttf"');
  });

  it('is byte-identical when built twice, with every zip entry dated at the build date', async () => {
    const first = await render(await mixed());
    const second = await render(await mixed());
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
    const a = await render(await sample());
    const b = await render(await sample());
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    for (const entry of Object.values(a.zip.files)) {
      expect(entry.dir).toBe(false);
      // DOS timestamps have no zone; JSZip writes and reads them as UTC.
      expect(entry.date.toISOString(), entry.name).toBe(BUILD_DATE.toISOString());
    }
    expect(Object.keys(a.zip.files)[0]).toBe('[Content_Types].xml');
    // The build date is the only clock the document reads.
    const later = await render(await sample(), { buildDate: new Date(Date.UTC(2026, 0, 2)) });
    expect(Buffer.from(later.bytes).equals(Buffer.from(a.bytes))).toBe(false);
    expect(await part(later.zip, 'docProps/core.xml')).toContain('2026-01-02T00:00:00Z');
  });

  it('drops characters XML 1.0 forbids, with one warning, and still writes a readable document', async () => {
    const article = resolveArticle({
      meta: { title: 'عنوان\u0007 المقال' },
      blocks: [
        paragraph('نص\u0000 فيه \u001Fمحارف\uD800 ممنوعة'),
        paragraph('فقرة سليمة مع رمز 😀 مسموح'),
      ],
    });
    const { zip, warnings } = await render(article);
    expect(warnings).toHaveLength(1);
    // One in the title (shown three times: body, running head, properties), three in the paragraph.
    expect(warnings[0]).toMatch(/dropped 4 character\(s\) that XML 1\.0 does not allow/);
    const text = paragraphs(await xml(zip, 'word/document.xml')).map((p) => p.text);
    expect(text).toEqual(['عنوان المقال', 'نص فيه محارف ممنوعة', 'فقرة سليمة مع رمز 😀 مسموح']);
    expect(await part(zip, 'docProps/core.xml')).toContain('<dc:title>عنوان المقال</dc:title>');
  });

  it('embeds a local figure scaled to the text width with its caption, and skips a missing one with a warning', async () => {
    const dir = tempDir('warraq-docx-');
    writeFileSync(path.join(dir, 'map.png'), png(1200, 600));
    const article = resolveArticle({
      meta: { title: 'خريطة', lang: 'ar' },
      blocks: [
        { type: 'figure', src: 'map.png', alt: 'خريطة ألاسكا', caption: [{ type: 'text', value: 'خريطة ولاية ألاسكا عام 2025' }] },
        { type: 'figure', src: 'missing.png', alt: 'غائبة', caption: [{ type: 'text', value: 'صورة غائبة' }] },
      ],
    });
    const { zip, warnings, bytes } = await render(article, { resourceDir: dir });
    // Drawing ids come from the document, not from docx's process-wide counter: a rebuild is identical.
    expect(Buffer.from((await render(article, { resourceDir: dir })).bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('missing.png');
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(await zip.file(media[0]!)!.async('uint8array')).equals(png(1200, 600))).toBe(true);
    const document = await xml(zip, 'word/document.xml');
    const extent = document.getElementsByTagName('wp:extent')[0]!;
    // Text width: A4 11906 twips - 2 × 1200 - 240 gutter = 9266 twips = 617 px → 5 878 738 EMU (9525 per px).
    expect(Number(extent.getAttribute('cx'))).toBe(617 * 9525);
    expect(Number(extent.getAttribute('cy'))).toBe(Math.round(600 * (617 / 1200)) * 9525);
    expect(document.getElementsByTagName('wp:docPr')[0]?.getAttribute('descr')).toBe('خريطة ألاسكا');
    const paras = paragraphs(document);
    expect(paras.filter((p) => p.style === 'Caption').map((p) => p.text)).toEqual(['خريطة ولاية ألاسكا عام 2025', 'صورة غائبة']);
    expect(letterWords(paras.map((p) => p.text).join(' '))).toEqual(letterWords(articleText(article)));
  });

  it('opens as a zip every part of which is well-formed XML', async () => {
    const { bytes } = await render(await mixed());
    // xmlParts throws, naming the part, at the first that is not well-formed.
    const parts = await xmlParts(bytes);
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']));
  });
});
