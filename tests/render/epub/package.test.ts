// The container and the package document: reproducible bytes, a zip laid out as EPUB OCF requires,
// the metadata the issue lists, and no network access while rendering.
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import JSZip from 'jszip';
import { resolveArticle } from '../../../src/model/index.js';
import type { Article } from '../../../src/model/schema.js';
import { renderEpub } from '../../../src/render/epub/index.js';
import { loadTheme } from '../../../src/theme/index.js';
import { arabicMarkdown, paragraph, sample } from '../../support/articles.js';
import { renderContext } from '../../support/context.js';
import { ARTICLES } from '../../support/paths.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable } from '../../support/validate.js';
import { elements, first, render, validateEverythingMade } from './helpers.js';

interface ZipEntry {
  name: string;
  method: number;
  extraLength: number;
  dosTime: number;
  dosDate: number;
}

/** Central directory entries, read straight from the bytes (what any unzip tool sees). */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    out.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      extraLength: extra,
      dosTime: view.getUint16(at + 12, true),
      dosDate: view.getUint16(at + 14, true),
    });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

function dos(date: Date): { dosTime: number; dosDate: number } {
  return {
    dosDate: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

function withWord(article: Article, word: string): Article {
  const blocks = article.blocks.slice();
  blocks.push(paragraph(word));
  return { ...article, blocks };
}

describe('reproducibility', () => {
  it('two builds of the same article are byte-identical (sample and Markdown, parsed afresh each time)', async () => {
    const a1 = await render('sample', await sample());
    const a2 = await render('sample', await sample());
    expect(Buffer.from(a1.bytes).equals(Buffer.from(a2.bytes))).toBe(true);
    const m1 = await render('arabic-md', await arabicMarkdown());
    const m2 = await render('arabic-md', await arabicMarkdown());
    expect(Buffer.from(m1.bytes).equals(Buffer.from(m2.bytes))).toBe(true);
  });

  it('stamps every zip entry and dcterms:modified with the build date, nothing else', async () => {
    const buildDate = new Date('2024-03-05T10:20:30Z');
    const epub = await render('sample-2024', await sample(), { buildDate });
    for (const e of zipEntries(epub.bytes)) expect({ name: e.name, ...dos(buildDate) }).toEqual({ name: e.name, dosTime: e.dosTime, dosDate: e.dosDate });
    const opf = await epub.xml('OEBPS/content.opf');
    const modified = elements(opf, 'meta').filter((m) => m.getAttribute('property') === 'dcterms:modified');
    expect(modified.map((m) => m.textContent)).toEqual(['2024-03-05T10:20:30Z']);
    // An article without a date and no SOURCE_DATE_EPOCH falls back to 1980-01-01, the zip epoch.
    const fallback = await render('sample', await sample());
    expect(new Set(zipEntries(fallback.bytes).map((e) => e.dosDate))).toEqual(new Set([dos(new Date(Date.UTC(1980, 0, 1))).dosDate]));
  });

  it('derives the identifier from the content: stable across builds and dates, different for different text', async () => {
    const id = async (a: Article, buildDate?: Date): Promise<string> => {
      const epub = await render(`id-${a.blocks.length}`, a, buildDate ? { buildDate } : {});
      const opf = await epub.xml('OEBPS/content.opf');
      const pkgId = opf.documentElement!.getAttribute('unique-identifier');
      const identifier = elements(opf, 'identifier').find((e) => e.getAttribute('id') === pkgId)!.textContent ?? '';
      const ncx = await epub.xml('OEBPS/toc.ncx');
      expect(elements(ncx, 'meta').find((m) => m.getAttribute('name') === 'dtb:uid')!.getAttribute('content')).toBe(identifier);
      return identifier;
    };
    const article = await sample();
    const base = await id(article);
    expect(base).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await id(await sample(), new Date('2030-01-01T00:00:00Z'))).toBe(base);
    expect(await id(withWord(article, 'كلمة'))).not.toBe(base);
  });
});

describe('the container', () => {
  it('starts with an uncompressed mimetype entry without extra fields; every name is plain ASCII', async () => {
    const epub = await render('arabic-md', await arabicMarkdown());
    const entries = zipEntries(epub.bytes);
    expect(entries[0]).toMatchObject({ name: 'mimetype', method: 0, extraLength: 0 });
    expect(new TextDecoder().decode(epub.bytes.subarray(30, 38))).toBe('mimetype');
    expect(new TextDecoder().decode(epub.bytes.subarray(38, 58))).toBe('application/epub+zip');
    for (const e of entries) expect(e.name).toMatch(/^[A-Za-z0-9._/-]+$/);
    expect(entries.map((e) => e.name)).toEqual(
      expect.arrayContaining(['META-INF/container.xml', 'OEBPS/content.opf', 'OEBPS/title.xhtml', 'OEBPS/article.xhtml', 'OEBPS/toc.xhtml', 'OEBPS/toc.ncx', 'OEBPS/style.css']),
    );
  });

  it('never opens a network connection, even for a remote figure', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const article = resolveArticle({
        meta: { title: 'صورة بعيدة', lang: 'ar' },
        blocks: [{ type: 'figure', src: 'http://127.0.0.1:9/figure.png', alt: 'صورة', caption: [{ type: 'text', value: 'تعليق' }] }],
      });
      const epub = await render('remote-figure', article);
      expect(epub.warnings.some((w) => /not a local file/.test(w))).toBe(true);
      expect(connect).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
      fetchSpy.mockRestore();
    }
  });
});

describe('package metadata', () => {
  it('carries title and subtitle (title-type), creators, date, description, publisher, source and subjects', async () => {
    const epub = await render('arabic-md', await arabicMarkdown());
    const opf = await epub.xml('OEBPS/content.opf');
    const refines = (id: string, property: string): string[] =>
      elements(opf, 'meta')
        .filter((m) => m.getAttribute('refines') === `#${id}` && m.getAttribute('property') === property)
        .map((m) => m.textContent ?? '');
    const titles = elements(opf, 'title').map((t) => [t.textContent, refines(t.getAttribute('id') ?? '', 'title-type')[0]]);
    expect(titles).toEqual([
      ['قمة ألاسكا في سطور', 'main'],
      ['ما الذي يريده كل طرف؟', 'subtitle'],
    ]);
    const creators = elements(opf, 'creator').map((c) => [c.textContent, refines(c.getAttribute('id') ?? '', 'role')[0]]);
    expect(creators).toEqual([
      ['سارة العلي', 'aut'],
      ['Omar Haddad', 'aut'],
    ]);
    expect(first(opf, 'date').textContent).toBe('2025-08-14');
    expect(first(opf, 'description').textContent).toBe('موجز بالنقاط الرئيسية قبل القمة.');
    expect(first(opf, 'publisher').textContent).toBe('دار الورّاق');
    expect(first(opf, 'source').textContent).toBe('https://example.org/alaska');
    expect(elements(opf, 'subject').map((s) => s.textContent)).toEqual(['روسيا', 'الولايات المتحدة']);
  });

  it('states accessibility: textual (and visual with images), navigation features, no hazards, a summary', async () => {
    const values = async (a: Article): Promise<Record<string, string[]>> => {
      const opf = await (await render(`a11y-${a.meta.title}`, a)).xml('OEBPS/content.opf');
      const out: Record<string, string[]> = {};
      for (const m of elements(opf, 'meta')) {
        const p = m.getAttribute('property') ?? '';
        if (p.startsWith('schema:')) (out[p] ??= []).push(m.textContent ?? '');
      }
      return out;
    };
    const text = await values(await sample());
    expect(text).toMatchObject({
      'schema:accessMode': ['textual'],
      'schema:accessModeSufficient': ['textual'],
      'schema:accessibilityFeature': ['structuralNavigation', 'tableOfContents', 'readingOrder'],
      'schema:accessibilityHazard': ['none'],
    });
    expect(text['schema:accessibilitySummary']?.[0]).toMatch(/table of contents/);
    const withImage = await values(await arabicMarkdown());
    expect(withImage['schema:accessMode']).toEqual(['textual', 'visual']);
    expect(withImage['schema:accessibilityFeature']).toContain('alternativeText');
  });

  it('keeps a date-time with its offset as dc:date and in the title page\'s <time>', async () => {
    const article = resolveArticle({ meta: { title: 'موعد', date: '2025-08-15T11:00:00-08:00', lang: 'ar' }, blocks: [paragraph('نص.')] });
    const epub = await render('date-time', article);
    expect(first(await epub.xml('OEBPS/content.opf'), 'date').textContent).toBe('2025-08-15T11:00:00-08:00');
    expect(first(await epub.xml('OEBPS/title.xhtml'), 'time').getAttribute('datetime')).toBe('2025-08-15T11:00:00-08:00');
  });

  it('omits an empty description and absent fields instead of writing them blank', async () => {
    const article = resolveArticle({ meta: { title: 'بلا وصف', description: '   ', publisher: '', lang: 'ar' }, blocks: [paragraph('نص.')] });
    const opf = await (await render('no-description', article)).xml('OEBPS/content.opf');
    for (const name of ['description', 'publisher', 'source', 'creator', 'date', 'subject']) expect({ name, n: elements(opf, name).length }).toEqual({ name, n: 0 });
  });
});


describe('the validators themselves', () => {
  // Guards the "0 errors, 0 warnings" checks above against a validator that reports nothing at all:
  // the same EPUB with the two faults the issue names (blank dc:description, CSS direction) must fail.
  async function broken(): Promise<Uint8Array> {
    const epub = await renderEpubForCheck();
    const zip = await JSZip.loadAsync(epub);
    const opf = (await zip.file('OEBPS/content.opf')!.async('string')).replace('<dc:language>', '<dc:description></dc:description>\n    <dc:language>');
    const css = `${await zip.file('OEBPS/style.css')!.async('string')}\np { direction: rtl; }\n`;
    const out = new JSZip();
    out.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
    for (const [name, entry] of Object.entries(zip.files)) {
      if (name === 'mimetype' || entry.dir) continue;
      out.file(name, name === 'OEBPS/content.opf' ? opf : name === 'OEBPS/style.css' ? css : await entry.async('uint8array'));
    }
    return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  it('epubcheck-ts reports a blank description and CSS direction', async () => {
    const ids = (await epubcheckTs(await broken())).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['RSC-005', 'CSS-001']));
  });

  it.skipIf(!javaEpubcheckAvailable)('EPUBCheck 4.2.6 reports a blank description and CSS direction', async () => {
    const ids = (await javaEpubcheck(await broken())).findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['RSC-005', 'CSS-001']));
  }, 300_000);
});

/** The Markdown article's EPUB, made outside `render` so that the deliberately broken copy is not validated as ours. */
async function renderEpubForCheck(): Promise<Uint8Array> {
  return renderEpub(await arabicMarkdown(), renderContext({ theme: loadTheme('default'), resourceDir: ARTICLES, buildDate: new Date(0) }));
}

validateEverythingMade();
