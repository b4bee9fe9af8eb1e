// Math in the three formats, as their readers see it. Until typeset math is asked for, a formula is its TeX,
// whole and left to right inside the Arabic line, in the code face: what a reader of the source sees, and
// what copies back into a TeX editor. PDF: pdf.js (Firefox) gives every formula back exactly; poppler its
// letters and digits in order (it moves the neutral characters at either end of a left-to-right run in a
// right-to-left line, as it does with "45%": README, known limits). EPUB: <code class="math">/<pre
// class="math"> set left to right, EPUBCheck clean. DOCX: pandoc reads each formula back as code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../src/parse/index.js';
import { warraq } from '../support/cli.js';
import { HTML } from '../support/paths.js';
import { pdffonts, pdfjsText, pdftotext } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

const PAGE = path.join(HTML, 'math.html');
const INLINE = ['\\ln(n!)', 'x^2', 'a+b', '\\sqrt{2}'];
const DISPLAY = ['\\ln n!\\approx n\\ln n-n', 'E = mc^2', 'a^2 + b^2 = c^2'];
const TEX = [...INLINE, ...DISPLAY];

let out = '';
const file = (ext: string): string => path.join(out, `math.${ext}`);
const bytes = (ext: string): Uint8Array => new Uint8Array(readFileSync(file(ext)));
/** Letters and digits only, in order. */
const skeleton = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');

beforeAll(() => {
  out = tempDir('warraq-math-');
  const run = warraq(['build', PAGE, '--out', out]);
  expect(run.status, run.stderr).toBe(0);
});

describe('math in the PDF', () => {
  it('pdf.js gives every formula back whole, each display formula on a line of its own', async () => {
    const text = await pdfjsText(bytes('pdf'));
    for (const tex of INLINE) expect(text).toContain(tex);
    const lines = text.split('\n').map((l) => l.trim());
    for (const tex of DISPLAY) expect(lines).toContain(tex);
  });

  it('poppler gives each formula’s letters and digits in order, and the formulas are set in the code face', () => {
    const text = skeleton(pdftotext(file('pdf')));
    for (const tex of TEX) expect(text).toContain(skeleton(tex));
    expect(pdffonts(file('pdf')).some((row) => /JetBrainsMono/u.test(row))).toBe(true);
  });
});

describe('math in the EPUB', () => {
  it('is code marked as math, left to right in the RTL page, and EPUBCheck clean', async () => {
    expect(await epubProblems(bytes('epub'))).toEqual([]);
    const xhtml = [...(await (await openZip(bytes('epub'))).texts(/\.xhtml$/u)).values()].join('');
    // Left to right on the element itself, or on the span of left-to-right text around it.
    const inline = [...xhtml.matchAll(/<code class="math" dir="ltr">([^<]*)<\/code>|<span dir="ltr"><code class="math">([^<]*)<\/code><\/span>/gu)].map((m) => m[1] ?? m[2]);
    expect(xhtml.match(/<code class="math"/gu)?.length).toBe(INLINE.length);
    expect(inline).toEqual(INLINE.map((t) => t.replace(/&/gu, '&amp;')));
    const display = [...xhtml.matchAll(/<pre class="math" dir="ltr"><code>([^<]*)<\/code><\/pre>/gu)].map((m) => m[1]);
    expect(display).toEqual(DISPLAY);
  });
});

describe.skipIf(!has('pandoc'))('math in the DOCX', () => {
  it('pandoc reads each formula back as code: inline ones inside their Arabic sentence, display ones as blocks', async () => {
    // A formula that starts or ends with a neutral character ("\\", "!)") is anchored by invisible
    // left-to-right marks in a right-to-left paragraph (runs.ts): compared without them.
    const markdown = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', '--wrap=none', file('docx')], { encoding: 'utf8' }).replace(/\u200E/gu, '');
    for (const tex of INLINE) expect(markdown).toContain(`\`${tex}\``);
    for (const tex of DISPLAY) expect(markdown).toMatch(new RegExp(`^ {4}${tex.replace(/[\\^$.*+?()[\]{}|]/gu, '\\$&')}$`, 'mu'));
    // The sentence around the first formula reads on after it (pandoc marks the Arabic stretches as spans).
    const article = await parseFile(PAGE);
    expect(article.meta.lang).toBe('ar');
    expect(markdown).toMatch(/اللوغاريتم\]\{dir="rtl"\} `\\ln\(n!\)` \[عندما/u);
  });
});
