// The theme as Word styles. Everything a user may want to change once for the whole document (fonts,
// sizes, alignment, colours) lives in a named style rather than on each paragraph, so Word's and
// LibreOffice's style panes edit the article as a whole.
import { AlignmentType, LineRuleType, ShadingType, UnderlineType, type IParagraphStyleOptions, type IRunStylePropertiesOptions, type IStylesOptions, type ICharacterStyleOptions } from 'docx';
import type { Theme } from '../../theme/schema.js';
import { latinLanguageTag } from './language.js';

export const PARAGRAPH_STYLES = {
  normal: 'Normal',
  body: 'BodyText',
  title: 'Title',
  subtitle: 'Subtitle',
  // Authors and date under the title, as the PDF's title block has them.
  byline: 'Byline',
  quote: 'Quote',
  list: 'ListParagraph',
  caption: 'Caption',
  figure: 'Figure',
  code: 'SourceCode',
  rule: 'HorizontalLine',
  header: 'Header',
  footer: 'Footer',
  tableText: 'TableText',
  footnote: 'FootnoteText',
  verse: 'Verse',
  // A book's own pages: the lines under its title, the heading of its contents, the contents' entries.
  titlePageLine: 'TitlePageLine',
  tocHeading: 'TOCHeading',
} as const;

/** Word's built-in "toc n" styles, which its TOC field gives the entries of level n. */
export function tocStyle(level: number): string {
  return `TOC${level}`;
}

export function headingStyle(level: number): string {
  return `Heading${level}`;
}

/**
 * The type size a paragraph style sets: what a paragraph of another line height than its style's (a block
 * in a language with a face of its own) multiplies by its own line height.
 */
export function styleSize(theme: Theme, style: string): number {
  const { sizes } = theme;
  const level = /^Heading(\d)$/.exec(style)?.[1];
  if (level !== undefined) return sizes.heading[Number(level) - 1] ?? sizes.body;
  switch (style) {
    case PARAGRAPH_STYLES.title:
      return sizes.title;
    case PARAGRAPH_STYLES.subtitle:
    case PARAGRAPH_STYLES.byline:
      return sizes.subtitle;
    case PARAGRAPH_STYLES.quote:
      return sizes.quote;
    case PARAGRAPH_STYLES.footnote:
      return sizes.footer;
    default:
      return sizes.body;
  }
}

export const CHARACTER_STYLES = {
  strong: 'Strong',
  emphasis: 'Emphasis',
  code: 'VerbatimChar',
  hyperlink: 'Hyperlink',
  footnoteReference: 'FootnoteReference',
} as const;

// The theme's code family (embedded, fonts.ts) for Latin; complex-script text in code (Arabic) takes the
// body family, as in the PDF. A theme without one gets Courier New: Word has no monospace face every
// machine carries, and Courier New is on Windows and macOS (LibreOffice maps it to Liberation Mono).
function codeFont(theme: Theme): { ascii: string; hAnsi: string; cs: string; eastAsia: string } {
  const code = theme.fonts.code?.family ?? 'Courier New';
  return { ascii: code, hAnsi: code, cs: (theme.base ?? theme).fonts.body.family, eastAsia: code };
}

/** docx sizes are half-points; the theme's are points. */
export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

/** Twentieths of a point: Word's unit for spacing, indents and page geometry. */
export function twips(points: number): number {
  return Math.round(points * 20);
}

/** A theme colour (#rrggbb) as Word writes it. */
export function colour(hex: string): string {
  return hex.replace('#', '').toUpperCase();
}

/** Both size slots: w:sz sizes Latin text, w:szCs Arabic. */
function sized(points: number): IRunStylePropertiesOptions {
  return { size: halfPoints(points), sizeComplexScript: halfPoints(points) };
}

const BOLD: IRunStylePropertiesOptions = Object.freeze<IRunStylePropertiesOptions>({ bold: true, boldComplexScript: true });

/** What marks a link: the theme's link colour, underlined. The Hyperlink style, or a link's own runs (see runs.ts). */
export function linkLook(theme: Theme): IRunStylePropertiesOptions {
  const link = colour(theme.colours.link);
  return { color: link, underline: { type: UnderlineType.SINGLE, color: link } };
}

export interface StyleOptions {
  /** Right to left: body text may justify with kashida, and Latin runs default to en-US. */
  rtl: boolean;
  /** The article's (or book's) BCP 47 tag: the Latin runs' w:lang when the document is LTR. */
  lang: string;
  /** The default w:lang w:bidi, for complex-script runs (e.g. ar-SA). */
  bidiLanguage: string;
  /** Whether the document has notes: only then does it carry the footnote styles (no change to others). */
  notes?: boolean | undefined;
}

/**
 * The paragraph's start edge as every reader knows it: w:jc="left", which Word and LibreOffice set at the
 * right in a w:bidi paragraph and at the left in any other (transitional "left" is strict "start";
 * LibreOffice's PDF of both puts an RTL title flush right). "start" itself is schema-valid, but older
 * readers (python-docx among them) fail on it.
 */
export const LEADING = AlignmentType.LEFT;

/**
 * The start edge of a paragraph that says its direction itself (`bidirectional`): docx writes LEFT and
 * RIGHT of a w:bidi paragraph swapped, so that they name the page's sides, and its start is then RIGHT.
 */
export function leadingOf(rtl: boolean): typeof AlignmentType.LEFT | typeof AlignmentType.RIGHT {
  return rtl ? AlignmentType.RIGHT : AlignmentType.LEFT;
}

/**
 * Justified text: w:jc="both" in either theme. LibreOffice ignores "lowKashida" (a ragged edge); given
 * "both" and a font with a tatweel it stretches Arabic at kashida points but writes junk for each kashida
 * into its PDF's text, so the embedded face has none (fonts.ts) and lines justify by spaces, in Word too.
 */
export const JUSTIFIED = AlignmentType.BOTH;

/**
 * The line pitch the PDF gives text of this size (the theme's line height times the size), as an exact
 * w:spacing in twips. "auto" spacing would multiply the font's own line height, which for Amiri
 * (hhea 1124 + 634 of 1000) is already 1.76 em: 1.8 × that is the 3.2 × the type size LibreOffice used
 * to set. Exact, because Word sizes a line by the font's win metrics (2.76 em for Amiri), so "at least"
 * would still set it wider than the PDF there.
 */
export function linePitch(theme: Theme, size: number): { line: number; lineRule: typeof LineRuleType.EXACT } {
  return { line: twips(size * theme.lineHeight), lineRule: LineRuleType.EXACT };
}

export function buildStyles(theme: Theme, options: StyleOptions): IStylesOptions {
  const family = theme.fonts.body.family;
  const { sizes, colours } = theme;
  const lineSpacing = linePitch(theme, sizes.body);
  const pitch = (size: number): ReturnType<typeof linePitch> => linePitch(theme, size);
  const after = twips(theme.paragraphSpacing);

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: PARAGRAPH_STYLES.normal,
      name: 'Normal',
      quickFormat: true,
      paragraph: { alignment: LEADING, spacing: { ...lineSpacing, before: 0, after } },
      run: { ...sized(sizes.body), color: colour(colours.text) },
    },
    {
      id: PARAGRAPH_STYLES.body,
      name: 'Body Text',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: { alignment: JUSTIFIED },
    },
    {
      id: PARAGRAPH_STYLES.title,
      name: 'Title',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.subtitle,
      quickFormat: true,
      // Flush to the start, as the PDF sets its title block; the book's title page centres its own lines.
      paragraph: { alignment: LEADING, spacing: { ...pitch(sizes.title), before: 0, after: twips(theme.paragraphSpacing) }, keepNext: true },
      run: { ...sized(sizes.title), ...BOLD, color: colour(colours.heading) },
    },
    {
      id: PARAGRAPH_STYLES.subtitle,
      name: 'Subtitle',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: { alignment: LEADING, spacing: { ...pitch(sizes.subtitle), before: 0, after: twips(theme.paragraphSpacing) }, keepNext: true },
      run: { ...sized(sizes.subtitle), color: colour(colours.subtitle) },
    },
    {
      id: PARAGRAPH_STYLES.byline,
      name: 'Byline',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      paragraph: { alignment: LEADING, spacing: { ...lineSpacing, before: 0, after: twips(theme.paragraphSpacing * 2) }, keepNext: true },
      run: { color: colour(colours.muted) },
    },
    ...[1, 2, 3, 4, 5, 6].map((level): IParagraphStyleOptions => ({
      id: headingStyle(level),
      name: `heading ${level}`,
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: {
        alignment: LEADING,
        keepNext: true,
        keepLines: true,
        outlineLevel: level - 1,
        spacing: { ...pitch(sizes.heading[level - 1] ?? sizes.body), before: twips(level === 1 ? 18 : 12), after: twips(6) },
      },
      run: { ...sized(sizes.heading[level - 1] ?? sizes.body), ...BOLD, color: colour(colours.heading) },
    })),
    {
      id: PARAGRAPH_STYLES.quote,
      name: 'Quote',
      basedOn: PARAGRAPH_STYLES.body,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      // start/end follow the paragraph's direction, so the indent is right for RTL and LTR alike. The rule
      // down the start side, as the PDF and the EPUB draw it: w:left, which Word and LibreOffice put on the
      // right of a right-to-left (w:bidi) paragraph.
      paragraph: {
        indent: { start: twips(24), end: 0 },
        spacing: pitch(sizes.quote),
        border: { left: { style: 'single', size: 12, space: 8, color: colour(colours.rule) } },
      },
      run: { ...sized(sizes.quote), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.list,
      name: 'List Paragraph',
      basedOn: PARAGRAPH_STYLES.normal,
      quickFormat: true,
      // Justified as the PDF and the EPUB set list items (LibreOffice set them ragged: 16 % of a tutorial's long lines full, the PDF 48 %).
      paragraph: { contextualSpacing: true, alignment: JUSTIFIED },
    },
    {
      id: PARAGRAPH_STYLES.figure,
      name: 'Figure',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.caption,
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: PARAGRAPH_STYLES.caption,
      name: 'caption',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.CENTER, spacing: pitch(sizes.footer + 1) },
      run: { ...sized(sizes.footer + 1), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.code,
      name: 'Source Code',
      basedOn: PARAGRAPH_STYLES.normal,
      // START in a paragraph that is LTR (w:bidi off) is the left edge, whatever the article's direction.
      // On the theme's shade, as in the PDF and the EPUB.
      paragraph: { alignment: LEADING, spacing: { ...linePitch(theme.base ?? theme, sizes.code), after: 0 }, shading: { type: ShadingType.CLEAR, fill: colour(colours.shade), color: 'auto' } },
      run: { ...sized(sizes.code), font: codeFont(theme) },
    },
    {
      id: PARAGRAPH_STYLES.rule,
      name: 'Horizontal Line',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      paragraph: { border: { bottom: { style: 'single', size: 6, space: 1, color: colour(colours.rule) } }, spacing: { line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: PARAGRAPH_STYLES.tableText,
      name: 'Table Text',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { spacing: { ...lineSpacing, before: twips(2), after: twips(2) } },
    },
    {
      // A hemistich in its cell of the verse table: body type, a little room between lines of verse.
      id: PARAGRAPH_STYLES.verse,
      name: 'Verse',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { spacing: { before: twips(1), after: twips(3) } },
    },
    {
      id: PARAGRAPH_STYLES.header,
      name: 'header',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...pitch(sizes.runningHead), after: 0 } },
      run: { ...sized(sizes.runningHead), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.footer,
      name: 'footer',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...pitch(sizes.footer), after: 0 } },
      run: { ...sized(sizes.footer), color: colour(colours.muted) },
    },
    ...(options.notes ? [footnoteStyle(theme)] : []),
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    { id: CHARACTER_STYLES.strong, name: 'Strong', quickFormat: true, run: BOLD },
    { id: CHARACTER_STYLES.emphasis, name: 'Emphasis', quickFormat: true, run: { italics: true, italicsComplexScript: true } },
    {
      id: CHARACTER_STYLES.code,
      name: 'Verbatim Char',
      run: { ...sized(sizes.code), font: codeFont(theme) },
    },
    {
      id: CHARACTER_STYLES.hyperlink,
      name: 'Hyperlink',
      uiPriority: 99,
      unhideWhenUsed: true,
      run: linkLook(theme),
    },
    // The note's mark, in the text and before the note: raised, complex-script text too.
    ...(options.notes ? [{ id: CHARACTER_STYLES.footnoteReference, name: 'footnote reference', uiPriority: 99, unhideWhenUsed: true, run: { superScript: true } }] : []),
  ];

  return {
    default: {
      document: {
        // The body face in all four slots: Amiri carries Latin too, and w:cs is the one Word uses for Arabic.
        run: {
          font: { ascii: family, hAnsi: family, cs: family, eastAsia: family },
          ...sized(sizes.body),
          language: { value: latinLanguageTag(options.lang, options.rtl), bidirectional: options.bidiLanguage },
        },
        paragraph: { spacing: lineSpacing },
      },
    },
    paragraphStyles,
    characterStyles,
  };
}

/**
 * The notes at the foot of the page: the footer's size (the PDF's notes' size), the body's face through
 * Normal (w:cs included), at the PDF's notes' exact pitch and justified as they are. w:jc="start" here made
 * python-docx refuse the whole document.
 */
function footnoteStyle(theme: Theme): IParagraphStyleOptions {
  return {
    id: PARAGRAPH_STYLES.footnote,
    name: 'footnote text',
    basedOn: PARAGRAPH_STYLES.normal,
    uiPriority: 99,
    unhideWhenUsed: true,
    paragraph: { alignment: JUSTIFIED, spacing: { ...linePitch(theme, theme.sizes.footer), before: 0, after: twips(theme.sizes.footer / 4) } },
    run: { ...sized(theme.sizes.footer) },
  };
}

/** The styles only a book uses, added to buildStyles()'s. */
export function bookParagraphStyles(theme: Theme): IParagraphStyleOptions[] {
  const { sizes, colours } = theme;
  return [
    {
      id: PARAGRAPH_STYLES.titlePageLine,
      name: 'Title Page Line',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...linePitch(theme, sizes.subtitle), before: 0, after: twips(sizes.body / 2) } },
      run: { ...sized(sizes.subtitle), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.tocHeading,
      name: 'TOC Heading',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: LEADING, keepNext: true, spacing: { ...linePitch(theme, sizes.heading[0] ?? sizes.title), before: 0, after: twips(18) } },
      run: { ...sized(sizes.heading[0] ?? sizes.title), ...BOLD, color: colour(colours.heading) },
    },
    ...[1, 2].map((level): IParagraphStyleOptions => ({
      id: tocStyle(level),
      name: `toc ${level}`,
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.normal,
      uiPriority: 39,
      unhideWhenUsed: true,
      // Entries of the second level sit one step in from the start, as Word indents its own.
      paragraph: { indent: { start: twips(level === 1 ? 0 : 18) }, spacing: { before: twips(level === 1 ? 6 : 0), after: twips(level === 1 ? 3 : 2) } },
      run: level === 1 ? { ...BOLD } : {},
    })),
  ];
}
