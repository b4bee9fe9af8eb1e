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

const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** As root: whether the command can run as the unprivileged user "nobody" here (setpriv, a readable checkout). */
export function canDropToNobody(): boolean {
  if (process.getuid?.() !== 0) return true;
  const probe = spawnSync('setpriv', [...NOBODY, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'bin', 'warraq.js'))})`], { cwd: '/' });
  return probe.status === 0;
}

/** Runs the command as an ordinary user: itself when not root, else as "nobody" (for permission checks). */
export function warraqAsUser(args: readonly string[]): RunResult {
  if (process.getuid?.() !== 0) return warraq(args);
  const result = spawnSync('setpriv', [...NOBODY, process.execPath, path.join(ROOT, 'bin', 'warraq.js'), ...args], {
    cwd: '/',
    encoding: 'utf8',
    // nobody's home is not writable: no font-subset cache for this run.
    env: { ...process.env, WARRAQ_CACHE_DIR: 'off' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
