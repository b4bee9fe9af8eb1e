// What the documents say in their own words, one table per language, read by all three renderers so a
// book's contents page is titled the same in its PDF, EPUB and DOCX.
import type { Direction } from '../model/schema.js';

/** The words and marks a renderer writes itself, in one language. */
export interface LocaleStrings {
  /** Title of the table of contents. */
  contents: string;
  /** Title of the EPUB's landmarks navigation. */
  landmarks: string;
  /** Name of the title page landmark. */
  titlePage: string;
  /** Name of the start-of-text landmark. */
  bodyStart: string;
  /** Opening and closing marks of an inline quotation. */
  quotes: readonly [string, string];
  /** Between names in a list of authors or editors. */
  separator: string;
}

const ARABIC: LocaleStrings = Object.freeze<LocaleStrings>({ contents: 'المحتويات', landmarks: 'معالم الكتاب', titlePage: 'صفحة العنوان', bodyStart: 'بداية النص', quotes: ['«', '»'], separator: '، ' });
const ENGLISH: LocaleStrings = Object.freeze<LocaleStrings>({ contents: 'Contents', landmarks: 'Landmarks', titlePage: 'Title Page', bodyStart: 'Start of Content', quotes: ['\u201C', '\u201D'], separator: ', ' });

const TABLE: Readonly<Record<string, LocaleStrings>> = Object.freeze<Readonly<Record<string, LocaleStrings>>>({
  ar: ARABIC,
  fa: { contents: 'فهرست مطالب', landmarks: 'نشانه‌ها', titlePage: 'صفحهٔ عنوان', bodyStart: 'آغاز متن', quotes: ['«', '»'], separator: '، ' },
  ur: { contents: 'فہرست', landmarks: 'نشانات', titlePage: 'سرورق', bodyStart: 'آغازِ متن', quotes: ['«', '»'], separator: '، ' },
  he: { contents: 'תוכן העניינים', landmarks: 'ציוני דרך', titlePage: 'עמוד השער', bodyStart: 'תחילת הטקסט', quotes: ['\u201C', '\u201D'], separator: ', ' },
  en: ENGLISH,
  fr: { contents: 'Table des matières', landmarks: 'Repères', titlePage: 'Page de titre', bodyStart: 'Début du texte', quotes: ['«\u00A0', '\u00A0»'], separator: ', ' },
  de: { contents: 'Inhalt', landmarks: 'Orientierungspunkte', titlePage: 'Titelseite', bodyStart: 'Textbeginn', quotes: ['\u201E', '\u201C'], separator: ', ' },
  es: { contents: 'Índice', landmarks: 'Puntos de referencia', titlePage: 'Portada', bodyStart: 'Inicio del texto', quotes: ['«', '»'], separator: ', ' },
});

/** The primary language subtag, lower case: "fa-IR" → "fa". */
export function primaryLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? '';
}

/**
 * The strings of a language. A language without a table falls back by direction: right-to-left ones to
 * Arabic (most are written in Arabic script: Pashto, Kurdish, Sindhi, Uyghur), others to English.
 */
export function localeStrings(lang: string, dir: Direction): LocaleStrings {
  return TABLE[primaryLanguage(lang)] ?? (dir === 'rtl' ? ARABIC : ENGLISH);
}
