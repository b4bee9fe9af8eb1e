// The EPUB's one stylesheet: @font-face for the embedded fonts, then type and colour from theme.json
// (so the EPUB matches the PDF and DOCX), then the theme's epub.css, which may override either.
import type { Direction } from '../../model/schema.js';
import type { Theme } from '../../theme/schema.js';
import { cssString, fontFaceCss, type FontAsset } from './fonts.js';
import { CELL_PICTURE_EMS } from '../images.js';
import { themeForLanguage } from '../../theme/language.js';
import { primaryLanguage } from '../../locale/index.js';

export interface BookStyle {
  /**
   * Directions of pages besides the package's (a book with an English article among Arabic ones); their
   * lists get indents on their own start side, scoped by the pages' dir attribute.
   */
  otherDirs: readonly Direction[];
}

/** What the stylesheet styles besides the theme and the fonts. */
export interface StyleOptions {
  /** The languages of the pages and of blocks of their own language (those of other faces get rules). */
  langs: readonly string[];
  /** The rules a book adds (article openings, mixed directions); absent for a single article. */
  book?: BookStyle | undefined;
  /** Whether there are notes to style (the rules are left out otherwise, and no other EPUB changes). */
  notes?: boolean | undefined;
}

export function stylesheet(theme: Theme, fonts: readonly FontAsset[], dir: Direction, options: StyleOptions): string {
  const { book, notes = false } = options;
  // The families embedded, in chain order: a fallback the article does not need is neither embedded nor
  // named; nor is a language's own face, which its rules name (languageRules).
  const code = theme.fonts.code?.family;
  const own = new Set(options.langs.map((lang) => themeForLanguage(theme, lang).fonts.body.family));
  for (const family of [theme.fonts.body, ...theme.fonts.fallback]) own.delete(family.family);
  const names = [...new Set([theme.fonts.body.family, ...fonts.map((f) => f.family).filter((f) => f !== code && !own.has(f))])];
  const families = names.map(cssString).join(', ');
  // Code falls back to the loaded theme's body family (codeChain), before the rest, and keeps its pitch.
  const base = theme.base ?? theme;
  const codeNames = theme.base && fonts.some((f) => f.family === base.fonts.body.family) ? [...new Set([base.fonts.body.family, ...names])] : names;
  const codeFamilies = [...(code !== undefined && fonts.some((f) => f.family === code) ? [code] : []), ...codeNames].map(cssString).join(', ');
  const em = (pt: number): string => `${+(pt / theme.sizes.body).toFixed(3)}em`;
  const c = theme.colours;
  // The PDF's heading spacing: half a body line before, half the paragraph spacing after (in the heading's em).
  const inOwnEm = (pt: number, size: number): string => `${+(pt / size).toFixed(3)}em`;
  const before = theme.sizes.body * theme.lineHeight * 0.5;
  const after = theme.paragraphSpacing / 2;
  const headings = theme.sizes.heading
    .map((size, i) => `h${i + 1} { font-size: ${em(size)}; margin: ${inOwnEm(before, size)} 0 ${inOwnEm(after, size)}; }`)
    .join('\n');
  const fromTheme = `/* from theme.json ("${theme.name}") */
html, body { font-family: ${families}, serif; color: ${c.text}; }
body { line-height: ${theme.lineHeight}; }
p { margin-bottom: ${+(theme.paragraphSpacing / theme.sizes.body).toFixed(3)}em; }
h1, h2, h3, h4, h5, h6 { color: ${c.heading}; }
${headings}
.title-page h1 { font-size: ${em(theme.sizes.title)}; }
.subtitle { font-size: ${em(theme.sizes.subtitle)}; color: ${c.subtitle}; }
.byline, .dateline, figcaption, caption { color: ${c.muted}; }
blockquote { font-size: ${em(theme.sizes.quote)}; color: ${c.muted}; border-color: ${c.rule}; }
code, pre { font-family: ${codeFamilies}, monospace; font-size: ${em(theme.sizes.code)}; }${theme.base ? `\npre { line-height: ${base.lineHeight}; }` : ''}
pre { background-color: ${c.shade}; padding: 0.4em 0.6em; }
a { color: ${c.link}; }
hr { border-top-color: ${c.rule}; }
th, td { border-color: ${c.rule}; }
th { background-color: ${c.shade}; }
td img.inline, th img.inline { height: auto; max-width: 100%; max-height: ${CELL_PICTURE_EMS}em; }
${languageRules(theme, options.langs, families)}${notes ? `${noteRules(em(theme.sizes.footer), dir)}\n` : ''}${VERSE_CSS}
${indents(dir)}
${contentsRules(theme)}${book ? `\n${bookRules(theme, dir, book)}` : ''}`;
  return `${fontFaceCss(fonts)}\n\n${fromTheme}\n\n/* epub.css */\n${theme.epubCss.trim()}\n`;
}

// The blocks a language's rules apply to: those that carry a language of their own (xhtml.ts). Inline
// spans of another language keep their block's face, as in the PDF.
const BLOCKS = Object.freeze(['p', 'li', 'blockquote', 'figcaption', 'caption', 'td', 'th', 'div', 'section', 'aside']);
const HEADINGS = Object.freeze(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// The headings' line height (epub.css), which a language's line height scales as it scales the body's.
const HEADING_LINE_HEIGHT = 1.5;

/**
 * Pages and blocks in languages set in other faces than the document's (theme.json "languages": an Urdu
 * article, an Urdu article in an Arabic book, an Arabic quotation in an Urdu article): each page (html
 * lang) and block in such a language takes its face, first, and its line height. Only when the document
 * has one, so other EPUBs are unchanged.
 */
function languageRules(theme: Theme, langs: readonly string[], families: string): string {
  const primaries = [...new Set(langs.map(primaryLanguage))].sort();
  const base = theme.base ?? theme;
  const headings = (lineHeight: number): string => `${+((HEADING_LINE_HEIGHT * lineHeight) / base.lineHeight).toFixed(3)}`;
  // A document in such a language: its headings' line height scaled as its body's (over epub.css's).
  const rules = theme.base ? [`${HEADINGS.map((tag) => `html ${tag}`).join(', ')} { line-height: ${headings(theme.lineHeight)}; }`] : [];
  if (primaries.every((lang) => themeForLanguage(theme, lang) === theme)) return rules.length > 0 ? `${rules.join('\n')}\n` : '';
  for (const lang of primaries) {
    const own = themeForLanguage(theme, lang);
    const is = `[lang|="${lang}"]`;
    const first = own.fonts.body.family === theme.fonts.body.family ? '' : `${cssString(own.fonts.body.family)}, `;
    rules.push(`html${is} body, ${[...BLOCKS, ...HEADINGS].map((tag) => `${tag}${is}`).join(', ')} { font-family: ${first}${families}, serif; }`);
    rules.push(`html${is} body, ${BLOCKS.map((tag) => `${tag}${is}`).join(', ')} { line-height: ${own.lineHeight}; }`);
    rules.push(`${HEADINGS.map((tag) => `${is} ${tag}, ${tag}${is}`).join(', ')} { line-height: ${headings(own.lineHeight)}; }`);
  }
  return `${rules.join('\n')}\n`;
}

/**
 * The contents page as a printed book's: the heading at the title size, entries without bullets, link
 * colour or underline, chapters (and a single article's title) in the heading colour with room above,
 * their sections below them in the text colour, slightly smaller.
 */
function contentsRules(theme: Theme): string {
  const c = theme.colours;
  const title = +(theme.sizes.title / theme.sizes.body).toFixed(3);
  return [
    // The landmarks are for the reading system; engines without a UA rule for [hidden] (Kindle's) showed them.
    `nav[hidden] { display: none; }`,
    `nav#toc h1 { font-size: ${title}em; margin: 1em 0 1.2em; }`,
    `nav#toc ol { list-style: none; margin: 0; }`,
    `nav#toc li { margin: 0; line-height: 1.6; text-align: start; }`,
    `nav#toc a { color: ${c.text}; text-decoration: none; }`,
    `nav#toc > ol > li { margin-top: 0.9em; }`,
    `nav#toc > ol > li > a { color: ${c.heading}; font-weight: bold; }`,
    `nav#toc li li { font-size: 0.95em; margin-top: 0.15em; }`,
  ].join('\n');
}

/**
 * Notes: unadorned raised marks; the asides in the furniture's size, under a short rule over the first of
 * them on the side where lines start (as in the PDF). A block's start is its direction's: the short rule
 * sits on the right of a right-to-left page by itself.
 */
function noteRules(size: string, dir: Direction): string {
  const end = dir === 'rtl' ? 'left' : 'right';
  return `a.noteref { text-decoration: none; }
sup { line-height: 0; }
aside.footnote { font-size: ${size}; margin-top: 0.8em; }
aside.footnote p { margin: 0 0 0.3em 0; }
aside.footnote.first { margin-top: 1.5em; }
aside.footnote.first::before { content: ""; display: block; width: 30%; border-top: 1px solid; margin-bottom: 0.4em; }
aside.footnote .note-back { margin-${end}: 0.2em; }`;
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
nav ol ol { padding-${start}: 1.2em; }
blockquote { margin-${start}: 1.5em; margin-${end}: 0; padding-${start}: 0.75em; border-${start}-width: 1.5px; border-${start}-style: solid; }`;
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
