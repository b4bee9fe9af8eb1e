// The body font travels inside the document (word/fonts/*.odttf), so Word and LibreOffice set the
// Arabic in it on machines that do not have it installed, instead of falling back to a face whose
// Arabic looks nothing like the PDF's.
import { readFile } from 'node:fs/promises';
import { CharacterSet } from 'docx';
import type { Theme } from '../../theme/schema.js';

export interface EmbeddedFont {
  name: string;
  data: Buffer;
  bold?: Buffer;
  italic?: Buffer;
  boldItalic?: Buffer;
  characterSet: (typeof CharacterSet)[keyof typeof CharacterSet];
}

const cache = new Map<string, Promise<Buffer>>();

// Read once per process: the theme's files do not change while it runs.
function read(file: string): Promise<Buffer> {
  let data = cache.get(file);
  if (!data) {
    data = readFile(file);
    cache.set(file, data);
  }
  return data;
}

export async function embeddedFonts(theme: Theme): Promise<EmbeddedFont[]> {
  const body = theme.fonts.body;
  const [bold, italic, boldItalic] = await Promise.all([body.bold, body.italic, body.boldItalic].map((f) => (f ? read(f) : undefined)));
  return [
    {
      name: body.family,
      data: await read(body.regular),
      ...(bold ? { bold } : {}),
      ...(italic ? { italic } : {}),
      ...(boldItalic ? { boldItalic } : {}),
      // ANSI (00) is what Word itself writes for a Unicode font that also covers Latin, as Amiri does.
      characterSet: CharacterSet.ANSI,
    },
  ];
}
