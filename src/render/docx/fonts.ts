// The body font travels inside the document (word/fonts/*.odttf), so Word and LibreOffice set the
// Arabic in it on machines that do not have it installed, instead of falling back to a face whose
// Arabic looks nothing like the PDF's. Each face is a subset that keeps GSUB/GPOS (word processors shape
// with them) and the whole editing repertoire, so the document stays editable; italic faces travel only
// when the article uses emphasis (Word slants the regular face for text italicised later).
import { CharacterSet } from 'docx';
import { embeddableFont, repertoireOmissions } from '../../fonts/subset.js';
import type { Article } from '../../model/schema.js';
import { blocksText, usesInline } from '../../model/text.js';
import type { Theme } from '../../theme/schema.js';
import { formatDate } from '../../locale/index.js';

export interface EmbeddedFont {
  /** The theme's body family: the font name the styles' w:rFonts refer to. */
  name: string;
  /** The regular face, subset (an .odttf once docx obfuscates it). */
  data: Buffer;
  /** The bold face, subset; absent when the theme has none. */
  bold?: Buffer;
  /** The italic face, subset; absent when the theme has none or nothing is emphasised. */
  italic?: Buffer;
  /** The bold italic face, subset; absent when the theme has none or nothing is emphasised. */
  boldItalic?: Buffer;
  /** The font's w:charset: ANSI, as Word writes it for a Unicode font that also covers Latin. */
  characterSet: (typeof CharacterSet)[keyof typeof CharacterSet];
}

export function embeddedFonts(theme: Theme, article: Article): EmbeddedFont[] {
  return embeddedFontsFor(theme, articleText(article, theme), usesInline(article.blocks, 'emphasis'));
}

/** Everything of an article the document sets in the body font, its dateline included (the book adds its own lines to it). */
export function articleText(article: Article, theme: Theme): string {
  const { meta } = article;
  const dateline = meta.date === undefined ? '' : formatDate(meta.date, meta.lang, theme.dates);
  return [meta.title, meta.subtitle ?? '', ...meta.authors, dateline, blocksText(article.blocks)].join('\n');
}

/**
 * The body face subset to `text` and the editing repertoire (which holds the digits page numbers need);
 * italic faces only if `italics`.
 */
export function embeddedFontsFor(theme: Theme, text: string, italics: boolean): EmbeddedFont[] {
  const body = theme.fonts.body;
  // No tatweel under inter-word justification, or LibreOffice kashida-justifies (repertoireOmissions).
  const omit = repertoireOmissions(theme.justify);
  const face = (file: string | undefined): Buffer | undefined => (file ? Buffer.from(embeddableFont(file, text, omit)) : undefined);
  const bold = face(body.bold);
  const italic = italics ? face(body.italic) : undefined;
  const boldItalic = italics ? face(body.boldItalic) : undefined;
  return [
    {
      name: body.family,
      data: face(body.regular)!,
      ...(bold ? { bold } : {}),
      ...(italic ? { italic } : {}),
      ...(boldItalic ? { boldItalic } : {}),
      // ANSI (00) is what Word itself writes for a Unicode font that also covers Latin, as Amiri does.
      characterSet: CharacterSet.ANSI,
    },
  ];
}
