// Dates as the documents print them, and which dates their metadata can state.

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

/**
 * An ISO date (or date-time) as readers of `lang` write it, in the long style (Persian gets the Solar
 * Hijri calendar, as ICU does for fa). Only the calendar day as written is shown, read in UTC, so the
 * result never depends on the machine's zone; the ISO day where ICU does not know the language, and the
 * text itself when it is no date.
 */
export function formatDate(date: string, lang: string): string {
  const day = date.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  // The long style writes no era: year 0000 (1 BC) would read as year 1. The ISO day says what is meant.
  if (parsed.getUTCFullYear() < 1) return day;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
  } catch {
    return day;
  }
}
