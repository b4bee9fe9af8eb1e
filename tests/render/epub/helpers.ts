// Shared by the EPUB tests: render an article, open the zip, parse its XML strictly, and validate every
// EPUB a test file made with both epubcheck-ts and (when Java and the Debian jar are there) EPUBCheck 4.2.6.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { DOMParser, type Document, type Element, type Node as XmlNode } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import type { Article } from '../../../src/model/schema.js';
import { resolveBuildDate, type RenderContext } from '../../../src/render/context.js';
import { renderEpub } from '../../../src/render/epub/index.js';
import { loadTheme } from '../../../src/theme/index.js';

export const ROOT = path.join(import.meta.dirname, '..', '..', '..');

export interface Rendered {
  bytes: Uint8Array;
  warnings: string[];
  zip: JSZip;
  /** Text of a zip entry. */
  text(name: string): Promise<string>;
  /** A zip entry parsed as XML; any well-formedness error fails the test. */
  xml(name: string): Promise<Document>;
}

/** Every EPUB made in this test file, for the validators at the end of the file. */
const made: { label: string; bytes: Uint8Array }[] = [];

/** Renders with the default theme and records the EPUB for validateEverythingMade(). */
export async function render(label: string, article: Article, context: Partial<RenderContext> = {}): Promise<Rendered> {
  const warnings: string[] = [];
  const bytes = await renderEpub(article, {
    theme: loadTheme('default'),
    diagnostics: { warn: (m) => warnings.push(m) },
    resourceDir: ROOT,
    buildDate: resolveBuildDate(article, {}),
    ...context,
  });
  // Identical bytes need validating once.
  if (!made.some((m) => Buffer.from(m.bytes).equals(bytes))) made.push({ label, bytes });
  return openEpub(label, bytes, warnings);
}

/** Opens rendered EPUB bytes for reading; `label` names the EPUB in failure messages. */
export async function openEpub(label: string, bytes: Uint8Array, warnings: string[]): Promise<Rendered> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string): Promise<string> => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${label}: no ${name} in the EPUB`);
    return entry.async('string');
  };
  return { bytes, warnings, zip, text, xml: async (name) => parseXml(await text(name), `${label}:${name}`) };
}

export function parseXml(source: string, where: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  }).parseFromString(source, 'application/xml');
  if (problems.length > 0) throw new Error(`${where}: not well-formed XML: ${problems.join('; ')}`);
  return doc;
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

// ---- validators -------------------------------------------------------------------------------------

export interface Finding {
  severity: string;
  id: string;
  message: string;
}

export async function epubcheckTs(bytes: Uint8Array): Promise<Finding[]> {
  const result = await EpubCheck.validate(bytes);
  return result.messages
    .filter((m) => ['fatal', 'error', 'warning'].includes(String(m.severity).toLowerCase()))
    .map((m) => ({ severity: String(m.severity), id: m.id, message: `${m.message} @ ${m.location?.path ?? ''}:${m.location?.line ?? ''}` }));
}

const JAR = '/usr/share/java/epubcheck.jar';
export const javaEpubcheckAvailable = existsSync(JAR) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

interface JavaReport {
  messages: { ID: string; severity: string; message: string; locations?: { path?: string; line?: number }[] }[];
  checker: { checkerVersion: string; nFatal: number; nError: number; nWarning: number };
}

/** EPUBCheck 4.2.6 through `java -jar`, its JSON report written to a file (stdout mixes in prose). */
export async function javaEpubcheck(bytes: Uint8Array): Promise<{ version: string; findings: Finding[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'warraq-epubcheck-'));
  const file = path.join(dir, 'book.epub');
  const report = path.join(dir, 'report.json');
  writeFileSync(file, bytes);
  const code = await new Promise<number | null>((resolve, reject) => {
    // C1-only JIT and the serial collector: EPUBCheck runs for seconds, where JVM start-up dominates.
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR, file, '--json', report], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (!existsSync(report)) throw new Error(`EPUBCheck wrote no report (exit ${code})`);
  const json = JSON.parse(readFileSync(report, 'utf8')) as JavaReport;
  const findings = json.messages
    .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
    .map((m) => ({ severity: m.severity, id: m.ID, message: `${m.message} @ ${m.locations?.[0]?.path ?? ''}:${m.locations?.[0]?.line ?? ''}` }));
  return { version: json.checker.checkerVersion, findings };
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
