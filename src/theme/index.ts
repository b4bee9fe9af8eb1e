export * from './schema.js';
export { loadTheme, PACKAGE_ROOT, BUNDLED_FONTS, type LoadThemeOptions } from './load.js';
export { themeForLanguage } from './language.js';
