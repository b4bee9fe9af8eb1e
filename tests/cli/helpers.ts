import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const SAMPLE = path.join(ROOT, 'content', 'alaska-summit.txt');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command as a user would, without a terminal. */
export function warraq(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'warraq.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'warraq-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
