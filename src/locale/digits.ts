// Numbers in a language's own digits.
import { primaryLanguage } from './strings.js';

const DIGITS: Readonly<Record<string, string>> = Object.freeze({ ar: '٠١٢٣٤٥٦٧٨٩', fa: '۰۱۲۳۴۵۶۷۸۹', ur: '۰۱۲۳۴۵۶۷۸۹' });

/** Whether the language has digits of its own here (Arabic-Indic for Arabic, Extended for Persian and Urdu). */
export function hasLocalDigits(lang: string): boolean {
  return primaryLanguage(lang) in DIGITS;
}

/**
 * The digits an article's numbers are set in (page numbers, note marks, list numbers): Persian digits for
 * Persian and Urdu; Arabic-Indic when the Arabic article itself writes its numbers so (`text`, its text);
 * Western digits otherwise (as the sample and most Arabic news do).
 */
export function articleDigits(lang: string, text: string): (value: string) => string {
  const primary = primaryLanguage(lang);
  if (primary === 'fa' || primary === 'ur') return (v) => localDigits(v, primary);
  if (primary === 'ar' && /[\u0660-\u0669]/u.test(text)) return (v) => localDigits(v, 'ar');
  return (v) => v;
}

/** `value` with its ASCII digits written in the language's own digits; unchanged for other languages. */
export function localDigits(value: string, lang: string): string {
  const digits = DIGITS[primaryLanguage(lang)];
  return digits ? value.replace(/[0-9]/g, (d) => digits[Number(d)] ?? d) : value;
}
