// Shared by the EPUB tests: render an article, open the zip, parse its XML strictly, and validate every
// EPUB a test file made with both epubcheck-ts and (when Java and the Debian jar are there) EPUBCheck 4.2.6.
import type { Document, Element, Node as XmlNode } from '@xmldom/xmldom';
import { expect, it } from 'vitest';
import type { Article } from '../../../src/model/schema.js';
import { resolveBuildDate, type RenderContext } from '../../../src/render/context.js';
import { renderEpub } from '../../../src/render/epub/index.js';
import { collector, renderContext } from '../../support/context.js';
import { ARTICLES } from '../../support/paths.js';
import { epubcheckTs, javaEpubcheck, javaEpubcheckAvailable, type Finding } from '../../support/validate.js';
import { openZip, type Package } from '../../support/zip.js';

export interface Rendered extends Package {
  warnings: string[];
}

/** Every EPUB made in this test file, for the validators at the end of the file. */
const made: { label: string; bytes: Uint8Array }[] = [];

/**
 * Renders with the default theme, dated as the command dates it (the article's date, else 1980: no
 * SOURCE_DATE_EPOCH here), figures relative to the fixture articles' folder, and records the EPUB for
 * validateEverythingMade().
 */
export async function render(label: string, article: Article, context: Partial<RenderContext> = {}): Promise<Rendered> {
  const diagnostics = collector();
  const bytes = await renderEpub(article, renderContext({ diagnostics, resourceDir: ARTICLES, buildDate: resolveBuildDate(article, {}), ...context }));
  // Identical bytes need validating once.
  if (!made.some((m) => Buffer.from(m.bytes).equals(bytes))) made.push({ label, bytes });
  return openEpub(label, bytes, diagnostics.messages);
}

/** Opens rendered EPUB bytes for reading; `label` names the EPUB in failure messages. */
export async function openEpub(label: string, bytes: Uint8Array, warnings: string[]): Promise<Rendered> {
  return { ...(await openZip(bytes, label)), warnings };
}

export function elements(node: Document | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS('*', localName));
}

export function first(node: Document | Element, localName: string): Element {
  const el = elements(node, localName)[0];
  if (!el) throw new Error(`no <${localName}>`);
  return el;
}

/** What a reader sees: text nodes in order, <br/> as a line break. */
export function visibleText(node: XmlNode): string {
  let out = '';
  const walk = (n: XmlNode): void => {
    if (n.nodeType === 3 || n.nodeType === 4) out += n.nodeValue ?? '';
    else if (n.nodeType === 1 && (n as Element).localName === 'br') out += '\n';
    if (n.childNodes) Array.from(n.childNodes).forEach(walk);
  };
  walk(node);
  return out;
}

/** The XHTML pages of the spine, in reading order, as listed by the package document. */
export async function spinePages(epub: Rendered): Promise<{ href: string; doc: Document }[]> {
  const opf = await epub.xml('OEBPS/content.opf');
  const items = new Map(elements(opf, 'item').map((i) => [i.getAttribute('id') ?? '', i.getAttribute('href') ?? '']));
  const out: { href: string; doc: Document }[] = [];
  for (const ref of elements(opf, 'itemref')) {
    const href = items.get(ref.getAttribute('idref') ?? '') ?? '';
    out.push({ href, doc: await epub.xml(`OEBPS/${href}`) });
  }
  return out;
}

/**
 * Registers, at the end of a test file, the two checks of every EPUB the file's earlier tests made.
 * Tests in a file run in order, so by then the list is complete.
 */
export function validateEverythingMade(): void {
  it('every EPUB made above: epubcheck-ts finds 0 errors and 0 warnings', async () => {
    expect(made.length).toBeGreaterThan(0);
    for (const { label, bytes } of made) expect({ label, findings: await epubcheckTs(bytes) }).toEqual({ label, findings: [] });
  });

  it.skipIf(!javaEpubcheckAvailable)(
    'every EPUB made above: EPUBCheck 4.2.6 (Java) finds 0 errors and 0 warnings',
    async () => {
      expect(made.length).toBeGreaterThan(0);
      // Java starts slowly; two at a time keeps the file's wall time down without swamping the machine.
      const results: { label: string; version: string; findings: Finding[] }[] = [];
      for (let i = 0; i < made.length; i += 2) {
        const batch = made.slice(i, i + 2);
        results.push(...(await Promise.all(batch.map(async ({ label, bytes }) => ({ label, ...(await javaEpubcheck(bytes)) })))));
      }
      for (const r of results) expect({ label: r.label, version: r.version, findings: r.findings }).toEqual({ label: r.label, version: '4.2.6', findings: [] });
    },
    600_000,
  );
}
