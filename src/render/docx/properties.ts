// Document properties (docProps/core.xml). docx writes the title, subject, creator and keywords, but
// stamps created/modified with the clock and has no language; both are set here from the article,
// so the file says what the article says and rebuilds are identical.
import type { BookMeta } from '../../model/book.js';
import type { Article } from '../../model/schema.js';
import { escapeXml } from '../../support/xml.js';

export interface CoreProperties {
  /** dc:title: the article's (or book's) title. */
  title: string;
  /** dc:subject: the subtitle, else the description; absent when there is neither. */
  subject?: string;
  /** dc:creator: the authors joined by "; ", else the publisher, else empty (docx would write "Un-named"). */
  creator: string;
  /** cp:keywords: the keywords joined by ", "; absent when there are none. */
  keywords?: string;
  /** dc:description; absent when the meta has none. */
  description?: string;
  /** cp:lastModifiedBy: the same as creator. */
  lastModifiedBy: string;
}

/** What the properties are drawn from: an article's meta, or a book's (see bookPropertySource). */
export interface PropertySource {
  /** The article's (or book's) title. */
  title: string;
  /** The subject when given. */
  subtitle?: string | undefined;
  /** The description, and the subject when there is no subtitle. */
  description?: string | undefined;
  /** An article's authors, a book's editors: the creator. */
  authors: readonly string[];
  /** The creator when there are no authors. */
  publisher?: string | undefined;
  /** An article's keywords; none for a book. */
  keywords: readonly string[];
}

export function coreProperties(article: Pick<Article, 'meta'>, clean: (s: string) => string): CoreProperties {
  return propertiesOf(article.meta, clean);
}

/** A book's editors stand where an article's authors do; a book has no keywords of its own. */
export function bookPropertySource(meta: BookMeta): PropertySource {
  return { title: meta.title, subtitle: meta.subtitle, description: meta.description, authors: meta.editors, publisher: meta.publisher, keywords: [] };
}

export function propertiesOf(meta: PropertySource, clean: (s: string) => string): CoreProperties {
  // docx writes "Un-named" when no creator is given; an article without authors says nothing instead.
  const creator = clean(meta.authors.length > 0 ? meta.authors.join('; ') : (meta.publisher ?? ''));
  const subject = meta.subtitle ?? meta.description;
  return {
    title: clean(meta.title),
    ...(subject ? { subject: clean(subject) } : {}),
    creator,
    lastModifiedBy: creator,
    ...(meta.keywords.length > 0 ? { keywords: clean(meta.keywords.join(', ')) } : {}),
    ...(meta.description ? { description: clean(meta.description) } : {}),
  };
}

/** W3CDTF as Word writes it: seconds, no fraction, UTC. */
export function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Sets created/modified to the build date and adds dc:language. */
export function patchCoreXml(xml: string, buildDate: Date, lang: string): string {
  const stamp = w3cdtf(buildDate);
  let out = xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
  if (!out.includes('<dc:language>')) out = out.replace('</cp:coreProperties>', `<dc:language>${escapeXml(lang)}</dc:language></cp:coreProperties>`);
  return out;
}
