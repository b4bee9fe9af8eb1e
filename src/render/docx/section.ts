// Page geometry, running header and footer. The theme's margins are inner (binding) and outer; Word
// expresses a binding side as a gutter, which w:rtlGutter (added in package.ts, docx has no option for
// it) moves to the right-hand edge for RTL articles.
import { Footer, Header, PageNumber, Paragraph, SectionType, TextRun, type ISectionOptions } from 'docx';
import { PAGE_SIZES, type Theme } from '../../theme/schema.js';
import { directionOf } from './paragraphs.js';
import { plainRuns } from './runs.js';
import { PARAGRAPH_STYLES, twips } from './styles.js';
import type { DocxContext } from './types.js';

export interface PageGeometry {
  /** Page width in twips, from the theme's page size. */
  width: number;
  /** Page height in twips. */
  height: number;
  /** Top margin in twips; the header sits halfway into it. */
  top: number;
  /** Bottom margin in twips; the footer sits halfway into it. */
  bottom: number;
  /** Left margin in twips: the outer margin in RTL, the binding side's (inner less the gutter) in LTR. */
  left: number;
  /** Right margin in twips: the binding side's (inner less the gutter) in RTL, the outer margin in LTR. */
  right: number;
  /** Twips the inner margin exceeds the outer by (0 when it does not), added on the binding side. */
  gutter: number;
}

/** Twips. The gutter is what the inner margin adds to the outer one, on the binding side. */
export function pageGeometry(theme: Theme, rtl: boolean): PageGeometry {
  const size = PAGE_SIZES[theme.page.size];
  const { top, bottom, inner, outer } = theme.page.margins;
  const gutter = Math.max(0, inner - outer);
  const binding = twips(inner - gutter);
  return {
    width: twips(size.width),
    height: twips(size.height),
    top: twips(top),
    bottom: twips(bottom),
    left: rtl ? twips(outer) : binding,
    right: rtl ? binding : twips(outer),
    gutter: twips(gutter),
  };
}

export function textWidth(geometry: PageGeometry): number {
  return geometry.width - geometry.left - geometry.right - geometry.gutter;
}

/** A running head: its text, set in its own language and direction. */
export interface RunningHead {
  /** The head's text (the article's or the book's title). */
  text: string;
  /** The language and direction it is set in. */
  context: DocxContext;
}

/** What a section prints in its margins, and where it starts. */
export interface SectionFurniture {
  /** The head of every page but the first (of odd pages only, when `evenHead` is given). */
  head?: RunningHead;
  /**
   * The head of even (verso) pages where odd and even pages are headed apart (a book: its title over its
   * articles' versos); a document that heads them apart needs it on every section, or Word carries the
   * previous section's over. Left out, even pages are headed as odd ones.
   */
  evenHead?: RunningHead;
  /** Whether the first page is numbered; a book's title page is not. */
  firstFolio: boolean;
  /** Where the section starts: a new page, or the next odd (recto) one, a blank page before when needed. */
  start: 'nextPage' | 'oddPage';
}

/** One section, its first page without running head (w:titlePg): a title or an article's opening is on it. */
export function buildSection(geometry: PageGeometry, context: DocxContext, children: ISectionOptions['children'], furniture: SectionFurniture): ISectionOptions {
  const header = (head: RunningHead | undefined): Header =>
    new Header({
      children: [new Paragraph({ style: PARAGRAPH_STYLES.header, ...directionOf(head?.context ?? context), children: head ? plainRuns(head.text, head.context) : [] })],
    });
  const footer = (folio: boolean): Footer =>
    new Footer({
      children: [
        new Paragraph({
          style: PARAGRAPH_STYLES.footer,
          ...directionOf(context),
          children: folio ? [new TextRun({ children: [PageNumber.CURRENT] })] : [],
        }),
      ],
    });
  // Header and footer sit halfway into the top and bottom margins. Page 1 opens with the title, so it goes
  // without the running head that would repeat it right above (w:titlePg), as the PDF's page 1 does.
  return {
    properties: {
      // A new page is Word's default (w:type left out).
      ...(furniture.start === 'oddPage' && { type: SectionType.ODD_PAGE }),
      titlePage: true,
      page: {
        size: { width: geometry.width, height: geometry.height },
        margin: {
          top: geometry.top,
          bottom: geometry.bottom,
          left: geometry.left,
          right: geometry.right,
          gutter: geometry.gutter,
          header: Math.round(geometry.top / 2),
          footer: Math.round(geometry.bottom / 2),
        },
      },
    },
    headers: { default: header(furniture.head), first: header(undefined), ...(furniture.evenHead && { even: header(furniture.evenHead) }) },
    footers: { default: footer(true), first: footer(furniture.firstFolio), ...(furniture.evenHead && { even: footer(true) }) },
    children,
  };
}
