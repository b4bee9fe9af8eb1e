// The package metadata: Dublin Core from the article (or the book), a content-derived identifier, the
// one build timestamp, and accessibility metadata (EPUB Accessibility 1.1 / schema.org).
import { createHash } from 'node:crypto';
import { metadataInstant } from '../../locale/index.js';
import type { Book } from '../../model/book.js';
import type { Article, Meta } from '../../model/schema.js';

export interface TitleEntry {
  /** XML id of the dc:title element, which its title-type refinement points at ("title", "subtitle"). */
  id: string;
  /** The title, trimmed; "—" stands in for an empty main title. */
  text: string;
  /** The title-type refinement: the main title or the subtitle. */
  type: 'main' | 'subtitle';
}

export interface Accessibility {
  /** schema:accessMode values: textual, and visual when a figure's image is in the package. */
  accessModes: string[];
  /** schema:accessModeSufficient: textual, or "textual,visual" when some image has no alt text. */
  accessModeSufficient: string[];
  /** schema:accessibilityFeature values; alternativeText only when every image has alt text. */
  features: string[];
  /** schema:accessibilityHazard values: always none. */
  hazards: string[];
  /** schema:accessibilitySummary, in English (the package marks it xml:lang="en" unless it is English). */
  summary: string;
  /**
   * dcterms:conformsTo: the EPUB Accessibility 1.1 conformance claim the pages are built (and tested with
   * DAISY Ace) to meet; absent when an image has no text alternative, as WCAG's 1.1.1 then fails.
   */
  conformsTo: string | undefined;
  /** a11y:certifiedBy: who makes that claim; the generator itself, as no person has reviewed the output. */
  certifiedBy: string;
}

export interface PackageMetadata {
  /** dc:identifier and the NCX's dtb:uid: a urn:uuid of the content (contentIdentifier). */
  identifier: string;
  /** BCP 47 tag of the article (or book): dc:language and the package's xml:lang. */
  lang: string;
  /** Base direction: the package's dir and the spine's page-progression-direction. */
  dir: 'rtl' | 'ltr';
  /** dc:title entries: the main title, then the subtitle when there is one. */
  titles: TitleEntry[];
  /** dc:creator entries, one per non-blank author (or book editor); role: a MARC relator code (aut, edt). */
  creators: { id: string; name: string; role: string }[];
  /** dc:date, ISO 8601 as the meta states it; absent when the meta has none or one EPUB cannot state. */
  date: string | undefined;
  /** dc:description, trimmed; absent when blank, as an empty one is invalid (RSC-005). */
  description: string | undefined;
  /** dc:publisher, trimmed; absent when blank. */
  publisher: string | undefined;
  /** dc:source, the article's meta.source trimmed; absent when blank, and always for a book. */
  source: string | undefined;
  /** dc:subject entries: the article's keywords, trimmed, blanks dropped; none for a book. */
  subjects: string[];
  /** dcterms:modified: the build date as CCYY-MM-DDThh:mm:ssZ. */
  modified: string;
  /** The EPUB Accessibility 1.1 (schema.org) entries. */
  accessibility: Accessibility;
}

// A fixed namespace for name-based UUIDs (RFC 4122 §4.3): same article → same identifier, on any machine.
const NAMESPACE = 'b5f0c2a4-3e1d-5c6b-9a7f-2d8e4c1b0a93';

/** urn:uuid (version 5, SHA-1) of the article's (or the book's) canonical JSON. */
export function contentIdentifier(content: Article | Book): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(canonicalJson(content)).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys sorted, so the identifier depends on content, not on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** dcterms:modified wants exactly CCYY-MM-DDThh:mm:ssZ. */
export function modifiedStamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export interface ImageFacts {
  /** Figures whose image made it into the package. */
  count: number;
  /** Images whose figure has no alt text. */
  withoutAlt: number;
}

/** The meta fields an article and a book both have, read the same way for either. */
type SharedMeta = Pick<Meta, 'lang' | 'dir' | 'title' | 'subtitle' | 'date' | 'description' | 'publisher'>;

/** What the package metadata takes from elsewhere, or names differently, for an article and for a book. */
interface MetadataFields {
  identifier: string;
  people: readonly string[];
  role: string;
  source: string | undefined;
  keywords: readonly string[];
  /** What the reading order follows, for the accessibility summary. */
  readingOrderOf: string;
}

const nonEmpty = (s: string | undefined): string | undefined => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);

/** What the package metadata reports: a date it leaves out. */
export type MetadataWarn = (message: string) => void;

/** The meta's date when EPUB can state it; year 0000 draws OPF-053 from EPUBCheck, so it is left out, said once. */
function packageDate(date: string | undefined, warn: MetadataWarn): string | undefined {
  if (date === undefined || metadataInstant(date) !== undefined) return date;
  warn(`epub: date "${date}" falls outside the years 0001–9999 (in UTC) that EPUB metadata can state; left out of dc:date`);
  return undefined;
}

function metadataOf(meta: SharedMeta, f: MetadataFields, buildDate: Date, images: ImageFacts, warn: MetadataWarn): PackageMetadata {
  const titles: TitleEntry[] = [{ id: 'title', text: meta.title.trim() || '—', type: 'main' }];
  const subtitle = nonEmpty(meta.subtitle);
  if (subtitle) titles.push({ id: 'subtitle', text: subtitle, type: 'subtitle' });
  return {
    identifier: f.identifier,
    lang: meta.lang,
    dir: meta.dir,
    titles,
    creators: f.people.map((name) => name.trim()).filter((name) => name !== '').map((name, i) => ({ id: `creator-${i + 1}`, name, role: f.role })),
    date: packageDate(meta.date, warn),
    // An empty dc:description is invalid (RSC-005): omitted rather than written blank.
    description: nonEmpty(meta.description),
    publisher: nonEmpty(meta.publisher),
    source: nonEmpty(f.source),
    subjects: f.keywords.map((k) => k.trim()).filter((k) => k !== ''),
    modified: modifiedStamp(buildDate),
    accessibility: accessibility(images, f.readingOrderOf),
  };
}

/** The package's metadata; its identifier is of `identity` (the article as read) when that is given. */
export function packageMetadata(article: Article, buildDate: Date, images: ImageFacts, warn: MetadataWarn, identity: Article = article): PackageMetadata {
  const m = article.meta;
  const fields: MetadataFields = { identifier: contentIdentifier(identity), people: m.authors, role: 'aut', source: m.source, keywords: m.keywords, readingOrderOf: 'the source article' };
  return metadataOf(m, fields, buildDate, images, warn);
}

/** A book's metadata: its own title, editors and date; the identifier hashes the meta and every article. */
export function bookPackageMetadata(book: Book, buildDate: Date, images: ImageFacts, warn: MetadataWarn): PackageMetadata {
  const m = book.meta;
  const fields: MetadataFields = { identifier: contentIdentifier(book), people: m.editors, role: 'edt', source: undefined, keywords: [], readingOrderOf: 'the source articles, in the order given' };
  return metadataOf(m, fields, buildDate, images, warn);
}

function accessibility(images: ImageFacts, readingOrderOf: string): Accessibility {
  const visual = images.count > 0;
  const allDescribed = images.withoutAlt === 0;
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (visual && allDescribed) features.push('alternativeText');
  return {
    accessModes: visual ? ['textual', 'visual'] : ['textual'],
    accessModeSufficient: visual && !allDescribed ? ['textual,visual'] : ['textual'],
    features,
    hazards: ['none'],
    summary:
      `Reflowable text with the reading order of ${readingOrderOf}, headings marked up as such, ` +
      'a navigable table of contents and the text direction declared on every page' +
      (visual ? (allDescribed ? '; every image has a text alternative.' : '; some images have no text alternative.') : '.'),
    conformsTo: visual && !allDescribed ? undefined : 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA',
    certifiedBy: 'warraq (automated checks: DAISY Ace, EPUBCheck)',
  };
}
