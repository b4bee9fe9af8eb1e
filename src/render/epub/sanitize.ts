// Sanitising: the article, minus characters XML cannot hold. Done once on the whole model so every later
// stage (text, metadata, navigation) can assume clean strings.
import type { Diagnostics } from '../../support/errors.js';
import type { Book } from '../../model/book.js';
import type { Article } from '../../model/schema.js';
import { dropForbiddenXmlChars } from './xml.js';

export function sanitizeArticle(article: Article, diagnostics: Diagnostics): Article {
  const dropped = new Map<string, number>();
  const clean = mapStrings(article, (s) => dropForbiddenXmlChars(s, dropped)) as Article;
  report(dropped, diagnostics);
  return clean;
}

/** The same for a book: its meta and every article, with one diagnostic line for the whole book. */
export function sanitizeBook(book: Book, diagnostics: Diagnostics): Book {
  const dropped = new Map<string, number>();
  const clean = mapStrings(book, (s) => dropForbiddenXmlChars(s, dropped)) as Book;
  report(dropped, diagnostics);
  return clean;
}

function report(dropped: Map<string, number>, diagnostics: Diagnostics): void {
  if (dropped.size > 0) {
    const list = [...dropped].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
    diagnostics.warn(`epub: dropped characters that XML 1.0 forbids: ${list}`);
  }
}

// The model is plain JSON (zod-validated), so a structural walk covers every string, including
// publishers' extra metadata fields.
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out;
  }
  return value;
}
