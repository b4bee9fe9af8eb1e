// The theme as Word styles. Everything a user may want to change once for the whole document (fonts,
// sizes, alignment, colours) lives in a named style rather than on each paragraph, so Word's and
// LibreOffice's style panes edit the article as a whole.
import { AlignmentType, LineRuleType, UnderlineType, type IParagraphStyleOptions, type IRunStylePropertiesOptions, type IStylesOptions, type ICharacterStyleOptions } from 'docx';
import type { Theme } from '../../theme/schema.js';
import { latinLanguageTag } from './language.js';

export const PARAGRAPH_STYLES = {
  normal: 'Normal',
  body: 'BodyText',
  title: 'Title',
  subtitle: 'Subtitle',
  // The article's date under its title, in the theme's calendar and digits.
  dateline: 'Dateline',
  quote: 'Quote',
  list: 'ListParagraph',
  caption: 'Caption',
  figure: 'Figure',
  code: 'SourceCode',
  rule: 'HorizontalLine',
  header: 'Header',
  footer: 'Footer',
  tableText: 'TableText',
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

export const CHARACTER_STYLES = {
  strong: 'Strong',
  emphasis: 'Emphasis',
  code: 'VerbatimChar',
  hyperlink: 'Hyperlink',
} as const;

// Word has no monospace face every machine carries; Courier New is on Windows and macOS, and
// LibreOffice maps it to its metric-compatible Liberation Mono.
const CODE_FONT = 'Courier New';

/** docx sizes are half-points; the theme's are points. */
export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

/** Twentieths of a point: Word's unit for spacing, indents and page geometry. */
export function twips(points: number): number {
  return Math.round(points * 20);
}

function colour(hex: string): string {
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
}

/** Justified text: kashida elongation where the theme asks for it and the script has it. */
export function justification(theme: Theme, rtl: boolean): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return theme.justify === 'kashida' && rtl ? AlignmentType.LOW_KASHIDA : AlignmentType.BOTH;
}

export function buildStyles(theme: Theme, options: StyleOptions): IStylesOptions {
  const family = theme.fonts.body.family;
  const { sizes, colours } = theme;
  const lineSpacing = { line: Math.round(240 * theme.lineHeight), lineRule: LineRuleType.AUTO };
  const after = twips(theme.paragraphSpacing);

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: PARAGRAPH_STYLES.normal,
      name: 'Normal',
      quickFormat: true,
      paragraph: { alignment: AlignmentType.START, spacing: { ...lineSpacing, before: 0, after } },
      run: { ...sized(sizes.body), color: colour(colours.text) },
    },
    {
      id: PARAGRAPH_STYLES.body,
      name: 'Body Text',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: { alignment: justification(theme, options.rtl) },
    },
    {
      id: PARAGRAPH_STYLES.title,
      name: 'Title',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.subtitle,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: twips(sizes.title / 2), line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
      run: { ...sized(sizes.title), ...BOLD, color: colour(colours.heading) },
    },
    {
      id: PARAGRAPH_STYLES.dateline,
      name: 'Dateline',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: twips(sizes.body) }, keepNext: true },
      run: { ...sized(sizes.body), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.subtitle,
      name: 'Subtitle',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: twips(sizes.subtitle) }, keepNext: true },
      run: { ...sized(sizes.subtitle), color: colour(colours.subtitle) },
    },
    ...[1, 2, 3, 4, 5, 6].map((level): IParagraphStyleOptions => ({
      id: headingStyle(level),
      name: `heading ${level}`,
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      paragraph: {
        alignment: AlignmentType.START,
        keepNext: true,
        keepLines: true,
        outlineLevel: level - 1,
        spacing: { ...lineSpacing, before: twips(level === 1 ? 18 : 12), after: twips(6) },
      },
      run: { ...sized(sizes.heading[level - 1] ?? sizes.body), ...BOLD, color: colour(colours.heading) },
    })),
    {
      id: PARAGRAPH_STYLES.quote,
      name: 'Quote',
      basedOn: PARAGRAPH_STYLES.body,
      next: PARAGRAPH_STYLES.body,
      quickFormat: true,
      // start/end follow the paragraph's direction, so the indent is right for RTL and LTR alike.
      paragraph: { indent: { start: twips(28), end: twips(28) } },
      run: { ...sized(sizes.quote), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.list,
      name: 'List Paragraph',
      basedOn: PARAGRAPH_STYLES.normal,
      quickFormat: true,
      paragraph: { contextualSpacing: true, alignment: AlignmentType.START },
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
      paragraph: { alignment: AlignmentType.CENTER },
      run: { ...sized(sizes.footer + 1), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.code,
      name: 'Source Code',
      basedOn: PARAGRAPH_STYLES.normal,
      // START in a paragraph that is LTR (w:bidi off) is the left edge, whatever the article's direction.
      paragraph: { alignment: AlignmentType.START, spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 0 } },
      run: { ...sized(sizes.code), font: { ascii: CODE_FONT, hAnsi: CODE_FONT, cs: CODE_FONT, eastAsia: CODE_FONT } },
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
      paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: twips(2), after: twips(2) } },
    },
    {
      id: PARAGRAPH_STYLES.header,
      name: 'header',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 0 } },
      run: { ...sized(sizes.runningHead), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.footer,
      name: 'footer',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 0 } },
      run: { ...sized(sizes.footer), color: colour(colours.muted) },
    },
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    { id: CHARACTER_STYLES.strong, name: 'Strong', quickFormat: true, run: BOLD },
    { id: CHARACTER_STYLES.emphasis, name: 'Emphasis', quickFormat: true, run: { italics: true, italicsComplexScript: true } },
    {
      id: CHARACTER_STYLES.code,
      name: 'Verbatim Char',
      run: { ...sized(sizes.code), font: { ascii: CODE_FONT, hAnsi: CODE_FONT, cs: CODE_FONT, eastAsia: CODE_FONT } },
    },
    {
      id: CHARACTER_STYLES.hyperlink,
      name: 'Hyperlink',
      uiPriority: 99,
      unhideWhenUsed: true,
      run: linkLook(theme),
    },
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

/** The styles only a book uses, added to buildStyles()'s. */
export function bookParagraphStyles(theme: Theme): IParagraphStyleOptions[] {
  const { sizes, colours } = theme;
  return [
    {
      id: PARAGRAPH_STYLES.titlePageLine,
      name: 'Title Page Line',
      basedOn: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: twips(sizes.body / 2) } },
      run: { ...sized(sizes.subtitle), color: colour(colours.muted) },
    },
    {
      id: PARAGRAPH_STYLES.tocHeading,
      name: 'TOC Heading',
      basedOn: PARAGRAPH_STYLES.normal,
      next: PARAGRAPH_STYLES.normal,
      paragraph: { alignment: AlignmentType.START, keepNext: true, spacing: { before: 0, after: twips(18) } },
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
