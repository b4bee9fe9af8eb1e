// Inputs that cost warraq's readers time growing faster than their size (micromark's list preparation and
// emphasis resolution, Readability, the title's whitespace): each is refused or read in bounded time, with
// one line naming the file and the limit. Small variants of the cases of `npm run stress`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { tempDir } from '../support/temp.js';
import { xmlParts } from '../support/zip.js';

/** Builds one file into an EPUB; returns the run, its wall time and the EPUB's XHTML text (when built). */
async function build(name: string, text: string, extra: string[] = []): Promise<{ status: number | null; stderr: string; ms: number; xhtml: string }> {
  const dir = tempDir('warraq-bounds-');
  const out = tempDir('warraq-bounds-out-');
  writeFileSync(path.join(dir, name), text);
  const started = Date.now();
  const run = warraq(['build', path.join(dir, name), '--out', out, '--format', 'epub', ...extra]);
  const ms = Date.now() - started;
  let xhtml = '';
  if (run.status === 0) {
    const parts = await xmlParts(readFileSync(path.join(out, name.replace(/\.\w+$/, '.epub'))));
    xhtml = [...parts].filter(([n]) => n.endsWith('.xhtml')).map(([, t]) => t).join('\n');
  }
  return { status: run.status, stderr: run.stderr, ms, xhtml };
}

describe('Markdown that micromark would take minutes over', () => {
  it('refuses "- " piled 4000 times on one line at once, naming the line and the limit', async () => {
    const run = await build('dash.md', `# عنوان\n\nنص.\n\n${'- '.repeat(4000)}نص\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dash\.md: nested more than 100 levels deep \(lists, quotes, emphasis\) at line 5: refused/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.ms).toBeLessThan(5000);
  });

  it('reads 10 000 "*" around a word as plain text, with a warning, and keeps every star', async () => {
    const stars = '*'.repeat(10_000);
    const run = await build('stars.md', `# عنوان\n\n${stars}كلمة${stars}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/stars\.md: line 3: a paragraph with 20000 formatting marks \(\* _ \[ \] …, more than 2000\) read as plain text/);
    expect(run.xhtml).toContain(`${stars}كلمة${stars}`);
  });

  it('flattens only the paragraph full of "[a](", not the code or the emphasis around it', async () => {
    const code = '*a* [b](c) `d`\n'.repeat(3000);
    const source = `# عنوان\n\n\`\`\`\n${code}\`\`\`\n\nنص *مائل* و[رابط](https://example.org/).\n\n${'[a]('.repeat(20_000)}\n`;
    const run = await build('links.md', source);
    expect(run.status, run.stderr).toBe(0);
    const line = source.split('\n').findIndex((l) => l.startsWith('[a](')) + 1;
    expect(run.stderr).toContain(`links.md: line ${line}: a paragraph with 40000 formatting marks`);
    expect(run.stderr.match(/read as plain text/g)).toHaveLength(1);
    expect(run.xhtml).toContain('[a]('.repeat(20_000));
    expect(run.xhtml).toMatch(/<em>مائل<\/em>/);
    expect(run.xhtml).toMatch(/<a href="https:\/\/example\.org\/"[^>]*>رابط<\/a>/);
    expect(run.xhtml).toContain('*a* [b](c) `d`\n*a* [b](c) `d`');
    expect(run.ms).toBeLessThan(15_000);
  }, 30_000);

  it('refuses 6000 lines with marks and no blank line between them, naming the line and the limit', async () => {
    const run = await build('lines.md', `# عنوان\n\n${'a* [b ](\n'.repeat(6000)}`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/lines\.md: line 5003: more than 5000 lines with formatting marks \(\* _ \[ \] …\) without a blank line between them: refused/);
    expect(run.ms).toBeLessThan(5000);
  });

  it('reads a paragraph with a few hundred links and emphases as Markdown still', async () => {
    const run = await build('many.md', `# عنوان\n\n${Array.from({ length: 300 }, (_, i) => `*كلمة${i}* [رابط](https://example.org/${i})`).join(' ')}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/plain text/);
    expect(run.xhtml.match(/<em>/g)).toHaveLength(300);
  });
});

const PARAGRAPH = 'نص المقال هنا بكلمات كافية لكي يكون فقرة طويلة بما يكفي للقارئ';
const page = (title: string, body: string): string => `<html lang="ar"><head><title>${title}</title></head><body><article><h1>عنوان</h1>${body}</article></body></html>`;

describe('HTML that Readability or the title would take minutes over', () => {
  it('reads five stacks of 390 nested divs in seconds, every paragraph kept', async () => {
    const stacks = Array.from({ length: 5 }, (_, i) => `${'<div>'.repeat(390)}<p>${PARAGRAPH} ${i + 1}.</p>${'</div>'.repeat(390)}`).join('');
    const run = await build('divs.html', page('عنوان', stacks));
    expect(run.status, run.stderr).toBe(0);
    for (let i = 1; i <= 5; i++) expect(run.xhtml).toContain(`${PARAGRAPH} ${i}.`);
    expect(run.ms).toBeLessThan(6000);
  });

  it('reads a <title> of 120 000 no-break spaces in seconds', async () => {
    const run = await build('nbsp.html', page(`عنوان${'\u00a0'.repeat(120_000)}| الموقع`, `<p>${PARAGRAPH}.</p>`));
    expect(run.status, run.stderr).toBe(0);
    expect(run.xhtml).toContain(PARAGRAPH);
    expect(run.ms).toBeLessThan(6000);
  });

  it('reads a table whose short rows would pad to a million cells as its cells\' text, with a warning', async () => {
    const table = `<table><tr>${'<td>رأس</td>'.repeat(1000)}</tr>${'<tr><td>خلية</td></tr>'.repeat(1000)}</table>`;
    const run = await build('table.html', page('عنوان', `<p>${PARAGRAPH}.</p>${table}`));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/table\.html: a table of 1001 rows by 1000 columns \(more than 20000 cells\) is read as its cells' text, not as a table/);
    expect(run.xhtml).not.toMatch(/<table/);
    expect(run.xhtml).toContain('خلية');
  });
});

describe('articles too large for the renderers to stay bounded', () => {
  it('refuses a JSON model of 40 000 paragraphs at once, naming the limit', async () => {
    const blocks = Array.from({ length: 40_000 }, () => ({ type: 'paragraph', children: [{ type: 'text', value: 'نص' }] }));
    const run = await build('many.json', JSON.stringify({ meta: { title: 'عنوان' }, blocks }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/many\.json: more than 30000 blocks \(paragraphs, headings, list items …; an article may have at most that many\): refused/);
    expect(run.ms).toBeLessThan(5000);
  });

  it('refuses a JSON table of 200 by 200 cells', async () => {
    const row = Array.from({ length: 200 }, () => [{ type: 'text', value: 'خ' }]);
    const run = await build('grid.json', JSON.stringify({ meta: { title: 'عنوان' }, blocks: [{ type: 'table', header: row, rows: Array.from({ length: 199 }, () => row) }] }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/grid\.json: a table of 200 rows by 200 columns, more than the 20000 cells a table may have: refused/);
  });
});
