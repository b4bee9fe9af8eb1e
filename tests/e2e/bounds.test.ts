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

  it('reads a paragraph with a few hundred links and emphases as Markdown still', async () => {
    const run = await build('many.md', `# عنوان\n\n${Array.from({ length: 300 }, (_, i) => `*كلمة${i}* [رابط](https://example.org/${i})`).join(' ')}\n`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/plain text/);
    expect(run.xhtml.match(/<em>/g)).toHaveLength(300);
  });
});
