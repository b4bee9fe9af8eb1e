// `npm run bench`: speed and memory of the real command and of the library, on the sample article.
// Never a timed test: it reports, the README quotes it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN as CLI, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const FORMATS = ['pdf', 'epub', 'docx'] as const;
const work = tempDir('warraq-bench-');
// A private disk cache (subsets, deflated fonts): the first run below fills it (a first run ever), the
// others read it.
const cacheDir = path.join(work, 'cache');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Whole process, as a user runs it: start-up, font loading, rendering, writing. Returns ms and peak RSS. */
function coldRun(args: string[]): { ms: number; rssMb: number } {
  const reporter = path.join(work, 'rss.mjs');
  writeFileSync(reporter, `process.on('exit', () => process.stderr.write('RSS ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', reporter, CLI, ...args], { encoding: 'utf8', env: { ...process.env, WARRAQ_CACHE_DIR: cacheDir } });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`warraq ${args.join(' ')} failed: ${run.stderr}`);
  const rss = Number(/RSS (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rssMb: rss };
}

function cold(formats: string, runs = 9): { ms: number; rssMb: number } {
  const results = Array.from({ length: runs }, () => coldRun(['build', SAMPLE, '--out', path.join(work, 'cold'), '--format', formats]));
  return { ms: median(results.map((r) => r.ms)), rssMb: Math.max(...results.map((r) => r.rssMb)) };
}

/** Warm per-format times, measured by warm.mjs in a plain Node process. */
function warm(): Record<string, number> {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'warm.mjs')], { encoding: 'utf8', env: { ...process.env, WARRAQ_CACHE_DIR: cacheDir } });
  if (run.status !== 0) throw new Error(`warm.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

/** Whole-process time of a batch of `count` copies of the sample: the median of three runs. */
function batch(count: number, jobs?: number): number {
  const dir = path.join(work, `batch-${count}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) copyFileSync(SAMPLE, path.join(dir, `article-${String(i).padStart(3, '0')}.txt`));
  const out = path.join(work, `batch-out-${count}-${jobs ?? 'default'}`);
  return median(Array.from({ length: 3 }, () => coldRun(['build', dir, '--out', out, ...(jobs ? ['--jobs', String(jobs)] : [])]).ms));
}

interface ServeLatency {
  p50: number;
  p95: number;
  perSecond: number;
}
type ServeReport = { cores: number; requests: number } & Record<'pdf' | 'epub' | 'docx' | 'all', { one: ServeLatency; eight: ServeLatency }>;

/** `warraq serve` over HTTP, measured by serve.mjs in a plain Node process. */
function service(): ServeReport {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'serve.mjs')], { encoding: 'utf8', env: { ...process.env, WARRAQ_CACHE_DIR: cacheDir } });
  if (run.status !== 0) throw new Error(`serve.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ServeReport;
}

function bigArticle(): { ms: number; rssMb: number; mb: number } {
  const text = readFileSync(SAMPLE, 'utf8').split('\n');
  const body = text.slice(2, -1).join('\n');
  const file = path.join(work, 'big.txt');
  writeFileSync(file, `${text[0]}\n${text[1]}\n${Array.from({ length: 300 }, () => body).join('\n')}\n`);
  const result = coldRun(['build', file, '--out', path.join(work, 'big-out')]);
  return { ...result, mb: statSync(file).size / 1e6 };
}

const firstRun = coldRun(['build', SAMPLE, '--out', path.join(work, 'first'), '--format', 'pdf,epub,docx']);
const coldAll = cold('pdf,epub,docx');
const coldEach = Object.fromEntries(FORMATS.map((f) => [f, cold(f, 5).ms]));
const warmTimes = warm();
const sizes = Object.fromEntries(FORMATS.map((f) => [f, statSync(path.join(work, 'cold', `alaska-summit.${f}`)).size]));
const one = batch(1);
const fifty = batch(50);
const fiftyTwoThreads = batch(50, 2);
const twoHundred = batch(200);
const big = bigArticle();
const served = service();

const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  sample: {
    coldAllMs: Math.round(coldAll.ms),
    coldAllEmptyCacheMs: Math.round(firstRun.ms),
    coldMs: Object.fromEntries(Object.entries(coldEach).map(([k, v]) => [k, Math.round(v)])),
    warmMs: Object.fromEntries(Object.entries(warmTimes).map(([k, v]) => [k, Number(v.toFixed(1))])),
    peakRssMb: Math.round(coldAll.rssMb),
    outputBytes: sizes,
  },
  batch50: {
    totalMs: Math.round(fifty),
    marginalMsPerArticle: Number(((fifty - one) / 49).toFixed(1)),
    twoThreadsTotalMs: Math.round(fiftyTwoThreads),
    twoThreadsMarginalMsPerArticle: Number(((fiftyTwoThreads - one) / 49).toFixed(1)),
  },
  batch200: {
    totalMs: Math.round(twoHundred),
    marginalMsPerArticle: Number(((twoHundred - one) / 199).toFixed(1)),
  },
  big: { inputMb: Number(big.mb.toFixed(2)), ms: Math.round(big.ms), peakRssMb: Math.round(big.rssMb) },
  serve: served,
};

const SERVED = ['pdf', 'epub', 'docx', 'all'] as const;
const latency = (l: ServeLatency): string => `${l.p50} / ${l.p95} ms`;

const rows: [string, string, string][] = [
  ['cold, all three formats (whole process)', `${report.sample.coldAllMs} ms`, '≤ 700 ms'],
  ['  the same, first run ever (empty disk cache)', `${report.sample.coldAllEmptyCacheMs} ms`, ''],
  ...FORMATS.map((f): [string, string, string] => [`cold, ${f} only`, `${report.sample.coldMs[f]} ms`, '']),
  ...FORMATS.map((f): [string, string, string] => [`warm, ${f}`, `${report.sample.warmMs[f]} ms`, f === 'pdf' ? '≤ 30 ms' : '']),
  ['warm, parse + all three', `${report.sample.warmMs.all} ms`, '≤ 40 ms'],
  ['peak RSS, all three', `${report.sample.peakRssMb} MB`, '≤ 300 MB'],
  ...FORMATS.map((f): [string, string, string] => [`output size, ${f}`, `${(sizes[f]! / 1024).toFixed(0)} KiB`, '']),
  ['batch of 50, marginal per article', `${report.batch50.marginalMsPerArticle} ms`, '≤ 40 ms'],
  ['  the same with --jobs 2 (a worker thread)', `${report.batch50.twoThreadsMarginalMsPerArticle} ms`, ''],
  ['batch of 200, marginal per article', `${report.batch200.marginalMsPerArticle} ms`, ''],
  [`${report.big.inputMb} MB article (300 × sample), all three`, `${report.big.ms} ms, ${report.big.peakRssMb} MB RSS`, '≤ 300 MB'],
  ...SERVED.map((f): [string, string, string] => [`serve, ${f === 'all' ? 'all three (zip)' : f}, 1 client, p50 / p95`, latency(served[f].one), f === 'all' ? 'p50 ≤ 30 ms' : '']),
  ...SERVED.map((f): [string, string, string] => [`serve, ${f === 'all' ? 'all three (zip)' : f}, 8 clients, p50 / p95`, latency(served[f].eight), '']),
  ...SERVED.map((f): [string, string, string] => [
    `serve, ${f === 'all' ? 'all three (zip)' : f}, 8 clients, throughput`,
    `${served[f].eight.perSecond}/s, ${(served[f].eight.perSecond / served.cores).toFixed(1)}/s a core`,
    f === 'all' ? `≥ 40/s on 2 cores` : '',
  ]),
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`warraq bench — ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}\n`);
for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(18)}  ${target}`);
console.log(`\n${JSON.stringify(report, null, 2)}`);
rmSync(work, { recursive: true, force: true });
