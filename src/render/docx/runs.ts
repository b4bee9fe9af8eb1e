// Inline model → Word runs. Runs are cut where the bidi embedding level changes (UAX #9 through
// src/text/bidi.ts), so Word never has to guess: right-to-left stretches carry w:rtl and the
// complex-script language, left-to-right ones (English words, numbers, URLs) stay plain. Putting w:rtl on a
// Latin or digit run would make Word lay it out right-to-left and reorder it.
import { ExternalHyperlink, FootnoteReferenceRun, TextRun, type ImageRun, type IRunOptions, type ParagraphChild } from 'docx';
import type { Inline, NoteInline } from '../../model/schema.js';
import { bidiClass, isRtlLevel, levelRuns } from '../../text/bidi.js';
import { hasArabic } from '../../text/script.js';
import { familyPieces, proseChain } from '../../fonts/coverage.js';
import { CHARACTER_STYLES, linkLook } from './styles.js';
import type { DocxContext } from './types.js';
import { liveLink } from '../../support/links.js';
import { inlineImage } from './figures.js';

interface Marks {
  strong: boolean;
  emphasis: boolean;
  code: boolean;
  /** Struck through (the model's delete): direct formatting, whatever character style the run has. */
  strike: boolean;
  /** Raised or lowered (w:vertAlign), direct formatting too. */
  script?: 'superscript' | 'subscript' | undefined;
}

/** A stretch of inline text with one set of marks; `link` is shared by every segment of one model link. */
interface Segment {
  text: string;
  marks: Marks;
  link?: LinkTarget | undefined;
  /** A note's mark (no text of its own: Word numbers it), where the note stands. */
  note?: NoteInline | undefined;
  /** An image in the line (no text of its own), where it stands. */
  image?: ImageRun | undefined;
}

interface LinkTarget {
  url: string;
}

const NO_MARKS: Marks = Object.freeze<Marks>({ strong: false, emphasis: false, code: false, strike: false });

// Line breaks are kept as '\n' segments: UAX #9 treats them as paragraph separators, which is what a
// w:br does to the visual order too.
function flatten(inlines: readonly Inline[], marks: Marks, link: LinkTarget | undefined, context: DocxContext, out: Segment[]): void {
  const clean = (s: string): string => context.xml.clean(s);
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
        out.push({ text: clean(node.value), marks, link });
        break;
      case 'code':
      case 'inlineMath':
        out.push({ text: clean(node.value), marks: { ...marks, code: true }, link });
        break;
      case 'break':
        out.push({ text: '\n', marks, link });
        break;
      case 'strong':
        flatten(node.children, { ...marks, strong: true }, link, context, out);
        break;
      case 'emphasis':
        flatten(node.children, { ...marks, emphasis: true }, link, context, out);
        break;
      case 'delete':
        flatten(node.children, { ...marks, strike: true }, link, context, out);
        break;
      case 'quote':
        // The marks of the article's language, as the PDF and the EPUB set them.
        out.push({ text: context.quotes[0], marks, link });
        flatten(node.children, marks, link, context, out);
        out.push({ text: context.quotes[1], marks, link });
        break;
      case 'link': {
        const url = liveLink(node.url);
        flatten(node.children, marks, url ? { url } : link, context, out);
        break;
      }
      case 'superscript':
        flatten(node.children, { ...marks, script: 'superscript' }, link, context, out);
        break;
      case 'subscript':
        flatten(node.children, { ...marks, script: 'subscript' }, link, context, out);
        break;
      case 'span':
        // Runs are cut by bidi level already: a span of the other direction gets its own runs.
        flatten(node.children, marks, link, context, out);
        break;
      case 'note':
        out.push({ text: '', marks, note: node });
        break;
      case 'image': {
        const image = inlineImage(node.src, node.alt, context, context.cellWidth);
        out.push(image ? { text: '', marks, image, link } : { text: clean(node.alt), marks, link });
        break;
      }
    }
  }
}

/** How a paragraph's links show that they are links: through the Hyperlink style, or formatted directly. */
type LinkLook = 'style' | 'direct';

/**
 * Links normally take Word's Hyperlink character style. In a paragraph justified by stretching (w:jc="both")
 * that holds Arabic-script text they carry the same colour and underline as direct formatting instead, for
 * LibreOffice (7.4): it turns only links with a character style into PDF links, measuring them with the
 * cursor before it paints the pages, so the link's line is justified out of turn. That line can then lose its
 * "justify by spaces" flag (SwScriptInfo's NoKashidaLine, which justifying the line above clears too; seen
 * when a line above holds left-to-right text): spaced for inter-word justification, it is painted stretched
 * at kashida points as well.
 * With no tatweel in the embedded font (fonts.ts) those stretches are blank gaps inside words, and the PDF's
 * text splits the words there. Without a character style LibreOffice keeps the link in the document, lays the
 * lines out in order, and makes no PDF link of it (the one thing lost there).
 * For Word users the link looks and works the same (a w:hyperlink in the theme's link colour, underlined);
 * only a later change to the Hyperlink style passes these links by.
 */
function linkLookOf(text: string, justified: boolean): LinkLook {
  return justified && hasArabic(text) ? 'direct' : 'style';
}

/** Character style plus whatever a second mark adds: a run has one w:rStyle only. */
function runProperties(marks: Marks, link: LinkLook | undefined, rtl: boolean, context: DocxContext): IRunOptions {
  let style: string | undefined;
  let bold = false;
  let italics = false;
  if (link) {
    style = link === 'style' ? CHARACTER_STYLES.hyperlink : undefined;
    bold = marks.strong;
    italics = marks.emphasis;
  } else if (marks.code) {
    style = CHARACTER_STYLES.code;
    bold = marks.strong;
    italics = marks.emphasis;
  } else if (marks.strong) {
    style = CHARACTER_STYLES.strong;
    italics = marks.emphasis;
  } else if (marks.emphasis) {
    // The style for editing, the direct slant for readers that map w:i and not character styles (mammoth).
    style = CHARACTER_STYLES.emphasis;
    italics = true;
  }
  return {
    ...(style ? { style } : {}),
    ...(link === 'direct' ? linkLook(context.theme) : {}),
    // Word bolds and slants complex-script text only through the *ComplexScript twins.
    ...(bold ? { bold: true, boldComplexScript: true } : {}),
    ...(italics ? { italics: true, italicsComplexScript: true } : {}),
    // w:strike covers complex-script text too: Word has no *ComplexScript twin for it.
    ...(marks.strike ? { strike: true } : {}),
    ...(marks.script === 'superscript' ? { superScript: true } : marks.script === 'subscript' ? { subScript: true } : {}),
    ...(rtl ? { rightToLeft: true, language: { bidirectional: context.bidiLanguage } } : {}),
  };
}

export interface RunOptions {
  /** The paragraph's own direction; the article's unless given. */
  base?: 'rtl' | 'ltr';
  /** The paragraph is justified by stretching its lines (w:jc="both"). */
  justified?: boolean;
}

/** The runs of one paragraph. */
export function buildRuns(inlines: readonly Inline[], context: DocxContext, options: RunOptions = {}): ParagraphChild[] {
  const base = options.base ?? (context.rtl ? 'rtl' : 'ltr');
  const segments: Segment[] = [];
  flatten(inlines, NO_MARKS, undefined, context, segments);
  if (base === 'rtl') for (const segment of segments) if (segment.marks.code) segment.text = anchoredLeftToRight(segment.text);
  const text = segments.map((s) => s.text).join('');
  const levels = levelRuns(text, base);
  const look = linkLookOf(text, options.justified ?? false);

  const children: ParagraphChild[] = [];
  let openLink: { target: LinkTarget; runs: (TextRun | ImageRun)[] } | undefined;
  const flushLink = (): void => {
    if (openLink) children.push(new ExternalHyperlink({ link: openLink.target.url, children: openLink.runs }));
    openLink = undefined;
  };
  /** A run in its link's w:hyperlink (one for consecutive runs of the same link), or on its own. */
  const place = (run: TextRun | ImageRun, link: LinkTarget | undefined): void => {
    if (!link) {
      flushLink();
      children.push(run);
      return;
    }
    if (openLink?.target !== link) {
      flushLink();
      openLink = { target: link, runs: [] };
    }
    openLink.runs.push(run);
  };

  let offset = 0;
  let levelIndex = 0;
  for (const segment of segments) {
    if (segment.image) {
      // An image inside a link is part of the w:hyperlink: Word and LibreOffice follow it on a click.
      place(segment.image, segment.link);
      continue;
    }
    if (segment.note) {
      // A real footnote (w:footnoteReference, the paragraphs in word/footnotes.xml), numbered by Word.
      flushLink();
      const paragraphs = context.notes?.get(segment.note);
      if (paragraphs) children.push(new FootnoteReferenceRun({ children: [...paragraphs] }));
      continue;
    }
    const segmentEnd = offset + segment.text.length;
    let cursor = offset;
    while (cursor < segmentEnd) {
      while (levels[levelIndex] && (levels[levelIndex]?.end ?? 0) <= cursor) levelIndex++;
      const level = levels[levelIndex];
      const pieceEnd = Math.min(segmentEnd, level?.end ?? segmentEnd);
      const rtl = level ? isRtlLevel(level.level) : false;
      for (const run of familyRuns(text.slice(cursor, pieceEnd), runProperties(segment.marks, segment.link ? look : undefined, rtl, context), segment.marks.code, context)) place(run, segment.link);
      cursor = pieceEnd;
    }
    offset = segmentEnd;
  }
  flushLink();
  return children;
}

// Left-to-right marks: invisible, strong, and read by Word, LibreOffice and every DOCX reader alike.
const LRM = '\u200E';

/**
 * Code (and TeX) in a right-to-left paragraph, with a left-to-right mark at an end that is not a strong
 * left-to-right character: else the bidi algorithm (LibreOffice's, and ours, which cuts the runs) gives a
 * leading "\\" or "./" and a trailing "!)" the paragraph's direction, and shows "\\ln(n!)" as "ln(n!)\\".
 */
function anchoredLeftToRight(text: string): string {
  const chars = [...text];
  if (chars.length === 0) return text;
  const start = bidiClass(chars[0]!) === 'L' ? '' : LRM;
  const end = bidiClass(chars[chars.length - 1]!) === 'L' ? '' : LRM;
  return `${start}${text}${end}`;
}

/**
 * Prose cut where the theme family that has its characters changes: a stretch the body family lacks
 * (Hebrew, ⌘) names its fallback family in all four w:rFonts slots, as Word has no fallback chain of its
 * own. Code keeps its character style's fonts.
 */
function familyRuns(text: string, properties: IRunOptions, code: boolean, context: DocxContext): TextRun[] {
  if (code) return piecesOf(text, properties);
  const body = context.styleTheme.fonts.body;
  return familyPieces(proseChain(context.theme), text).flatMap(({ text: piece, family }) => {
    if (!family || family === body) return piecesOf(piece, properties);
    const name = family.family;
    return piecesOf(piece, { ...properties, font: { ascii: name, hAnsi: name, cs: name, eastAsia: name } });
  });
}

/** Text with line breaks → runs with w:br between the lines; a tab stays a tab (w:tab). */
function piecesOf(text: string, properties: IRunOptions): TextRun[] {
  const runs: TextRun[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) runs.push(new TextRun({ ...properties, break: 1 }));
    if (line !== '') runs.push(new TextRun({ ...properties, text: line }));
  });
  return runs;
}

/** Plain runs for text outside the model (header title): same level split, no marks. */
export function plainRuns(text: string, context: DocxContext): ParagraphChild[] {
  return buildRuns([{ type: 'text', value: text }], context);
}
