// DOCX renderer: the article as an editable Word document — real styles, RTL paragraphs and sections,
// runs split by bidi level, the body font embedded, byte-identical rebuilds. A book (book.ts) is built
// from the same stages.
//
//   styles (theme → Word styles) · paragraphs/runs (model → Word content) · section (page, header,
//   footer) · document.ts: docx Packer → package.ts (fixes docx cannot express) → reproducible-zip.ts
import type { Article } from '../../model/schema.js';
import { articleDigits } from '../../locale/index.js';
import { blocksText, usesInline } from '../../model/text.js';
import { contextForLanguage, type RenderContext } from '../context.js';
import { directedContext, packDocument, sharedState } from './document.js';
import { embeddedFonts } from './fonts.js';
import { blocksToChildren, titleParagraphs } from './paragraphs.js';
import { coreProperties } from './properties.js';
import { bylineText } from '../../locale/index.js';
import { buildSection, pageGeometry } from './section.js';
import { buildStyles } from './styles.js';

export { renderDocxBook } from './book.js';

export async function renderDocx(article: Article, given: RenderContext): Promise<Uint8Array> {
  // An article in a language with a face of its own (Urdu): its styles set that face and line height.
  const context = contextForLanguage(given, article.meta.lang);
  const rtl = article.meta.dir === 'rtl';
  const lang = article.meta.lang;
  const geometry = pageGeometry(context.theme, rtl);
  const shared = sharedState(context, geometry);
  const docx = directedContext(shared, lang, rtl, { digits: articleDigits(lang, blocksText(article.blocks)) });

  // Title and subtitle appear up to three times (body, running head, properties): cleaned once here so
  // the warning counts each dropped character once.
  const title = docx.xml.clean(article.meta.title);
  const subtitle = article.meta.subtitle === undefined ? undefined : docx.xml.clean(article.meta.subtitle);
  const meta = { ...article.meta, title, subtitle };
  const byline = docx.xml.clean(bylineText(article.meta, context.theme.dates));
  const children = [...titleParagraphs(title, subtitle, docx, byline), ...(await blocksToChildren(article.blocks, docx))];
  const section = buildSection(geometry, docx, children, { head: { text: title, context: docx }, firstFolio: true, start: 'nextPage' });
  const properties = coreProperties({ ...article, meta }, (s) => docx.xml.clean(s));

  return packDocument(
    shared,
    {
      ...properties,
      styles: buildStyles(context.theme, { rtl, lang, bidiLanguage: docx.bidiLanguage, notes: usesInline(article.blocks, 'note') }),
      numbering: docx.numbering.options(),
      fonts: embeddedFonts(context.theme, article),
      sections: [section],
    },
    { rtl, lang, buildDate: context.buildDate },
  );
}
