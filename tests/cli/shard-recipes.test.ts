// The README's recipes for an archive on existing engines, run for real where the engine installs here:
// GNU parallel across cores, and the Kubernetes Indexed Job's own command (deploy/kubernetes/), run once
// per completion index with the Job's environment (there is no cluster here, so Kubernetes itself is not).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, BOOK, REAL, ROOT, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';

const SOURCES = [SAMPLE, path.join(BOOK, 'kyiv.txt'), path.join(BOOK, 'energy.md'), path.join(REAL, 'ar-quran-067-al-mulk.txt'), path.join(REAL, 'fa-kotlin-classes.md')];

const archive = tempDir('warraq-archive-');
/** A `warraq` on the PATH, as `npm install -g` puts it there. */
const binDir = path.join(archive, '.bin');
const env = { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` };

const outputs = (dir: string): Map<string, Buffer> => new Map(readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => [entry.name, readFileSync(path.join(dir, entry.name))]));
const reported = (dir: string): string[] =>
  readdirSync(dir)
    .flatMap((file) => readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as { input: string }).input);

let whole = new Map<string, Buffer>();

beforeAll(() => {
  mkdirSync(binDir);
  writeFileSync(path.join(binDir, 'warraq'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(binDir, 'warraq'), 0o755);
  mkdirSync(path.join(archive, 'articles'));
  for (const source of SOURCES) copyFileSync(source, path.join(archive, 'articles', path.basename(source)));
  writeFileSync(path.join(archive, 'manifest.txt'), SOURCES.map((source) => `articles/${path.basename(source)}\n`).join(''));
  const run = spawnSync('warraq', ['build', '--manifest', 'manifest.txt', '--out', 'whole'], { cwd: archive, env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  whole = outputs(path.join(archive, 'whole'));
  expect(whole.size).toBe(SOURCES.length * 3);
}, 60_000);

/** The shares' outputs are the whole batch's, byte for byte, and their reports name every input once. */
function expectSameAsWhole(out: string, reports: string): void {
  const shared = outputs(out);
  expect([...shared.keys()].sort()).toEqual([...whole.keys()].sort());
  for (const [name, bytes] of shared) expect(bytes.equals(whole.get(name)!), name).toBe(true);
  const inputs = reported(reports);
  expect(inputs.sort()).toEqual(SOURCES.map((source) => `articles/${path.basename(source)}`).sort());
}

describe('sharding recipes', () => {
  it.skipIf(!has('parallel'))('GNU parallel builds the shares on both cores, as one run would', () => {
    mkdirSync(path.join(archive, 'reports-parallel'));
    const run = spawnSync(
      'parallel',
      ['--will-cite', '--halt', 'never', '--jobs', '2', 'warraq', 'build', '--manifest', 'manifest.txt', '--out', 'by-parallel', '--shard', '{}/3', '--report', 'reports-parallel/shard-{}.jsonl', ':::', '1', '2', '3'],
      { cwd: archive, env, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expectSameAsWhole(path.join(archive, 'by-parallel'), path.join(archive, 'reports-parallel'));
  }, 60_000);

  it("the Kubernetes Indexed Job's command, run for every completion index, builds the archive once", () => {
    const job = parse(readFileSync(path.join(ROOT, 'deploy', 'kubernetes', 'warraq-shards.yaml'), 'utf8')) as {
      spec: { completionMode: string; completions: number; template: { spec: { containers: { workingDir: string; env: { name: string; value: string }[]; command: string[] }[] } } };
    };
    expect(job.spec.completionMode).toBe('Indexed');
    const [container] = job.spec.template.spec.containers;
    const jobEnv = Object.fromEntries(container!.env.map(({ name, value }) => [name, value]));
    expect(Number(jobEnv.SHARDS)).toBe(job.spec.completions);
    const [shell, ...args] = container!.command;
    // The volume mounted at workingDir is this folder; the pods run one after another here.
    for (let index = 0; index < job.spec.completions; index++) {
      const run = spawnSync(shell!, args, { cwd: archive, env: { ...env, ...jobEnv, JOB_COMPLETION_INDEX: String(index) }, encoding: 'utf8' });
      expect(run.status, `index ${index}: ${run.stderr}`).toBe(0);
    }
    const out = path.join(archive, jobEnv.OUT!);
    expectSameAsWhole(out, path.join(out, 'reports'));
    expect(readdirSync(path.join(out, 'reports'))).toHaveLength(job.spec.completions);
  }, 90_000);
});
