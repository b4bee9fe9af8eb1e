// The body font travels inside the document (word/fonts/*.odttf), so Word and LibreOffice set the
// Arabic in it on machines that do not have it installed, instead of falling back to a face whose
// Arabic looks nothing like the PDF's. Each face is a subset that keeps GSUB/GPOS (word processors shape
// with them) and the whole editing repertoire, so the document stays editable; italic faces travel only
// when the article uses emphasis (Word slants the regular face for text italicised later).
import { CharacterSet } from 'docx';
import { embeddableFont, repertoireOmissions } from '../../fonts/subset.js';
import type { Article, Block } from '../../model/schema.js';
import { blocksText, codeText, usesInline } from '../../model/text.js';
import { embeddedFamilies } from '../../fonts/coverage.js';
import { blockLanguages } from '../../model/walk.js';
import type { Theme } from '../../theme/schema.js';
import { bulletOf, bylineText } from '../../locale/index.js';

export interface EmbeddedFont {
  /** The family's name, as the styles' and runs' w:rFonts refer to it. */
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
  return embeddedFontsFor(theme, articleText(article, theme), usesInline(article.blocks, 'emphasis'), codeText(article.blocks), [article.meta.lang, ...blockLanguages(article.blocks)]);
}

/** Everything of an article the document sets in the body font, its byline included (the book adds its own lines to it). */
export function articleText(article: Article, theme: Theme): string {
  const { meta } = article;
  return [meta.title, meta.subtitle ?? '', bylineText(meta, theme.dates), blocksText(article.blocks), listBullets(article.blocks)].join('\n');
}

/** The bullets the article's unordered lists draw, by their nesting (numbering.ts), for the fonts to cover. */
function listBullets(blocks: readonly Block[], depth = 0): string {
  return blocks
    .map((block): string => {
      if (block.type === 'list') return (block.ordered ? '' : bulletOf(depth)) + block.items.map((item) => listBullets(item, depth + 1)).join('');
      if (block.type === 'blockquote') return listBullets(block.children, depth);
      return '';
    })
    .join('');
}

/**
 * The families the document embeds (embeddedFamilies: the body family, the body family of each of
 * `langs`, each fallback family `text` needs — runs.ts names them on the runs they set —, the code family
 * when there is `code` text), each subset to `text` and the editing repertoire (which holds the digits
 * page numbers need); italic faces only if `italics`.
 */
export function embeddedFontsFor(theme: Theme, text: string, italics: boolean, code: string, langs: readonly string[]): EmbeddedFont[] {
  // No tatweel in the face in either theme, not even for the text's own: LibreOffice 7.4 kashida-justifies
  // a justified Arabic paragraph whenever the face has one, and its PDF export maps each kashida it
  // inserts to stray characters («''», «;;», «KK») in the text layer — on every page of a tutorial that
  // writes "بـ React" once. Without it, it justifies by spaces, as Word does; a tatweel the text has is
  // drawn from a fallback face (still joined: LibreOffice shapes across the font change).
  const omit = repertoireOmissions('inter-word');
  const untatweeled = text.replaceAll('\u0640', '');
  const families = embeddedFamilies(theme, text, code, langs);
  return families.map((family) => {
    const shown = family === theme.fonts.code ? code : untatweeled;
    const face = (file: string | undefined): Buffer | undefined => (file ? Buffer.from(embeddableFont(file, shown, omit)) : undefined);
    const bold = face(family.bold);
    const italic = italics ? face(family.italic) : undefined;
    const boldItalic = italics ? face(family.boldItalic) : undefined;
    return {
      name: family.family,
      data: face(family.regular)!,
      ...(bold ? { bold } : {}),
      ...(italic ? { italic } : {}),
      ...(boldItalic ? { boldItalic } : {}),
      // ANSI (00) is what Word itself writes for a Unicode font that also covers Latin, as Amiri does.
      characterSet: CharacterSet.ANSI,
    };
  });
}
