// The page the text is set on: its size, margins and binding side, as the theme and the document's
// direction give them. Every stage after the paragraph reads the measure and margins from here.
import type { Theme } from '../../../theme/schema.js';
import { PAGE_SIZES } from '../../../theme/schema.js';

/** A page's size and text block. */
export interface PageGeometry {
  /** Page width in points. */
  width: number;
  /** Page height in points. */
  height: number;
  /** Margins in points; inner is on the binding side. */
  margins: { top: number; bottom: number; inner: number; outer: number };
  /** Paragraph direction of the text on the pages: lines and indents start on the right when true. */
  rtl: boolean;
  /**
   * Side the pages are bound on, when it differs from the text's direction (a left-to-right article in a
   * right-to-left book); `rtl` when absent.
   */
  bindRtl?: boolean | undefined;
}

/** Left and right margins of a page: the inner (binding) margin on the right of odd RTL pages. */
export function pageMargins(geometry: PageGeometry, pageNumber: number): { left: number; right: number } {
  const { inner, outer } = geometry.margins;
  const odd = pageNumber % 2 === 1;
  // LTR: odd pages are rectos bound on the left. RTL: odd pages are bound on the right.
  const innerOnLeft = (geometry.bindRtl ?? geometry.rtl) ? !odd : odd;
  return innerOnLeft ? { left: inner, right: outer } : { left: outer, right: inner };
}

/** Width of the text block. */
export function measureOf(geometry: PageGeometry): number {
  return geometry.width - geometry.margins.inner - geometry.margins.outer;
}

/** The theme's page for a document of the given direction. */
export function pageGeometry(theme: Theme, rtl: boolean): PageGeometry {
  const size = PAGE_SIZES[theme.page.size];
  return { width: size.width, height: size.height, margins: theme.page.margins, rtl };
}
