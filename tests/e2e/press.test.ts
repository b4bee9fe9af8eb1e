// The press PDF (--print) as a printing house's prepress sees it: Ghostscript's ink coverage per plate,
// the page boxes poppler reports, crop marks where a guillotine needs them (rendered by poppler), the
// PDF/X output intent and its profile (qpdf, Ghostscript), qpdf's check, and the text readers copy out.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq, withoutSampleTail } from '../support/cli.js';
import { ARTICLES, BOOK, ROOT, SAMPLE, TEMPLATES } from '../support/paths.js';
import { openPdf, pdfjsText, pdftotext, qpdfCheck } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';

const ENV = { SOURCE_DATE_EPOCH: '1735689600' };
const VOWELLED = path.join(ARTICLES, 'vowelled.json');
const WITH_IMAGE = path.join(ARTICLES, 'arabic.md');
const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };

/** Runs the command and returns the output folder; fails the test with stderr if the command fails. */
function run(args: string[]): string {
  const out = tempDir();
  const result = warraq([...args, '--out', out], ENV);
  expect(withoutSampleTail(result.stderr)).toBe('');
  expect(result.status).toBe(0);
  return out;
}

/** Ghostscript's ink coverage of every page: [C, M, Y, K] as fractions of the page area. */
function inkCoverage(file: string, options: string[] = []): [number, number, number, number][] {
  const output = execFileSync('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', ...options, file], { encoding: 'utf8' });
  return output.trim().split('\n').map((line) => line.trim().split(/\s+/).slice(0, 4).map(Number) as [number, number, number, number]);
}

type Box = [number, number, number, number];
/** Every page's boxes as pdfinfo prints them. */
function boxes(file: string): Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox', Box>[] {
  const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  const pages: Record<string, Box>[] = [];
  for (const m of info.matchAll(/^Page\s+(\d+) (MediaBox|CropBox|BleedBox|TrimBox):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/gm)) {
    const page = Number(m[1]) - 1;
    (pages[page] ??= {})[m[2] as string] = [m[3], m[4], m[5], m[6]].map(Number) as Box;
  }
  return pages as Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox', Box>[];
}

/** A page rendered by poppler at 72 dpi (one pixel a point) in grey: width, height and the pixels, top row first. */
function render(file: string, options: string[] = []): { width: number; height: number; pixels: Uint8Array } {
  const prefix = path.join(tempDir(), 'page');
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-singlefile', '-f', '1', '-l', '1', ...options, file, prefix]);
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
}

/** An object of the file as qpdf shows it (its dictionary; with `stream`, its decoded data). */
function qpdfObject(file: string, object: string, stream = false): Buffer {
  return execFileSync('qpdf', [`--show-object=${object}`, ...(stream ? ['--filtered-stream-data'] : []), file]);
}

const tools = has('gs') && has('pdfinfo') && has('pdftoppm') && has('qpdf') && has('pdftotext');

describe.skipIf(!tools)('the press PDF (--print)', () => {
  let plain: string;
  let marked: string;
  let screen: string;
  let book: string;
  const press = (dir: string, name: string): string => path.join(dir, `${name}.print.pdf`);
  beforeAll(() => {
    screen = run(['build', SAMPLE, VOWELLED, '-f', 'pdf']);
    plain = run(['build', SAMPLE, VOWELLED, '-f', 'pdf', '--print']);
    marked = run(['build', SAMPLE, '-f', 'pdf', '--print', '--marks']);
    book = run(['book', path.join(BOOK, 'book.yaml'), '-f', 'pdf', '--print']);
  });

  it('is written beside the screen PDF, which stays byte for byte what it was without --print', () => {
    for (const name of ['alaska-summit', 'vowelled']) {
      expect(readFileSync(path.join(plain, `${name}.pdf`)).equals(readFileSync(path.join(screen, `${name}.pdf`)))).toBe(true);
      expect(readFileSync(press(plain, name)).subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    }
    // And it is reproducible like the screen PDF.
    const again = run(['build', SAMPLE, '-f', 'pdf', '--print', '--marks']);
    expect(readFileSync(press(again, 'alaska-summit')).equals(readFileSync(press(marked, 'alaska-summit')))).toBe(true);
  });

  it('prints its text in black ink alone: no cyan, magenta or yellow on any page of the sample, a vocalised article or a book', () => {
    const files = [press(plain, 'alaska-summit'), press(plain, 'vowelled'), press(book, 'book')];
    for (const file of files) {
      const pages = inkCoverage(file);
      expect(pages.length).toBeGreaterThan(0);
      for (const [c, m, y, k] of pages) {
        expect([c, m, y]).toEqual([0, 0, 0]);
        expect(k).toBeGreaterThan(0.002);
      }
    }
    // The screen PDF's near-black is RGB, which separates into all four plates.
    for (const [c, m, y, k] of inkCoverage(path.join(screen, 'alaska-summit.pdf'))) {
      expect(c).toBeGreaterThan(0.01);
      expect([m, y, k]).toEqual([c, c, c]);
    }
  });

  it('has a TrimBox of the page size and a BleedBox 3 mm larger on every page, the media no larger without marks', () => {
    for (const file of [press(plain, 'alaska-summit'), press(book, 'book')]) {
      const pages = boxes(file);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        const [x0, y0, x1, y1] = page.TrimBox;
        expect(x1 - x0).toBeCloseTo(A4.width, 2);
        expect(y1 - y0).toBeCloseTo(A4.height, 2);
        // pdfinfo prints two decimals.
        const [b0, c0, b1, c1] = page.BleedBox;
        for (const bleed of [x0 - b0, y0 - c0, b1 - x1, c1 - y1]) expect(Math.abs(bleed / MM - 3)).toBeLessThan(0.01);
        page.MediaBox.forEach((n, i) => expect(Math.abs(n - (page.BleedBox[i] as number))).toBeLessThan(0.01));
      }
    }
  });

  it('takes the bleed asked for, and on a Letter page too', () => {
    const out = run(['build', SAMPLE, '-f', 'pdf', '--print', '--bleed', '5', '--page-size', 'Letter']);
    for (const page of boxes(press(out, 'alaska-summit'))) {
      const [x0, y0, x1, y1] = page.TrimBox;
      expect([x1 - x0, y1 - y0].map((n) => n.toFixed(2))).toEqual(['612.00', '792.00']);
      expect(Math.abs((x0 - page.BleedBox[0]) / MM - 5)).toBeLessThan(0.01);
      expect(Math.abs((page.BleedBox[3] - y1) / MM - 5)).toBeLessThan(0.01);
    }
  });

  it('draws crop marks outside the bleed, on the lines of the trim, and nothing else outside the page', () => {
    const file = press(marked, 'alaska-summit');
    const page = boxes(file)[0]!;
    const full = render(file);
    // No CropBox hides the marks: a viewer shows what the printer gets.
    expect(Buffer.from(render(file, ['-cropbox']).pixels).equals(Buffer.from(full.pixels))).toBe(true);
    expect(full.width).toBe(Math.ceil(page.MediaBox[2]));
    // PDF user space (y up) to the picture's rows (y down), one pixel a point.
    const top = (y: number): number => full.height - y;
    const [tx0, ty0, tx1, ty1] = page.TrimBox;
    const [bx0, by0, bx1, by1] = page.BleedBox;
    const onTrimLine = (x: number, y: number): boolean => [tx0, tx1].some((t) => Math.abs(x - t) <= 1.5) || [top(ty0), top(ty1)].some((t) => Math.abs(y - t) <= 1.5);
    // A mark's pixel: its corner, and whether it lies beside the trim (a horizontal mark) or above or below it.
    const mark = (x: number, y: number): string =>
      `${x < (tx0 + tx1) / 2 ? 'left' : 'right'}-${y < (top(ty0) + top(ty1)) / 2 ? 'top' : 'bottom'}-${y < top(ty1) - 2 || y > top(ty0) + 2 ? 'beyond' : 'beside'}`;
    const marks = new Set<string>();
    let strays = 0;
    let inBleed = 0;
    for (let row = 0; row < full.height; row++) {
      for (let col = 0; col < full.width; col++) {
        const value = full.pixels[row * full.width + col]!;
        const x = col + 0.5;
        const y = row + 0.5;
        const insideTrim = x > tx0 && x < tx1 && y > top(ty1) && y < top(ty0);
        const insideBleed = x > bx0 - 1 && x < bx1 + 1 && y > top(by1) - 1 && y < top(by0) + 1;
        if (value >= 250 || insideTrim) continue;
        if (insideBleed) inBleed++;
        else if (onTrimLine(x, y)) marks.add(mark(x, y));
        else strays++;
      }
    }
    // Two hairlines at each corner: one beside the trim, one beyond its top or bottom edge.
    const corners = ['left-bottom', 'left-top', 'right-bottom', 'right-top'];
    expect([...marks].sort()).toEqual(corners.flatMap((corner) => [`${corner}-beside`, `${corner}-beyond`]));
    expect(strays).toBe(0);
    expect(inBleed).toBe(0);
    // Within the bleed, the page with marks is pixel for pixel the page without.
    const margin = Math.round(page.BleedBox[0]);
    const unmarked = render(press(plain, 'alaska-summit'));
    const cut = render(file, ['-x', String(margin), '-y', String(margin), '-W', String(unmarked.width), '-H', String(unmarked.height)]);
    expect(Buffer.from(cut.pixels).equals(Buffer.from(unmarked.pixels))).toBe(true);
  });

  it('prints the marks on every plate (registration), outside the bleed only', () => {
    const file = press(marked, 'alaska-summit');
    for (const [c, m, y, k] of inkCoverage(file)) {
      expect(c).toBeGreaterThan(0);
      expect([m, y]).toEqual([c, c]);
      expect(k).toBeGreaterThan(c);
    }
    for (const [c, m, y] of inkCoverage(file, ['-dUseBleedBox'])) expect([c, m, y]).toEqual([0, 0, 0]);
  });

  it('is PDF/X-4 with a FOGRA39 output intent whose embedded profile qpdf and Ghostscript read', () => {
    const file = press(plain, 'alaska-summit');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/PDF subtype:\s+PDF\/X-4/);
    expect(info).toMatch(/PDF version:\s+1\.6/);
    expect(info).toMatch(/Encrypted:\s+no/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const root = /\/Root (\d+) 0 R/.exec(qpdfObject(file, 'trailer').toString('latin1'))?.[1];
    const catalog = qpdfObject(file, String(root)).toString('latin1');
    expect(catalog).toMatch(/\/OutputIntents \[ << [^\]]*\/S \/GTS_PDFX/);
    expect(catalog).toMatch(/\/OutputConditionIdentifier \(FOGRA39\)/);
    const profileRef = /\/DestOutputProfile (\d+) 0 R/.exec(catalog)?.[1];
    expect(qpdfObject(file, String(profileRef)).toString('latin1')).toMatch(/\/N 4\b/);
    const profile = qpdfObject(file, String(profileRef), true);
    // An ICC output profile for CMYK: its size, 'acsp', class 'prtr', data colour space 'CMYK'.
    expect(profile.readUInt32BE(0)).toBe(profile.length);
    expect(profile.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(profile.subarray(12, 20).toString('latin1')).toBe('prtrCMYK');
    expect(profile.equals(readFileSync(path.join(ROOT, 'profiles', 'FOGRA39-warraq.icc')))).toBe(true);
    // Ghostscript converts an RGB image page through the profile taken out of the file, and through the
    // file's own output intent, without a complaint.
    const imagePage = press(run(['build', WITH_IMAGE, '-f', 'pdf', '--print', '--template', quietTheme()]), 'arabic');
    const extracted = path.join(tempDir(), 'intent.icc');
    writeFileSync(extracted, profile);
    for (const options of [[`-sOutputICCProfile=${extracted}`], ['-dUsePDFX3Profile']]) {
      const gs = spawnSync('gs', ['-o', '-', '-sDEVICE=inkcov', ...options, imagePage], { encoding: 'utf8' });
      expect(gs.status).toBe(0);
      expect(`${gs.stdout}${gs.stderr}`).not.toMatch(/error|not conform|warning/i);
      const coverage = gs.stdout.trim().split('\n').pop()!.trim().split(/\s+/).slice(0, 4).map(Number);
      expect(coverage[3]).toBeGreaterThan(0.005);
    }
    // The Info and the XMP say PDF/X-4 and that the file is not trapped.
    const trailer = qpdfObject(file, 'trailer').toString('latin1');
    const infoDict = qpdfObject(file, /\/Info (\d+) 0 R/.exec(trailer)![1]!).toString('latin1');
    const trapped = qpdfObject(file, /\/Trapped (\d+) 0 R/.exec(infoDict)![1]!).toString('latin1').trim();
    expect(trapped).toBe('/False');
    const xmp = qpdfObject(file, /\/Metadata (\d+) 0 R/.exec(catalog)![1]!, true).toString('utf8');
    expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect(xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
  });

  it('passes qpdf --check with nothing to say', () => {
    for (const file of [press(plain, 'alaska-summit'), press(plain, 'vowelled'), press(marked, 'alaska-summit'), press(book, 'book')]) {
      const check = qpdfCheck(file);
      expect(check.status).toBe(0);
      expect(check.output).not.toMatch(/WARNING/i);
    }
  });

  it('copies back the same text as the screen PDF, in poppler and in pdf.js, and keeps its bookmarks', async () => {
    const screenBook = run(['book', path.join(BOOK, 'book.yaml'), '-f', 'pdf']);
    const pairs: [string, string][] = [
      [path.join(screen, 'alaska-summit.pdf'), press(marked, 'alaska-summit')],
      [path.join(screen, 'vowelled.pdf'), press(plain, 'vowelled')],
      [path.join(screenBook, 'book.pdf'), press(book, 'book')],
    ];
    for (const [screenFile, pressFile] of pairs) {
      expect(pdftotext(pressFile)).toBe(pdftotext(screenFile));
      expect(await pdfjsText(readFileSync(pressFile))).toBe(await pdfjsText(readFileSync(screenFile)));
    }
    const bookmarks = async (file: string): Promise<string[]> => {
      const doc = await openPdf(readFileSync(file));
      const walk = (items: { title: string; items: unknown[] }[]): string[] => items.flatMap((item) => [item.title, ...walk(item.items as typeof items)]);
      const titles = walk((await doc.getOutline()) ?? []);
      await doc.destroy();
      return titles;
    };
    const titles = await bookmarks(press(book, 'book'));
    expect(titles.length).toBeGreaterThan(3);
    expect(titles).toEqual(await bookmarks(path.join(screenBook, 'book.pdf')));
  });
});

/** The default theme with images wanted at 90 ppi (the fixture's map is 96), so a run has no warning. */
function quietTheme(): string {
  const dir = tempDir();
  const theme = JSON.parse(readFileSync(path.join(TEMPLATES, 'default', 'theme.json'), 'utf8')) as { print: { imagePpi: number } };
  theme.print.imagePpi = 90;
  writeFileSync(path.join(dir, 'theme.json'), JSON.stringify(theme));
  return dir;
}

describe.skipIf(!(has('gs') && has('pdfimages')))('images and themes in the press PDF', () => {
  it('warns about an image under the theme’s resolution, tags RGB images sRGB, and stays quiet below a lower bar', () => {
    const out = tempDir();
    const loud = warraq(['build', WITH_IMAGE, '-f', 'pdf', '--print', '--out', out], ENV);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toMatch(/^warning: .*arabic\.md: .*map\.png: 96 ppi at its printed size .*under the 300 ppi/m);
    const screenOnly = warraq(['build', WITH_IMAGE, '-f', 'pdf', '--out', tempDir()], ENV);
    expect(screenOnly.stderr).toBe('');
    const images = execFileSync('pdfimages', ['-list', path.join(out, 'arabic.print.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.map((line) => line.trim().split(/\s+/)[5])).toEqual(['icc']);
    const quiet = warraq(['build', WITH_IMAGE, '-f', 'pdf', '--print', '--template', quietTheme(), '--out', tempDir()], ENV);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('does not repeat a warning the screen PDF gave, and gives it when there is no screen PDF', () => {
    const hostile = path.join(ARTICLES, 'hostile.json');
    const both = warraq(['build', hostile, '-f', 'pdf', '--print', '--out', tempDir()], ENV);
    expect(both.status).toBe(0);
    const lines = both.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(new Set(lines).size).toBe(lines.length);
    const pressOnly = warraq(['build', hostile, '-f', 'epub', '--print', '--out', tempDir()], ENV);
    expect(pressOnly.stderr).toMatch(/pdf: figure "does-not-exist\.png" not found/);
  });

  it('sets a theme without a print section in black ink too: its greys become black alone', () => {
    const dir = tempDir();
    const theme = JSON.parse(readFileSync(path.join(TEMPLATES, 'default', 'theme.json'), 'utf8')) as Record<string, unknown>;
    delete theme.print;
    writeFileSync(path.join(dir, 'theme.json'), JSON.stringify(theme));
    const out = run(['build', SAMPLE, '-f', 'pdf', '--print', '--template', dir]);
    for (const [c, m, y, k] of inkCoverage(path.join(out, 'alaska-summit.print.pdf'))) {
      expect([c, m, y]).toEqual([0, 0, 0]);
      expect(k).toBeGreaterThan(0.002);
    }
  });

  it('refuses a print colour that is no CMYK, naming the theme and the key', () => {
    const dir = tempDir();
    const theme = JSON.parse(readFileSync(path.join(TEMPLATES, 'default', 'theme.json'), 'utf8')) as { print: { colours: Record<string, unknown> } };
    theme.print.colours.text = [0, 0, 100];
    writeFileSync(path.join(dir, 'theme.json'), JSON.stringify(theme));
    const result = warraq(['build', SAMPLE, '-f', 'pdf', '--print', '--template', dir, '--out', tempDir()], ENV);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/theme\.json: invalid theme key "print\.colours\.text"/);
  });
});

describe('the press PDF options on the command line', () => {
  it('refuses --marks and --bleed without --print, and a bleed out of range, as usage errors', () => {
    const marks = warraq(['build', SAMPLE, '--marks', '--out', tempDir()]);
    expect(marks.status).toBe(2);
    expect(marks.stderr).toBe('warraq: --marks shapes the press PDF: add --print\n');
    const bleed = warraq(['book', path.join(BOOK, 'book.yaml'), '--bleed', '3', '--out', tempDir()]);
    expect(bleed.status).toBe(2);
    expect(bleed.stderr).toMatch(/--bleed shapes the press PDF: add --print/);
    for (const value of ['30', '-1', 'three']) {
      const wrong = warraq(['build', SAMPLE, '--print', '--bleed', value, '--out', tempDir()]);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/expected the bleed in millimetres, 0 to 20/);
    }
  });

  it('refuses a batch where one article’s press PDF is another’s screen PDF, writing nothing', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'عنوان\n\nفقرة أولى من النص.\n');
    writeFileSync(path.join(dir, 'a.print.txt'), 'عنوان آخر\n\nفقرة ثانية من النص.\n');
    const out = tempDir();
    const result = warraq(['build', dir, '--print', '-f', 'pdf', '--out', out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/a\.print\.txt: would overwrite the press PDF of .*a\.txt \(a\.print\.pdf\)/);
    expect(spawnSync('ls', ['-A', out], { encoding: 'utf8' }).stdout).toBe('');
  });
});
