// Whole pages: an article's blocks as the page's chapter section, the context its XHTML is
// rendered in, and the text the pages show (what the embedded fonts are subset to). Shared by the
// single-article and the book renderer.
import type { Diagnostics } from '../../support/errors.js';
import type { Block, Direction } from '../../model/schema.js';
import type { ImageAsset } from './images.js';
import type { LocaleStrings } from '../../locale/index.js';
import type { PageFile } from './package.js';
import { renderBlocks, type XhtmlContext } from './xhtml.js';

export function pageContext(dir: Direction, labels: LocaleStrings, diagnostics: Diagnostics, images: ReadonlyMap<string, ImageAsset>): XhtmlContext {
  return { dir, labels, diagnostics, image: (src) => images.get(src), headings: [] };
}

/** The article's blocks as one chapter section, after `opening` (the article's title lines in a book). */
export function chapterBody(blocks: readonly Block[], ctx: XhtmlContext, opening = ''): string {
  return `<section epub:type="chapter" role="doc-chapter">\n${opening}${renderBlocks(blocks, ctx)}</section>\n`;
}

/** Everything the reader can see: page bodies, titles and the package's own words. */
export function shownText(pages: readonly PageFile[], titles: readonly string[], labels: readonly LocaleStrings[]): string {
  return [...pages.map((p) => p.body), ...titles, ...labels.flatMap((l) => Object.values(l).flat())].join('\n');
}
