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
