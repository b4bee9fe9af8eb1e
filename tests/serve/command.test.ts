// `warraq serve`'s own mistakes: one line on stderr and a non-zero exit, before anything listens or warms up.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { BIN, ROOT } from '../support/paths.js';

describe('warraq serve: its command line', () => {
  it('a flag it cannot read is a usage error (2), one line naming the flag', () => {
    for (const [flag, value] of [['--max-body', 'lots'], ['--timeout', 'soon'], ['--port', '70000'], ['--worker-memory', '1MB']]) {
      const run = warraq(['serve', flag!, value!]);
      expect(run.status, flag).toBe(2);
      expect(run.stderr.trim().split('\n'), flag).toHaveLength(1);
      expect(run.stderr, flag).toContain(flag);
    }
  });

  it('a theme that cannot be loaded, or a port in use, is one line and exit 1', async () => {
    const theme = warraq(['serve', '--port', '0', '--template', '/no/such/theme']);
    expect(theme.status).toBe(1);
    expect(theme.stderr).toBe('warraq: /no/such/theme/theme.json: no such theme (a theme is a folder with theme.json)\n');

    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    try {
      const run = warraq(['serve', '--port', String(port)]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`warraq: 127.0.0.1:${port}: cannot listen (the address is in use)\n`);
    } finally {
      taken.close();
    }
  });

  it('SIGTERM while the workers still warm up: it finishes starting, then stops cleanly (exit 0)', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--jobs', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    // The first line is fastify's "Server listening": the warm-up has only begun.
    child.stdout.once('data', () => child.kill('SIGTERM'));
    child.stdout.on('data', (chunk: string) => (out += chunk));
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    expect([code, signal]).toEqual([0, null]);
    const messages = out.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.slice(-2)).toEqual(['shutting down: finishing the requests in flight', 'stopped']);
  });
});
