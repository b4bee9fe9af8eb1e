// Running the built command as a user would: `warraq …` without a terminal, and as an unprivileged user
// where the tests run as root.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT } from './paths.js';
import { writeTemp } from './temp.js';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed command as a user would, without a terminal, from the checkout (or from `cwd`). */
export function warraq(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `source` as a file `name` in a folder of its own and builds it into `out/` beside it. */
export function buildSource(source: string, name: string): { run: RunResult; out: string } {
  const input = writeTemp(source, name);
  const out = path.join(path.dirname(input), 'out');
  return { run: warraq(['build', input, '--out', out]), out };
}

const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** As root: whether the command can run as the unprivileged user "nobody" here (setpriv, a readable checkout). */
export function canDropToNobody(): boolean {
  if (process.getuid?.() !== 0) return true;
  const probe = spawnSync('setpriv', [...NOBODY, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`], { cwd: '/' });
  return probe.status === 0;
}

/** Runs the command as an ordinary user: itself when not root, else as "nobody" (for permission checks). */
export function warraqAsUser(args: readonly string[]): RunResult {
  if (process.getuid?.() !== 0) return warraq(args);
  const result = spawnSync('setpriv', [...NOBODY, process.execPath, BIN, ...args], {
    cwd: '/',
    encoding: 'utf8',
    // nobody's home is not writable: no font-subset cache for this run.
    env: { ...process.env, WARRAQ_CACHE_DIR: 'off' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Standard error without the one warning every build of the bundled sample gives (its «اقرا ايضا» tail), under any name. */
export function withoutSampleTail(stderr: string): string {
  return stderr.replace(/^warning: .*: dropped a line of web boilerplate at the end: «اقرا ايضا»\n/gm, '');
}
