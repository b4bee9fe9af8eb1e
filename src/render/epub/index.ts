// The EPUB 3 renderer: article → title page, nav document, article page, fonts and images, in a zip
// that reads right to left when the article does. Stages, in order:
//   sanitize (XML-safe text) → images, fonts (local files) → xhtml (pages) → nav, metadata → assemble,
//   package (zip).
// renderEpubBook (book.ts) runs the same stages over several articles.
import { blockLanguages } from '../../model/walk.js';
import { silentDiagnostics } from '../../support/errors.js';
import type { Article } from '../../model/schema.js';
import { blocksText, codeText, usesInline } from '../../model/text.js';
import { contextForLanguage, type RenderContext } from '../context.js';
import { packageAnchors } from './anchors.js';
import { assembleEpub, imageFacts, landmarks, TITLE_FILE, type SpinePage } from './assemble.js';
import { loadFonts } from './fonts.js';
import { loadImages } from './images.js';
import { articleDigits, localeStrings } from '../../locale/index.js';
import { packageMetadata } from './metadata.js';
import { headingTree, type NavEntry } from './nav.js';
import { titlePageBody } from './opening.js';
import { chapterBody, pageContext, shownText } from './pages.js';
import { sanitizeArticle } from './sanitize.js';
import { stylesheet } from './stylesheet.js';

export { renderEpubBook } from './book.js';

const ARTICLE_FILE = 'article.xhtml';

export async function renderEpub(article: Article, given: RenderContext): Promise<Uint8Array> {
  // An article in a language with a face of its own (Urdu): the stylesheet's body family is that face.
  const context = contextForLanguage(given, article.meta.lang);
  const clean = sanitizeArticle(article, context.diagnostics);
  const m = clean.meta;
  const { lang, dir, title } = m;
  const labels = localeStrings(lang, dir);
  const images = loadImages(clean.blocks, context);

  const ctx = { ...pageContext(dir, labels, context.diagnostics, images), digits: articleDigits(lang, blocksText(clean.blocks)) };
  const [anchors] = packageAnchors([{ file: ARTICLE_FILE, blocks: clean.blocks, source: m.source }]);
  const page = (id: string, filename: string, body: string, bodyType?: string): SpinePage => ({ id, filename, title, lang, dir, bodyType, body });
  const titlePage = page('title-page', TITLE_FILE, titlePageBody({ title, subtitle: m.subtitle, people: m.authors, date: m.date, lang, dates: context.theme.dates }, ctx));
  const articlePage = page('article', ARTICLE_FILE, chapterBody(clean.blocks, { ...ctx, anchors }), 'bodymatter');
  // Fonts are subset to what the pages and labels actually show.
  const langs = [m.lang, ...blockLanguages(clean.blocks)];
  const fonts = await loadFonts(context.theme, shownText([titlePage, articlePage], [title], [labels]), usesInline(clean.blocks, 'emphasis'), codeText(clean.blocks), langs);

  const toc: NavEntry[] = [{ href: ARTICLE_FILE, label: title, children: headingTree(ctx.headings, ARTICLE_FILE) }];
  return assembleEpub({
    meta: packageMetadata(
      clean,
      context.buildDate,
      imageFacts(clean.blocks, (src) => images.has(src)),
      (message) => context.diagnostics.warn(message),
      context.identity ? sanitizeArticle(context.identity, silentDiagnostics) : clean,
    ),
    labels,
    title,
    css: stylesheet(context.theme, fonts, dir, { langs, notes: usesInline(clean.blocks, 'note') }),
    titlePage,
    bodyPages: [articlePage],
    toc,
    landmarks: landmarks(labels, ARTICLE_FILE),
    fonts,
    images: [...images.values()],
    zipDate: context.buildDate,
    diagnostics: context.diagnostics,
  });
}
