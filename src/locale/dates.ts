// Dates as the documents print them, and which dates their metadata can state.
import { localeStrings } from './strings.js';
import type { Meta } from '../model/schema.js';

// Document metadata writes four-digit years from 0001 (EPUB's dc:date and dcterms:modified, XMP, DOCX's
// W3CDTF, HTML's <time datetime>): EPUBCheck refuses year 0000 (OPF-053) and HTML wants a year above 0.
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The instant an ISO date (or date-time) stands for, when document metadata can state it: in years 0001
 * to 9999 once read in UTC (9999-12-31T23:30-05:00 is already year 10000). Undefined otherwise.
 */
export function metadataInstant(date: string): Date | undefined {
  const time = Date.parse(date);
  return time >= FIRST_INSTANT && time <= LAST_INSTANT ? new Date(time) : undefined;
}

/** How a theme writes dates: which calendar, which digits. */
export interface DateStyle {
  /**
   * 'default': the language's own (ICU: Gregorian for Arabic, Solar Hijri for Persian); 'gregorian';
   * 'hijri': the Umm al-Qura Hijri calendar; 'both': Gregorian, then Hijri, «١٥ أغسطس ٢٠٢٥ م — ٢١ صفر ١٤٤٧ هـ».
   */
  calendar: 'default' | 'gregorian' | 'hijri' | 'both';
  /** 'default': the language's usual digits (ICU's); 'latin': 0–9; 'local': the language's own (Arabic-Indic…). */
  digits: 'default' | 'latin' | 'local';
}

/** The theme's default: the language's own calendar and digits, as documents were written before themes could say. */
export const DEFAULT_DATE_STYLE: DateStyle = Object.freeze({ calendar: 'default', digits: 'default' });

/** ICU numbering systems of the languages with digits of their own. */
const NUMBERING: Readonly<Record<string, string>> = Object.freeze({ ar: 'arab', fa: 'arabext', ur: 'arabext', ps: 'arabext' });

/**
 * An ISO date (or date-time) as readers of `lang` write it, in the long style, in the calendar and digits
 * of `style` (Persian gets the Solar Hijri calendar by default, as ICU does for fa). Only the calendar day
 * as written is shown, read in UTC, so the result never depends on the machine's zone; the ISO day where
 * ICU does not know the language, and the text itself when it is no date.
 */
export function formatDate(date: string, lang: string, style: DateStyle = DEFAULT_DATE_STYLE): string {
  const day = date.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  // The long style writes no era: year 0000 (1 BC) would read as year 1. The ISO day says what is meant.
  if (parsed.getUTCFullYear() < 1) return day;
  try {
    const format = (calendar: string | undefined): string => new Intl.DateTimeFormat(dateLocale(lang, calendar, style.digits), { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
    switch (style.calendar) {
      case 'default':
        return format(undefined);
      case 'gregorian':
        return format('gregory');
      case 'hijri':
        return format('islamic-umalqura');
      case 'both': {
        // Side by side the Gregorian date takes its era sign as the Hijri one has its own (هـ): م in Arabic.
        const era = primaryOf(lang) === 'ar' ? ' م' : '';
        return `${format('gregory')}${era} — ${format('islamic-umalqura')}`;
      }
    }
  } catch {
    return day;
  }
}

function primaryOf(lang: string): string {
  return lang.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

/** `lang` with the Unicode extensions for the calendar and the digits asked for. */
function dateLocale(lang: string, calendar: string | undefined, digits: DateStyle['digits']): string {
  const numberingSystem = digits === 'latin' ? 'latn' : digits === 'local' ? NUMBERING[primaryOf(lang)] : undefined;
  return new Intl.Locale(lang, { ...(calendar ? { calendar } : {}), ...(numberingSystem ? { numberingSystem } : {}) }).toString();
}

/**
 * The line under an article's title, as all three formats set it: its authors (in the language's list
 * separator), then its date in the theme's calendar and digits, «أ. كاتب — ١٥ أغسطس ٢٠٢٥»; "" when neither.
 */
export function bylineText(meta: Pick<Meta, 'authors' | 'date' | 'lang' | 'dir'>, dates: DateStyle = DEFAULT_DATE_STYLE): string {
  const parts: string[] = [];
  if (meta.authors.length > 0) parts.push(meta.authors.join(localeStrings(meta.lang, meta.dir).separator));
  if (meta.date) parts.push(formatDate(meta.date, meta.lang, dates));
  return parts.join(' — ');
}
