// A theme is read only from its folder and the bundled fonts/: a font (or stylesheet) named by an
// absolute path, by .., by a file: URL or through a symlink out of the folder is not read; a file that is
// not a font is not embedded. Each is told in one warning naming theme.json and the path, and the bundled
// face stands in, so the documents are those of the default theme.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { woff2 } from '../support/fonts.js';
import { FONTS, TEMPLATES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { epubProblems } from '../support/validate.js';
import { openZip } from '../support/zip.js';

/** Text no output may ever carry: it stands for /etc/shadow. */
const MARKER = 'SECRET-0f3a9c-' + 'x'.repeat(200);

/** An article that sets all four faces (bold and italic travel only when used). */
const ARTICLE = '# عنوان المقال\n\nفقرة فيها **كلمة بارزة** و*كلمة مائلة* و***كلتاهما***، ثم نص عادي يكفي لسطر كامل من المقال.\n';

interface Setup {
  base: string;
  article: string;
  theme: string;
}

/** A copy of the default theme beside an article, a secret and a font outside it, its body faces as `faces` says. */
function setup(faces: (base: string) => Partial<Record<'regular' | 'bold' | 'italic' | 'boldItalic', string>>, prepare: (theme: string, base: string) => void = () => {}): Setup {
  const base = tempDir('warraq-theme-root-');
  const theme = path.join(base, 'themes', 'mine');
  mkdirSync(theme, { recursive: true });
  cpSync(path.join(TEMPLATES, 'default'), theme, { recursive: true });
  writeFileSync(path.join(base, 'secret.txt'), MARKER);
  mkdirSync(path.join(base, 'outside'));
  copyFileSync(path.join(FONTS, 'Amiri-Italic.ttf'), path.join(base, 'outside', 'Other.ttf'));
  const file = path.join(theme, 'theme.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as { fonts: { body: Record<string, string> } };
  Object.assign(settings.fonts.body, faces(base));
  writeFileSync(file, JSON.stringify(settings));
  prepare(theme, base);
  const article = path.join(base, 'a.md');
  writeFileSync(article, ARTICLE);
  return { base, article, theme };
}

/** The three documents, by format, built with `template`. */
function documents(article: string, template: string, extra: readonly string[] = []): { stderr: string; status: number | null; files: Map<string, Buffer> } {
  const out = tempDir('warraq-out-');
  const run = warraq(['build', article, '--out', out, '--template', template, ...extra]);
  const files = new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
  return { stderr: run.stderr, status: run.status, files };
}

/** Whether any entry of a zip package (EPUB, DOCX) holds the marker. */
async function carriesMarker(bytes: Buffer): Promise<boolean> {
  const { zip } = await openZip(bytes);
  for (const entry of Object.values(zip.files)) if (Buffer.from(await entry.async('uint8array')).includes(MARKER.slice(0, 40))) return true;
  return false;
}

describe('theme files stay inside the theme folder and the bundled fonts', () => {
  it('skips a font named by an absolute path, .., a percent-encoded file: URL or a symlink out, and a stylesheet symlinked out', async () => {
    // The file: URL spells the outside font with a percent-encoded letter: %4F is "O".
    const url = (base: string): string => pathToFileURL(path.join(base, 'outside', 'Other.ttf')).href.replace('/Other.ttf', '/%4Fther.ttf');
    const { base, article, theme } = setup(
      (root) => ({ regular: '/etc/passwd', bold: '../../secret.txt', italic: url(root), boldItalic: 'link.ttf' }),
      (dir, root) => {
        symlinkSync(path.join(root, 'outside', 'Other.ttf'), path.join(dir, 'link.ttf'));
        rmSync(path.join(dir, 'epub.css'));
        symlinkSync(path.join(root, 'secret.txt'), path.join(dir, 'epub.css'));
      },
    );
    const file = path.join(theme, 'theme.json');

    const hostile = documents(article, theme);
    expect(hostile.status, hostile.stderr).toBe(0);
    const warnings = hostile.stderr.trim().split('\n');
    expect(warnings).toEqual([
      `warning: ${file}: font "/etc/passwd" is outside the theme folder and the bundled fonts (/etc/passwd; see --allow-outside); using the bundled Amiri-Regular.ttf`,
      `warning: ${file}: font "../../secret.txt" is outside the theme folder and the bundled fonts (${path.join(base, 'secret.txt')}; see --allow-outside); using the bundled Amiri-Bold.ttf`,
      `warning: ${file}: font "${url(base)}" is outside the theme folder and the bundled fonts (${path.join(base, 'outside', 'Other.ttf')}; see --allow-outside); using the bundled Amiri-Italic.ttf`,
      `warning: ${file}: font "link.ttf" leads outside the theme folder and the bundled fonts (to ${path.join(base, 'outside', 'Other.ttf')}; see --allow-outside); using the bundled Amiri-BoldItalic.ttf`,
      `warning: ${file}: stylesheet "${path.join(theme, 'epub.css')}" leads outside the theme folder and the bundled fonts (to ${path.join(base, 'secret.txt')}; see --allow-outside); using the bundled epub.css`,
    ]);
    // The bundled faces and stylesheet stood in: the documents are the default theme's, byte for byte.
    const plain = documents(article, 'default');
    expect(plain.stderr).toBe('');
    expect([...hostile.files.keys()]).toEqual(['a.docx', 'a.epub', 'a.pdf']);
    for (const [name, bytes] of plain.files) expect(hostile.files.get(name)?.equals(bytes), name).toBe(true);
    expect(await carriesMarker(hostile.files.get('a.epub')!)).toBe(false);
    expect(await carriesMarker(hostile.files.get('a.docx')!)).toBe(false);

    // --allow-outside lifts the folder, not the check that a font is a font.
    const lifted = documents(article, theme, ['--allow-outside']);
    expect(lifted.status, lifted.stderr).toBe(0);
    expect(lifted.stderr).not.toMatch(/outside the theme folder/);
    expect(lifted.stderr).toMatch(/font "\.\.\/\.\.\/secret\.txt" is not a font \(TrueType, OpenType, a collection of them, WOFF or WOFF2\)/);
    expect(await carriesMarker(lifted.files.get('a.epub')!)).toBe(true); // the stylesheet the user vouched for
  });

  it('refuses a file in the theme folder that is not a font, and embeds a real WOFF2 as it is', async () => {
    const fonts = readFileSync(path.join(FONTS, 'Amiri-Bold.ttf'));
    const { article, theme } = setup(() => ({ regular: 'notes.woff', bold: 'cut.ttf', italic: 'OFL.txt', boldItalic: 'fonts/Face.woff2' }), (dir) => {
      writeFileSync(path.join(dir, 'notes.woff'), MARKER);
      writeFileSync(path.join(dir, 'cut.ttf'), fonts.subarray(0, 30_000));
      mkdirSync(path.join(dir, 'fonts'));
      writeFileSync(path.join(dir, 'fonts', 'Face.woff2'), woff2(readFileSync(path.join(FONTS, 'Amiri-BoldItalic.ttf'))));
    });
    const file = path.join(theme, 'theme.json');
    const out = tempDir('warraq-out-');
    const run = warraq(['build', article, '--out', out, '--template', theme, '--format', 'epub']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      `warning: ${file}: font "notes.woff" is not a font (TrueType, OpenType, a collection of them, WOFF or WOFF2) (${path.join(theme, 'notes.woff')}); using the bundled Amiri-Regular.ttf`,
      `warning: ${file}: font "cut.ttf" is a broken TrueType font (its GPOS table lies past the end of the file) (${path.join(theme, 'cut.ttf')}); using the bundled Amiri-Bold.ttf`,
      `warning: ${file}: font "OFL.txt" is not a font (TrueType, OpenType, a collection of them, WOFF or WOFF2) (${path.join(FONTS, 'OFL.txt')}); using the bundled Amiri-Italic.ttf`,
    ]);
    const epub = readFileSync(path.join(out, 'a.epub'));
    expect(await carriesMarker(epub)).toBe(false);
    const { zip } = await openZip(epub);
    const fontEntries = Object.keys(zip.files).filter((name) => name.startsWith('OEBPS/fonts/')).sort();
    expect(fontEntries).toEqual(['OEBPS/fonts/Amiri-Bold.ttf', 'OEBPS/fonts/Amiri-Italic.ttf', 'OEBPS/fonts/Amiri-Regular.ttf', 'OEBPS/fonts/Face.woff2']);
    const embedded = Buffer.from(await zip.file('OEBPS/fonts/Face.woff2')!.async('uint8array'));
    expect(embedded.equals(readFileSync(path.join(theme, 'fonts', 'Face.woff2')))).toBe(true);
    if (has('java')) expect(await epubProblems(epub)).toEqual([]);
  });

  it('refuses a theme.json that leads out of its folder, with one line', () => {
    const { base, article } = setup(() => ({}));
    const theme = path.join(base, 'themes', 'linked');
    mkdirSync(theme);
    symlinkSync(path.join(base, 'secret.txt'), path.join(theme, 'theme.json'));
    const run = warraq(['build', article, '--out', tempDir('warraq-out-'), '--template', theme]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.join(theme, 'theme.json')}: leads outside the theme folder and the bundled fonts (to ${path.join(base, 'secret.txt')}; see --allow-outside)`);
    expect(run.stderr).not.toContain('SECRET');
  });
});
