// DOCX renderer: the article as an editable Word document — real styles, RTL paragraphs and sections,
// runs split by bidi level, the body font embedded, byte-identical rebuilds.
//
//   styles (theme → Word styles) · paragraphs/runs (model → Word content) · section (page, header,
//   footer) · docx Packer → package.ts (fixes docx cannot express) → reproducible-zip.ts
import { Document, Packer } from 'docx';
import type { Article } from '../../model/schema.js';
import type { RenderContext } from '../context.js';
import { embeddedFonts } from './fonts.js';
import { bidiLanguageTag } from './language.js';
import { ListNumbering } from './numbering.js';
import { finishPackage } from './package.js';
import { blocksToChildren, titleParagraphs } from './paragraphs.js';
import { coreProperties } from './properties.js';
import { buildSection, pageGeometry, textWidth } from './section.js';
import { buildStyles } from './styles.js';
import type { DocxContext } from './types.js';
import { createXmlCleaner } from './xml-text.js';

export async function renderDocx(article: Article, context: RenderContext): Promise<Uint8Array> {
  const rtl = article.meta.dir === 'rtl';
  const lang = article.meta.lang;
  const geometry = pageGeometry(context.theme, rtl);
  let drawingId = 0;
  const docx: DocxContext = {
    rtl,
    bidiLanguage: bidiLanguageTag(lang, rtl),
    theme: context.theme,
    xml: createXmlCleaner(),
    numbering: new ListNumbering(),
    diagnostics: context.diagnostics,
    resourceDir: context.resourceDir,
    textWidth: textWidth(geometry),
    nextDrawingId: () => ++drawingId,
  };

  // Title and subtitle appear up to three times (body, running head, properties): cleaned once here so
  // the warning counts each dropped character once.
  const title = docx.xml.clean(article.meta.title);
  const subtitle = article.meta.subtitle === undefined ? undefined : docx.xml.clean(article.meta.subtitle);
  const meta = { ...article.meta, title, subtitle };
  const children = [...titleParagraphs(title, subtitle, docx), ...(await blocksToChildren(article.blocks, docx))];
  const section = buildSection(title, geometry, docx, children);
  const properties = coreProperties({ ...article, meta }, (s) => docx.xml.clean(s));

  if (docx.xml.dropped > 0) {
    context.diagnostics.warn(`docx: dropped ${docx.xml.dropped} character(s) that XML 1.0 does not allow (control characters or broken surrogates)`);
  }

  const document = new Document({
    ...properties,
    styles: buildStyles(context.theme, { rtl, lang, bidiLanguage: docx.bidiLanguage }),
    numbering: docx.numbering.options(),
    fonts: embeddedFonts(context.theme, article),
    sections: [section],
  });
  const packed = await Packer.toBuffer(document);
  return finishPackage(packed, { rtl, lang, buildDate: context.buildDate });
}
