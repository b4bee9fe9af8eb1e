// A theme may set a language's text in a face of its own (theme.json "languages": Urdu in Nastaliq). The
// renderers ask for the theme of the text they set now, the article's or a block's, and get the theme
// itself, or one made from it whose body family is the language's (the theme's body family first among
// the fallbacks) and whose line height is the language's.
import { primaryLanguage } from '../locale/strings.js';
import { memo } from '../support/memo.js';
import type { LanguageSetting, Theme } from './schema.js';

/** The theme `lang`'s text is set in: `theme`'s own (the one it was made from) unless it names the language. */
export function themeForLanguage(theme: Theme, lang: string | undefined): Theme {
  const root = theme.base ?? theme;
  const primary = lang === undefined ? '' : primaryLanguage(lang);
  const setting = root.languages[primary];
  if (setting === undefined) return root;
  const byLanguage = derived.getOrMake(root, () => new Map());
  let made = byLanguage.get(primary);
  if (made === undefined) {
    made = languageTheme(root, setting);
    byLanguage.set(primary, made);
  }
  return made;
}
// Renderers ask per block: each language's theme is made once per loaded theme, and stays the same object
// (the face chains and caches keyed by theme find it again).
const derived = memo<Theme, Map<string, Theme>>('language themes', 32);

function languageTheme(root: Theme, setting: LanguageSetting): Theme {
  return {
    ...root,
    fonts: { ...root.fonts, body: setting.body, fallback: [root.fonts.body, ...root.fonts.fallback] },
    lineHeight: setting.lineHeight ?? root.lineHeight,
    base: root,
  };
}
