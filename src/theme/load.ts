// Themes: a folder with theme.json, an optional epub.css and the font files it names. A theme is read
// only from its folder and the bundled fonts/ (a downloaded theme must not smuggle /etc/shadow into an
// EPUB as a "font"): a file that leaves them, or that is not a font, is refused with a warning and the
// bundled face stands in for it.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFontFile } from '../fonts/font-file.js';
import { UserError } from '../support/errors.js';
import { ThemeFileSchema, type FontFiles, type PageSize, type Theme } from './schema.js';
import { memo } from '../support/memo.js';
import { isWithin, localPath, readRegularFile, readRoot, type ReadRoot } from '../support/read-root.js';
import { PARSE_OPTIONS } from '../support/validation.js';

/** The package root: where `templates/` and `fonts/` live, whether run from src/ or build/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_FONTS = path.join(PACKAGE_ROOT, 'fonts');
const TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** The largest theme.json or epub.css read. */
const MAX_THEME_FILE_BYTES = 1024 * 1024;

/** How a theme is loaded. */
export interface LoadThemeOptions {
  /** The page size, overriding the theme's (--page-size). */
  pageSize?: PageSize | undefined;
  /** Read the files the theme names wherever they are (--allow-outside), not only in its folder and fonts/. */
  allowOutside?: boolean | undefined;
}

/** Loads a theme by bundled name ("default") or by folder path. Cached: fonts and CSS are read once a process. */
export function loadTheme(nameOrPath = 'default', options: LoadThemeOptions = {}): Theme {
  return themes.getOrMake(`${nameOrPath}\0${options.pageSize ?? ''}\0${options.allowOutside === true}`, () => readTheme(nameOrPath, options));
}
const themes = memo<string, Theme>('themes', 32);

/** Where a theme may read from, and where what it refused is told. */
interface ThemeReads {
  /** The theme folder. */
  dir: string;
  /** Its theme.json, which the warnings name. */
  file: string;
  /** The theme folder and the bundled fonts, by the paths as written, for names that point elsewhere. */
  folders: readonly string[];
  /** The same folders by their real paths, for files that lead elsewhere through a symlink. */
  root: ReadRoot;
  /** What was refused, one line each. */
  warnings: string[];
}

function readTheme(nameOrPath: string, options: LoadThemeOptions): Theme {
  const dir = /[/\\]/.test(nameOrPath) || nameOrPath.startsWith('.') ? path.resolve(nameOrPath) : path.join(TEMPLATES, nameOrPath);
  const file = path.join(dir, 'theme.json');
  if (!existsSync(file)) throw new UserError(`${file}: no such theme (a theme is a folder with theme.json)`);
  const folders = [dir, BUNDLED_FONTS];
  const reads: ThemeReads = { dir, file, folders, root: readRoot(folders, options.allowOutside), warnings: [] };
  const leaves = outsideTheme(file, reads);
  if (leaves !== undefined) throw new UserError(`${file}: ${leaves}`);
  const json = readRegularFile(file, MAX_THEME_FILE_BYTES);
  if (json.bytes === undefined) throw new UserError(`theme file ${json.problem}`);
  let raw: unknown;
  try {
    raw = JSON.parse(json.bytes.toString('utf8'));
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const result = ThemeFileSchema.safeParse(raw, PARSE_OPTIONS);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || '(root)';
    throw new UserError(`${file}: invalid theme key "${key}": ${issue?.message ?? 'invalid'}`);
  }
  const data = result.data;
  const body = resolveFamily(data.fonts.body, reads, true)!;
  const fallback = data.fonts.fallback.flatMap((family) => resolveFamily(family, reads, false) ?? []);
  const code = data.fonts.code === undefined ? undefined : resolveFamily(data.fonts.code, reads, false);
  // A language's family is left out whole (its text then set in the body family) when its regular face may not be used.
  const languages = Object.fromEntries(
    Object.entries(data.languages).flatMap(([lang, setting]) => {
      const family = resolveFamily(setting.body, reads, false);
      return family ? [[lang, { body: family, lineHeight: setting.lineHeight }]] : [];
    }),
  );
  return {
    ...data,
    page: { ...data.page, size: options.pageSize ?? data.page.size },
    fonts: { body, fallback, code },
    languages: Object.freeze(languages),
    dir,
    epubCss: themeCss(reads),
    warnings: Object.freeze(reads.warnings),
  };
}

/** Why a file that exists may not be read for the theme (it leads out of its folders), or undefined. */
function outsideTheme(file: string, reads: ThemeReads): string | undefined {
  if (reads.root.unrestricted) return undefined;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return undefined; // gone since it was found: reading it says so
  }
  return isWithin(real, reads.root.folders) ? undefined : `leads outside the theme folder and the bundled fonts (to ${real}; see --allow-outside)`;
}

/** The theme's epub.css, else the bundled one (with a warning when the theme's may not be read). */
function themeCss(reads: ThemeReads): string {
  const bundled = path.join(TEMPLATES, 'default', 'epub.css');
  const own = path.join(reads.dir, 'epub.css');
  if (!existsSync(own)) return readRegularFile(bundled, MAX_THEME_FILE_BYTES).bytes!.toString('utf8');
  const read = outsideTheme(own, reads) ?? readRegularFile(own, MAX_THEME_FILE_BYTES);
  if (typeof read !== 'string' && read.bytes !== undefined) return read.bytes.toString('utf8');
  reads.warnings.push(`${reads.file}: stylesheet "${own}" ${typeof read === 'string' ? read : read.problem}; using the bundled epub.css`);
  return readRegularFile(bundled, MAX_THEME_FILE_BYTES).bytes!.toString('utf8');
}

type FaceName = Exclude<keyof FontFiles, 'family'>;

/** The bundled faces that stand in for a body face the theme may not use (the default theme's). */
const BUNDLED_FACES: Readonly<Record<FaceName, string>> = Object.freeze({
  regular: 'Amiri-Regular.ttf',
  bold: 'Amiri-Bold.ttf',
  italic: 'Amiri-Italic.ttf',
  boldItalic: 'Amiri-BoldItalic.ttf',
});

/**
 * A family's faces made absolute. A face that may not be used is replaced by the bundled face of its
 * style in the body family, and left out of a fallback family (which is left out whole without its
 * regular face): a second copy of the body face would add nothing.
 */
function resolveFamily(family: FontFiles, reads: ThemeReads, body: boolean): FontFiles | undefined {
  const face = (name: FaceName): string | undefined => {
    const given = family[name];
    if (given === undefined) return undefined;
    const found = themeFont(given, reads);
    if ('file' in found) return found.file;
    const instead = body ? `using the bundled ${BUNDLED_FACES[name]}` : name === 'regular' ? `fallback family "${family.family}" left out` : 'left out';
    reads.warnings.push(`${reads.file}: font "${given}" ${found.problem}; ${instead}`);
    return body ? path.join(BUNDLED_FONTS, BUNDLED_FACES[name]) : undefined;
  };
  const regular = face('regular');
  if (regular === undefined) return undefined;
  return { family: family.family, regular, bold: face('bold'), italic: face('italic'), boldItalic: face('boldItalic') };
}

/**
 * A theme's font file: in the theme folder first, then its fonts/, then the bundled fonts/; or why it may
 * not be used (a predicate: it points or leads outside those folders, or is not a font). A name that
 * points nowhere at all is a mistake in the theme, an error as before.
 */
function themeFont(name: string, reads: ThemeReads): { file: string } | { problem: string } {
  const named = localPath(name, reads.dir);
  if (named === undefined) return { problem: 'is not a local file; warraq never downloads' };
  const candidates = path.isAbsolute(name) || /^file:/i.test(name) ? [named] : [named, path.resolve(reads.dir, 'fonts', name), path.resolve(BUNDLED_FONTS, name)];
  // By the path as written first, so a name pointing out of the folders is refused whether or not it exists.
  const allowed = reads.root.unrestricted ? candidates : candidates.filter((candidate) => isWithin(candidate, reads.folders));
  if (allowed.length === 0) return { problem: `is outside the theme folder and the bundled fonts (${named}; see --allow-outside)` };
  const file = allowed.find((candidate) => existsSync(candidate));
  if (file === undefined) throw new UserError(`${reads.file}: font file "${name}" not found in the theme folder or fonts/`);
  const leaves = outsideTheme(file, reads);
  if (leaves !== undefined) return { problem: leaves };
  const font = loadFontFile(file);
  return font.problem === undefined ? { file } : { problem: font.problem };
}
