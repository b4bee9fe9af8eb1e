import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../support/errors.js';
import { ThemeFileSchema, type FontFiles, type PageSize, type Theme } from './schema.js';
import { memo } from '../support/memo.js';
import { PARSE_OPTIONS } from '../support/validation.js';

/** The package root: where `templates/` and `fonts/` live, whether run from src/ or build/. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_FONTS = path.join(PACKAGE_ROOT, 'fonts');
const TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** How a theme is loaded. */
export interface LoadThemeOptions {
  /** The page size, overriding the theme's (--page-size). */
  pageSize?: PageSize | undefined;
}

/** Loads a theme by bundled name ("default") or by folder path. Cached: fonts and CSS are read once a process. */
export function loadTheme(nameOrPath = 'default', options: LoadThemeOptions = {}): Theme {
  return themes.getOrMake(`${nameOrPath}\0${options.pageSize ?? ''}`, () => readTheme(nameOrPath, options));
}
const themes = memo<string, Theme>('themes', 32);

function readTheme(nameOrPath: string, options: LoadThemeOptions): Theme {
  const dir = /[/\\]/.test(nameOrPath) || nameOrPath.startsWith('.') ? path.resolve(nameOrPath) : path.join(TEMPLATES, nameOrPath);
  const file = path.join(dir, 'theme.json');
  if (!existsSync(file)) throw new UserError(`${file}: no such theme (a theme is a folder with theme.json)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
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
  const cssFile = path.join(dir, 'epub.css');
  const epubCss = readFileSync(existsSync(cssFile) ? cssFile : path.join(TEMPLATES, 'default', 'epub.css'), 'utf8');
  const resolveFonts = (f: FontFiles): FontFiles => ({
    family: f.family,
    regular: fontPath(dir, f.regular, file),
    bold: f.bold && fontPath(dir, f.bold, file),
    italic: f.italic && fontPath(dir, f.italic, file),
    boldItalic: f.boldItalic && fontPath(dir, f.boldItalic, file),
  });
  return {
    ...data,
    page: { ...data.page, size: options.pageSize ?? data.page.size },
    fonts: { body: resolveFonts(data.fonts.body), fallback: data.fonts.fallback.map(resolveFonts) },
    dir,
    epubCss,
  };
}

/** A theme's font file: in the theme folder first, then the bundled fonts/. */
function fontPath(themeDir: string, name: string, themeFile: string): string {
  for (const candidate of [path.resolve(themeDir, name), path.join(themeDir, 'fonts', name), path.join(BUNDLED_FONTS, name)]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UserError(`${themeFile}: font file "${name}" not found in the theme folder or fonts/`);
}
