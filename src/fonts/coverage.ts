// Which theme family draws which character, for the documents that hand shaping to their reader (EPUB,
// DOCX): they embed a fallback family only when the article needs it, and the DOCX names it on the runs
// it sets (Word has no per-character fallback chain of its own). The PDF keeps its own, faster, per-face
// table (render/pdf/paragraph/itemize.ts); both ask HarfBuzz's cmap, so they agree.
import * as hb from 'harfbuzzjs';
import { readFontFile } from './font-file.js';
import type { FontFiles, Theme } from '../theme/schema.js';
import { memo } from '../support/memo.js';
import { themeForLanguage } from '../theme/language.js';

const fonts = memo<string, { font: hb.Font; known: Map<number, boolean> }>('font coverage', 32);

/** Whether the font file maps `codePoint` to a glyph. */
export function fileCovers(file: string, codePoint: number): boolean {
  const entry = fonts.getOrMake(file, () => ({ font: new hb.Font(new hb.Face(new hb.Blob(readFontFile(file)))), known: new Map() }));
  let has = entry.known.get(codePoint);
  if (has === undefined) {
    has = entry.font.nominalGlyph(codePoint) !== undefined;
    entry.known.set(codePoint, has);
  }
  return has;
}

// Spaces, joiners, marks and controls never decide a family: they go with the characters around them.
const NEUTRAL = /[\p{M}\p{Cf}\p{Cc}\p{Zs}\u2028\u2029]/u;

/**
 * The family that draws `char` from `chain` (the first that has it), or undefined for a neutral
 * character or one no family has (the first family then draws its missing glyph).
 */
export function familyOf(chain: readonly FontFiles[], char: string): FontFiles | undefined {
  if (NEUTRAL.test(char)) return undefined;
  const codePoint = char.codePointAt(0)!;
  return chain.find((family) => fileCovers(family.regular, codePoint));
}

/** The body family then the fallbacks: the chain prose is set from. */
export function proseChain(theme: Theme): readonly FontFiles[] {
  return [theme.fonts.body, ...theme.fonts.fallback];
}

/**
 * The code family (when the theme has one), then the prose chain: Arabic in code falls back to the body
 * face — the loaded theme's, not a language's (Urdu's Nastaliq would need its taller lines in code too).
 */
export function codeChain(theme: Theme): readonly FontFiles[] {
  const prose = proseChain(theme.base ?? theme);
  return theme.fonts.code ? [theme.fonts.code, ...prose] : prose;
}

/**
 * The families a document that leaves shaping to its reader embeds: the body family, the body family of
 * each of `langs` (the article's language and its blocks' own: Urdu's Nastaliq, or the theme's body
 * family back for an Arabic quotation in an Urdu article), each fallback family `text` needs, and the code
 * family when there is `code` text; once each, in that order.
 */
export function embeddedFamilies(theme: Theme, text: string, code: string, langs: Iterable<string>): FontFiles[] {
  const own = [...langs].map((lang) => themeForLanguage(theme, lang).fonts.body);
  // A book's code is its articles' joined by line breaks: only code with a character in it needs the face.
  const hasCode = /\S/u.test(code) && theme.fonts.code !== undefined;
  // Code's letters the code face lacks fall back to the loaded theme's body family (codeChain).
  const chain = codeChain(theme);
  const codeFallback = theme.base !== undefined && [...new Set(code)].some((char) => familyOf(chain, char) === theme.base!.fonts.body) ? [theme.base.fonts.body] : [];
  return [...new Set([theme.fonts.body, ...own, ...fallbacksUsed(theme, text), ...(hasCode ? [theme.fonts.code!] : []), ...codeFallback])];
}

/** The fallback families `text` needs: those that draw one of its characters that the families before them lack. */
export function fallbacksUsed(theme: Theme, text: string): FontFiles[] {
  const used = new Set<FontFiles>();
  const chain = proseChain(theme);
  for (const char of new Set(text)) {
    const family = familyOf(chain, char);
    if (family && family !== theme.fonts.body) used.add(family);
  }
  return theme.fonts.fallback.filter((family) => used.has(family));
}

/**
 * `text` cut where the family drawing it changes, each piece with its family (neutral characters stay
 * with the piece before them, or the one after at the start). Each code point's family is looked up once
 * per call, and the pieces are slices of `text`: a paragraph asks for a few dozen distinct characters.
 */
export function familyPieces(chain: readonly FontFiles[], text: string): { text: string; family: FontFiles | undefined }[] {
  const out: { text: string; family: FontFiles | undefined }[] = [];
  const known = new Map<number, FontFiles | undefined>();
  let start = 0;
  let family: FontFiles | undefined;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    let found = known.get(codePoint);
    if (found === undefined && !known.has(codePoint)) {
      found = familyOf(chain, String.fromCodePoint(codePoint));
      known.set(codePoint, found);
    }
    if (i > 0 && found !== undefined && found !== family) {
      if (family === undefined) family = found;
      else {
        out.push({ text: text.slice(start, i), family });
        start = i;
        family = found;
      }
    } else if (i === 0) family = found;
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (text.length > 0) out.push({ text: text.slice(start), family });
  return out;
}
