// The queue recipe (deploy/queue/worker.sh) for real: a Redis server, `warraq serve`, two workers taking
// jobs at once; each article comes out once as the service's zip, whose documents are the bytes
// `warraq build` writes, and a refused article is recorded as failed, not retried for ever.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { BOOK, REAL, ROOT, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { startService } from '../support/service.js';

const WORKER = path.join(ROOT, 'deploy', 'queue', 'worker.sh');
const started: ChildProcess[] = [];
afterAll(() => started.forEach((child) => child.kill('SIGTERM')));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a Redis server on `port` and resolves once it accepts connections. */
function startRedis(port: number): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
  });
}

describe.skipIf(!has('redis-server') || !has('redis-cli') || !has('curl'))('the queue worker recipe', () => {
  it('two workers build every queued article once, as the service does; a refused one is recorded', async () => {
    const work = tempDir('warraq-queue-');
    const articles = [SAMPLE, path.join(BOOK, 'kyiv.txt'), path.join(BOOK, 'energy.md'), path.join(REAL, 'ar-quran-067-al-mulk.txt'), path.join(REAL, 'fa-kotlin-classes.md')];
    const jobs = articles.map((file) => {
      const copy = path.join(work, path.basename(file));
      copyFileSync(file, copy);
      return copy;
    });
    const broken = path.join(work, 'broken.txt');
    writeFileSync(broken, Buffer.from([0x41, 0xff, 0xfe, 0x0a])); // not UTF-8: the service answers 422
    const redisPort = await freePort();
    await startRedis(redisPort);
    const service = await startService(['--jobs', '2']);
    const REDIS_URL = `redis://127.0.0.1:${redisPort}`;
    const redis = (...args: string[]): string => spawnSync('redis-cli', ['-u', REDIS_URL, '--raw', ...args], { encoding: 'utf8' }).stdout.trim();
    redis('RPUSH', 'warraq:jobs', ...jobs, broken);

    const out = path.join(work, 'zips');
    const env = { ...process.env, REDIS_URL, SERVICE: service.url, OUT: out, DRAIN: '1', WAIT: '1' };
    const workers = [1, 2].map(
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn('sh', [WORKER], { env, stdio: 'inherit' });
          started.push(child);
          child.once('exit', resolve);
        }),
    );
    expect(await Promise.all(workers)).toEqual([0, 0]);

    expect(redis('LLEN', 'warraq:jobs')).toBe('0');
    expect(redis('LRANGE', 'warraq:jobs:done', '0', '-1').split('\n').sort()).toEqual([...jobs].sort());
    const failed = redis('LRANGE', 'warraq:jobs:failed', '0', '-1');
    expect(failed.split('\n')).toHaveLength(1);
    expect(failed).toMatch(/broken\.txt\t\{"error":\{"status":422/);
    expect(redis('KEYS', 'warraq:jobs:working:*')).toBe(''); // nothing left mid-job

    // The zips hold what `warraq build` writes for the same files, byte for byte.
    const built = path.join(work, 'built');
    const run = warraq(['build', ...jobs, '--out', built]);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(jobs.map((job) => `${path.basename(job, path.extname(job))}.zip`).sort());
    for (const job of jobs) {
      const stem = path.basename(job, path.extname(job));
      const zip = await JSZip.loadAsync(readFileSync(path.join(out, `${stem}.zip`)));
      for (const format of ['pdf', 'epub', 'docx']) {
        const inZip = await zip.file(`${stem}.${format}`)!.async('nodebuffer');
        expect(inZip.equals(readFileSync(path.join(built, `${stem}.${format}`))), `${stem}.${format}`).toBe(true);
      }
    }
    expect(await service.stop()).toBe(0);
  }, 120_000);
});
