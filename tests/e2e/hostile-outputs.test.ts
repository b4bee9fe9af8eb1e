// What a crafted article must not do to the documents: break or inject into the PDF's XMP metadata, or
// leave a javascript:, data:, file: or relative link live. The same link rule holds in all three formats,
// and so does one address for each live link; a date no metadata can state dates none of them.
import { execFileSync } from 'node:child_process';
import type { Document } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/app/build.js';
import { resolveArticle, type Article } from '../../src/model/index.js';
import { resolveBuildDate } from '../../src/render/context.js';
import { collector } from '../support/context.js';
import { ROOT } from '../support/paths.js';
import { openPdf } from '../support/pdf.js';
import { epubProblems, javaEpubcheck, javaEpubcheckAvailable } from '../support/validate.js';
import { parseXml, xmlParts } from '../support/zip.js';

/** The XMP packet of a PDF (written uncompressed), parsed strictly: malformed XML fails here. */
function xmpOf(pdf: Uint8Array): Document {
  const text = Buffer.from(pdf).toString('utf8');
  const start = text.indexOf('<x:xmpmeta');
  const end = text.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length;
  expect(start).toBeGreaterThan(0);
  return parseXml(text.slice(start, end), 'the XMP packet');
}

async function render(article: Article): Promise<{ pdf: Uint8Array; epub: Uint8Array; docx: Uint8Array; warnings: string[] }> {
  const diagnostics = collector();
  const docs = await renderAll(article, { formats: ['pdf', 'epub', 'docx'], resourceDir: ROOT, diagnostics });
  return { pdf: docs.get('pdf')!, epub: docs.get('epub')!, docx: docs.get('docx')!, warnings: diagnostics.messages };
}

/** The URIs of the PDF's link annotations, as pdf.js reads them. */
async function pdfLinks(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const annotation of await (await doc.getPage(n)).getAnnotations()) if (annotation.subtype === 'Link') out.push(String(annotation.url ?? annotation.unsafeUrl ?? '(internal)'));
  }
  return out;
}

/** The external links of a DOCX as Word follows them: the relationship's target, then "#" and w:anchor. */
async function docxLinks(docx: Uint8Array): Promise<string[]> {
  const parts = await xmlParts(docx);
  const rels = parseXml(parts.get('word/_rels/document.xml.rels') ?? '', 'document.xml.rels');
  const targets = new Map(Array.from(rels.getElementsByTagName('Relationship')).filter((r) => r.getAttribute('TargetMode') === 'External').map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const body = parseXml(parts.get('word/document.xml') ?? '', 'document.xml');
  return Array.from(body.getElementsByTagName('w:hyperlink'))
    .filter((h) => targets.has(h.getAttribute('r:id')))
    .map((h) => `${targets.get(h.getAttribute('r:id'))}${h.hasAttribute('w:anchor') ? `#${h.getAttribute('w:anchor')}` : ''}`);
}

/** The external hrefs of an EPUB's pages, parsed as XML. */
async function epubLinks(epub: Uint8Array): Promise<string[]> {
  const pages = [...(await xmlParts(epub))].filter(([name]) => name.endsWith('.xhtml')).map(([name, text]) => parseXml(text, name));
  return pages.flatMap((page) => Array.from(page.getElementsByTagName('a')).map((a) => a.getAttribute('href') ?? '')).filter((href) => /^(https?|mailto):/.test(href));
}

describe('hostile metadata', () => {
  it('is escaped in the PDF XMP: a title with & or closing tags stays text, injects nothing', async () => {
    const evil = '</rdf:li></rdf:Alt></dc:title><dc:rights>owned</dc:rights><dc:title><rdf:Alt><rdf:li>';
    const { pdf } = await render(
      resolveArticle({
        meta: { title: `أخبار & تقارير ${evil}`, authors: ['كاتب <b>&</b>'], keywords: ['a&b', '<k>'], description: '"quoted" & \'single\'' },
        blocks: [{ type: 'paragraph', children: [{ type: 'text', value: 'فقرة.' }] }],
      }),
    );
    const xmp = xmpOf(pdf);
    expect(xmp.getElementsByTagName('dc:rights').length).toBe(0);
    const title = xmp.getElementsByTagName('dc:title')[0]?.textContent?.trim();
    expect(title).toBe(`أخبار & تقارير ${evil}`);
    expect(xmp.getElementsByTagName('dc:creator')[0]?.textContent?.trim()).toBe('كاتب <b>&</b>');
    expect(xmp.getElementsByTagName('pdf:Keywords')[0]?.textContent).toBe('a&b, <k>');
  });
});

describe('characters XML cannot carry', () => {
  it('a title with U+FFFF, U+FFFE, a control, a lone surrogate and &: the DOCX, EPUB and PDF XMP metadata parse and say the rest', async () => {
    const title = 'أخبار\uFFFF & تقارير\uFFFE\u0001\uD800 <نهاية>';
    const shown = 'أخبار & تقارير <نهاية>';
    const { pdf, epub, docx } = await render(resolveArticle({ meta: { title, lang: 'ar', keywords: [title] }, blocks: [{ type: 'paragraph', children: [{ type: 'text', value: 'فقرة.' }] }] }));
    const core = parseXml((await xmlParts(docx)).get('docProps/core.xml') ?? '', 'core.xml');
    expect([core.getElementsByTagName('dc:title')[0]?.textContent, core.getElementsByTagName('cp:keywords')[0]?.textContent]).toEqual([shown, shown]);
    const opf = parseXml((await xmlParts(epub)).get('OEBPS/content.opf') ?? '', 'content.opf');
    expect(opf.getElementsByTagName('dc:title')[0]?.textContent).toBe(shown);
    const xmp = xmpOf(pdf);
    expect([xmp.getElementsByTagName('dc:title')[0]?.textContent?.trim(), xmp.getElementsByTagName('pdf:Keywords')[0]?.textContent]).toEqual([shown, shown]);
  });
});

describe('links', () => {
  const links = ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd', 'relative/page.html', 'https://example.org/a|b^c]d?q=[1]#x|y', 'mailto:desk@example.org'];
  const linked = resolveArticle({
    meta: { title: 'روابط', lang: 'ar' },
    blocks: [{ type: 'paragraph', children: links.flatMap((url, i) => [{ type: 'text' as const, value: ` نص ${i} ` }, { type: 'link' as const, url, children: [{ type: 'text' as const, value: `رابط ${i}` }] }]) }],
  });

  it('only http, https and mailto stay live, in the PDF, the EPUB and the DOCX alike; their text stays', async () => {
    const { pdf, epub, docx } = await render(linked);
    const live = ['https://example.org/a%7Cb%5Ec%5Dd?q=%5B1%5D#x%7Cy', 'mailto:desk@example.org'];
    // A link set in two runs (words and digits) gets an annotation per run: the addresses are what count.
    expect([...new Set(await pdfLinks(pdf))].sort()).toEqual([...live].sort());
    const epubHrefs = [...[...(await xmlParts(epub)).values()].join('\n').matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!).filter((href) => !href.endsWith('.xhtml') && !href.includes('.xhtml#'));
    expect(epubHrefs.sort()).toEqual([...live].sort());
    const rels = (await xmlParts(docx)).get('word/_rels/document.xml.rels') ?? '';
    const docxTargets = [...rels.matchAll(/Target="([^"]+)"[^>]*TargetMode="External"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    // Word keeps a link's fragment in w:anchor beside the relationship's target.
    expect(docxTargets.sort()).toEqual(live.map((url) => url.replace(/#.*/, '')).sort());
    expect((await xmlParts(docx)).get('word/document.xml')).toContain('w:anchor="x%7Cy"');
    // The text of every link is kept, live or not.
    const words = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    for (let i = 0; i < links.length; i++) expect(words).toContain(`رابط ${i}`.split(' ')[0]);
  });

  it('percent-encodes | ^ ] in an EPUB link so EPUBCheck accepts it', async () => {
    const { epub } = await render(linked);
    expect(await epubProblems(epub)).toEqual([]);
  });

  // What browsers forgive and RFC 3987 does not: a "%" that starts no escape, a second "#", and the
  // characters WHATWG leaves as written; spaces and non-ASCII letters WHATWG escapes itself.
  const odd = ['https://example.org/a%zz', 'https://example.org/100%', 'https://example.org/p#a#b', ' https://example.org/x y|z ', 'https://example.org/مقال?q=كلمة^1#قسم]', 'mailto:desk@example.org?subject=100% sure'];
  const u = encodeURIComponent;
  const normalised = ['https://example.org/a%25zz', 'https://example.org/100%25', 'https://example.org/p#a%23b', 'https://example.org/x%20y%7Cz', `https://example.org/${u('مقال')}?q=${u('كلمة')}%5E1#${u('قسم')}%5D`, 'mailto:desk@example.org?subject=100%25%20sure'];
  const oddly = resolveArticle({
    meta: { title: 'روابط غريبة', lang: 'ar' },
    blocks: [{ type: 'paragraph', children: odd.flatMap((url, i) => [{ type: 'text' as const, value: ` نص ${i} ` }, { type: 'link' as const, url, children: [{ type: 'text' as const, value: `رابط ${i}` }] }]) }],
  });

  it('a stray %, a second #, spaces and non-ASCII letters: one valid address in the PDF, the EPUB and the DOCX', async () => {
    const { pdf, epub, docx } = await render(oddly);
    const sorted = [...normalised].sort();
    expect([...new Set(await pdfLinks(pdf))].sort()).toEqual(sorted);
    expect([...new Set(await epubLinks(epub))].sort()).toEqual(sorted);
    expect([...new Set(await docxLinks(docx))].sort()).toEqual(sorted);
    expect(await epubProblems(epub)).toEqual([]);
  });

  it.skipIf(!javaEpubcheckAvailable)(
    'such links: EPUBCheck 4.2.6 (Java) finds 0 errors and 0 warnings (no RSC-020)',
    async () => {
      const { epub } = await render(oddly);
      expect((await javaEpubcheck(epub)).findings).toEqual([]);
    },
    300_000,
  );
});

describe('dates', () => {
  const dated = (date?: string): Article =>
    resolveArticle({ meta: { title: 'سنة صفر', lang: 'ar', ...(date === undefined ? {} : { date }) }, blocks: [{ type: 'paragraph', children: [{ type: 'text', value: 'فقرة عن الزمن.' }] }] });
  const stamp = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

  it('year 0000: left out of dc:date with a warning, the three formats dated alike as if undated, the dateline as written', async () => {
    const { pdf, epub, docx, warnings } = await render(dated('0000-01-01'));
    // SOURCE_DATE_EPOCH, else 1980-01-01: the date of the same article without a date.
    const expected = stamp(resolveBuildDate(dated()));
    expect(warnings).toEqual([expect.stringMatching(/^epub: date "0000-01-01" falls outside the years 0001–9999 .*; left out of dc:date$/)]);

    const epubParts = await xmlParts(epub);
    const opf = parseXml(epubParts.get('OEBPS/content.opf') ?? '', 'content.opf');
    expect(opf.getElementsByTagName('dc:date').length).toBe(0);
    const modified = Array.from(opf.getElementsByTagName('meta')).find((m) => m.getAttribute('property') === 'dcterms:modified');
    expect(modified?.textContent).toBe(expected);

    const core = parseXml((await xmlParts(docx)).get('docProps/core.xml') ?? '', 'core.xml');
    expect([core.getElementsByTagName('dcterms:created')[0]?.textContent, core.getElementsByTagName('dcterms:modified')[0]?.textContent]).toEqual([expected, expected]);

    expect(xmpOf(pdf).getElementsByTagName('xmp:CreateDate')[0]?.textContent).toBe(expected);
    const info = (await (await openPdf(pdf)).getMetadata()).info as { CreationDate?: string; ModDate?: string };
    const pdfDate = `D:${expected.replace(/[-:TZ]/g, '')}`;
    expect([String(info.CreationDate), String(info.ModDate)].map((d) => d.slice(0, pdfDate.length))).toEqual([pdfDate, pdfDate]);

    // Written out in the long style, year 0000 (1 BC) would read "1 يناير 1", the same as year 0001.
    expect(execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString()).toContain('0000-01-01');
    const titlePage = epubParts.get('OEBPS/title.xhtml') ?? '';
    expect(titlePage).toContain('0000-01-01');
    expect(titlePage).not.toContain('<time');
    expect(await epubProblems(epub)).toEqual([]);

    // The bound is year 0000 alone: 0001 is the first year the formats state, and it is kept.
    const first = await render(dated('0001-01-01'));
    expect(first.warnings).toEqual([]);
    const firstOpf = (await xmlParts(first.epub)).get('OEBPS/content.opf') ?? '';
    expect(firstOpf).toContain('<dc:date>0001-01-01</dc:date>');
    expect(firstOpf).toContain('<meta property="dcterms:modified">0001-01-01T00:00:00Z</meta>');
  });

  it.skipIf(!javaEpubcheckAvailable)(
    'year 0000: EPUBCheck 4.2.6 (Java) finds 0 errors and 0 warnings (no OPF-053)',
    async () => {
      const { epub } = await render(dated('0000-01-01'));
      expect((await javaEpubcheck(epub)).findings).toEqual([]);
    },
    300_000,
  );
});
