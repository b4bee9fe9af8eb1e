// Odd and hostile input that must still give valid documents (a warning where something was dropped).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/app/build.js';
import { parseString, type InputFormat } from '../../src/parse/index.js';
import { warraq } from '../support/cli.js';
import { collector } from '../support/context.js';
import { ROOT, SAMPLE } from '../support/paths.js';
import { pdfPages, pdfjsText } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { epubProblems, qpdfProblems } from '../support/validate.js';
import { xmlParts } from '../support/zip.js';

interface Built {
  warnings: string[];
  pdfText: string;
  epubParts: Map<string, string>;
  docxParts: Map<string, string>;
}

/** Parses and renders all three formats, and checks each is valid; returns what a user would look at. */
async function buildValid(text: string, format: InputFormat = 'txt'): Promise<Built> {
  const diagnostics = collector();
  const article = await parseString(text, format, { file: `odd.${format}`, diagnostics });
  const docs = await renderAll(article, { formats: ['pdf', 'epub', 'docx'], resourceDir: ROOT, diagnostics });
  const pdf = docs.get('pdf')!;
  expect(qpdfProblems(pdf)).toBe('');
  const pdfText = await pdfjsText(pdf);
  const epub = docs.get('epub')!;
  expect(await epubProblems(epub)).toEqual([]);
  const epubParts = await xmlParts(epub);
  for (const [name, source] of epubParts) expect(source, name).not.toMatch(/<script[\s>]/i);
  const docxParts = await xmlParts(docs.get('docx')!);
  return { warnings: diagnostics.messages, pdfText, epubParts, docxParts };
}

const allText = (parts: Map<string, string>) => [...parts.values()].join('\n');

/** What a reader sees of XML: the character data with the markup (and bidi spans, run splits) gone. */
function visibleText(xml: string): string {
  return xml
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('hostile and odd input builds into valid documents', () => {
  it('markup-like text (<script>, &, ]]>, <!--) arrives as text, never as markup', async () => {
    const line = 'نص فيه <script>alert(1)</script> و & و ]]> و <!-- تعليق --> هنا.';
    for (const format of ['txt', 'md'] as const) {
      const built = await buildValid(format === 'md' ? `# عنوان\n\n${line}\n` : `عنوان\n${line}\n`, format);
      // Inside an RTL line the angle brackets are mirrored neutrals, which pdf.js's own bidi pass mangles;
      // the PDF check here is that the text is there and nothing was interpreted.
      if (format === 'txt') {
        expect(built.pdfText).toContain('alert(1)');
        expect(visibleText(allText(built.epubParts))).toContain('<script>alert(1)</script> و & و ]]> و <!-- تعليق -->');
        expect(visibleText(built.docxParts.get('word/document.xml')!)).toContain('<script>alert(1)</script> و & و ]]> و <!-- تعليق -->');
      } else {
        // Markdown's raw HTML is markup of the source, never text of the document: a script goes with what it
        // holds and a comment is dropped; the rest of the line arrives as text.
        expect(built.pdfText).not.toContain('alert');
        for (const text of [visibleText(allText(built.epubParts)), visibleText(built.docxParts.get('word/document.xml')!)]) {
          expect(text).toContain('و & و ]]> و');
          expect(text).not.toMatch(/alert|<script|تعليق/);
        }
      }
    }
  });

  it('C0 controls and U+FFFE are dropped with a warning; a stray U+202E is kept and harmless', async () => {
    const built = await buildValid('عنوان\nنص\u0001 فيه\uFFFE تحكم \u202Eمقلوب وبعده نص.\n');
    expect(built.warnings.some((w) => /dropped 2 control character\(s\) \(U\+0001, U\+FFFE\)/.test(w))).toBe(true);
    expect(allText(built.docxParts)).not.toMatch(/[\u0001\uFFFE]/);
  });

  it('CJK that no bundled font has: a warning naming the character, the rest intact; emoji from the emoji face', async () => {
    const built = await buildValid('عنوان\nقمة 😀 في 漢字 ألاسكا.\n');
    // Noto Emoji is in the fallback chain: the emoji is drawn, not warned about.
    expect(built.warnings.join('\n')).not.toMatch(/U\+1F600/);
    expect(built.warnings.join('\n')).toMatch(/U\+6F22/);
    expect(built.pdfText).toContain('ألاسكا');
    expect(allText(built.epubParts)).toContain('😀');
  });

  it('a 3000-letter word with no space is broken across lines, not lost', async () => {
    const word = 'ب'.repeat(3000);
    const built = await buildValid(`عنوان\nقبل ${word} بعد.\n`);
    expect(built.pdfText.replace(/\s/g, '')).toContain('ب'.repeat(3000));
    expect(allText(built.docxParts)).toContain(word);
  });
});

describe('a 2 MB article (300 × the sample)', () => {
  it('builds all three formats with the whole process within 300 MB', () => {
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    const body = lines.slice(2, -1).join('\n');
    const dir = tempDir();
    const input = path.join(dir, 'big.txt');
    writeFileSync(input, `${lines[0]}\n${lines[1]}\n${Array.from({ length: 300 }, () => body).join('\n')}\n`);
    expect(statSync(input).size).toBeGreaterThan(1.8e6);
    const out = path.join(dir, 'out');
    // A run with the font-subset cache already filled (the usual case, and the larger peak: without
    // hb-subset's work the collector runs later).
    expect(warraq(['build', SAMPLE, '--out', path.join(dir, 'warm')]).status).toBe(0);
    // The process's own peak resident size, written where it cannot mix with warraq's output.
    const peakFile = path.join(dir, 'peak-rss');
    const reporter = path.join(dir, 'peak-rss.mjs');
    writeFileSync(reporter, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const run = warraq(['build', input, '--out', out], { NODE_OPTIONS: `--import=${pathToFileURL(reporter).href}` });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const peakMb = Number(readFileSync(peakFile, 'utf8')) / 1024;
    expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB`).toBeLessThanOrEqual(300);
    const pdf = path.join(out, 'big.pdf');
    if (has('pdfinfo')) expect(pdfPages(pdf)).toBeGreaterThan(300);
  });
});
