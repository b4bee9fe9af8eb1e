// Font files are read once per process and their HarfBuzz face is shared by every render (and by both
// halves of the PDF pipeline): shaping tables are warmed by use.
import path from 'node:path';
import { readFontFile } from '../../../fonts/font-file.js';
import { codeChain, proseChain } from '../../../fonts/coverage.js';
import { FaceFont } from './face-font.js';
import type { FontFiles, Theme } from '../../../theme/schema.js';
import { memo } from '../../../support/memo.js';

/** A loaded font file. Loaded once per process and shared (loadFace). */
export interface FontFace {
  /** Stable key, e.g. "Amiri-Bold": used for caching and resource names. */
  key: string;
  /** Absolute path of the font file. */
  path: string;
  /** The font as HarfBuzz reads it: cmap, metrics, outlines, shaping. */
  font: FaceFont;
}

const faces = memo<string, FontFace>('pdf font faces', 64);

/** Loads a font file (cached by absolute path). Throws a UserError unless it is one face. */
export function loadFace(file: string): FontFace {
  const absolute = path.resolve(file);
  return faces.getOrMake(absolute, () => ({ key: path.basename(absolute).replace(/\.[^.]+$/, ''), path: absolute, font: new FaceFont(absolute, readFontFile(absolute)) }));
}

export type FaceVariant = 'regular' | 'bold' | 'italic' | 'boldItalic';

export function variantOf(bold: boolean, italic: boolean): FaceVariant {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  return italic ? 'italic' : 'regular';
}

/** The file of a variant, falling back to the nearest one the family has (bold italic → bold → regular). */
export function familyFile(family: FontFiles, variant: FaceVariant): string {
  switch (variant) {
    case 'boldItalic':
      return family.boldItalic ?? family.bold ?? family.italic ?? family.regular;
    case 'bold':
      return family.bold ?? family.regular;
    case 'italic':
      return family.italic ?? family.regular;
    case 'regular':
      return family.regular;
  }
}

/**
 * The faces to try for a variant, in fallback order: the body family, then theme.fonts.fallback; for code
 * (`code`), the theme's code family first, so Arabic in code falls back to the body face.
 */
export function faceChain(theme: Theme, variant: FaceVariant, code = false): readonly FontFace[] {
  const byVariant = chains.getOrMake(theme, () => new Map());
  const key = code ? `code ${variant}` : variant;
  let chain = byVariant.get(key);
  if (!chain) {
    chain = (code ? codeChain(theme) : proseChain(theme)).map((family) => loadFace(familyFile(family, variant)));
    byVariant.set(key, chain);
  }
  return chain;
}
// Itemization asks for the chain once per character: keep it per theme object.
const chains = memo<Theme, Map<string, readonly FontFace[]>>('pdf face chains', 32);
