// The theme's fonts as EPUB resources: read from local files (never fetched), named after their
// files, and declared with @font-face so reading systems use them instead of their own Arabic default.
// TrueType/OpenType faces are hb-subset to the article's characters plus the common repertoire, keeping
// GSUB/GPOS for the reader's shaper (a tenth of the size, and one cached subset per face for most
// articles, the same the DOCX embeds); italic faces travel only when the article uses emphasis. WOFF
// files are embedded as they are.
import path from 'node:path';
import { loadFontFile } from '../../fonts/font-file.js';
import { embeddedFamilies } from '../../fonts/coverage.js';
import { embeddableFont, repertoireOmissions } from '../../fonts/subset.js';
import type { FontFormat } from '../../support/font.js';
import { UserError } from '../../support/errors.js';
import type { FontFiles, Theme } from '../../theme/schema.js';

export interface FontAsset {
  /** The theme family the face belongs to: its @font-face font-family. */
  family: string;
  /** The face's font-style; italic faces are embedded only when the article uses emphasis. */
  style: 'normal' | 'italic';
  /** The face's font-weight. */
  weight: 'normal' | 'bold';
  /** Path inside OEBPS/. */
  href: string;
  /** Manifest media type, from what the file's bytes say it is. */
  mediaType: string;
  /** The font file: TrueType/OpenType subset to the text shown, WOFF as it is. */
  data: Uint8Array;
}

// By what the file's bytes say it is, never by its name. A collection goes to the subsetter, which
// refuses it with the message the PDF gives.
const KINDS: Readonly<Record<FontFormat, { mediaType: string; ext: string }>> = Object.freeze({
  truetype: { mediaType: 'font/ttf', ext: '.ttf' },
  collection: { mediaType: 'font/ttf', ext: '.ttf' },
  opentype: { mediaType: 'font/otf', ext: '.otf' },
  woff: { mediaType: 'font/woff', ext: '.woff' },
  woff2: { mediaType: 'font/woff2', ext: '.woff2' },
});

/**
 * The faces of the families the document embeds (embeddedFamilies: body, the languages' of `langs`,
 * fallbacks `text` needs, code when there is `code` text), each subset to what it sets.
 */
export async function loadFonts(theme: Theme, text: string, italics: boolean, code: string, langs: readonly string[]): Promise<FontAsset[]> {
  const out: FontAsset[] = [];
  const names = new Set<string>();
  const families = embeddedFamilies(theme, text, code, langs);
  for (const family of families) {
    const shown = family === theme.fonts.code ? code : text;
    for (const face of faces(family)) {
      if (face.style === 'italic' && !italics) continue;
      const font = loadFontFile(face.file);
      if (font.problem !== undefined) throw new UserError(font.error);
      const { mediaType, ext } = KINDS[font.format];
      // Manifest hrefs stay plain ASCII; a clash (two themes' "Regular.ttf") gets a counter.
      const base = path.basename(face.file, path.extname(face.file)).replace(/[^A-Za-z0-9._-]/g, '_') || 'font';
      let name = `${base}${ext}`;
      for (let n = 2; names.has(name); n++) name = `${base}-${n}${ext}`;
      names.add(name);
      out.push({
        family: family.family,
        style: face.style,
        weight: face.weight,
        href: `fonts/${name}`,
        mediaType,
        data: font.format === 'woff' || font.format === 'woff2' ? font.bytes : embeddableFont(face.file, shown, repertoireOmissions(theme.justify)),
      });
    }
  }
  return out;
}

function faces(f: FontFiles): { file: string; style: FontAsset['style']; weight: FontAsset['weight'] }[] {
  const list: { file: string | undefined; style: FontAsset['style']; weight: FontAsset['weight'] }[] = [
    { file: f.regular, style: 'normal', weight: 'normal' },
    { file: f.bold, style: 'normal', weight: 'bold' },
    { file: f.italic, style: 'italic', weight: 'normal' },
    { file: f.boldItalic, style: 'italic', weight: 'bold' },
  ];
  return list.filter((x): x is { file: string; style: FontAsset['style']; weight: FontAsset['weight'] } => x.file !== undefined);
}

export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** @font-face rules, with URLs relative to the stylesheet at OEBPS/style.css. */
export function fontFaceCss(fonts: readonly FontAsset[]): string {
  return fonts
    .map((f) => {
      const format = { 'font/ttf': 'truetype', 'font/otf': 'opentype', 'font/woff': 'woff', 'font/woff2': 'woff2' }[f.mediaType] ?? 'truetype';
      return `@font-face { font-family: ${cssString(f.family)}; font-style: ${f.style}; font-weight: ${f.weight}; src: url("${f.href}") format("${format}"); }`;
    })
    .join('\n');
}
