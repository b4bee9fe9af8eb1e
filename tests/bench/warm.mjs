// The warm half of `npm run bench`: renders the sample again and again in one plain Node process (not
// under the TypeScript runner that runs bench.ts, whose loader hooks would be measured too) and prints
// the median milliseconds per format and for parse + all three, as JSON.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const ROOT = path.join(import.meta.dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'content', 'alaska-summit.txt');
const FORMATS = ['pdf', 'epub', 'docx'];
const lib = await import(path.join(ROOT, 'build', 'index.js'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function timed(runs, step) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await step();
    times.push(performance.now() - start);
  }
  return median(times);
}

const options = { resourceDir: path.dirname(SAMPLE), diagnostics: { warn: () => {} } };
const article = await lib.parseFile(SAMPLE);
const out = {};
for (const format of FORMATS) {
  await timed(3, () => lib.renderAll(article, { ...options, formats: [format] }));
  out[format] = await timed(15, () => lib.renderAll(article, { ...options, formats: [format] }));
}
out.all = await timed(10, async () => lib.renderAll(await lib.parseFile(SAMPLE), { ...options, formats: FORMATS }));
process.stdout.write(JSON.stringify(out));
