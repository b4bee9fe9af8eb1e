// Per-language strings, dates, digits and quotation marks: what all three renderers say, written once.
export { localeStrings, primaryLanguage, type LocaleStrings } from './strings.js';
export { DEFAULT_DATE_STYLE, bylineText, formatDate, metadataInstant, type DateStyle } from './dates.js';
export { articleDigits, hasLocalDigits, localDigits, writeDigits, type ArticleDigits } from './digits.js';
export { bulletOf } from './bullets.js';
