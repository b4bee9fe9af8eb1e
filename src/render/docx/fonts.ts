// The body font travels inside the document (word/fonts/*.odttf), so Word and LibreOffice set the
// Arabic in it on machines that do not have it installed, instead of falling back to a face whose
// Arabic looks nothing like the PDF's. Each face is a subset that keeps GSUB/GPOS (word processors shape
// with them) and the whole editing repertoire, so the document stays editable; italic faces travel only
// when the article uses emphasis (Word slants the regular face for text italicised later).
import { CharacterSet } from 'docx';
import { embeddableFont } from '../../fonts/subset.js';
import type { Article } from '../../model/schema.js';
import { blocksText, usesInline } from '../../model/text.js';
import type { Theme } from '../../theme/schema.js';

export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold?: Buffer;
  italic?: Buffer;
  boldItalic?: Buffer;
  characterSet: (typeof CharacterSet)[keyof typeof CharacterSet];
}

export function embeddedFonts(theme: Theme, article: Article): EmbeddedFont[] {
  const body = theme.fonts.body;
  const { meta } = article;
  const text = [meta.title, meta.subtitle ?? '', ...meta.authors, blocksText(article.blocks), '0123456789'].join('\n');
  const face = (file: string | undefined): Buffer | undefined => (file ? Buffer.from(embeddableFont(file, text)) : undefined);
  const italics = usesInline(article.blocks, 'emphasis');
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
