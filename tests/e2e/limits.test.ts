// Bounded work for any input: nesting that would overflow every recursive walk, and YAML aliases that
// would expand into gigabytes, are refused at once with one line naming the file and the limit, and the
// rest of a batch is still built. (The slow, large variants belong to npm run fuzz; these are small.)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const deepJson = (levels: number): string =>
  `{"meta":{"title":"عنوان"},"blocks":[${'{"type":"blockquote","children":['.repeat(levels)}{"type":"paragraph","children":[{"type":"text","value":"نص"}]}${']}'.repeat(levels)}]}`;

const inputs: Record<string, string> = {
  'quotes.md': `# عنوان\n\n${'> '.repeat(2000)}نص\n`,
  'list.md': `# عنوان\n\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- a\n`).join('')}`,
  'model.json': deepJson(3000),
  'divs.html': `<html lang="ar"><head><title>عنوان</title></head><body><article><h1>عنوان</h1>${'<div>'.repeat(5000)}<p>نص المقال هنا بكلمات كافية لكي يكون فقرة.</p>${'</div>'.repeat(5000)}</article></body></html>`,
  'bomb.md': `---\n${['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n')}\ntitle: عنوان\n---\n\nنص.\n`,
};

describe('bounded work', () => {
  it('refuses deep nesting (Markdown quotes and lists, a JSON model, HTML) and a YAML bomb at once, and builds the rest', () => {
    const dir = tempDir('warraq-limits-');
    for (const [name, text] of Object.entries(inputs)) writeFileSync(path.join(dir, name), text);
    writeFileSync(path.join(dir, 'sample.txt'), readFileSync(SAMPLE));
    const started = Date.now();
    const run = warraq(['build', dir, '--out', tempDir('warraq-out-'), '--format', 'epub', '--jobs', '1']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.status).toBe(1);
    for (const name of ['quotes.md', 'list.md', 'model.json']) expect(run.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}: nested more than 100 levels deep`));
    expect(run.stderr).toMatch(/divs\.html: elements nested more than 400 deep: refused/);
    expect(run.stderr).toMatch(/bomb\.md: the YAML front matter's aliases expand past 50 \(a YAML bomb\): refused/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stderr).toMatch(/1 built, 5 failed/);
  }, 60_000);

  it('still reads an article that nests a few levels, as real ones do', () => {
    const dir = tempDir('warraq-limits-');
    writeFileSync(path.join(dir, 'ok.md'), `# عنوان\n\n${'> '.repeat(5)}نص مقتبس.\n\n- أ\n  - ب\n    - ج\n`);
    const run = warraq(['build', path.join(dir, 'ok.md'), '--out', tempDir('warraq-out-'), '--format', 'epub']);
    expect(run.status, run.stderr).toBe(0);
  });
});
