// Per-language strings, dates, digits and quotation marks: what all three renderers say, written once.
export { localeStrings, primaryLanguage, type LocaleStrings } from './strings.js';
export { DEFAULT_DATE_STYLE, formatDate, metadataInstant, type DateStyle } from './dates.js';
export { hasLocalDigits, localDigits } from './digits.js';
