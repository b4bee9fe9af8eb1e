// Dates as the documents print them.

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
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
  } catch {
    return day;
  }
}
