// A theme's "languages": the theme a language's text is set in, as every renderer asks for it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedFamilies } from '../../src/fonts/coverage.js';
import { loadTheme, themeForLanguage } from '../../src/theme/index.js';
import { UserError } from '../../src/support/errors.js';
import { TEMPLATES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

function themeWith(edit: (theme: Record<string, unknown>) => void): string {
  const dir = tempDir('warraq-theme-languages-');
  const theme = JSON.parse(readFileSync(path.join(TEMPLATES, 'default', 'theme.json'), 'utf8')) as Record<string, unknown>;
  edit(theme);
  writeFileSync(path.join(dir, 'theme.json'), JSON.stringify(theme));
  return dir;
}

describe('themeForLanguage', () => {
  const theme = loadTheme('default');

  it('sets Urdu (any tag of it) in Nastaliq at its own line height, the body family first among the fallbacks', () => {
    const urdu = themeForLanguage(theme, 'ur-PK');
    expect(path.basename(urdu.fonts.body.regular)).toBe('NotoNastaliqUrdu-Regular.ttf');
    expect(urdu.fonts.fallback[0]).toBe(theme.fonts.body);
    expect(urdu.lineHeight).toBe(2.3);
    expect(urdu.sizes).toBe(theme.sizes);
    expect(themeForLanguage(theme, 'UR')).toBe(urdu);
  });

  it('gives the theme itself for a language it names no face for, from a language’s theme too', () => {
    expect(themeForLanguage(theme, 'ar')).toBe(theme);
    expect(themeForLanguage(theme, undefined)).toBe(theme);
    expect(themeForLanguage(themeForLanguage(theme, 'ur'), 'fa')).toBe(theme);
    expect(themeForLanguage(themeForLanguage(theme, 'ur'), 'ur')).toBe(themeForLanguage(theme, 'ur'));
  });

  it('leaves Urdu in the body family in a theme without "languages"', () => {
    const plain = loadTheme(themeWith((t) => delete t.languages));
    expect(themeForLanguage(plain, 'ur')).toBe(plain);
  });

  it('refuses a key that is not a primary language subtag, naming it', () => {
    const dir = themeWith((t) => (t.languages = { Urdu: (t.languages as Record<string, unknown>).ur }));
    expect(() => loadTheme(dir)).toThrow(UserError);
    expect(() => loadTheme(dir)).toThrow(/invalid theme key "languages.Urdu"/u);
  });
});

describe('embeddedFamilies', () => {
  const theme = loadTheme('default');
  const names = (families: readonly { family: string }[]): string[] => families.map((f) => f.family);

  it('adds the face of each language it is given, once, and the body family back for another', () => {
    expect(names(embeddedFamilies(theme, 'نص', '', ['ar', 'ur', 'ur-PK']))).toEqual(['Amiri', 'Noto Nastaliq Urdu']);
    expect(names(embeddedFamilies(themeForLanguage(theme, 'ur'), 'نص', '', ['ur']))).toEqual(['Noto Nastaliq Urdu']);
    expect(names(embeddedFamilies(themeForLanguage(theme, 'ur'), 'نص', '', ['ur', 'ar']))).toEqual(['Noto Nastaliq Urdu', 'Amiri']);
  });

  it('adds the code family for code with a character in it, not for a book’s line breaks between articles without code', () => {
    expect(names(embeddedFamilies(theme, 'نص', 'print(1)', ['ar']))).toContain('JetBrains Mono');
    expect(names(embeddedFamilies(theme, 'نص', '\n\n', ['ar']))).not.toContain('JetBrains Mono');
  });
});
