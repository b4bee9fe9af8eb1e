// Stage 1: itemization. A paragraph's styled spans become runs of one embedding level (UAX #9), one
// script, one style and one font face, so each run can be shaped on its own with one direction.
import type { Diagnostics } from '../../../support/errors.js';
import type { Direction } from '../../../model/schema.js';
import { embeddingLevels, isRtlLevel } from '../../../text/bidi.js';
import { scriptOf, type Script } from '../../../text/script.js';
import type { Theme } from '../../../theme/schema.js';
import { faceChain, variantOf } from '../fonts/faces.js';
import type { FontFace } from '../fonts/faces.js';
import type { InlineImage, TextStyle } from './types.js';
import { lazy, memo } from '../../../support/memo.js';

/** How a stretch of inline text looks, before a face is chosen. */
export interface SpanStyle {
  /** Bold face (strong text, headings). */
  bold: boolean;
  /** Italic face (emphasis). */
  italic: boolean;
  /** Type size in points. */
  size: number;
  /** Text colour, "#rrggbb". */
  color: string;
  /** The live link the text is part of, when it is. */
  link?: string | undefined;
  /** Draw an underline (links). */
  underline?: boolean | undefined;
  /** Draw a line through the text (the model's struck-through `delete`). */
  strike?: boolean | undefined;
  /** Code: set from the theme's code (monospace) family first. */
  code?: boolean | undefined;
  /** The text is the mark of this note (its number in the article): pagination finds the mark's line by it. */
  note?: number | undefined;
  /** Points above the baseline (below when negative): superscripts, subscripts, note marks. */
  rise?: number | undefined;
  /** The span (one no-break space) is this image in the line. */
  image?: InlineImage | undefined;
}

/** A stretch of a paragraph's text in one style: what the block stage hands the paragraph stage. */
export interface Span {
  /** The text, in logical order. */
  text: string;
  /** How it looks. */
  style: SpanStyle;
}

/** A run of one level, script, style and face. Offsets are UTF-16, into the paragraph text. */
export interface Item {
  /** UTF-16 offset of the run's first character in the paragraph text. */
  start: number;
  /** UTF-16 offset after its last character. */
  end: number;
  /** Its UAX #9 embedding level. */
  level: number;
  /** Whether it reads right to left (an odd level). */
  rtl: boolean;
  /** Its script, for the shaper. */
  script: Script;
  /** Its style with the face chosen: the first of the fallback chain that has its characters. */
  style: TextStyle;
  /** BCP 47 tag of the run's text. */
  lang: string;
}

export interface Itemized {
  /**
   * The paragraph text, exactly as given: what the PDF's text layer gives back, and what the shaper sees
   * (HarfBuzz puts Arabic marks in the order fonts expect and mirrors brackets in RTL runs itself).
   */
  text: string;
  /** The UAX #9 embedding level of each UTF-16 unit of the text. */
  levels: Uint8Array;
  /** The paragraph's level: 1 for a right-to-left paragraph, 0 otherwise. */
  baseLevel: number;
  /** The runs, in logical order, tiling the text. */
  items: Item[];
}

/** How a paragraph is itemized. */
export interface ItemizeOptions {
  /** The paragraph's direction. */
  dir: Direction;
  /** The article's language: runs in its script are tagged with it. */
  lang: string;
  /** The theme: its body family and fallback fonts. */
  theme: Theme;
  /** Where characters no font has are reported. */
  diagnostics: Diagnostics;
  /** Code points already reported missing in this render: each is reported once. */
  warned: Set<number>;
}

const MARK = /^\p{M}$/u;
const FORMAT_OR_CONTROL = /^[\p{Cf}\p{Cc}\p{Zs}\u2028\u2029]$/u;
const NORMAL = 0;
/** Combining marks: kept with the preceding face if it has them. */
const COMBINING = 1;
/** Spaces, joiners, controls: always kept with the preceding face, never reported missing. */
const FORMAT = 2;
// Itemization asks once per character: each answer is kept in a table over all code points (0: not yet
// known), which costs a lookup, where a map would cost a hash of the key and a move to the recent end.
const CODE_POINTS = 0x110000;
const kinds = lazy('pdf character kinds', () => new Uint8Array(CODE_POINTS));

function charKind(cp: number): number {
  const table = kinds();
  const known = table[cp] ?? 0;
  if (known !== 0) return known - 1;
  const char = String.fromCodePoint(cp);
  const kind = FORMAT_OR_CONTROL.test(char) ? FORMAT : MARK.test(char) ? COMBINING : NORMAL;
  table[cp] = kind + 1;
  return kind;
}

// Per face: 0 not yet asked, 1 the font has no glyph for the code point, 2 it has one.
const coverage = memo<FontFace, Uint8Array>('pdf font coverage', 64);

function covers(face: FontFace | undefined, cp: number): boolean {
  if (!face) return false;
  const table = coverage.getOrMake(face, () => new Uint8Array(CODE_POINTS));
  let known = table[cp] ?? 0;
  if (known === 0) {
    known = face.font.glyphFor(cp) !== undefined ? 2 : 1;
    table[cp] = known;
  }
  return known === 2;
}

export function itemize(spans: readonly Span[], options: ItemizeOptions): Itemized {
  const text = spans.map((span) => span.text).join('');
  const bidi = embeddingLevels(text, options.dir);
  const levels = bidi.levels;
  const baseLevel = options.dir === 'rtl' ? 1 : 0;
  // Mirroring (UAX #9 L4) is left to the shaper: HarfBuzz mirrors brackets in every RTL run, and RTL
  // runs are exactly the odd-level stretches L4 mirrors.

  // Per code point: span index, face and script, resolved left to right.
  const items: Item[] = [];
  const styleCache = new Map<string, TextStyle>();
  let spanIndex = 0;
  let spanEnd = spans[0]?.text.length ?? 0;
  let previousFace = -1;
  const scripts = resolveScripts(text, options.dir);
  let current: { start: number; level: number; script: Script; span: number; face: number } | null = null;
  const flush = (end: number): void => {
    if (!current || end <= current.start) return;
    const span = spans[current.span];
    if (!span) return;
    const chain = faceChain(options.theme, variantOf(span.style.bold, span.style.italic), span.style.code);
    const face = chain[current.face] ?? chain[0];
    if (!face) return;
    items.push({
      start: current.start,
      end,
      level: current.level,
      rtl: isRtlLevel(current.level),
      script: current.script,
      style: textStyle(styleCache, face, span.style),
      lang: langFor(current.script, options.lang),
    });
  };
  let chain: readonly FontFace[] = [];
  let chainSpan = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    while (i >= spanEnd && spanIndex < spans.length - 1) {
      spanIndex++;
      spanEnd += spans[spanIndex]?.text.length ?? 0;
    }
    if (chainSpan !== spanIndex) {
      const span = spans[spanIndex];
      chain = span ? faceChain(options.theme, variantOf(span.style.bold, span.style.italic), span.style.code) : [];
      chainSpan = spanIndex;
    }
    const kind = charKind(cp);
    let face: number;
    if (kind !== NORMAL && previousFace >= 0 && (kind === FORMAT || covers(chain[previousFace], cp))) {
      // Marks, joiners and spaces stay with the face of what precedes them so clusters are not split.
      face = previousFace;
    } else {
      face = -1;
      for (let f = 0; f < chain.length; f++) {
        if (covers(chain[f], cp)) {
          face = f;
          break;
        }
      }
      if (face < 0) {
        face = previousFace >= 0 ? previousFace : 0;
        if (kind !== FORMAT && !options.warned.has(cp)) {
          options.warned.add(cp);
          options.diagnostics.warn(`no font has ${codePointName(cp)} ${String.fromCodePoint(cp)}; drawn as a missing glyph`);
        }
      }
    }
    previousFace = face;
    const level = levels[i] ?? baseLevel;
    const script = scripts[i] ?? 'common';
    if (!current || current.level !== level || current.script !== script || current.face !== face || (current.span !== spanIndex && !sameStyle(spans[current.span]?.style, spans[spanIndex]?.style))) {
      flush(i);
      current = { start: i, level, script, span: spanIndex, face };
    }
    i += width;
  }
  flush(text.length);
  return { text, levels, baseLevel, items };
}

export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function sameStyle(a: SpanStyle | undefined, b: SpanStyle | undefined): boolean {
  if (!a || !b) return false;
  return a.bold === b.bold && a.italic === b.italic && a.size === b.size && a.color === b.color && a.link === b.link && a.underline === b.underline && a.strike === b.strike && a.code === b.code && a.note === b.note && a.rise === b.rise && a.image === b.image;
}

// One TextStyle object per distinct style so the draw half can compare runs by identity.
function textStyle(cache: Map<string, TextStyle>, face: FontFace, style: SpanStyle): TextStyle {
  const image = style.image ? `${style.image.path}\u0000${style.image.width}` : '';
  const key = `${face.path}\u0000${style.size}\u0000${style.color}\u0000${style.link ?? ''}\u0000${style.underline ? 1 : 0}${style.strike ? 1 : 0}\u0000${style.note ?? ''}\u0000${style.rise ?? 0}\u0000${image}`;
  let found = cache.get(key);
  if (!found) {
    found = {
      face, size: style.size, color: style.color, link: style.link, underline: style.underline, strike: style.strike,
      ...(style.note !== undefined && { note: style.note }), ...(style.rise !== undefined && style.rise !== 0 && { rise: style.rise }), ...(style.image && { image: style.image }),
    };
    cache.set(key, found);
  }
  return found;
}

/**
 * Script per UTF-16 offset. Characters common to all scripts (digits, punctuation, spaces) take the
 * script of the strong character before them, or after them at the start, so "2025." inside Arabic is
 * shaped with the Arabic script's features and does not split a run needlessly.
 */
function resolveScripts(text: string, dir: Direction): Script[] {
  const out = new Array<Script>(text.length).fill('common');
  let last: Script | null = null;
  let firstStrong: Script | null = null;
  // A closing bracket takes the script of its opening bracket (as in UAX #24 and HarfBuzz), so both
  // halves of "(Donald Trump)" inside Arabic are drawn from the same (Arabic) design.
  const open: { close: string; script: Script }[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const script = scriptOf(cp);
    if (script !== 'common') {
      last = script;
      firstStrong ??= script;
    }
    out[i] = script === 'common' ? (last ?? 'common') : script;
    const char = text[i] ?? '';
    const closing = BRACKETS[char];
    if (closing) {
      if (open.length < 64) open.push({ close: closing, script: out[i] ?? 'common' });
    } else if (CLOSING.has(char)) {
      const at = open.findLastIndex((o) => o.close === char);
      if (at >= 0) {
        out[i] = open[at]?.script ?? out[i] ?? 'common';
        open.length = at;
      }
    }
    if (cp > 0xffff) {
      out[i + 1] = out[i] ?? 'common';
      i++;
    }
  }
  const fallback: Script = firstStrong ?? (dir === 'rtl' ? 'arabic' : 'latin');
  for (let i = 0; i < out.length && out[i] === 'common'; i++) out[i] = fallback;
  return out;
}

const BRACKETS: Record<string, string> = Object.freeze<Record<string, string>>({ '(': ')', '[': ']', '{': '}', '«': '»', '‹': '›', '\u201C': '\u201D', '\u2018': '\u2019', '\uFD3E': '\uFD3F' });
const CLOSING: ReadonlySet<string> = new Set(Object.values(BRACKETS));

const SCRIPT_OF_LANG: Record<string, Script> = Object.freeze<Record<string, Script>>({ ar: 'arabic', fa: 'arabic', ur: 'arabic', ps: 'arabic', ku: 'arabic', ckb: 'arabic', he: 'hebrew', yi: 'hebrew' });
const DEFAULT_LANG: Partial<Record<Script, string>> = Object.freeze<Partial<Record<Script, string>>>({ arabic: 'ar', hebrew: 'he', latin: 'en' });

function langFor(script: Script, documentLang: string): string {
  const primary = documentLang.toLowerCase().split('-')[0] ?? '';
  const documentScript = SCRIPT_OF_LANG[primary] ?? 'latin';
  if (script === 'common' || script === documentScript) return documentLang;
  return DEFAULT_LANG[script] ?? documentLang;
}

/** OpenType script tag for the shaper. */
export function otScript(script: Script): string {
  switch (script) {
    case 'arabic':
      return 'arab';
    case 'hebrew':
      return 'hebr';
    case 'latin':
      return 'latn';
    case 'common':
      return 'DFLT';
  }
}

/** OpenType language system tag for the shaper, where the bundled fonts distinguish one. */
// Amiri has Arabic, Urdu, Sindhi, Kashmiri and Malay language systems: Arabic's own forms (e.g. of waw
// after hamza) apply only when the language is said, as HarfBuzz does for text tagged "ar".
const OT_LANGUAGES: Record<string, string> = Object.freeze<Record<string, string>>({ ar: 'ARA ', fa: 'FAR ', ur: 'URD ', sd: 'SND ', ks: 'KSH ', ms: 'MLY ', ps: 'PAS ', ku: 'KUR ', ckb: 'KUR ', ug: 'UYG ' });

export function otLanguage(lang: string): string | undefined {
  return OT_LANGUAGES[lang.toLowerCase().split('-')[0] ?? ''];
}
