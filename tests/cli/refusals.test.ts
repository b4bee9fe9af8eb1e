import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canDropToNobody, warraq, warraqAsUser, withoutSampleTail } from '../support/cli.js';
import { SAMPLE, TEMPLATES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

function refuses(name: string, bytes: Uint8Array | string, message: RegExp): void {
  const dir = tempDir();
  const input = path.join(dir, name);
  writeFileSync(input, bytes);
  const out = path.join(dir, 'out');
  const run = warraq(['build', input, '--out', out]);
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines[0]).toMatch(message);
  expect(lines[0]).toContain(input);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(readdirSync(out)).toEqual([]); // nothing half-written
}

describe('bad input is refused with one line naming the file, a non-zero exit and nothing written', () => {
  it('empty file', () => refuses('empty.txt', '', /the file is empty$/));
  it('whitespace only', () => refuses('blank.txt', ' \n\n\t\n', /only whitespace$/));
  it('binary data', () => refuses('binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary data/));
  it('invalid UTF-8, saying where', () => refuses('bad.txt', new Uint8Array([0xd9, 0x85, 0x0a, 0xff, 0x41]), /invalid UTF-8 at byte 3 \(line 2\)$/));
  it('broken YAML front matter, with its line', () => refuses('broken.md', '---\ntitle: x\nauthors: [a\n---\n\nنص\n', /broken YAML front matter at line \d+/));
  it('unknown extension', () => refuses('article.pdf', 'نص', /unknown input type "\.pdf"/));

  it('missing file', () => {
    const dir = tempDir();
    const run = warraq(['build', path.join(dir, 'nope.txt'), '--out', path.join(dir, 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nope\.txt: cannot read \(no such file\)/);
  });

  // Root reads any file, so as root (CI) the command runs as the unprivileged user "nobody".
  it.skipIf(!canDropToNobody())('unreadable file', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const input = path.join(dir, 'locked.txt');
    writeFileSync(input, 'عنوان\nنص.');
    chmodSync(input, 0o000);
    const out = path.join(dir, 'out');
    const run = warraqAsUser(['build', input, '--out', out]);
    expect(run.stderr).toMatch(/locked\.txt: cannot read \(permission denied\)/);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an output path that is a file', () => {
    const dir = tempDir();
    const input = path.join(dir, 'a.txt');
    writeFileSync(input, 'عنوان\nنص.');
    const out = path.join(dir, 'out');
    writeFileSync(out, 'x');
    const run = warraq(['build', input, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`warraq: ${out}: the output path is a file, not a folder`);
  });

  it('a wrong option is a usage error (exit 2)', () => {
    const run = warraq(['build', 'x.txt', '--format', 'html']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/expected a list of pdf, epub, docx/);
  });

  it('--help and --version', () => {
    const help = warraq(['build', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--format <list>/);
    expect(warraq(['--help']).stdout).toMatch(/Exit codes:/);
    expect(warraq(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('a theme whose font file is not a font: a warning, and the bundled face in every format', () => {
    const dir = tempDir();
    const theme = path.join(dir, 'theme');
    mkdirSync(theme);
    cpSync(path.join(TEMPLATES, 'default'), theme, { recursive: true });
    const file = path.join(theme, 'theme.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { fonts: { body: { regular: string } } };
    settings.fonts.body.regular = 'Broken.ttf';
    writeFileSync(file, JSON.stringify(settings));
    writeFileSync(path.join(theme, 'Broken.ttf'), 'this was never a font');
    for (const format of ['pdf', 'epub', 'docx']) {
      const out = path.join(dir, `out-${format}`);
      const run = warraq(['build', SAMPLE, '--out', out, '--template', theme, '--format', format]);
      expect(run.status, format).toBe(0);
      expect(withoutSampleTail(run.stderr).trim(), format).toBe(`warning: ${file}: font "Broken.ttf" is not a font (TrueType, OpenType, a collection of them, WOFF or WOFF2) (${path.join(theme, 'Broken.ttf')}); using the bundled Amiri-Regular.ttf`);
      expect(readdirSync(out), format).toEqual([`alaska-summit.${format}`]);
    }
  });

  it('a batch goes on past a bad file and lists every error', () => {
    const dir = tempDir();
    const articles = path.join(dir, 'articles');
    mkdirSync(articles);
    writeFileSync(path.join(articles, 'a-empty.txt'), '');
    writeFileSync(path.join(articles, 'b-blank.md'), '   ');
    writeFileSync(path.join(articles, 'notes.csv'), 'ignored');
    const run = warraq(['build', articles, '--out', path.join(dir, 'out'), '--format', 'epub']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/a-empty\.txt: the file is empty/);
    expect(run.stderr).toMatch(/b-blank\.md: the file holds only whitespace/);
    expect(run.stderr).toMatch(/0 built, 2 failed/);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  for (const epoch of ['99999999999999', '-1', 'yesterday']) {
    it(`out of range or not a number (${epoch}) is one clear line and exit 2, the code of a wrong command line`, () => {
      const out = tempDir();
      const run = warraq(['build', SAMPLE, '--out', out], { SOURCE_DATE_EPOCH: epoch });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`warraq: SOURCE_DATE_EPOCH=${epoch}: not a time warraq can write (whole seconds since 1970, up to 253402300799, the end of year 9999)\n`);
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('out of range for a batch of three: said once, before any file, exit 2 and nothing written', () => {
    const dir = tempDir();
    const articles = path.join(dir, 'articles');
    mkdirSync(articles);
    for (const n of [1, 2, 3]) writeFileSync(path.join(articles, `a${n}.txt`), `عنوان ${n}\n\nفقرة ${n}.\n`);
    const out = path.join(dir, 'out');
    for (const jobs of ['1', '3']) {
      const run = warraq(['build', articles, '--out', out, '--jobs', jobs], { SOURCE_DATE_EPOCH: '99999999999999' });
      expect({ jobs, status: run.status, stdout: run.stdout }).toEqual({ jobs, status: 2, stdout: '' });
      expect(run.stderr.trim().split('\n')).toEqual(['warraq: SOURCE_DATE_EPOCH=99999999999999: not a time warraq can write (whole seconds since 1970, up to 253402300799, the end of year 9999)']);
      expect(readdirSync(dir)).toEqual(['articles']);
    }
  });

  it('out of range for a book: one line, exit 2', () => {
    const dir = tempDir();
    const run = warraq(['book', SAMPLE, '--out', path.join(dir, 'out')], { SOURCE_DATE_EPOCH: '-5' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warraq: SOURCE_DATE_EPOCH=-5: not a time warraq can write/)]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
