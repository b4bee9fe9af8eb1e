// Numbers in a language's own digits.
import { primaryLanguage } from './strings.js';

const DIGITS: Readonly<Record<string, string>> = Object.freeze({ ar: '٠١٢٣٤٥٦٧٨٩', fa: '۰۱۲۳۴۵۶۷۸۹', ur: '۰۱۲۳۴۵۶۷۸۹' });

/** Whether the language has digits of its own here (Arabic-Indic for Arabic, Extended for Persian and Urdu). */
export function hasLocalDigits(lang: string): boolean {
  return primaryLanguage(lang) in DIGITS;
}

/** `value` with its ASCII digits written in the language's own digits; unchanged for other languages. */
export function localDigits(value: string, lang: string): string {
  const digits = DIGITS[primaryLanguage(lang)];
  return digits ? value.replace(/[0-9]/g, (d) => digits[Number(d)] ?? d) : value;
}

/** Which digits an article's numbers (page numbers, list numbers, note marks) are set in, in all three formats. */
export type ArticleDigits = 'western' | 'arabic-indic' | 'persian';

/**
 * The article's own digits: Persian (Extended Arabic-Indic) for Persian and Urdu; Arabic-Indic when an
 * Arabic article itself writes its numbers so (`text`: its text); Western otherwise, as the sample and
 * most Arabic news do.
 */
export function articleDigits(lang: string, text: string): ArticleDigits {
  const base = primaryLanguage(lang);
  if (base === 'fa' || base === 'ur') return 'persian';
  if (base === 'ar' && /[\u0660-\u0669]/u.test(text)) return 'arabic-indic';
  return 'western';
}

/** `value` with its ASCII digits written in `digits`. */
export function writeDigits(value: string, digits: ArticleDigits): string {
  return digits === 'western' ? value : localDigits(value, digits === 'persian' ? 'fa' : 'ar');
}
