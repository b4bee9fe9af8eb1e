// Same input, same options → byte-identical PDF, EPUB and DOCX, across runs, folders and days.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const FORMATS = ['pdf', 'epub', 'docx'] as const;

function buildIn(folder: string, env: NodeJS.ProcessEnv = {}): Map<string, Buffer> {
  mkdirSync(folder, { recursive: true });
  const input = path.join(folder, 'alaska-summit.txt');
  copyFileSync(SAMPLE, input);
  const out = path.join(folder, 'out');
  const run = warraq(['build', input, '--out', out], env);
  expect(run.status, run.stderr).toBe(0);
  return new Map(FORMATS.map((f) => [f, readFileSync(path.join(out, `alaska-summit.${f}`))]));
}

describe('reproducible output', () => {
  it('two builds of the sample in different folders, at different times, are byte-identical', async () => {
    const first = buildIn(path.join(tempDir(), 'a'), { SOURCE_DATE_EPOCH: '1755244800' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a different second on the clock
    const second = buildIn(path.join(tempDir(), 'deeper', 'b'), { SOURCE_DATE_EPOCH: '1755244800' });
    for (const format of FORMATS) expect(first.get(format)!.equals(second.get(format)!), format).toBe(true);
  });

  it('SOURCE_DATE_EPOCH is the date when the article has none', () => {
    const a = buildIn(path.join(tempDir(), 'a'), { SOURCE_DATE_EPOCH: '1755244800' });
    const b = buildIn(path.join(tempDir(), 'b'), { SOURCE_DATE_EPOCH: '1700000000' });
    for (const format of FORMATS) expect(a.get(format)!.equals(b.get(format)!), format).toBe(false);
    expect(a.get('pdf')!.toString('latin1')).toContain('D:20250815');
  });
});
