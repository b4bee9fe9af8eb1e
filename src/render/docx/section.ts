// Page geometry, running header and footer. The theme's margins are inner (binding) and outer; Word
// expresses a binding side as a gutter, which w:rtlGutter (added in package.ts, docx has no option for
// it) moves to the right-hand edge for RTL articles.
import { Footer, Header, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
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

export function buildSection(title: string, geometry: PageGeometry, context: DocxContext, children: ISectionOptions['children']): ISectionOptions {
  const header = new Header({
    children: [new Paragraph({ style: PARAGRAPH_STYLES.header, ...directionOf(context), children: plainRuns(title, context) })],
  });
  const footer = (): Footer =>
    new Footer({
      children: [
        new Paragraph({
          style: PARAGRAPH_STYLES.footer,
          ...directionOf(context),
          children: [new TextRun({ children: [PageNumber.CURRENT] })],
        }),
      ],
    });
  // Header and footer sit halfway into the top and bottom margins. Page 1 opens with the title, so it goes
  // without the running head that would repeat it right above (w:titlePg), as the PDF's page 1 does.
  return {
    properties: {
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
    headers: { default: header, first: new Header({ children: [new Paragraph({ style: PARAGRAPH_STYLES.header, ...directionOf(context) })] }) },
    footers: { default: footer(), first: footer() },
    children,
  };
}
