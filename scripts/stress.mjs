#!/usr/bin/env node
// npm run stress: each hostile input of issue #14, made on the fly in a temporary folder, built through the
// command (all three formats) under GNU time. Prints one row per case (exit status, seconds, peak memory,
// first line of stderr) and exits 1 when a case took more than 20 s of CPU, more than 1 GB, crashed, or
// ended in an internal error. Slow on purpose: not part of npm test (whose small variants are
// tests/e2e/bounds.test.ts and limits.test.ts). Needs a build (npm run build) and /usr/bin/time.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const ROOT = path.join(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'warraq.js');
const MAX_CPU_SECONDS = 20;
const MAX_RSS_MB = 1024;
const TIMEOUT_SECONDS = 300;

const work = mkdtempSync(path.join(tmpdir(), 'warraq-stress-'));
const PARAGRAPH = 'كان الاجتماع في ألاسكا حدثاً مهماً للعلاقات بين البلدين، وناقش الطرفان قضايا كثيرة تخص الأمن والاقتصاد.';
const page = (title, body) => `<html lang="ar"><head><title>${title}</title></head><body><article><h1>عنوان</h1>${body}</article></body></html>`;

/** A PNG chunk: length, type, data, CRC. */
function chunk(type, data) {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** A tiny PNG that claims `width` × `height` pixels (an image bomb's header). */
function pngClaiming(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(0))), chunk('IEND', Buffer.alloc(0))]);
}

/** A real PNG bomb: 8000 × 8000 black pixels (64 megapixels, past the 50 allowed), 190 KB compressed. */
function pngBomb() {
  const side = 8000;
  const row = Buffer.alloc(1 + side * 3);
  const rows = Buffer.alloc(row.length * side);
  return Buffer.concat([pngClaiming(side, side).subarray(0, 33), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Each case: its name and a function that writes its input under `dir` and returns the path to build. */
const CASES = [
  ['md: "- " x4000 on one line', (dir) => file(dir, 'dash.md', `# عنوان\n\n${'- '.repeat(4000)}نص\n`)],
  ['md: 10 000 "*" around a word', (dir) => file(dir, 'stars.md', `# عنوان\n\n${'*'.repeat(10_000)}كلمة${'*'.repeat(10_000)}\n`)],
  ['md: "[a](" x100 000', (dir) => file(dir, 'links.md', `# عنوان\n\n${'[a]('.repeat(100_000)}\n`)],
  ['md: 20 000 marked lines, no blank', (dir) => file(dir, 'lines.md', `# عنوان\n\n${'a* [b ](\n'.repeat(20_000)}`)],
  ['md: <div> around "[a](" x30 000', (dir) => file(dir, 'frag.md', `# عنوان\n\n<div dir="rtl">\n${'[a]('.repeat(30_000)}\n</div>\n`)],
  ['md: 2000 nested quotes', (dir) => file(dir, 'quotes.md', `# عنوان\n\n${'> '.repeat(2000)}نص\n`)],
  ['md: 2000 nested list items', (dir) => file(dir, 'list.md', `# عنوان\n\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- a\n`).join('')}`)],
  ['md: YAML alias bomb', (dir) => file(dir, 'bomb.md', `---\na: &a ["x","x","x","x","x","x","x","x","x"]\n${'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`).join('\n')}\ntitle: عنوان\n---\n\nنص.\n`)],
  ['md: PNG claiming 30000x30000', (dir) => (writeFileSync(path.join(dir, 'claim.png'), pngClaiming(30_000, 30_000)), file(dir, 'claim.md', `# عنوان\n\n${PARAGRAPH}\n\n![صورة](claim.png)\n`))],
  ['md: real PNG bomb 8000x8000', (dir) => (writeFileSync(path.join(dir, 'bomb.png'), pngBomb()), file(dir, 'pngbomb.md', `# عنوان\n\n${PARAGRAPH}\n\n![صورة](bomb.png)\n`))],
  ['json: 3000 nested quotes', (dir) => file(dir, 'deep.json', `{"meta":{"title":"عنوان"},"blocks":[${'{"type":"blockquote","children":['.repeat(3000)}{"type":"paragraph","children":[{"type":"text","value":"نص"}]}${']}'.repeat(3000)}]}`)],
  ['json: 285 000 paragraphs', (dir) => file(dir, 'p285k.json', JSON.stringify({ meta: { title: 'عنوان' }, blocks: Array.from({ length: 285_000 }, () => ({ type: 'paragraph', children: [] })) }))],
  ['html: 5 x 395 nested divs', (dir) => file(dir, 'divs.html', page('عنوان', `${'<div>'.repeat(395)}<p>${PARAGRAPH}</p>${'</div>'.repeat(395)}`.repeat(5)))],
  ['html: 10 000 nested divs', (dir) => file(dir, 'divs10k.html', page('عنوان', `${'<div>'.repeat(10_000)}<p>${PARAGRAPH}</p>${'</div>'.repeat(10_000)}`))],
  ['html: 120 000 NBSP in <title>', (dir) => file(dir, 'nbsp.html', page(`عنوان${'\u00a0'.repeat(120_000)}x`, `<p>${PARAGRAPH}</p>`))],
  ['html: padded table (4000 x 3000)', (dir) => file(dir, 'table.html', page('عنوان', `<p>${PARAGRAPH}</p><table><tr>${'<td>خ</td>'.repeat(4000)}</tr>${'<tr><td>خ</td></tr>'.repeat(3000)}</table>`))],
  ['txt: one 160 000-letter word', (dir) => file(dir, 'word.txt', `عنوان\n\n${'بتث'.repeat(53_334)}\n`)],
  ['txt: 9.9 MB of text', (dir) => file(dir, 'big.txt', bigText(9.9e6))],
  ['txt: symlink to /dev/zero', (dir) => (symlinkSync('/dev/zero', path.join(dir, 'zero.txt')), path.join(dir, 'zero.txt'))],
  ['batch: a FIFO beside a text', (dir) => {
    const folder = path.join(dir, 'batch');
    mkdirSync(folder);
    file(folder, 'ok.txt', `عنوان\n\n${PARAGRAPH}\n`);
    spawnSync('mkfifo', [path.join(folder, 'fifo.txt')]);
    return folder;
  }],
];

function file(dir, name, text) {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

/** Paragraphs of Arabic prose up to `bytes` of UTF-8. */
function bigText(bytes) {
  const para = `${PARAGRAPH} ${PARAGRAPH}\n\n`;
  const count = Math.floor((bytes - 20) / Buffer.byteLength(para));
  return `عنوان المقال\n\n${para.repeat(count)}`;
}

/** Builds one input under GNU time; what a row of the table says. */
function run(name, make) {
  const dir = mkdtempSync(path.join(work, 'case-'));
  const input = make(dir);
  const out = path.join(dir, 'out');
  const result = spawnSync('/usr/bin/time', ['-v', 'timeout', String(TIMEOUT_SECONDS), process.execPath, BIN, 'build', input, '--out', out, '--jobs', '1'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stderr = result.stderr ?? '';
  const field = (label) => Number((new RegExp(`${label}: ([\\d.]+)`).exec(stderr) ?? [])[1] ?? NaN);
  const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  const rss = field('Maximum resident set size \\(kbytes\\)') / 1024;
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stderr)?.[1] ?? '?';
  const exit = /Exit status: (\d+)/.exec(stderr)?.[1] ?? String(result.status);
  const own = stderr.split('\n').filter((l) => l.trim() !== '' && !/^\t/.test(l) && !/^Command (exited|terminated)/.test(l));
  const first = own.find((l) => /^(error|warning):/.test(l)) ?? own[0] ?? '';
  const problems = [];
  if (cpu > MAX_CPU_SECONDS) problems.push(`CPU ${cpu.toFixed(1)} s > ${MAX_CPU_SECONDS}`);
  if (rss > MAX_RSS_MB) problems.push(`RSS ${rss.toFixed(0)} MB > ${MAX_RSS_MB}`);
  if (/internal error/.test(stderr) || exit === '3' || exit === '124' || /Command terminated by signal/.test(stderr)) problems.push('crash, internal error or timeout');
  if (exit !== '0' && exit !== '1') problems.push(`exit ${exit}`);
  rmSync(dir, { recursive: true, force: true });
  return { name, exit, cpu, wall, rss, first, problems };
}

const rows = [];
try {
  for (const [name, make] of CASES) {
    const row = run(name, make);
    rows.push(row);
    process.stdout.write(`${row.problems.length ? 'FAIL' : 'ok  '} | ${name.padEnd(34)} | exit ${row.exit} | ${row.cpu.toFixed(1).padStart(5)} s CPU | ${row.wall.padStart(7)} wall | ${row.rss.toFixed(0).padStart(5)} MB | ${row.first.slice(0, 150)}${row.problems.length ? `  <- ${row.problems.join('; ')}` : ''}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const failed = rows.filter((r) => r.problems.length > 0);
process.stdout.write(`${rows.length - failed.length} of ${rows.length} cases within ${MAX_CPU_SECONDS} s CPU and ${MAX_RSS_MB} MB, without a crash\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
