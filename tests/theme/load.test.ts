import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/theme/index.js';
import { TEMPLATES } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const DEFAULT = path.join(TEMPLATES, 'default', 'theme.json');

function themeDir(edit: (theme: Record<string, unknown>) => void): string {
  const dir = tempDir('warraq-theme-');
  const theme = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Record<string, unknown>;
  edit(theme);
  writeFileSync(path.join(dir, 'theme.json'), JSON.stringify(theme));
  return dir;
}

describe('themes', () => {
  it('loads the default with Amiri from fonts/ and the typography the issue asks for', () => {
    const theme = loadTheme('default');
    expect(theme.page.size).toBe('A4');
    expect(theme.sizes).toMatchObject({ body: 12, title: 22, subtitle: 15 });
    expect(theme.sizes.heading[0]).toBe(15);
    expect(theme.lineHeight).toBeCloseTo(1.8);
    expect(path.basename(theme.fonts.body.regular)).toBe('Amiri-Regular.ttf');
    const rules = theme.epubCss.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(rules).toMatch(/text-align:\s*justify/);
    expect(rules).not.toMatch(/direction\s*:|unicode-bidi|letter-spacing/);
  });

  it('bundles a compact A5 edition and honours --page-size', () => {
    expect(loadTheme('a5').page.size).toBe('A5');
    expect(loadTheme('a5').sizes.body).toBeLessThan(loadTheme('default').sizes.body);
    expect(loadTheme('default', { pageSize: 'Letter' }).page.size).toBe('Letter');
  });

  it('opens book articles on rectos in the A5 edition only; a theme without the key leaves it off', () => {
    expect(loadTheme('a5').book.rectoOpenings).toBe(true);
    expect(loadTheme('default').book.rectoOpenings).toBe(false);
    const unknown = themeDir((t) => {
      t.book = { rectoOpenings: true, blankPages: 'always' };
    });
    expect(() => loadTheme(unknown)).toThrow(/invalid theme key "book"/);
  });

  it('reads a user theme folder and names the bad key of an invalid one', () => {
    const good = themeDir((t) => {
      t.name = 'mine';
      (t.colours as Record<string, string>).heading = '#800000';
    });
    expect(loadTheme(good).colours.heading).toBe('#800000');
    const bad = themeDir((t) => {
      (t.colours as Record<string, string>).heading = 'red';
    });
    expect(() => loadTheme(bad)).toThrow(/invalid theme key "colours\.heading": must be a colour/);
    const missingFont = themeDir((t) => {
      (t.fonts as { body: { regular: string } }).body.regular = 'Nope.ttf';
    });
    expect(() => loadTheme(missingFont)).toThrow(/font file "Nope\.ttf" not found/);
    expect(() => loadTheme('/nonexistent/theme')).toThrow(/no such theme/);
  });
});
