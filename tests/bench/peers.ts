// warraq's peers in `npm run bench`: Typst (PDF), pandoc (EPUB, DOCX) and WeasyPrint (PDF), each timed as
// a whole process on the same article as warraq. The article is read by warraq's own parser, so each peer
// gets the same title, subtitle, headings and paragraphs (the web boilerplate at the end dropped), and is
// set the way warraq's default theme is: A4, 72 pt margins, 12 pt Amiri (fonts/, warraq's Arabic face),
// right to left, justified.
// - Typst: the dev dependency @myriaddreamin/typst-ts-node-compiler (Typst 0.14 as a Node addon), run by
//   typst.mjs. Looked up from the checkout, then from BENCH_PEERS_DIR (a folder with its own node_modules,
//   for a checkout whose node_modules is shared and lacks it).
// - pandoc: the Debian package (CI's .ci/run installs it).
// - WeasyPrint: the Debian package (`apt-get install -y --no-install-recommends weasyprint`). CI does not
//   install it: it is for the bench only.
// A peer that is missing is skipped with a line saying so, never failing the bench. Every run's output is
// checked to be a real document (right magic bytes, not tiny, a PDF's Amiri embedded), so a broken peer is
// dropped with its reason instead of being timed as fast.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { blockText } from '../../src/model/index.js';
import { parseFile } from '../../src/parse/index.js';
import { FONTS, ROOT } from '../support/paths.js';
import { has } from '../support/tools.js';

export type DocumentFormat = 'pdf' | 'epub' | 'docx';

/** One peer's command for one format. */
export interface Peer {
  /** The tool and what it writes, e.g. "pandoc EPUB", as the table names it. */
  name: string;
  /** The format it writes. */
  format: DocumentFormat;
  /** The file the command writes (removed before each run, checked after it). */
  output: string;
  /** The program. */
  command: string;
  /** Its arguments. */
  args: string[];
}

/** The peers that can run here, and a line for each one that cannot. */
export interface Peers {
  /** Installed and tried once (the untimed first run) with a real document out. */
  ready: Peer[];
  /** "Typst PDF: skipped, …" lines. */
  skipped: string[];
}

const TYPST_PACKAGE = '@myriaddreamin/typst-ts-node-compiler';
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Why `file` is not a real `format` document, or undefined when it is one. */
export function documentProblem(file: string, format: DocumentFormat): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 'no output file';
  }
  if (bytes.length < 2048) return `only ${bytes.length} bytes`;
  const starts = (magic: Buffer): boolean => bytes.subarray(0, magic.length).equals(magic);
  if (format === 'pdf') {
    if (!starts(Buffer.from('%PDF-'))) return 'no %PDF- header';
    if (!bytes.subarray(-1024).includes('%%EOF')) return 'no %%EOF trailer';
    if (!bytes.includes('Amiri')) return 'Amiri not embedded';
    return undefined;
  }
  if (!starts(Buffer.from(ZIP))) return 'not a zip';
  if (format === 'epub' && bytes.subarray(30, 58).toString('latin1') !== 'mimetypeapplication/epub+zip') return 'no EPUB mimetype first';
  if (format === 'docx' && !bytes.includes('word/document.xml')) return 'no word/document.xml';
  return undefined;
}

/** Milliseconds of one whole-process run of `peer`; throws when it fails or writes no real document. */
export function runPeer(peer: Peer): number {
  rmSync(peer.output, { force: true });
  const start = performance.now();
  const run = spawnSync(peer.command, peer.args, { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.error || run.status !== 0) throw new Error(`exit ${run.status ?? run.error?.message}: ${(run.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`);
  const problem = documentProblem(peer.output, peer.format);
  if (problem) throw new Error(problem);
  return ms;
}

interface Section {
  heading: boolean;
  text: string;
}

/** The sample as warraq reads it: title, subtitle and the body's headings and paragraphs as plain text. */
async function readSample(sample: string): Promise<{ title: string; subtitle: string; body: Section[] }> {
  const article = await parseFile(sample);
  const body = article.blocks.map((block) => ({ heading: block.type === 'heading', text: blockText(block) }));
  return { title: article.meta.title, subtitle: article.meta.subtitle ?? '', body };
}

/** Backslash before every ASCII punctuation mark: literal text in both Typst markup and pandoc's Markdown. */
const literal = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
const html = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function typstSource({ title, subtitle, body }: Awaited<ReturnType<typeof readSample>>): string {
  return [
    '#set page(paper: "a4", margin: 72pt)',
    '#set text(lang: "ar", font: "Amiri", dir: rtl, size: 12pt)',
    '#set par(justify: true)',
    `#set document(title: "${title.replace(/["\\]/g, '\\$&')}")`,
    '',
    `= ${literal(title)}`,
    '',
    literal(subtitle),
    '',
    ...body.map((s) => `${s.heading ? '== ' : ''}${literal(s.text)}\n`),
  ].join('\n');
}

function markdownSource({ title, subtitle, body }: Awaited<ReturnType<typeof readSample>>): string {
  return [`# ${literal(title)}`, '', literal(subtitle), '', ...body.map((s) => `${s.heading ? '## ' : ''}${literal(s.text)}\n`)].join('\n');
}

function htmlSource({ title, subtitle, body }: Awaited<ReturnType<typeof readSample>>): string {
  const face = (file: string, weight: string): string => `@font-face { font-family: Amiri; font-weight: ${weight}; src: url("${pathToFileURL(path.join(FONTS, file)).href}"); }`;
  return [
    '<!DOCTYPE html>',
    `<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${html(title)}</title><style>`,
    face('Amiri-Regular.ttf', 'normal'),
    face('Amiri-Bold.ttf', 'bold'),
    '@page { size: A4; margin: 72pt; }',
    'body { font-family: Amiri; font-size: 12pt; line-height: 1.8; }',
    'p { text-align: justify; margin: 0 0 6pt; }',
    '</style></head><body>',
    `<h1>${html(title)}</h1>`,
    `<p>${html(subtitle)}</p>`,
    ...body.map((s) => (s.heading ? `<h2>${html(s.text)}</h2>` : `<p>${html(s.text)}</p>`)),
    '</body></html>',
    '',
  ].join('\n');
}

/** The Typst package's entry, from the checkout or BENCH_PEERS_DIR; undefined when neither has it. */
function typstEntry(): string | undefined {
  const from = [ROOT, process.env.BENCH_PEERS_DIR].filter((dir): dir is string => Boolean(dir));
  try {
    return createRequire(import.meta.url).resolve(TYPST_PACKAGE, { paths: from });
  } catch {
    return undefined;
  }
}

/**
 * Writes the sample as Typst, Markdown and HTML into `work`, finds the peers and runs each once, untimed
 * (it fills the page cache as warraq's first run does, and proves the peer works).
 */
export async function preparePeers(work: string, sample: string): Promise<Peers> {
  const source = await readSample(sample);
  const file = (name: string, text: string): string => {
    writeFileSync(path.join(work, name), text);
    return path.join(work, name);
  };
  const typ = file('peer.typ', typstSource(source));
  const md = file('peer.md', markdownSource(source));
  const page = file('peer.html', htmlSource(source));
  const out = (name: string): string => path.join(work, name);
  const pandoc = (format: 'epub' | 'docx'): Peer => ({
    name: `pandoc ${format.toUpperCase()}`,
    format,
    output: out(`pandoc.${format}`),
    command: 'pandoc',
    // dir=rtl sets the DOCX's paragraphs right to left; pandoc's EPUB writer reads only the spine's direction.
    args: ['--from', 'markdown', '--to', format, '-M', 'lang=ar', '-M', 'dir=rtl', ...(format === 'epub' ? ['-M', 'page-progression-direction=rtl'] : []), '-M', `title=${source.title}`, '-o', out(`pandoc.${format}`), md],
  });
  const entry = typstEntry();
  const wanted: [Peer, string | undefined][] = [
    [
      { name: 'Typst PDF', format: 'pdf', output: out('typst.pdf'), command: process.execPath, args: [path.join(import.meta.dirname, 'typst.mjs'), entry ?? '', typ, out('typst.pdf'), FONTS] },
      entry ? undefined : `${TYPST_PACKAGE} not installed (npm install, or BENCH_PEERS_DIR)`,
    ],
    [pandoc('epub'), has('pandoc') ? undefined : 'pandoc not installed (apt-get install pandoc)'],
    [pandoc('docx'), has('pandoc') ? undefined : 'pandoc not installed (apt-get install pandoc)'],
    [
      { name: 'WeasyPrint PDF', format: 'pdf', output: out('weasyprint.pdf'), command: 'weasyprint', args: ['--quiet', page, out('weasyprint.pdf')] },
      has('weasyprint') ? undefined : 'weasyprint not installed (apt-get install weasyprint)',
    ],
  ];
  const peers: Peers = { ready: [], skipped: [] };
  for (const [peer, missing] of wanted) {
    if (missing) {
      peers.skipped.push(`${peer.name}: skipped, ${missing}`);
      continue;
    }
    try {
      runPeer(peer);
      peers.ready.push(peer);
    } catch (error) {
      peers.skipped.push(`${peer.name}: skipped, its first run failed: ${(error as Error).message}`);
    }
  }
  return peers;
}
