// Article metadata from a saved web page's head: <html lang dir>, <meta> tags (Open Graph, article:*,
// Dublin Core, Parse.ly) and JSON-LD, each normalised to what the model accepts or left out with a warning.
import type { Diagnostics } from '../support/errors.js';
import { LanguageTagSchema, MetaInputSchema, type Direction } from '../model/schema.js';
import { all, collapse, plainText, visibleText, type DomDocument } from './html-dom.js';
import { PARSE_OPTIONS } from '../support/validation.js';

export interface HtmlMeta {
  /** JSON-LD headline, else og:title, twitter:title, dc.title or parsely-title; absent when none has one. */
  title?: string | undefined;
  /** From explicit markup only (JSON-LD alternativeHeadline, a "dek" element); the reader may add more. */
  subtitle?: string | undefined;
  /** Bylines from JSON-LD, else from author meta tags, split into names; the publisher's name is dropped. */
  authors: string[];
  /** Publication date as the model accepts it (ISO date, or date-time with offset); absent when none or unreadable. */
  date?: string | undefined;
  /** BCP 47 tag from lang on <html> or <body>, content-language or JSON-LD; absent when none or not a tag. */
  lang?: string | undefined;
  /** dir on <html> or <body>, when it is rtl or ltr. */
  dir?: Direction | undefined;
  /** The article's absolute http(s) address (canonical link, og:url, JSON-LD); metadata, never fetched. */
  source?: string | undefined;
  /** Keywords and article:tag values from meta tags and JSON-LD, split at commas, without repeats. */
  keywords: string[];
  /** og:site_name or application-name, else the JSON-LD publisher's name. */
  publisher?: string | undefined;
  /** og:description, description, twitter:description or dc.description, else JSON-LD's. */
  description?: string | undefined;
}

interface MetaContext {
  file: string;
  diagnostics: Diagnostics;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function readHtmlMeta(doc: DomDocument, ctx: MetaContext): HtmlMeta {
  const tags = metaTags(doc);
  const ld = articleJsonLd(doc, ctx);
  const first = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = tags.get(key)?.find((v) => v !== '');
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const publisher = first('og:site_name', 'application-name') ?? ldName(ld?.publisher);
  return {
    title: ldString(ld?.headline) ?? first('og:title', 'twitter:title', 'dc.title', 'parsely-title'),
    subtitle: ldString(ld?.alternativeHeadline) ?? dekElement(doc),
    // Sites often name themselves as the author; the publisher is not a byline.
    authors: readAuthors(ld, tags).filter((a) => publisher === undefined || collapse(a).toLowerCase() !== collapse(publisher).toLowerCase()),
    date: readDate(doc, ld, first, ctx),
    lang: readLang(doc, ld, first, ctx),
    dir: readDir(doc),
    source: readSource(doc, ld, first),
    keywords: readKeywords(ld, tags),
    publisher,
    description: first('og:description', 'description', 'twitter:description', 'dc.description') ?? ldString(ld?.description),
  };
}

/** name/property/itemprop → contents, keys lower-cased; article:tag and the like repeat, so values are lists. */
function metaTags(doc: DomDocument): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const meta of all(doc, 'meta')) {
    const content = plainText(meta.getAttribute('content') ?? '');
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      // One attribute may hold several space-separated names (RDFa "og:title twitter:title").
      for (const k of key.split(/\s+/)) tags.set(k, [...(tags.get(k) ?? []), content]);
    }
  }
  return tags;
}

const ARTICLE_TYPE = /(Article|BlogPosting|Report|NewsArticle|OpinionNewsArticle|AnalysisNewsArticle|LiveBlogPosting)$/;

/** The JSON-LD object describing the article (looked for through @graph and arrays). */
function articleJsonLd(doc: DomDocument, ctx: MetaContext): JsonObject | undefined {
  const found: JsonObject[] = [];
  const collect = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') {
      found.push(value);
      if (value['@graph'] !== undefined) collect(value['@graph']);
    }
  };
  for (const script of all(doc, 'script')) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      collect(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      ctx.diagnostics.warn(`${ctx.file}: ignored a JSON-LD block that is not valid JSON`);
    }
  }
  const typeOf = (o: JsonObject): string[] => [o['@type']].flat().filter((t): t is string => typeof t === 'string');
  return found.find((o) => typeOf(o).some((t) => ARTICLE_TYPE.test(t))) ?? found.find((o) => ldString(o.headline) !== undefined);
}

function ldString(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return plainText(value) || undefined;
  if (Array.isArray(value)) return ldString(value[0]);
  return undefined;
}

function ldName(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return plainText(value) || undefined;
  if (Array.isArray(value)) return ldName(value[0]);
  if (value !== null && typeof value === 'object') return ldString(value.name);
  return undefined;
}

/** The dek as the page marks it up for machines (microdata); class-named deks are found near the headline. */
function dekElement(doc: DomDocument): string | undefined {
  const marked = doc.querySelector('[itemprop~="alternativeHeadline"]:not(meta)');
  const text = marked ? visibleText(marked) : '';
  const words = text.split(' ').filter(Boolean).length;
  return words >= 1 && words <= 40 ? text : undefined;
}

// "بقلم: فلان", "كتب - فلان", "By Jane Doe": the label is not part of the name.
const BYLINE_LABEL = /^(?:بقلم|كتبت?|تأليف|إعداد|اعداد|تقرير|by|written by|von|par)\s*[:：\-–—]?\s+/i;

export function splitAuthors(text: string): string[] {
  return collapse(text)
    .replace(BYLINE_LABEL, '')
    .split(/\s*(?:[,،;؛&]|\band\b)\s*/i)
    .map((name) => name.replace(BYLINE_LABEL, '').trim())
    .filter((name) => name !== '' && !/^https?:/i.test(name));
}

function readAuthors(ld: JsonObject | undefined, tags: Map<string, string[]>): string[] {
  const fromLd = [ld?.author].flat().map((a) => ldName(a)).filter((a): a is string => a !== undefined);
  const raw = fromLd.length ? fromLd : ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator'].flatMap((k) => tags.get(k) ?? []);
  return unique(raw.flatMap(splitAuthors));
}

function readDate(doc: DomDocument, ld: JsonObject | undefined, first: (...keys: string[]) => string | undefined, ctx: MetaContext): string | undefined {
  const time = doc.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime], article time[datetime]');
  const raw =
    ldString(ld?.datePublished) ??
    first('article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publish-date', 'publishdate', 'dc.date.issued', 'dc.date', 'parsely-pub-date', 'sailthru.date') ??
    time?.getAttribute('datetime') ?? undefined;
  if (raw === undefined || raw.trim() === '') return undefined;
  const date = normalizeDate(raw);
  if (date === undefined) ctx.diagnostics.warn(`${ctx.file}: publication date "${raw}" is not a date warraq can read; left out`);
  return date;
}

const dateSchema = MetaInputSchema.shape.date;

/** An ISO date or date-time with offset, as the model accepts it; a local time without offset keeps its date only. */
export function normalizeDate(raw: string): string | undefined {
  const value = raw.trim();
  const ok = (v: string): string | undefined => (v !== '' && dateSchema.safeParse(v, PARSE_OPTIONS).success ? v : undefined);
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (iso) {
    const [, day = '', hm, sec, zone] = iso;
    if (hm === undefined || zone === undefined) return ok(day);
    const offset = /^z$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return ok(`${day}T${hm}${sec ?? ':00'}${offset}`) ?? ok(day);
  }
  // RFC 2822 and the like ("Tue, 12 Aug 2025 06:30:00 GMT"), with the month by name: "12/08/2025" is
  // day-first in one country and month-first in another, so all-digit forms are not guessed at.
  if (!/[a-z]{3}/i.test(value) || !/\d{4}/.test(value)) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return undefined;
  if (/(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})\s*$/i.test(value)) return ok(parsed.toISOString().replace(/\.000Z$/, 'Z'));
  // Without a zone the string was read as local time: its local calendar date is the one written.
  const pad = (n: number): string => String(n).padStart(2, '0');
  return ok(`${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`);
}

function readLang(doc: DomDocument, ld: JsonObject | undefined, first: (...keys: string[]) => string | undefined, ctx: MetaContext): string | undefined {
  const raw = doc.documentElement?.getAttribute('lang') || doc.body?.getAttribute('lang') || first('content-language') || ldString(ld?.inLanguage);
  if (!raw?.trim()) return undefined;
  // "ar_EG" (a locale, as og:locale spells it) is the tag "ar-EG"; a list "ar, en" names its first.
  const tag = raw.trim().split(/[\s,]+/)[0]!.replace(/_/g, '-');
  if (LanguageTagSchema.safeParse(tag, PARSE_OPTIONS).success) return tag;
  ctx.diagnostics.warn(`${ctx.file}: the page's language "${raw.trim()}" is not a language tag; detecting it from the text`);
  return undefined;
}

function readDir(doc: DomDocument): Direction | undefined {
  for (const el of [doc.documentElement, doc.body]) {
    const dir = el?.getAttribute('dir')?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir;
  }
  return undefined;
}

function readSource(doc: DomDocument, ld: JsonObject | undefined, first: (...keys: string[]) => string | undefined): string | undefined {
  const main = ld?.mainEntityOfPage;
  const candidates = [
    doc.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'),
    first('og:url', 'twitter:url', 'parsely-link'),
    ldString(ld?.url),
    typeof main === 'string' ? main : main !== null && typeof main === 'object' && !Array.isArray(main) ? ldString(main['@id']) : undefined,
  ];
  // Only an absolute web address says where the article lives; it is metadata, never fetched.
  return candidates.map((c) => c?.trim()).find((c): c is string => c !== undefined && /^https?:\/\/\S+$/i.test(c));
}

function readKeywords(ld: JsonObject | undefined, tags: Map<string, string[]>): string[] {
  const fromTags = [...(tags.get('keywords') ?? []), ...(tags.get('news_keywords') ?? []), ...(tags.get('article:tag') ?? [])];
  const fromLd = [ld?.keywords].flat().filter((k): k is string => typeof k === 'string');
  return unique([...fromTags, ...fromLd].flatMap((k) => k.split(/\s*[,،]\s*/)).map(collapse).filter(Boolean));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

