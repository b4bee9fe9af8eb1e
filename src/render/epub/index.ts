// The EPUB 3 renderer: article → title page, nav document, article page, fonts and images, in a zip
// that reads right to left when the article does. Stages, in order:
//   sanitize (XML-safe text) → images, fonts (local files) → xhtml (pages) → nav, metadata → package (zip).
import type { Article } from '../../model/schema.js';
import { usesInline } from '../../model/text.js';
import type { RenderContext } from '../context.js';
import { loadFonts } from './fonts.js';
import { loadImages } from './images.js';
import { formatDate, labelsFor } from './locale.js';
import { packageMetadata } from './metadata.js';
import { headingTree, landmarkList, navList, ncxNavMap, type NavEntry } from './nav.js';
import { writePackage, type PageFile } from './package.js';
import { sanitizeArticle } from './sanitize.js';
import { stylesheet } from './stylesheet.js';
import { renderBlocks, renderInlines, type XhtmlContext } from './xhtml.js';
import { attrs } from './xml.js';
import { blockDirection } from './bidi-runs.js';

const TITLE_FILE = 'title.xhtml';
const ARTICLE_FILE = 'article.xhtml';
const NAV_FILE = 'toc.xhtml';

export async function renderEpub(article: Article, context: RenderContext): Promise<Uint8Array> {
  const clean = sanitizeArticle(article, context.diagnostics);
  const { lang, dir, title } = clean.meta;
  const labels = labelsFor(lang, dir);
  const images = await loadImages(clean.blocks, context.resourceDir, context.diagnostics);

  const ctx: XhtmlContext = { dir, labels, diagnostics: context.diagnostics, image: (src) => images.get(src), headings: [] };
  const articleBody = `<section epub:type="chapter">\n${renderBlocks(clean.blocks, ctx)}</section>\n`;
  const page = (filename: string, body: string, bodyType?: string): PageFile => ({ filename, title, lang, dir, bodyType, body });
  const pages = [page(TITLE_FILE, titlePage(clean, ctx)), page(ARTICLE_FILE, articleBody, 'bodymatter')];
  // Fonts are subset to what the pages and labels actually show.
  const shown = [...pages.map((p) => p.body), title, ...Object.values(labels).flat()].join('\n');
  const fonts = await loadFonts(context.theme, shown, usesInline(clean.blocks, 'emphasis'));

  const toc: NavEntry[] = [{ href: ARTICLE_FILE, label: title, children: headingTree(ctx.headings, ARTICLE_FILE) }];
  const ncx = ncxNavMap(toc);
  const figureAlts = figureAltTexts(clean.blocks, (src) => images.has(src));
  const meta = packageMetadata(clean, context.buildDate, { count: figureAlts.length, withoutAlt: figureAlts.filter((a) => a.trim() === '').length });

  const manifest = [
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'nav', href: NAV_FILE, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    { id: 'title-page', href: TITLE_FILE, mediaType: 'application/xhtml+xml' },
    { id: 'article', href: ARTICLE_FILE, mediaType: 'application/xhtml+xml' },
    ...fonts.map((f, i) => ({ id: `font-${i + 1}`, href: f.href, mediaType: f.mediaType })),
    ...[...images.values()].map((img, i) => ({ id: `image-${i + 1}`, href: img.href, mediaType: img.mediaType })),
  ];
  const book = {
    meta,
    labels,
    manifest,
    spine: [{ idref: 'title-page' }, { idref: 'nav' }, { idref: 'article' }],
    // The summary is English: say so, and isolate it in an RTL package.
    summaryAttrs: lang.toLowerCase().startsWith('en') ? '' : attrs({ 'xml:lang': 'en', dir: dir === 'rtl' ? 'ltr' : undefined }),
    nav: {
      toc: navList(toc),
      landmarks: landmarkList([
        { type: 'titlepage', href: TITLE_FILE, label: labels.titlePage },
        { type: 'toc', href: NAV_FILE, label: labels.contents },
        { type: 'bodymatter', href: ARTICLE_FILE, label: labels.bodyStart },
      ]),
    },
    ncx: { navMap: ncx.xml, depth: Math.max(1, ncx.depth) },
  };

  return writePackage({
    title,
    lang,
    css: stylesheet(context.theme, fonts, dir),
    pages,
    book,
    fonts,
    images: [...images.values()],
    zipDate: context.buildDate,
    diagnostics: context.diagnostics,
  });
}

/** Title, subtitle, authors and date; each line isolated like any other text of the page. */
function titlePage(article: Article, ctx: XhtmlContext): string {
  const m = article.meta;
  const line = (tag: string, cls: string | undefined, text: string): string => {
    const d = blockDirection(text, ctx.dir);
    return `<${tag}${attrs({ class: cls, dir: d === ctx.dir ? undefined : d })}>${renderInlines([{ type: 'text', value: text }], d, ctx)}</${tag}>\n`;
  };
  let out = `<section class="title-page" epub:type="titlepage">\n${line('h1', undefined, m.title)}`;
  if (m.subtitle?.trim()) out += line('p', 'subtitle', m.subtitle);
  const authors = m.authors.map((a) => a.trim()).filter((a) => a !== '');
  if (authors.length > 0) out += line('p', 'byline', authors.join(ctx.labels.separator));
  if (m.date) out += `<p class="dateline"><time${attrs({ datetime: m.date })}>${renderInlines([{ type: 'text', value: formatDate(m.date, m.lang) }], ctx.dir, ctx)}</time></p>\n`;
  return `${out}</section>\n`;
}

/** Alt texts of the figures whose image made it into the book. */
function figureAltTexts(blocks: Article['blocks'], embedded: (src: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (list: Article['blocks']): void => {
    for (const b of list) {
      if (b.type === 'figure' && embedded(b.src)) out.push(b.alt);
      else if (b.type === 'blockquote') walk(b.children);
      else if (b.type === 'list') b.items.forEach(walk);
    }
  };
  walk(blocks);
  return out;
}
