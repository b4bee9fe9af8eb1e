// The opening lines of a publication or of one article: title, subtitle, the people behind it and the
// date. The single article's title page, the book's title page and each article page of a book share
// them; each line is isolated like any other text of the page.
import { blockDirection } from './bidi-runs.js';
import { formatDate, metadataInstant, type DateStyle } from '../../locale/index.js';
import { renderInlines, type XhtmlContext } from './xhtml.js';
import { attrs } from './xml.js';

export interface OpeningFields {
  /** The <h1>: the article's (or book's) title. */
  title: string;
  /** A line under the title; absent or blank, none. */
  subtitle?: string | undefined;
  /** Authors of an article, editors of a book; blank names are skipped. */
  people: readonly string[];
  /** ISO 8601 date, written out in `lang` (under a <time> when HTML can state it); absent, no dateline. */
  date?: string | undefined;
  /** The language the date is written in. */
  lang: string;
  /** The theme's calendar and digits for the date; absent, the language's own. */
  dates?: DateStyle | undefined;
}

/** <h1> title, then subtitle, byline and dateline paragraphs, for a page of direction ctx.dir. */
export function openingLines(f: OpeningFields, ctx: XhtmlContext): string {
  const line = (tag: string, cls: string | undefined, text: string): string => {
    const d = blockDirection(text, ctx.dir);
    return `<${tag}${attrs({ class: cls, dir: d === ctx.dir ? undefined : d })}>${renderInlines([{ type: 'text', value: text }], d, ctx)}</${tag}>\n`;
  };
  let out = line('h1', undefined, f.title);
  if (f.subtitle?.trim()) out += line('p', 'subtitle', f.subtitle);
  const people = f.people.map((a) => a.trim()).filter((a) => a !== '');
  if (people.length > 0) out += line('p', 'byline', people.join(ctx.labels.separator));
  if (f.date) {
    const shown = renderInlines([{ type: 'text', value: formatDate(f.date, f.lang, f.dates) }], ctx.dir, ctx);
    // HTML's datetime wants a year above 0: a date of year 0000 is shown as plain text.
    out += `<p class="dateline">${metadataInstant(f.date) ? `<time${attrs({ datetime: f.date })}>${shown}</time>` : shown}</p>\n`;
  }
  return out;
}

/** A title page: the opening lines as the page's titlepage section. */
export function titlePageBody(f: OpeningFields, ctx: XhtmlContext): string {
  return `<section class="title-page" epub:type="titlepage">\n${openingLines(f, ctx)}</section>\n`;
}
