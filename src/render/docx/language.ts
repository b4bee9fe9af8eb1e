// Word wants full language tags (ar-SA, not ar) in w:lang, and proofs/shapes complex-script text by the
// w:bidi tag. The article gives a BCP 47 tag, often only the primary subtag.

const DEFAULT_REGIONS: Record<string, string> = Object.freeze<Record<string, string>>({
  ar: 'ar-SA',
  fa: 'fa-IR',
  he: 'he-IL',
  ur: 'ur-PK',
  ps: 'ps-AF',
  sd: 'sd-Arab-PK',
  ug: 'ug-CN',
  ckb: 'ku-Arab-IQ',
  ku: 'ku-Arab-IQ',
  yi: 'yi-001',
  dv: 'dv-MV',
  syr: 'syr-SY',
  en: 'en-US',
  fr: 'fr-FR',
  de: 'de-DE',
  es: 'es-ES',
});

/** The tag Word expects: the article's own tag if it names a region or script, else the usual one. */
export function wordLanguageTag(lang: string): string {
  if (lang.includes('-')) return lang;
  return DEFAULT_REGIONS[lang.toLowerCase()] ?? lang;
}

/** The tag for complex-script (right-to-left) runs: the article's if it is RTL, else Arabic. */
export function bidiLanguageTag(lang: string, rtl: boolean): string {
  return rtl ? wordLanguageTag(lang) : 'ar-SA';
}

/** The tag for Latin-script runs: English unless the article itself is in a left-to-right language. */
export function latinLanguageTag(lang: string, rtl: boolean): string {
  return rtl ? 'en-US' : wordLanguageTag(lang);
}
