// The EPUB 3 renderer for books: the book's title page and nav document, then one page per article
// (article-1.xhtml, …), each opening with the article's own title lines and carrying the article's own
// language and direction. The package (metadata, page progression, nav) follows the book's meta.
// Same stages as renderEpub, over several articles.
import { blockLanguages } from '../../model/walk.js';
import type { Book } from '../../model/book.js';
import { blocksText, codeText, usesInline } from '../../model/text.js';
import { contextForLanguage, type RenderContext } from '../context.js';
import { packageAnchors } from './anchors.js';
import { assembleEpub, imageFacts, landmarks, TITLE_FILE, type SpinePage } from './assemble.js';
import { loadFonts } from './fonts.js';
import { loadCover, loadImages } from './images.js';
import { articleDigits, localeStrings, type LocaleStrings } from '../../locale/index.js';
import { bookPackageMetadata } from './metadata.js';
import { headingTree, type NavEntry } from './nav.js';
import { openingLines, titlePageBody } from './opening.js';
import { chapterBody, pageContext, shownText } from './pages.js';
import { sanitizeBook } from './sanitize.js';
import { stylesheet } from './stylesheet.js';

/** Stable ASCII file name of the n-th article (1-based). */
export function articleFile(n: number): string {
  return `article-${n}.xhtml`;
}

export async function renderEpubBook(book: Book, given: RenderContext): Promise<Uint8Array> {
  const context = contextForLanguage(given, book.meta.lang);
  const { diagnostics } = context;
  const clean = sanitizeBook(book, diagnostics);
  const m = clean.meta;
  const labels = localeStrings(m.lang, m.dir);
  // One image set for the whole book: figure files are numbered in book order, a shared source is stored once.
  const allBlocks = clean.articles.flatMap((a) => a.blocks);
  const images = loadImages(allBlocks, context);
  const cover = m.cover === undefined ? undefined : loadCover(m.cover, context);

  const titlePage: SpinePage = {
    id: 'title-page',
    filename: TITLE_FILE,
    title: m.title,
    lang: m.lang,
    dir: m.dir,
    body: titlePageBody({ title: m.title, subtitle: m.subtitle, people: m.editors, date: m.date, lang: m.lang, dates: context.theme.dates }, pageContext(m.dir, labels, diagnostics, images)),
  };

  // One anchor table for the whole book: a "#x" link may point into another chapter.
  const anchors = packageAnchors(clean.articles.map((a, i) => ({ file: articleFile(i + 1), blocks: a.blocks, source: a.meta.source })));
  const articleLabels: LocaleStrings[] = [];
  const toc: NavEntry[] = [];
  const bodyPages = clean.articles.map((article, i): SpinePage => {
    const a = article.meta;
    const file = articleFile(i + 1);
    const own = localeStrings(a.lang, a.dir);
    articleLabels.push(own);
    // The article's title is the page's h1; its own headings move one level down.
    const ctx = { ...pageContext(a.dir, own, diagnostics, images), headingShift: 1, anchors: anchors[i], digits: articleDigits(a.lang, blocksText(article.blocks)) };
    const opening = `<header class="article-opening">\n${openingLines({ title: a.title, subtitle: a.subtitle, people: a.authors, date: a.date, lang: a.lang, dates: context.theme.dates }, ctx)}</header>\n`;
    const body = chapterBody(article.blocks, ctx, opening);
    toc.push({
      href: file,
      label: a.title.trim() || file,
      children: headingTree(ctx.headings, file),
      // An English article in an Arabic book keeps its language and direction in the contents too.
      lang: a.lang.toLowerCase() === m.lang.toLowerCase() ? undefined : a.lang,
      dir: a.dir === m.dir ? undefined : a.dir,
    });
    return { id: `article-${i + 1}`, filename: file, title: a.title, lang: a.lang, dir: a.dir, bodyType: 'bodymatter', body };
  });

  const titles = [m.title, ...clean.articles.map((a) => a.meta.title)];
  const italics = clean.articles.some((a) => usesInline(a.blocks, 'emphasis'));
  const langs = [m.lang, ...clean.articles.flatMap((a) => [a.meta.lang, ...blockLanguages(a.blocks)])];
  const fonts = await loadFonts(context.theme, shownText([titlePage, ...bodyPages], titles, [labels, ...articleLabels]), italics, clean.articles.map((a) => codeText(a.blocks)).join('\n'), langs);

  return assembleEpub({
    meta: bookPackageMetadata(clean, context.buildDate, imageFacts(allBlocks, (src) => images.has(src)), (message) => context.diagnostics.warn(message)),
    labels,
    title: m.title,
    css: stylesheet(context.theme, fonts, m.dir, { langs, book: { otherDirs: clean.articles.map((a) => a.meta.dir) }, notes: clean.articles.some((a) => usesInline(a.blocks, 'note')) }),
    titlePage,
    bodyPages,
    toc,
    landmarks: landmarks(labels, articleFile(1)),
    fonts,
    images: [...images.values()],
    cover,
    zipDate: context.buildDate,
    diagnostics,
  });
}
