// Words the EPUB writes itself (navigation titles, landmarks, quotation marks), in the article's language.
import type { Direction } from '../../model/schema.js';

export interface Labels {
  contents: string;
  landmarks: string;
  titlePage: string;
  bodyStart: string;
  /** Opening and closing marks for an inline quotation. */
  quotes: [string, string];
  /** Between authors' names. */
  separator: string;
}

const LABELS: Record<string, Labels> = {
  ar: { contents: 'المحتويات', landmarks: 'معالم الكتاب', titlePage: 'صفحة العنوان', bodyStart: 'بداية النص', quotes: ['«', '»'], separator: '، ' },
  fa: { contents: 'فهرست', landmarks: 'نشانه‌ها', titlePage: 'صفحهٔ عنوان', bodyStart: 'آغاز متن', quotes: ['«', '»'], separator: '، ' },
  ur: { contents: 'فہرست', landmarks: 'نشانات', titlePage: 'سرورق', bodyStart: 'آغازِ متن', quotes: ['«', '»'], separator: '، ' },
  he: { contents: 'תוכן העניינים', landmarks: 'ציוני דרך', titlePage: 'עמוד השער', bodyStart: 'תחילת הטקסט', quotes: ['“', '”'], separator: ', ' },
  en: { contents: 'Contents', landmarks: 'Landmarks', titlePage: 'Title Page', bodyStart: 'Start of Content', quotes: ['“', '”'], separator: ', ' },
};

export function labelsFor(lang: string, dir: Direction): Labels {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  // An unknown RTL language is far more likely to read Arabic labels than English ones.
  return LABELS[primary] ?? (dir === 'rtl' ? LABELS.ar! : LABELS.en!);
}

/**
 * The article's date as readers of its language write it (Persian gets the Solar Hijri calendar, as
 * Intl does for fa). Only the calendar date is shown, in UTC, so the result never depends on the machine.
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
