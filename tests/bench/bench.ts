// `npm run bench`: speed and memory of the real command and of the library on the sample article, side by
// side with its peers in the same run (peers.ts: Typst, pandoc, WeasyPrint), each figure beside its target
// (the speed issue's), as a table and as JSON. Never a timed test: it reports, the README quotes it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN as CLI, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { documentProblem, preparePeers, runPeer, type Peer } from './peers.js';

const FORMATS = ['pdf', 'epub', 'docx'] as const;
/** Rounds of the cold runs: in each, warraq's runs and the peers' one after another, the order rotating. */
const COLD_ROUNDS = 9;
const work = tempDir('warraq-bench-');
// A private disk cache (subsets, deflated fonts): the first run below fills it (a first run ever), the
// others read it.
const cacheDir = path.join(work, 'cache');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

interface Run {
  ms: number;
  rssMb: number;
}

/** Whole process, as a user runs it: start-up, font loading, rendering, writing. Returns ms and peak RSS. */
function coldRun(args: string[]): Run {
  const reporter = path.join(work, 'rss.mjs');
  writeFileSync(reporter, `process.on('exit', () => process.stderr.write('RSS ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', reporter, CLI, ...args], { encoding: 'utf8', env: { ...process.env, WARRAQ_CACHE_DIR: cacheDir } });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`warraq ${args.join(' ')} failed: ${run.stderr}`);
  const rss = Number(/RSS (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rssMb: rss };
}

const coldOut = path.join(work, 'cold');
const sampleRun = (formats: string) => (): Run => coldRun(['build', SAMPLE, '--out', coldOut, '--format', formats]);

/**
 * warraq's cold runs (all three formats, then each alone) and the peers', alternating: COLD_ROUNDS rounds,
 * each runs every case once. A peer whose run fails is dropped with its reason, never timed.
 */
function coldRace(peers: Peer[], skipped: string[]): { warraq: Record<string, Run>; peers: Record<string, number> } {
  const cases: { name: string; warraq: boolean; run: () => Run }[] = [
    { name: 'all', warraq: true, run: sampleRun('pdf,epub,docx') },
    ...FORMATS.map((f) => ({ name: f, warraq: true, run: sampleRun(f) })),
    ...peers.map((peer) => ({ name: peer.name, warraq: false, run: (): Run => ({ ms: runPeer(peer), rssMb: NaN }) })),
  ];
  const runs = new Map(cases.map((c) => [c, [] as Run[]]));
  for (let round = 0; round < COLD_ROUNDS; round++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(round + i) % cases.length]!;
      if (!runs.has(c)) continue;
      try {
        runs.get(c)!.push(c.run());
      } catch (error) {
        if (c.warraq) throw error;
        skipped.push(`${c.name}: dropped, a run failed: ${(error as Error).message}`);
        runs.delete(c);
      }
    }
  }
  const summary = (list: Run[]): Run => ({ ms: median(list.map((r) => r.ms)), rssMb: Math.max(...list.map((r) => r.rssMb)) });
  const done = [...runs];
  return {
    warraq: Object.fromEntries(done.filter(([c]) => c.warraq).map(([c, list]) => [c.name, summary(list)])),
    peers: Object.fromEntries(done.filter(([c]) => !c.warraq).map(([c, list]) => [c.name, summary(list).ms])),
  };
}

/** Warm per-format times, measured by warm.mjs in a plain Node process. */
function warm(): Record<string, number> {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'warm.mjs')], { encoding: 'utf8', env: { ...process.env, WARRAQ_CACHE_DIR: cacheDir } });
  if (run.status !== 0) throw new Error(`warm.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

/**
 * Whole-process runs of a batch of `count` copies of the sample, once for each of `jobs` (undefined: the
 * default) in turn, three rounds: the median time and the peak RSS for each.
 */
function batch(count: number, jobs: (number | undefined)[] = [undefined]): Run[] {
  const dir = path.join(work, `batch-${count}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) copyFileSync(SAMPLE, path.join(dir, `article-${String(i).padStart(3, '0')}.txt`));
  const out = path.join(work, `batch-out-${count}`);
  const runs = jobs.map(() => [] as Run[]);
  for (let round = 0; round < 3; round++) {
    jobs.forEach((j, i) => runs[i]!.push(coldRun(['build', dir, '--out', out, '--format', 'pdf,epub,docx', ...(j ? ['--jobs', String(j)] : [])])));
  }
  rmSync(out, { recursive: true, force: true });
  return runs.map((list) => ({ ms: median(list.map((r) => r.ms)), rssMb: Math.max(...list.map((r) => r.rssMb)) }));
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

function bigArticle(): Run & { mb: number } {
  const text = readFileSync(SAMPLE, 'utf8').split('\n');
  const body = text.slice(2, -1).join('\n');
  const file = path.join(work, 'big.txt');
  writeFileSync(file, `${text[0]}\n${text[1]}\n${Array.from({ length: 300 }, () => body).join('\n')}\n`);
  const result = coldRun(['build', file, '--out', path.join(work, 'big-out')]);
  return { ...result, mb: statSync(file).size / 1e6 };
}

const firstRun = coldRun(['build', SAMPLE, '--out', path.join(work, 'first'), '--format', 'pdf,epub,docx']);
const { ready, skipped } = await preparePeers(work, SAMPLE);
const race = coldRace(ready, skipped);
for (const f of FORMATS) {
  const problem = documentProblem(path.join(coldOut, `alaska-summit.${f}`), f);
  if (problem) throw new Error(`warraq's ${f}: ${problem}`);
}
const warmTimes = warm();
const sizes = Object.fromEntries(FORMATS.map((f) => [f, statSync(path.join(coldOut, `alaska-summit.${f}`)).size]));
const [one] = batch(1);
const [fifty] = batch(50);
const [oneCore, twoCores] = batch(500, [1, 2]);
const big = bigArticle();
const served = service();

const peerMs = (name: string): number | undefined => race.peers[name];
const typst = peerMs('Typst PDF');
const threePeers = ['pandoc EPUB', 'pandoc DOCX', 'WeasyPrint PDF'].map(peerMs);
const threePeersMs = threePeers.every((ms) => ms !== undefined) ? threePeers.reduce((a, b) => a! + b!, 0) : undefined;
const coldAll = race.warraq.all!;
const coldPdf = race.warraq.pdf!;
/** a ÷ b; null (kept in the JSON) when the peer b was skipped. */
const ratio = (a: number, b: number | undefined): number | null => (b === undefined ? null : Number((a / b).toFixed(2)));
const marginal = (run: Run, count: number): number => Number(((run.ms - one!.ms) / (count - 1)).toFixed(1));

const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  sample: {
    coldAllMs: Math.round(coldAll.ms),
    coldAllEmptyCacheMs: Math.round(firstRun.ms),
    coldMs: Object.fromEntries(FORMATS.map((f) => [f, Math.round(race.warraq[f]!.ms)])),
    warmMs: Object.fromEntries(Object.entries(warmTimes).map(([k, v]) => [k, Number(v.toFixed(1))])),
    peakRssMb: Math.round(coldAll.rssMb),
    outputBytes: sizes,
  },
  peers: Object.fromEntries(ready.filter((p) => race.peers[p.name] !== undefined).map((p) => [p.name, { ms: Math.round(race.peers[p.name]!), outputBytes: statSync(p.output).size }])),
  skippedPeers: skipped,
  ratios: {
    coldAllToTypstPdf: ratio(coldAll.ms, typst),
    coldPdfToTypstPdf: ratio(coldPdf.ms, typst),
    coldAllToPandocEpubDocxWeasyPrintPdf: ratio(coldAll.ms, threePeersMs),
  },
  batch50: { totalMs: Math.round(fifty!.ms), marginalMsPerArticle: marginal(fifty!, 50) },
  batch500: {
    oneCore: { totalMs: Math.round(oneCore!.ms), marginalMsPerArticle: marginal(oneCore!, 500), peakRssMb: Math.round(oneCore!.rssMb) },
    twoCores: { totalMs: Math.round(twoCores!.ms), marginalMsPerArticle: marginal(twoCores!, 500), peakRssMb: Math.round(twoCores!.rssMb) },
  },
  big: { inputMb: Number(big.mb.toFixed(2)), ms: Math.round(big.ms), peakRssMb: Math.round(big.rssMb) },
  serve: served,
};

/** A line of the table: a figure, and when it has one its target and whether that is met. */
interface Row {
  what: string;
  value: string;
  target?: string;
  /** Whether the target is met; undefined with a target: not measured here (a peer missing). */
  met?: boolean;
  /** Overrides "met" / "NOT met" (a goal beyond the target). */
  status?: string;
}
const row = (what: string, value: string, target?: string, met?: boolean, status?: string): Row => ({ what, value, target, met, status });
const ms = (value: number | undefined): string => (value === undefined ? 'skipped' : `${Math.round(value)} ms`);
const times = (value: number | null): string => (value === null ? 'skipped' : `${value.toFixed(2)} ×`);
const under = (value: number | null, limit: number): boolean | undefined => (value === null ? undefined : value <= limit);
const { ratios } = report;
const goal = ratios.coldAllToTypstPdf !== null && ratios.coldAllToTypstPdf <= 1.5 ? (ratios.coldAllToTypstPdf <= 1 ? 'met (goal ≤ 1.0 × met too)' : 'met (goal ≤ 1.0 × NOT met)') : undefined;
/** "≤ 292 ms (1.5 × Typst PDF)", or only the factor when the peer was skipped. */
const bound = (factor: number, of: number | undefined, peer: string): string => {
  const scaled = factor === 1 ? peer : `${factor} × ${peer}`;
  return of === undefined ? `≤ ${scaled}` : `≤ ${Math.round(factor * of)} ms (${scaled})`;
};

const SERVED = ['pdf', 'epub', 'docx', 'all'] as const;
const serveName = (f: (typeof SERVED)[number]): string => (f === 'all' ? 'all three (zip)' : f);
const latency = (l: ServeLatency): string => `${l.p50} / ${l.p95} ms`;
const batchRss = Math.max(oneCore!.rssMb, twoCores!.rssMb);

const rows: Row[] = [
  row('cold, all three formats (whole process)', ms(coldAll.ms), bound(1.5, typst, 'Typst PDF'), under(ratios.coldAllToTypstPdf, 1.5), goal),
  row('  the same, first run ever (empty disk cache)', ms(firstRun.ms)),
  ...FORMATS.map((f) => (f === 'pdf' ? row('cold, pdf only', ms(coldPdf.ms), bound(1, typst, 'Typst PDF'), under(ratios.coldPdfToTypstPdf, 1)) : row(`cold, ${f} only`, ms(race.warraq[f]!.ms)))),
  row('peer: Typst PDF (whole process)', ms(typst)),
  row('peer: pandoc EPUB', ms(threePeers[0])),
  row('peer: pandoc DOCX', ms(threePeers[1])),
  row('peer: WeasyPrint PDF', ms(threePeers[2])),
  row('peer: pandoc EPUB + DOCX + WeasyPrint PDF', ms(threePeersMs)),
  row('ratio: cold all three ÷ Typst PDF', times(ratios.coldAllToTypstPdf), '≤ 1.5 × (goal ≤ 1.0 ×)', under(ratios.coldAllToTypstPdf, 1.5), goal),
  row('ratio: cold all three ÷ (pandoc ×2 + WeasyPrint)', times(ratios.coldAllToPandocEpubDocxWeasyPrintPdf), '≤ 0.35 ×', under(ratios.coldAllToPandocEpubDocxWeasyPrintPdf, 0.35)),
  row('ratio: cold pdf only ÷ Typst PDF', times(ratios.coldPdfToTypstPdf), '≤ 1.0 ×', under(ratios.coldPdfToTypstPdf, 1)),
  ...FORMATS.map((f) => row(`warm, ${f}`, `${report.sample.warmMs[f]} ms`)),
  row('warm, parse + all three', `${report.sample.warmMs.all} ms`, '≤ 15 ms', report.sample.warmMs.all! <= 15),
  row('peak RSS, all three (sample)', `${report.sample.peakRssMb} MB`, '≤ 150 MB', report.sample.peakRssMb <= 150),
  ...FORMATS.map((f) => row(`output size, ${f}`, `${(sizes[f]! / 1024).toFixed(0)} KiB`)),
  row('batch of 50, marginal per article', `${report.batch50.marginalMsPerArticle} ms`, '≤ 20 ms', report.batch50.marginalMsPerArticle <= 20),
  row('batch of 500, --jobs 1 (one core)', `${ms(oneCore!.ms)}, ${report.batch500.oneCore.marginalMsPerArticle} ms/art.`),
  row('batch of 500, --jobs 2 (both cores)', `${ms(twoCores!.ms)}, ${report.batch500.twoCores.marginalMsPerArticle} ms/art.`, `< ${ms(oneCore!.ms)} (--jobs 1)`, twoCores!.ms < oneCore!.ms),
  row('peak RSS, batch of 500', `${Math.round(batchRss)} MB`, '≤ 300 MB', batchRss <= 300),
  row(`${report.big.inputMb} MB article (300 × sample), all three`, `${report.big.ms} ms, ${report.big.peakRssMb} MB RSS`),
  ...SERVED.map((f) => row(`serve, ${serveName(f)}, 1 client, p50 / p95`, latency(served[f].one), f === 'all' ? 'p50 ≤ 30 ms' : undefined, f === 'all' ? served.all.one.p50 <= 30 : undefined)),
  ...SERVED.map((f) => row(`serve, ${serveName(f)}, 8 clients, p50 / p95`, latency(served[f].eight))),
  ...SERVED.map((f) =>
    row(
      `serve, ${serveName(f)}, 8 clients, throughput`,
      `${served[f].eight.perSecond}/s, ${(served[f].eight.perSecond / served.cores).toFixed(1)}/s a core`,
      f === 'all' ? '≥ 40/s on 2 cores' : undefined,
      f === 'all' ? served.all.eight.perSecond >= 40 : undefined,
    ),
  ),
];
const statusOf = (r: Row): string => (r.target === undefined ? '' : r.met === undefined ? 'skipped' : (r.status ?? (r.met ? 'met' : 'NOT met')));
const table = rows.map((r) => [r.what, r.value, r.target ?? '', statusOf(r)]);
const widths = [0, 1, 2].map((i) => Math.max(...table.map((cells) => cells[i]!.length)));
console.log(`warraq bench — ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}\n`);
for (const line of skipped) console.log(line);
if (skipped.length > 0) console.log('');
for (const [what, value, target, status] of table) console.log(`${what!.padEnd(widths[0]!)}  ${value!.padStart(widths[1]!)}  ${target!.padEnd(widths[2]!)}  ${status}`.trimEnd());
const targets = rows.filter((r) => r.target !== undefined).map((r) => ({ what: r.what.trim(), value: r.value, target: r.target, status: statusOf(r) }));
console.log(`\n${JSON.stringify({ ...report, targets }, null, 2)}`);
rmSync(work, { recursive: true, force: true });
