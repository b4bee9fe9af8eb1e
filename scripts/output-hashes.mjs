#!/usr/bin/env node
// The SHA-256 of every output the command makes of the test fixtures: each input folder in the default
// and a5 themes, the sample at every page size, and the book in both themes. A restructuring that must
// change no byte records them before (`--write FILE`) and compares after (`--check FILE`).
//
//   node scripts/output-hashes.mjs                    print the hashes as JSON
//   node scripts/output-hashes.mjs --write FILE       record them
//   node scripts/output-hashes.mjs --check FILE       exit 1, listing each difference, unless all match
//
// Runs the built command (bin/warraq.js; `npm run build` first) with the disk cache off.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'warraq.js');

/** Each run: a name and the command's arguments (before --out). Folders are built one per run: their names clash. */
const RUNS = [];
const folders = ['content', 'tests/fixtures/articles', 'tests/fixtures/html', 'tests/fixtures/book'];
for (const template of ['default', 'a5']) {
  for (const folder of folders) RUNS.push([`${template}/${folder}`, ['build', folder, '--template', template]]);
  RUNS.push([`${template}/book`, ['book', 'tests/fixtures/book/book.yaml', '--template', template]]);
}
for (const size of ['A5', 'Letter']) RUNS.push([`page-${size}`, ['build', 'content/alaska-summit.txt', '--page-size', size]]);

function hashes() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'warraq-hashes-'));
  const env = { ...process.env, WARRAQ_CACHE_DIR: 'off', SOURCE_DATE_EPOCH: '1735689600' };
  const result = {};
  try {
    for (const [name, args] of RUNS) {
      const out = path.join(scratch, name.replaceAll('/', '_'));
      const threads = args[0] === 'build' ? ['--jobs', '1'] : [];
      execFileSync(process.execPath, [BIN, ...args, ...threads, '--out', out], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
      for (const file of readdirSync(out).sort()) {
        result[`${name}/${file}`] = createHash('sha256').update(readFileSync(path.join(out, file))).digest('hex');
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

const [flag, file] = process.argv.slice(2);
const now = hashes();
if (flag === '--write' && file) {
  writeFileSync(file, JSON.stringify(now, null, 2) + '\n');
  console.log(`${Object.keys(now).length} outputs recorded in ${file}`);
} else if (flag === '--check' && file) {
  const before = JSON.parse(readFileSync(file, 'utf8'));
  const names = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  const differing = names.filter((name) => before[name] !== now[name]);
  for (const name of differing) {
    console.log(`${name}: ${before[name] === undefined ? 'new' : now[name] === undefined ? 'missing' : 'differs'}`);
  }
  console.log(`${names.length - differing.length} of ${names.length} outputs identical`);
  process.exitCode = differing.length === 0 ? 0 : 1;
} else if (flag === undefined) {
  console.log(JSON.stringify(now, null, 2));
} else {
  console.error('usage: output-hashes.mjs [--write FILE | --check FILE]');
  process.exitCode = 2;
}
