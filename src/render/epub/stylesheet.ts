// The EPUB's one stylesheet: @font-face for the embedded fonts, then type and colour from theme.json
// (so the EPUB matches the PDF and DOCX), then the theme's epub.css, which may override either.
import type { Direction } from '../../model/schema.js';
import type { Theme } from '../../theme/schema.js';
import { cssString, fontFaceCss, type FontAsset } from './fonts.js';

export interface BookStyle {
  /**
   * Directions of pages besides the package's (a book with an English article among Arabic ones); their
   * lists get indents on their own start side, scoped by the pages' dir attribute.
   */
  otherDirs: readonly Direction[];
}

/** `book`: the rules a book adds (article openings, mixed directions); absent for a single article. */
export function stylesheet(theme: Theme, fonts: readonly FontAsset[], dir: Direction, book?: BookStyle): string {
  const families = [theme.fonts.body.family, ...theme.fonts.fallback.map((f) => f.family)].map(cssString).join(', ');
  const em = (pt: number): string => `${+(pt / theme.sizes.body).toFixed(3)}em`;
  const c = theme.colours;
  const headings = theme.sizes.heading.map((size, i) => `h${i + 1} { font-size: ${em(size)}; }`).join('\n');
  const fromTheme = `/* from theme.json ("${theme.name}") */
html, body { font-family: ${families}, serif; color: ${c.text}; }
body { line-height: ${theme.lineHeight}; }
p { margin-bottom: ${+(theme.paragraphSpacing / theme.sizes.body).toFixed(3)}em; }
h1, h2, h3, h4, h5, h6 { color: ${c.heading}; }
${headings}
.title-page h1 { font-size: ${em(theme.sizes.title)}; }
.subtitle { font-size: ${em(theme.sizes.subtitle)}; color: ${c.subtitle}; }
.byline, .dateline, figcaption { color: ${c.muted}; }
blockquote { font-size: ${em(theme.sizes.quote)}; }
code, pre { font-size: ${em(theme.sizes.code)}; }
a { color: ${c.link}; }
hr { border-top-color: ${c.rule}; }
th, td { border-color: ${c.rule}; }
${VERSE_CSS}
${indents(dir)}${book ? `\n${bookRules(theme, dir, book)}` : ''}`;
  return `${fontFaceCss(fonts)}\n\n${fromTheme}\n\n/* epub.css */\n${theme.epubCss.trim()}\n`;
}

/**
 * Verse: the two hemistichs of a line side by side, centred with a gap, each stretched across a column
 * of 15em (the PDF's look); on a screen too narrow for both (a phone), one under the other from the start
 * side, the second indented.
 */
const VERSE_CSS = `.verse { margin: 1em 0; }
.verse .bayt { display: flex; flex-wrap: wrap; justify-content: center; margin: 0 0 0.35em 0; text-indent: 0; }
.verse .hemistich { flex: 0 1 15em; text-align: justify; text-align-last: justify; }
.verse .hemistich + .hemistich { margin-inline-start: 2.5em; }
.verse .single .hemistich { flex: 1 1 auto; text-align: start; text-align-last: auto; }
@media (max-width: 34em) {
  .verse .hemistich { flex-basis: 100%; text-align: start; text-align-last: auto; }
  .verse .hemistich + .hemistich { margin-inline-start: 2em; }
}`;

/**
 * List indents on the side where lines start. Physical sides, not padding-inline-start: older reading
 * engines (Adobe RMSDK, Kindle's) ignore logical properties, and their default indent is on the left.
 */
function indents(dir: Direction): string {
  const [start, end] = dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
  return `ul, ol { padding-${start}: 1.5em; padding-${end}: 0; }
nav ol { padding-${start}: 0; padding-${end}: 0; }
nav ol ol { padding-${start}: 1.2em; }`;
}

/**
 * An article's opening in a book: its title at the title size, the lines below it aligned with the text
 * rather than centred as on a title page, and some room before the body.
 */
function bookRules(theme: Theme, dir: Direction, book: BookStyle): string {
  const em = +(theme.sizes.title / theme.sizes.body).toFixed(3);
  const rules = [
    `.article-opening { margin-bottom: 1.5em; }`,
    `.article-opening h1 { font-size: ${em}em; }`,
    `.article-opening .byline, .article-opening .dateline { text-align: start; }`,
    ...[...new Set(book.otherDirs)].filter((d) => d !== dir).map(scopedIndents),
  ];
  return rules.join('\n');
}

/** indents() for elements inside a [dir] of the other direction (more specific than the plain rules). */
function scopedIndents(dir: Direction): string {
  const [start, end] = dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
  const s = `[dir="${dir}"]`;
  return `${s} ul, ${s} ol { padding-${start}: 1.5em; padding-${end}: 0; }
nav ${s} ol { padding-${start}: 1.2em; padding-${end}: 0; }`;
}
