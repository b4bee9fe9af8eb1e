// Reads stay inside the article's root, as with Typst's --root and pandoc's --sandbox: an image named by
// an absolute path, by .., by a file: URL or through a symlink out of the article's folder is not
// embedded (a warning names it); --root widens the root and --allow-outside lifts it. Only regular files
// are read, and only whole images of a sane size are embedded, in all three formats alike.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warraq, withoutSampleTail } from '../support/cli.js';
import { png } from '../support/images.js';
import { BIN, ROOT, SAMPLE } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

/** A secret image outside the article's folder, with bytes no other image here has. */
const SECRET = png(7, 5, [201, 13, 77]);

interface Layout {
  base: string;
  article: string;
  secret: string;
}

function layout(): Layout {
  const base = tempDir('warraq-root-');
  const article = path.join(base, 'article');
  const secret = path.join(base, 'secret');
  mkdirSync(article);
  mkdirSync(secret);
  writeFileSync(path.join(secret, 's.png'), SECRET);
  return { base, article, secret };
}

/** How many of the three documents carry the secret image's bytes (the PDF by its size, the packages byte for byte). */
async function secretsIn(out: string, stem: string): Promise<{ epub: number; docx: number; pdf: number }> {
  const count = async (file: string): Promise<number> => {
    const { zip } = await openZip(readFileSync(file));
    let n = 0;
    for (const name of Object.keys(zip.files)) if (/\.(png|jpe?g|gif)$/.test(name) && Buffer.from(await zip.file(name)!.async('uint8array')).equals(SECRET)) n++;
    return n;
  };
  const pdf = readFileSync(path.join(out, `${stem}.pdf`)).toString('latin1');
  return { epub: await count(path.join(out, `${stem}.epub`)), docx: await count(path.join(out, `${stem}.docx`)), pdf: (pdf.match(/\/Subtype \/Image/g) ?? []).length };
}

/**
 * Runs the command asynchronously with a deadline, standard input a pipe that stays open: a read that
 * blocks (a FIFO, /dev/stdin) must fail the test, not stall the suite.
 */
async function runWithDeadline(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { status, stderr };
}

describe('the read root', () => {
  it('keeps out an image named by an absolute path, .., a file: URL or a symlink leaving the folder (Markdown)', async () => {
    const { base, article, secret } = layout();
    symlinkSync(path.join(secret, 's.png'), path.join(article, 'link.png'));
    const twoUp = `../../${path.basename(base)}/secret/s.png`;
    const md = ['# عنوان', '', '![مطلق](' + path.join(secret, 's.png') + ')', '', '![صاعد](../secret/s.png)', '', `![صاعد مرتين](${twoUp})`, '', '![رابط](file://' + path.join(secret, 's.png') + ')', '', '![رمزي](link.png)', ''].join('\n');
    writeFileSync(path.join(article, 'a.md'), md);
    const out = tempDir('warraq-out-');
    const run = warraq(['build', path.join(article, 'a.md'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(await secretsIn(out, 'a')).toEqual({ epub: 0, docx: 0, pdf: 0 });
    // One warning per figure and format, each naming the path.
    expect(run.stderr.match(/is outside the folders this document may read/g)?.length).toBe(15);
    expect(run.stderr).toContain('"../secret/s.png"');
    expect(run.stderr).toContain(`"${twoUp}"`);
  });

  it('keeps out file:, ../, srcset, data-src and <picture> images of a saved web page', async () => {
    const { article, secret } = layout();
    const abs = path.join(secret, 's.png');
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>فقرة رقم ${i} من نص المقال، فيها كلمات كافية ليعدّها القارئ جزءاً من المقال نفسه لا من حواشيه.</p>`).join('\n');
    const html = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title></head><body><article><h1>صفحة</h1>
${paragraphs}
<figure><img src="file://${abs}" alt="أ"><figcaption>أ</figcaption></figure>
<figure><img src="../secret/s.png" alt="ب"><figcaption>ب</figcaption></figure>
<figure><img src="..%2Fsecret%2Fs.png" alt="ج"><figcaption>ج</figcaption></figure>
<figure><img srcset="../secret/s.png 2x" alt="د"><figcaption>د</figcaption></figure>
<figure><img data-src="../secret/s.png" alt="ه"><figcaption>ه</figcaption></figure>
<figure><picture><source srcset="../secret/s.png"><img src="../secret/s.png" alt="و"></picture><figcaption>و</figcaption></figure>
${paragraphs}</article></body></html>`;
    writeFileSync(path.join(article, 'page.html'), html);
    const out = tempDir('warraq-out-');
    const run = warraq(['build', path.join(article, 'page.html'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(await secretsIn(out, 'page')).toEqual({ epub: 0, docx: 0, pdf: 0 });
    // The reader did find them: each is named in a warning, and --allow-outside would embed them.
    expect(run.stderr).toContain(`"${abs}" is outside the folders this document may read`);
    expect(run.stderr).toContain('"../secret/s.png" is outside the folders this document may read');
    const lifted = tempDir('warraq-out-');
    expect(warraq(['build', path.join(article, 'page.html'), '--out', lifted, '--allow-outside']).status).toBe(0);
    expect((await secretsIn(lifted, 'page')).epub).toBe(2);
  });

  it('shows a <picture> whose <img> has no src by its sharpest usable source, confined, or keeps its alt text', async () => {
    const { article } = layout();
    const small = png(10, 10, [1, 2, 3]);
    const big = png(40, 40, [4, 5, 6]);
    writeFileSync(path.join(article, 'small.png'), small);
    writeFileSync(path.join(article, 'big.png'), big);
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>فقرة رقم ${i} من نص المقال، فيها كلمات كافية ليعدّها القارئ جزءاً من المقال نفسه لا من حواشيه.</p>`).join('\n');
    const html = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title></head><body><article><h1>صفحة</h1>
${paragraphs}
<figure><picture><source type="image/avif" srcset="big.avif 2x"><source srcset="small.png 1x, big.png 2x"><img alt="أ"></picture><figcaption>تعليق الصورة</figcaption></figure>
<picture><source srcset="../secret/s.png"><img alt="ب"></picture>
<figure><picture><source type="image/avif" srcset="only.avif"><img alt="نص بديل للصورة"></picture></figure>
${paragraphs}</article></body></html>`;
    writeFileSync(path.join(article, 'page.html'), html);
    const out = tempDir('warraq-out-');
    const run = warraq(['build', path.join(article, 'page.html'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const secrets = await secretsIn(out, 'page');
    expect([secrets.epub, secrets.docx]).toEqual([0, 0]);
    // The PDF's one image is big.png (40 × 40), not the secret (7 × 5) nor small.png.
    const listed = execFileSync('pdfimages', ['-list', path.join(out, 'page.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(listed.map((row) => row.trim().split(/\s+/).slice(3, 5).join('×'))).toEqual(['40×40']);
    expect(run.stderr.match(/"\.\.\/secret\/s\.png" is outside the folders this document may read/g)?.length).toBe(3);
    expect(run.stderr).toContain(`${path.join(article, 'page.html')}: an image with no usable source ("نص بديل للصورة"): kept its alt text`);
    const { zip } = await openZip(readFileSync(path.join(out, 'page.epub')));
    const images = await Promise.all(Object.keys(zip.files).filter((name) => name.endsWith('.png')).map(async (name) => Buffer.from(await zip.file(name)!.async('uint8array'))));
    expect(images.map((bytes) => bytes.equals(big))).toEqual([true]);
    const xhtml = await Promise.all(Object.keys(zip.files).filter((name) => name.endsWith('.xhtml')).map((name) => zip.file(name)!.async('string')));
    expect(xhtml.join('')).toContain('نص بديل للصورة');
    expect(xhtml.join('')).toContain('تعليق الصورة');
    const docx = await openZip(readFileSync(path.join(out, 'page.docx')));
    expect(await docx.text('word/document.xml')).toContain('نص بديل للصورة');
  });

  it('widens with --root and lifts with --allow-outside', async () => {
    const { article, secret } = layout();
    writeFileSync(path.join(article, 'a.md'), '# عنوان\n\n![صورة](../secret/s.png)\n');
    const widened = tempDir('warraq-out-');
    const run = warraq(['build', path.join(article, 'a.md'), '--out', widened, '--root', secret]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(await secretsIn(widened, 'a')).toEqual({ epub: 1, docx: 1, pdf: 1 });
    const lifted = tempDir('warraq-out-');
    expect(warraq(['build', path.join(article, 'a.md'), '--out', lifted, '--allow-outside']).status).toBe(0);
    expect(await secretsIn(lifted, 'a')).toEqual({ epub: 1, docx: 1, pdf: 1 });
  });

  it('skips a book.yaml article and cover outside the book folder, with a warning naming each', async () => {
    const { base, article } = layout();
    writeFileSync(path.join(base, 'outside.txt'), readFileSync(SAMPLE));
    writeFileSync(path.join(article, 'inside.txt'), readFileSync(SAMPLE));
    writeFileSync(path.join(article, 'book.yaml'), `title: كتاب\ncover: ../secret/s.png\narticles:\n  - inside.txt\n  - ../outside.txt\n`);
    const out = tempDir('warraq-out-');
    const run = warraq(['book', path.join(article, 'book.yaml'), '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/article ".*outside\.txt" is outside the folders this document may read/);
    expect(run.stderr).toMatch(/cover image "\.\.\/secret\/s\.png" is outside the folders/);
    expect(await secretsIn(out, 'book')).toEqual({ epub: 0, docx: 0, pdf: 0 });
  });
});

describe('a batch folder', () => {
  it('skips a symlinked article that leads out of the folder, with a warning naming it, and builds the rest', async () => {
    const base = tempDir('warraq-batch-');
    const batch = path.join(base, 'batch');
    const privy = path.join(base, 'private');
    mkdirSync(path.join(batch, 'kept'), { recursive: true });
    mkdirSync(privy);
    writeFileSync(path.join(batch, 'a.txt'), readFileSync(SAMPLE));
    // A link to an article inside the folder is built; one to an article outside it is not.
    writeFileSync(path.join(batch, 'kept', 'b.txt'), readFileSync(SAMPLE));
    symlinkSync(path.join('kept', 'b.txt'), path.join(batch, 'b.txt'));
    writeFileSync(path.join(privy, 'diary.txt'), 'مذكرات سرية\n\nهذه فقرة من مذكرات لا يجوز أن تظهر في أي وثيقة تصدر عن الدفعة.\n');
    symlinkSync(path.join(privy, 'diary.txt'), path.join(batch, 'leak.txt'));
    const out = tempDir('warraq-out-');
    const run = warraq(['build', batch, '--out', out, '--format', 'epub']);
    expect(run.status, run.stderr).toBe(0);
    expect(withoutSampleTail(run.stderr).trim()).toBe(`warning: ${batch}: article "${path.join(batch, 'leak.txt')}" is a symlink to ${path.join(privy, 'diary.txt')}, outside the folder; skipped (see --root and --allow-outside)`);
    expect(readdirSync(out).sort()).toEqual(['a.epub', 'b.epub']);
    // A book of the folder skips it the same way; --root lets it in.
    const book = tempDir('warraq-out-');
    const bound = warraq(['book', batch, '--out', book, '--format', 'epub']);
    expect(bound.status, bound.stderr).toBe(0);
    expect(bound.stderr).toContain(`article "${path.join(batch, 'leak.txt')}" is a symlink to`);
    const { zip } = await openZip(readFileSync(path.join(book, 'book.epub')));
    for (const entry of Object.values(zip.files)) expect(await entry.async('string')).not.toContain('مذكرات سرية');
    const widened = tempDir('warraq-out-');
    expect(withoutSampleTail(warraq(['build', batch, '--out', widened, '--format', 'epub', '--root', privy]).stderr)).toBe('');
    expect(readdirSync(widened).sort()).toEqual(['a.epub', 'b.epub', 'leak.epub']);
  });
});

describe('only regular files are read', () => {
  it('refuses a FIFO, a socket and a symlink to /dev/zero in a batch folder at once, and builds the rest', async () => {
    const dir = tempDir('warraq-special-');
    writeFileSync(path.join(dir, 'a.txt'), readFileSync(SAMPLE));
    execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.md'), resolve));
    try {
      const out = tempDir('warraq-out-');
      const { status, stderr } = await runWithDeadline(['build', dir, '--out', out, '--format', 'epub']);
      expect(status, stderr).toBe(1);
      expect(stderr).toMatch(/fifo\.txt: not a regular file/);
      // A link out of the folder is skipped before it is opened; named directly, it is refused when opened.
      expect(stderr).toMatch(/zero\.txt" is a symlink to \/dev\/zero, outside the folder; skipped/);
      expect(stderr).toMatch(/socket\.md: cannot read/);
      expect(readdirSync(out)).toEqual(['a.epub']);
    } finally {
      server.close();
    }
  }, 60_000);

  it('refuses /dev/stdin and /dev/zero named as articles, or /dev/stdin linked from a batch folder, at once, and builds the rest', async () => {
    const dir = tempDir('warraq-stdin-');
    writeFileSync(path.join(dir, 'a.txt'), readFileSync(SAMPLE));
    symlinkSync('/dev/stdin', path.join(dir, 'in.txt'));
    const direct = path.join(tempDir('warraq-stdin-'), 'typed.md');
    symlinkSync('/dev/stdin', direct);
    const zero = path.join(path.dirname(direct), 'zero.md');
    symlinkSync('/dev/zero', zero);
    const out = tempDir('warraq-out-');
    const { status, stderr } = await runWithDeadline(['build', dir, direct, zero, '--out', out, '--format', 'epub']);
    expect(status, stderr).toBe(1);
    expect(stderr).toMatch(/zero\.md: not a regular file/);
    // Standard input is a pipe or a socket here (a terminal elsewhere): refused as not a regular file either way.
    expect(stderr).toMatch(/typed\.md: (not a regular file|cannot read \(a socket, not a file\))/);
    // In the folder it is refused the same way or skipped as a link out of it: never read.
    expect(stderr).toMatch(/in\.txt: (not a regular file|cannot read)|article ".*in\.txt" is a symlink to .*, outside the folder; skipped/);
    expect(readdirSync(out)).toEqual(['a.epub']);
  }, 60_000);

  it('refuses an article over 10 MB before reading it', () => {
    const dir = tempDir('warraq-big-');
    writeFileSync(path.join(dir, 'big.txt'), Buffer.alloc(11 * 1024 * 1024, 'ا '));
    const run = warraq(['build', path.join(dir, 'big.txt'), '--out', tempDir('warraq-out-')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/big\.txt: 11 MB, more than the 10 MB an article may have: refused/);
  });
});

describe('only whole images of a sane size are embedded', () => {
  function withFigure(image: Buffer, name = 'x.png'): { dir: string; file: string } {
    const dir = tempDir('warraq-image-');
    writeFileSync(path.join(dir, name), image);
    const file = path.join(dir, 'a.md');
    writeFileSync(file, `# عنوان\n\nفقرة قبل الصورة.\n\n![صورة](${name})\n\nفقرة بعدها.\n`);
    return { dir, file };
  }

  it('refuses a 65-byte PNG that claims 30000 × 30000 pixels, in every format, at once', () => {
    const bomb = png(1, 1);
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    // The header's checksum made right again: only the claim is hostile.
    const crc = execFileSync('python3', ['-c', `import zlib,sys;sys.stdout.write(str(zlib.crc32(bytes.fromhex('${bomb.subarray(12, 29).toString('hex')}'))))`]).toString();
    bomb.writeUInt32BE(Number(crc), 29);
    const { file } = withFigure(bomb);
    const started = Date.now();
    const run = warraq(['build', file, '--out', tempDir('warraq-out-')]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.match(/30000 × 30000 pixels, more than the limit of 50 megapixels/g)?.length).toBe(3);
  });

  it('refuses a PNG whose data inflates far past its size (a zlib bomb), in every format, without crashing', () => {
    const chunk = (type: string, body: Buffer): Buffer => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(typed));
      return Buffer.concat([length, typed, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(100, 0);
    header.writeUInt32BE(100, 4);
    header.set([8, 6], 8); // 8-bit RGBA: 40 KB of pixels, whose data inflates to 64 MB here
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
    const { file } = withFigure(bomb);
    const run = warraq(['build', file, '--out', tempDir('warraq-out-')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.match(/a PNG image whose data inflates past its size \(a zlib bomb\)/g)?.length).toBe(3);
  });

  it('skips a broken PNG with a warning in all three formats, and the EPUB stays valid', async () => {
    const broken = png(40, 30);
    broken[broken.length - 20] = (broken[broken.length - 20] ?? 0) ^ 0xff; // inside the image data: its checksum no longer matches
    const { file } = withFigure(broken);
    const out = tempDir('warraq-out-');
    const run = warraq(['build', file, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.match(/is a broken PNG image \(bad checksum in IDAT\)/g)?.length).toBe(3);
    const pdf = readFileSync(path.join(out, 'a.pdf')).toString('latin1');
    expect(pdf).not.toContain('/Subtype /Image');
    if (has('java')) expect(await epubProblems(readFileSync(path.join(out, 'a.epub')))).toEqual([]);
  });

  it('embeds an SVG in the EPUB only when nothing in it runs or fetches', async () => {
    const safe = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#c00"/></svg>');
    const hostile = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><image href="file:///etc/passwd"/></svg>');
    for (const [svg, kept] of [[safe, true], [hostile, false]] as const) {
      const { file } = withFigure(svg, 'x.svg');
      const out = tempDir('warraq-out-');
      const run = warraq(['build', file, '--out', out, '--format', 'epub']);
      expect(run.status, run.stderr).toBe(0);
      const { zip } = await openZip(readFileSync(path.join(out, 'a.epub')));
      expect(Object.keys(zip.files).some((name) => name.endsWith('.svg'))).toBe(kept);
      if (!kept) expect(run.stderr).toMatch(/an SVG image with (a script|event handlers|external references)/);
    }
  });
});
