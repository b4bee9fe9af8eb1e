// A book's pages: title page, contents, then each article on its own pages, by the same stages as a
// single article (layoutArticle → paginate). The articles are paginated first, so the
// contents can print the page each one really starts on; the contents are set again until their length
// stops moving those numbers. Each article keeps its own direction and language for its lines, its
// running head (its title) and its bookmarks (its title at the top, its headings nested below).
// With the theme's book.rectoOpenings, the contents and each article open on an odd (recto) page: the
// title page's verso is left blank, and an article that would open on an even page gets a blank page
// before it (no running head, no folio; the numbering runs on through it); the contents print the
// numbers after those blanks. Recto is the odd page whichever side the book binds on (pageMargins).
// Book conventions besides: an article's first page carries no running head and starts its text
// book.sink lower; after it, even (verso) pages carry the book's title and odd (recto) pages the
// article's; folios are in the article's own digits (folioDigits), the front matter's in the book's.
import type { Book } from '../../../model/book.js';
import type { Article } from '../../../model/schema.js';
import type { RenderContext } from '../../context.js';
import { localDigits, primaryLanguage } from '../../../locale/index.js';
import { layoutArticle } from '../blocks/article.js';
import { articleFurniture, folioDigits, furnitureSetter, type Furniture } from '../blocks/furniture.js';
import type { LaidOutBlock } from '../blocks/types.js';
import { setContents, type TocEntry } from './contents.js';
import { measureOf, pageGeometry, type PageGeometry } from './geometry.js';
import { paginate } from './paginate.js';
import { titlePage } from './title-page.js';
import { emptyPage, type Page } from './types.js';

/** One article of the book, laid out and measured. */
interface Part {
  /** The article. */
  article: Article;
  /** The book's geometry in the article's own direction. */
  geometry: PageGeometry;
  /** The article's blocks, bookmarks nested under its title. */
  blocks: LaidOutBlock[];
  /** Its running head and the book's folios. */
  furniture: Furniture;
  /** How many pages it fills. */
  pageCount: number;
}

/** The book's pages and blocks, as the output writes them. */
export interface BookPages {
  /** Every block of the book, title page and contents first; pages index into this list. */
  blocks: LaidOutBlock[];
  /** Every page, numbered from 1. */
  pages: Page[];
  /** The book's geometry (its own direction). */
  geometry: PageGeometry;
  /** Paragraph direction of a block's lines (articles keep their own). */
  blockRtl: (block: number) => boolean;
  /** Language of a block (articles keep their own). */
  blockLang: (block: number) => string | undefined;
}

export function paginateBook(book: Book, context: RenderContext): BookPages {
  const bookRtl = book.meta.dir === 'rtl';
  const geometry = pageGeometry(context.theme, bookRtl);
  const measure = measureOf(geometry);

  const digits = bookDigits(book.meta.lang);
  const setBook = furnitureSetter(book.meta.dir, book.meta.lang, context, measure);
  // The front matter's folios in the book's digits; each article's in its own (folioDigits).
  const folio = (page: number) => setBook(digits(String(page)), context.theme.sizes.footer);
  const versoHead = setBook(book.meta.title.replace(/\s+/g, ' ').trim(), context.theme.sizes.runningHead);
  const sink = context.theme.book.sink;

  const parts: Part[] = book.articles.map((article) => {
    // The article's lines run in its own direction; the pages are bound as the book is.
    const own: PageGeometry = { ...geometry, rtl: article.meta.dir === 'rtl', bindRtl: bookRtl };
    const blocks = bookmarked(layoutArticle(article, context, measure), article);
    const head = articleFurniture(article, context, measure);
    const ownDigits = folioDigits(article);
    const furniture: Furniture = { runningHead: head.runningHead, versoHead, folio: (page) => setBook(ownDigits(String(page)), context.theme.sizes.footer) };
    // Where an article's pages break does not depend on the number it starts at (only its margins'
    // sides do), so one pagination here gives its length.
    return { article, geometry: own, blocks, furniture, pageCount: paginate(blocks, own, furniture, 1, sink).length };
  });

  const title = titlePage(book.meta, context, geometry);

  // Contents from page 2 (3 when they open recto); the articles after them. Set the contents, count
  // their pages, and set them again with the numbers that count gives until it stops changing.
  const recto = context.theme.book.rectoOpenings;
  const contentsPage = recto ? 3 : 2;
  let tocPages = 1;
  let starts: number[] = [];
  let contents: ReturnType<typeof setContents> | undefined;
  for (let pass = 0; pass < 5; pass++) {
    starts = startPages(parts, contentsPage + tocPages, recto);
    const entries: TocEntry[] = parts.map((part, i) => ({
      title: part.article.meta.title,
      subtitle: part.article.meta.subtitle,
      dir: part.article.meta.dir,
      lang: part.article.meta.lang,
      page: starts[i] as number,
    }));
    contents = setContents(entries, { context, geometry, lang: book.meta.lang, firstPage: contentsPage, digits, folio });
    if (contents.pages.length === tocPages) break;
    tocPages = contents.pages.length;
  }
  if (!contents || contents.pages.length !== tocPages) throw new Error('the table of contents did not settle');

  // One list of blocks for the whole document; each page's block indices shifted into it.
  const blocks: LaidOutBlock[] = [];
  const rtlOf: boolean[] = [];
  const langOf: string[] = [];
  const pages: Page[] = [];
  const add = (own: readonly LaidOutBlock[], ownPages: readonly Page[], rtl: boolean, lang: string): void => {
    const offset = blocks.length;
    for (const block of own) {
      blocks.push(block);
      rtlOf.push(rtl);
      langOf.push(lang);
    }
    for (const page of ownPages) pages.push(shift(page, offset));
  };
  add(title.blocks, [title.page], bookRtl, book.meta.lang);
  // The title page's verso, blank, so the contents open recto.
  while (pages.length + 1 < contentsPage) pages.push(emptyPage(pages.length + 1));
  add(contents.blocks, contents.pages, bookRtl, book.meta.lang);
  parts.forEach((part, i) => {
    const start = starts[i] as number;
    // The blank verso before a recto opening: a page with nothing on it, not even furniture.
    while (pages.length + 1 < start) pages.push(emptyPage(pages.length + 1));
    const own = paginate(part.blocks, part.geometry, part.furniture, start, sink);
    add(part.blocks, own, part.article.meta.dir === 'rtl', part.article.meta.lang);
  });

  return { blocks, pages, geometry, blockRtl: (i) => rtlOf[i] ?? bookRtl, blockLang: (i) => langOf[i] };
}

/**
 * The first page of each article when the first may start at `first`; with `recto`, an article that
 * would start on an even page starts on the next (odd) one, after a blank page.
 */
function startPages(parts: readonly Part[], first: number, recto: boolean): number[] {
  const out: number[] = [];
  let next = first;
  for (const part of parts) {
    if (recto && next % 2 === 0) next++;
    out.push(next);
    next += part.pageCount;
  }
  return out;
}

/**
 * The article's blocks with their bookmarks one level down, under a new top-level bookmark for the
 * article's title (on its title block). Copies: the layout's blocks are left as they are.
 */
function bookmarked(blocks: readonly LaidOutBlock[], article: Article): LaidOutBlock[] {
  let titled = false;
  return blocks.map((block) => {
    if (!titled && block.role === 'Title') {
      titled = true;
      return { ...block, outline: { title: article.meta.title.replace(/\s+/g, ' ').trim(), level: 1 } };
    }
    return block.outline ? { ...block, outline: { ...block.outline, level: block.outline.level + 1 } } : block;
  });
}

function shift(page: Page, offset: number): Page {
  return {
    ...page,
    lines: page.lines.map((l) => ({ ...l, block: l.block + offset })),
    images: page.images.map((im) => ({ ...im, block: im.block + offset })),
    rules: page.rules.map((r) => ({ ...r, block: r.block + offset })),
    bookmarks: page.bookmarks.map((b) => ({ ...b, block: b.block + offset })),
    furniture: page.furniture,
    ...(page.marks ? { marks: page.marks.map((m) => ({ ...m, block: m.block + offset })) } : {}),
  };
}

/** Page numbers of the front matter in the book's digits: Persian and Urdu their own, others Western. */
function bookDigits(lang: string): (value: string) => string {
  const base = primaryLanguage(lang);
  return base === 'fa' || base === 'ur' ? (v) => localDigits(v, base) : (v) => v;
}
