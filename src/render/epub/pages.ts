// Whole pages: an article's blocks as the page's chapter section, the context its XHTML is
// rendered in, and the text the pages show (what the embedded fonts are subset to). Shared by the
// single-article and the book renderer.
import type { Diagnostics } from '../../support/errors.js';
import type { Block, Direction } from '../../model/schema.js';
import type { ImageAsset } from './images.js';
import type { LocaleStrings } from '../../locale/index.js';
import type { PageFile } from './package.js';
import { renderBlocks, type ChapterNotes, type XhtmlContext } from './xhtml.js';
import { noteNumbers } from '../../model/walk.js';

export function pageContext(dir: Direction, labels: LocaleStrings, diagnostics: Diagnostics, images: ReadonlyMap<string, ImageAsset>): XhtmlContext {
  return { dir, labels, diagnostics, image: (src) => images.get(src), headings: [] };
}

/**
 * The article's blocks as one chapter section, after `opening` (the article's title lines in a book), its
 * notes as asides at the end of the section, numbered per article in the article's digits (`ctx.digits`).
 */
export function chapterBody(blocks: readonly Block[], ctx: XhtmlContext, opening = ''): string {
  const notes: ChapterNotes = { numbers: noteNumbers(blocks), asides: new Map() };
  const body = renderBlocks(blocks, { ...ctx, notes });
  // The first aside carries the rule that sets the notes apart from the text (stylesheet.ts).
  const asides = [...notes.asides].sort((a, b) => a[0] - b[0]).map(([, aside], i) => (i === 0 ? aside.replace('class="footnote"', 'class="footnote first"') : aside)).join('');
  return `<section epub:type="chapter" role="doc-chapter">\n${opening}${body}${asides}</section>\n`;
}

/** Everything the reader can see: page bodies, titles and the package's own words. */
export function shownText(pages: readonly PageFile[], titles: readonly string[], labels: readonly LocaleStrings[]): string {
  return [...pages.map((p) => p.body), ...titles, ...labels.flatMap((l) => Object.values(l).flat())].join('\n');
}
