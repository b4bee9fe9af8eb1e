// List numbering. Each model list is its own numbering instance, so an ordered list always counts from
// its own start, not on from the previous list. The numbers and bullets sit at the paragraph's start
// (the right in an RTL paragraph), because the list paragraphs carry w:bidi and indents use start/hanging.
import { LevelFormat, type ILevelsOptions, type INumberingOptions } from 'docx';
import { bulletOf, type ArticleDigits } from '../../locale/index.js';
import { familyPieces, proseChain } from '../../fonts/coverage.js';
import type { Theme } from '../../theme/schema.js';
import { LEADING } from './styles.js';

const LEVELS = 9;
const STEP = 360; // twips per nesting level
const HANGING = 360;

export interface ListReference {
  /** The numbering definition: bullet, or decimal-<start> / hindi-<start> (one per start value and digits). */
  reference: string;
  /** The list's own numbering instance, 1, 2, … in the document: it counts apart from every other list. */
  instance: number;
}

export class ListNumbering {
  private readonly definitions = new Map<string, ILevelsOptions[]>();
  private instances = 0;

  /** `theme` names the face of each bullet the body face lacks. */
  constructor(private readonly theme: Theme) {}

  /**
   * A fresh list: a new instance of the bullet or number definition (one definition per start value and
   * digits). Numbers in Arabic-Indic or Persian digits are Word's hindiNumbers, which Word and LibreOffice
   * draw in Arabic-Indic digits (Word has no format of Persian digits of its own).
   */
  newList(ordered: boolean, start = 1, digits: ArticleDigits = 'western'): ListReference {
    const hindi = digits !== 'western';
    const reference = ordered ? `${hindi ? 'hindi' : 'decimal'}-${start}` : 'bullet';
    if (!this.definitions.has(reference)) this.definitions.set(reference, ordered ? numberLevels(start, hindi ? LevelFormat.HINDI_NUMBERS : LevelFormat.DECIMAL) : bulletLevels(this.theme));
    this.instances++;
    return { reference, instance: this.instances };
  }

  /** Text-block indent (twips) of a list item's following paragraphs at `level`. */
  static indentOf(level: number): number {
    return STEP * (level + 1) + HANGING;
  }

  options(): INumberingOptions {
    // Sorted so the numbering part does not depend on the order lists appear in.
    return { config: [...this.definitions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reference, levels]) => ({ reference, levels })) };
  }
}

function indent(level: number): { start: number; hanging: number } {
  return { start: ListNumbering.indentOf(level), hanging: HANGING };
}

// The PDF's bullets by level; the embedded Amiri has only •: ◦ and ▪ are set in the theme's fallback face
// that has them, as runs.ts does for any character the body face lacks.
function bulletLevels(theme: Theme): ILevelsOptions[] {
  return Array.from({ length: LEVELS }, (_, level) => {
    const bullet = bulletOf(level);
    const family = familyPieces(proseChain(theme), bullet)[0]?.family;
    // The fallback face is embedded when the article nests lists that deep (fonts.ts, listBullets).
    const font = family && family !== theme.fonts.body ? { run: { font: family.family } } : {};
    return { level, format: LevelFormat.BULLET, text: bullet, alignment: LEADING, style: { paragraph: { indent: indent(level) }, ...font } };
  });
}

function numberLevels(start: number, format: (typeof LevelFormat)[keyof typeof LevelFormat]): ILevelsOptions[] {
  return Array.from({ length: LEVELS }, (_, level) => ({
    level,
    format,
    text: `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: LEADING,
    style: { paragraph: { indent: indent(level) } },
  }));
}
