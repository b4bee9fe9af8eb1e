// An archive cut into shares (--shard I/N), listed in a manifest (--manifest), with a JSON Lines report
// (--report) an engine retries from: the shares are every input exactly once, each share builds the
// bytes the whole batch builds, and a share depends only on how the inputs are named.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq as warraqFrom, type RunResult } from '../support/cli.js';
import { ARTICLES, BOOK, REAL, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

/** Real and fixture articles of every input kind: plain text, Markdown, HTML, the model as JSON. */
const SOURCES = [
  SAMPLE,
  path.join(BOOK, 'kyiv.txt'),
  path.join(BOOK, 'energy.md'),
  path.join(ARTICLES, 'persian.json'),
  path.join(ARTICLES, 'notes.md'),
  path.join(REAL, 'ar-quran-067-al-mulk.txt'),
  path.join(REAL, 'he-learnxinyminutes-html.md'),
  path.join(REAL, 'fa-kotlin-classes.md'),
  path.join(REAL, 'ar-cnn-news-syria.html'),
];

interface Line {
  input: string;
  status: 'built' | 'failed';
  outputs?: { path: string; bytes: number; sha256: string }[];
  warnings?: string[];
  error?: string;
}

const work = tempDir('warraq-shard-');

/** The command run from `work`, as a user in that folder would (inputs named relative to it). */
const warraq = (args: readonly string[]): RunResult => warraqFrom(args, {}, work);

const readReport = (file: string): Line[] =>
  readFileSync(path.join(work, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const files = (dir: string): string[] => (existsSync(path.join(work, dir)) ? readdirSync(path.join(work, dir)).filter((name) => !name.startsWith('.')).sort() : []);

/** A PDF's page size as poppler's pdfinfo gives it, named. */
function pageSize(file: string): string {
  const [width, height] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(spawnSync('pdfinfo', [path.join(work, file)], { encoding: 'utf8' }).stdout) ?? []).slice(1).map(Number);
  const named: Record<string, [number, number]> = { A4: [595.28, 841.89], A5: [419.53, 595.28], Letter: [612, 792] };
  return Object.entries(named).find(([, [w, h]]) => Math.abs(w - width!) < 0.5 && Math.abs(h - height!) < 0.5)?.[0] ?? `${width} x ${height}`;
}

let whole: Line[] = [];

beforeAll(() => {
  mkdirSync(path.join(work, 'in'));
  for (const source of SOURCES) copyFileSync(source, path.join(work, 'in', path.basename(source)));
  const run = warraq(['build', 'in', '--out', 'whole', '--report', 'whole.jsonl']);
  expect(run.status, run.stderr).toBe(0);
  whole = readReport('whole.jsonl');
}, 120_000);

describe('warraq build --shard', () => {
  it('cuts the batch into shares that are every input exactly once, each built to the whole batch\'s bytes', () => {
    expect(whole.map((line) => line.input).sort()).toEqual(SOURCES.map((source) => `in/${path.basename(source)}`).sort());
    const shares = [1, 2, 3].map((index) => {
      const run = warraq(['build', 'in', '--out', `share-${index}`, '--shard', `${index}/3`, '--report', `share-${index}.jsonl`]);
      expect(run.status, run.stderr).toBe(0);
      return readReport(`share-${index}.jsonl`);
    });
    const inputs = shares.flat().map((line) => line.input);
    expect(new Set(inputs).size).toBe(inputs.length); // disjoint
    expect([...inputs].sort()).toEqual(whole.map((line) => line.input).sort()); // the union is the batch
    for (const share of shares) expect(share.length).toBeGreaterThanOrEqual(2); // 9 inputs: 3 each
    for (const [index, share] of shares.entries()) {
      // What each share wrote is what the whole batch wrote, byte for byte, and what its report says.
      const written = files(`share-${index + 1}`);
      expect(written).toEqual(share.flatMap((line) => line.outputs!.map((output) => path.basename(output.path))).sort());
      for (const output of share.flatMap((line) => line.outputs!)) {
        const name = path.basename(output.path);
        expect(readFileSync(path.join(work, output.path)).equals(readFileSync(path.join(work, 'whole', name))), name).toBe(true);
        expect(sha256(path.join(work, output.path))).toBe(output.sha256);
      }
    }
  }, 120_000);

  it('gives an input the same share whatever the listing order and however its path is spelled', () => {
    const folderShare = warraq(['build', 'in', '--out', 'by-folder', '--shard', '2/3', '--report', 'by-folder.jsonl', '--format', 'epub']);
    expect(folderShare.status, folderShare.stderr).toBe(0);
    // The same files listed backwards, one as ./in/…, one twice: the share is the same set.
    const listed = [...whole.map((line) => line.input)].reverse();
    listed[0] = `./${listed[0]}`;
    writeFileSync(path.join(work, 'backwards.txt'), `# the batch, backwards\n\n${listed.join('\n')}\n${listed[1]}\n`);
    const manifestShare = warraq(['build', '--manifest', 'backwards.txt', '--out', 'by-manifest', '--shard', '2/3', '--report', 'by-manifest.jsonl', '--format', 'epub']);
    expect(manifestShare.status, manifestShare.stderr).toBe(0);
    const inputs = (file: string): string[] => readReport(file).map((line) => path.normalize(line.input)).sort();
    expect(inputs('by-manifest.jsonl')).toEqual(inputs('by-folder.jsonl'));
    expect(manifestShare.stderr).toContain('named twice in the batch; built once');
  }, 60_000);

  it('leaves a share empty when there are more shares than inputs, and says so without failing', () => {
    const counts = [1, 2, 3, 4].map((index) => {
      const run = warraq(['build', 'in/kyiv.txt', 'in/energy.md', '--out', `few-${index}`, '--shard', `${index}/4`, '--format', 'pdf']);
      expect(run.status, run.stderr).toBe(0);
      if (files(`few-${index}`).length === 0) expect(run.stderr).toMatch(/^shard \d\/4: none of the batch's 2 inputs falls in it$/m);
      return files(`few-${index}`).length;
    });
    expect(counts.reduce((a, b) => a + b)).toBe(2);
  }, 60_000);

  it('refuses a share that is not I of N, counted from 1', () => {
    for (const shard of ['0/3', '4/3', '1/0', 'a/b', '1']) {
      const run = warraq(['build', 'in', '--out', 'refused', '--shard', shard]);
      expect(run.status, shard).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('counted from 1');
    }
    expect(files('refused')).toEqual([]);
  });
});

describe('warraq build --manifest', () => {
  it('takes per-article settings from JSON lines and plain paths beside them', () => {
    writeFileSync(
      path.join(work, 'settings.jsonl'),
      ['{"input": "in/kyiv.txt", "pageSize": "A5", "format": "pdf"}', '', '# the Persian model in DOCX only', '{"input": "in/persian.json", "format": ["docx"]}', 'in/energy.md', ''].join('\n'),
    );
    const run = warraq(['build', '--manifest', 'settings.jsonl', '--out', 'settings']);
    expect(run.status, run.stderr).toBe(0);
    expect(files('settings')).toEqual(['energy.docx', 'energy.epub', 'energy.pdf', 'kyiv.pdf', 'persian.docx']);
    expect(pageSize('settings/kyiv.pdf')).toBe('A5');
    expect(pageSize('settings/energy.pdf')).toBe('A4'); // the theme's
  });

  it('refuses a malformed manifest with one line naming the file and line, and builds nothing', () => {
    const cases: [string, RegExp][] = [
      ['in/kyiv.txt\n{"input": "in/energy.md", "pagesize": "A5"}\n', /^warraq: bad\.jsonl:2: unknown field "pagesize"/],
      ['{"input": "in/energy.md", "format": "png"}\n', /^warraq: bad\.jsonl:1: format: expected pdf, epub and\/or docx/],
      ['in/kyiv.txt\n\n{"input": "in/energy.md",\n', /^warraq: bad\.jsonl:3: not a JSON object/],
      ['{"lang": "ar"}\n', /^warraq: bad\.jsonl:1: input: expected the article file/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path.join(work, 'bad.jsonl'), text);
      const run = warraq(['build', '--manifest', 'bad.jsonl', '--out', 'bad']);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(files('bad')).toEqual([]);
    }
    const missing = warraq(['build', '--manifest', 'nowhere.txt']);
    expect([missing.status, missing.stderr.trim()]).toEqual([2, 'warraq: nowhere.txt: cannot read the manifest (no such file)']);
  });

  it('reports each input, and the failed lines of the report are the manifest of the retry', () => {
    writeFileSync(path.join(work, 'retry.jsonl'), '{"input": "in/later.md", "pageSize": "A5", "format": "pdf"}\nin/kyiv.txt\n');
    const first = warraq(['build', '--manifest', 'retry.jsonl', '--out', 'retried', '--report', 'first.jsonl', '--format', 'pdf']);
    expect(first.status).toBe(1);
    const report = readReport('first.jsonl');
    expect(report.map((line) => [line.input, line.status])).toEqual([
      ['in/later.md', 'failed'],
      ['in/kyiv.txt', 'built'],
    ]);
    expect(report[0]!.error).toBe('in/later.md: cannot read (no such file)');
    // The missing article arrives; the engine retries only what failed, with the settings it was asked with.
    copyFileSync(path.join(work, 'in', 'energy.md'), path.join(work, 'in', 'later.md'));
    writeFileSync(path.join(work, 'failed.jsonl'), `${readFileSync(path.join(work, 'first.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"status":"failed"')).join('\n')}\n`);
    const retry = warraq(['build', '--manifest', 'failed.jsonl', '--out', 'retried', '--report', 'second.jsonl']);
    expect(retry.status, retry.stderr).toBe(0);
    expect(readReport('second.jsonl').map((line) => [line.input, line.status])).toEqual([['in/later.md', 'built']]);
    expect(files('retried')).toEqual(['kyiv.pdf', 'later.pdf']);
    expect(pageSize('retried/later.pdf')).toBe('A5');
  });
});
