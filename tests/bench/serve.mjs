// The service half of `npm run bench`: starts `warraq serve` (the built command, one worker per core), then
// POSTs the sample over HTTP from one client and from eight at once, for each format and for all three
// (the zip), and prints per-request latency (p50, p95) and throughput as JSON. Plain Node, like warm.mjs.
/* global fetch -- Node 20's own */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const ROOT = path.join(import.meta.dirname, '..', '..');
const SAMPLE = readFileSync(path.join(ROOT, 'content', 'alaska-summit.txt'));
const REQUESTS = Number(process.env.BENCH_SERVE_REQUESTS ?? 48);

const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'warraq.js'), 'serve', '--port', '0', '--queue', '64', '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    // The log lines keep coming (two a request, as in production); only the first ones are looked at.
    if (buffered.length > 4096) return;
    buffered += chunk;
    const match = /"url":"([^"]+)"[^\n]*"msg":"warraq serve ready"/.exec(buffered);
    if (match) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`warraq serve exited (${code})`)));
});

async function request(format) {
  const start = performance.now();
  const response = await fetch(`${url}/v1/build?format=${format}`, { method: 'POST', body: SAMPLE, headers: { 'content-type': 'text/plain' } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${format}: HTTP ${response.status}`);
  return performance.now() - start;
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

/** `clients` loops, each sending requests one after another, REQUESTS in all. */
async function measure(format, clients) {
  for (let i = 0; i < 4; i++) await request(format); // warm each format's path on every worker
  const latencies = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < REQUESTS) latencies.push(await request(format));
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { p50: Number(percentile(latencies, 50).toFixed(1)), p95: Number(percentile(latencies, 95).toFixed(1)), perSecond: Number((latencies.length / seconds).toFixed(1)) };
}

const out = { cores: availableParallelism(), requests: REQUESTS };
try {
  // Every worker's hot paths optimised before anything is timed (the in-process warm figures do the same).
  const warmUp = async () => {
    for (let i = 0; i < 8; i++) await request('all');
  };
  await Promise.all(Array.from({ length: 2 * availableParallelism() }, warmUp));
  for (const format of ['pdf', 'epub', 'docx', 'all']) {
    out[format] = { one: await measure(format, 1), eight: await measure(format, 8) };
  }
} finally {
  child.kill('SIGTERM');
}
process.stdout.write(JSON.stringify(out));
