// Reader for saved web pages (.html, .htm): the page is cleaned of furniture, Readability finds the article,
// and its DOM is mapped onto the model. Nothing is fetched: remote images are left out with a warning.
import { Readability } from '@mozilla/readability';
import { UserError, type Diagnostics } from '../support/errors.js';
import { detectLanguage, directionOf } from '../model/language.js';
import type { ArticleInput, Block, Inline, MetaInput } from '../model/schema.js';
import { blocksText, inlineText } from '../model/text.js';
import { figureSources } from '../model/walk.js';
import { boilerplateTail, foldForMatching, isLinkLine, phraseSet, quoteDropped, tailWarning, type TailLine } from './boilerplate.js';
import { htmlToBlocks, nodesToBlocks, type BlockContext } from './html-blocks.js';
import { settlePictureImages } from './html-images.js';
import { takeNotes } from './html-notes.js';
import { cleanPage } from './html-clean.js';
import { markVerse } from './html-verse.js';
import { all, collapse, flattenDeepWrappers, descendants, nonLinkText, parseHtmlDocument, plainText, tagName, textOf, visibleText, type DomDocument, type DomElement } from './html-dom.js';
import { readHtmlMeta, splitAuthors } from './html-meta.js';
import { shiftHeadings } from './headings.js';
import { wordCount } from './txt.js';
import { SENTENCE_END, fileTitle } from './title.js';
import { MAX_NESTING, nestingDepth } from '../support/limits.js';

export interface HtmlOptions {
  /** Boilerplate phrases (the bundled list plus the user's): boxes they head are left out. */
  boilerplate: readonly string[];
}

/** A subtitle (dek) is short and is not a sentence: the plain-text reader's rule. */
const SUBTITLE_MAX_WORDS = 25;
/** Blocks at the top where the page repeats its headline, dek and byline. */
const HEADER_BLOCKS = 4;

export function parseHtml(html: string, file: string, diagnostics: Diagnostics, options: HtmlOptions): ArticleInput {
  const doc = parseHtmlDocument(html);
  // Real pages nest elements a few dozen deep; thousands overflow every walk over the page (Readability's
  // too, which also slows to minutes on them). The model can hold MAX_NESTING levels; the page may wrap
  // them in a few times as many elements.
  if (!doc) throw new UserError(`${file}: not an HTML page (no <html> or <body> could be read)`);
  const domLimit = 4 * MAX_NESTING;
  if (doc.documentElement && nestingDepth<DomElement>(doc.documentElement, (el) => Array.from(el.children), domLimit) > domLimit) {
    throw new UserError(`${file}: elements nested more than ${domLimit} deep: refused`);
  }
  if (doc.documentElement) flattenDeepWrappers(doc.documentElement);
  const meta = readHtmlMeta(doc, { file, diagnostics }); // before cleaning: JSON-LD lives in <script>
  // Before the clean-up and Readability, which drop asides and the ids that tie marks to notes.
  const notes = takeNotes(doc, file, diagnostics);
  const ctx: BlockContext = { file, diagnostics, baseUrl: baseUrlOf(doc, meta.source), warned: new Set(), notes };
  // Readability makes every address absolute against <base>: a saved page's local images would turn into web
  // addresses. Links are resolved here instead, against the same base.
  for (const base of all(doc, 'base')) base.remove();
  // Before cleaning and Readability, which drop the class names a poem's lines are known by.
  markVerse(doc);
  const boxes = cleanPage(doc, { phrases: options.boilerplate });
  if (boxes.length > 0) diagnostics.warn(`${file}: left out ${boxes.length === 1 ? 'a box' : `${boxes.length} boxes`} of web boilerplate: ${quoteDropped(boxes)}`);
  if (doc.body) settlePictureImages(doc.body);
  const pageTitle = textOf(doc.querySelector('title') ?? emptyNode);

  const headline = titled(meta.title) ?? headlineInPageTitle(doc, pageTitle);
  const titleHeading = findTitleHeading(doc, headline);
  const dek = meta.subtitle ?? (titleHeading ? dekNear(titleHeading) : undefined);
  // A page's one <h1> is its headline more surely than Readability's guess from <title>.
  const h1s = all(doc.body ?? doc.documentElement!, 'h1');
  const onlyH1 = h1s.length === 1 ? titled(visibleText(h1s[0]!)) : undefined;
  const lead = leadFigures(titleHeading, ctx);
  const extracted = extract(doc, file, diagnostics);
  const root = extracted.content ?? doc.body ?? doc.documentElement;
  let blocks = root ? htmlToBlocks(root, ctx) : [];

  // Never refused for lacking one: a page without <title>, og:title or <h1> is titled by its file's name.
  const title =
    headline ?? onlyH1 ?? titled(withoutSiteName(pageTitle, meta.publisher)) ?? titled(extracted.title) ?? titled(titleHeading ? visibleText(titleHeading) : undefined) ?? titled(withoutSiteName(pageTitle, meta.publisher, true)) ?? fileTitle(file);

  let subtitle = dek;
  blocks = dropRepeatedHeader(blocks, title, subtitle, meta.authors);
  if (subtitle === undefined) ({ subtitle, blocks } = subtitleFromDescription(meta.description, blocks));
  blocks = stripBoilerplateTail(blocks, options.boilerplate, file, diagnostics);
  const sources = new Set(figureSources(blocks));
  blocks = [...lead.filter((f) => f.type === 'figure' && !sources.has(f.src)), ...blocks];
  blocks = shiftHeadings(blocks);
  if (blocks.length === 0) diagnostics.warn(`${file}: no article text found on the page; the document holds the title only`);

  const { lang, dir } = checkLanguage(meta.lang, meta.dir, `${title}\n${blocksText(blocks)}`, file, diagnostics);
  const out: MetaInput = {
    title,
    ...(subtitle !== undefined && { subtitle }),
    authors: meta.authors.length ? meta.authors : splitAuthors(extracted.byline ?? ''),
    ...(meta.date !== undefined && { date: meta.date }),
    ...(lang !== undefined && { lang }),
    ...(dir !== undefined && { dir }),
    ...(meta.source !== undefined && { source: meta.source }),
    keywords: meta.keywords,
    ...(meta.publisher !== undefined && { publisher: meta.publisher }),
    ...(meta.description !== undefined && { description: meta.description }),
  };
  return { meta: out, blocks };
}

const emptyNode = Object.freeze({ nodeType: 3, childNodes: Object.freeze([]), parentNode: null, textContent: '' });

function nonEmpty(text: string | null | undefined): string | undefined {
  const value = collapse(text ?? '');
  return value === '' ? undefined : value;
}

/** A title with words in it: «...», «…» or «-» (what some pages put in og:title or <h1>) is none. */
function titled(text: string | null | undefined): string | undefined {
  const value = nonEmpty(text);
  return value !== undefined && /[\p{L}\p{N}]/u.test(value) ? value : undefined;
}

/**
 * The page's <title> without the site's name («عنوان القصيدة - الديوان», «Headline | Site»): the parts
 * that are og:site_name (or hold it) go; undefined when none is. `loose`: without a site part, the longest.
 */
function withoutSiteName(pageTitle: string, site: string | undefined, loose = false): string | undefined {
  const parts = pageTitle.split(TITLE_SEPARATOR).map((p) => p.trim()).filter((p) => titled(p) !== undefined);
  if (parts.length < 2) return loose ? pageTitle : undefined;
  const folded = site === undefined ? '' : foldForMatching(site);
  const rest = folded === '' ? parts : parts.filter((p) => !foldForMatching(p).includes(folded) && !folded.includes(foldForMatching(p)));
  if (rest.length === parts.length && !loose) return undefined;
  const kept = rest.length > 0 ? rest : parts;
  return kept.reduce((a, b) => (b.length > a.length ? b : a));
}

interface Extracted {
  content?: DomElement | undefined;
  title?: string | undefined;
  byline?: string | undefined;
}

/** Readability over the cleaned page; when it finds nothing (or fails on odd markup) the whole body is read. */
function extract(doc: DomDocument, file: string, diagnostics: Diagnostics): Extracted {
  try {
    // The serializer hands back Readability's content element itself, sparing a second parse of its HTML.
    const reader = new Readability<unknown>(doc as unknown as ConstructorParameters<typeof Readability>[0], { serializer: (node) => node });
    const result = reader.parse();
    const content = result?.content as DomElement | null | undefined;
    return { content: content ?? undefined, title: plainText(result?.title ?? ''), byline: result?.byline ?? undefined };
  } catch (error) {
    diagnostics.warn(`${file}: the article could not be told apart from the page (${(error as Error).message}); reading the whole page`);
    return {};
  }
}

function baseUrlOf(doc: DomDocument, source: string | undefined): string | undefined {
  const base = doc.querySelector('base[href]')?.getAttribute('href')?.trim();
  return base && /^https?:\/\//i.test(base) ? base : source;
}

// "الموقع - عنوان المقال", "Headline | Site": the parts of a <title>. Tried only where a run of spaces
// begins: tried inside one too, each of 120 000 no-break spaces rescanned the rest of the run (41 s).
const TITLE_SEPARATOR = /(?<!\s)\s+[|\-–—:»«/\\·•]+\s+/u;

/** The part of the page's <title> that a heading on the page repeats: the headline, without the site's name. */
function headlineInPageTitle(doc: DomDocument, pageTitle: string): string | undefined {
  const parts = pageTitle.split(TITLE_SEPARATOR).filter(Boolean);
  if (parts.length < 2 || !doc.body) return undefined;
  const headings = new Set(all(doc.body, 'h1, h2, h3').map((h) => foldForMatching(textOf(h))));
  return parts.find((part) => headings.has(foldForMatching(part)));
}

// Class names newsrooms give the line under the headline.
const DEK_CLASS = /(^|[-_])(dek|deck|subtitle|sub-title|subheadline|sub-headline|subhead|standfirst|strapline)($|[-_])/i;
const DEK_MAX_WORDS = 40;

/**
 * The dek: an element right after the headline (or after the headline's wrapper) whose class says so, or the
 * second heading of an <hgroup>. Only near the headline: widgets elsewhere have "subtitle" classes too.
 */
function dekNear(heading: DomElement): string | undefined {
  const after = (el: DomElement | null, count: number): DomElement[] => {
    const out: DomElement[] = [];
    for (let next = el?.nextElementSibling ?? null; next && out.length < count; next = next.nextElementSibling) out.push(next);
    return out;
  };
  const parent = heading.parentNode as DomElement | null;
  const inHgroup = parent !== null && parent.nodeType === 1 && tagName(parent) === 'hgroup';
  for (const el of [...after(heading, 3), ...(parent && parent.nodeType === 1 ? after(parent, 2) : [])]) {
    const marked = (el.getAttribute('class') ?? '').split(/\s+/).some((c) => DEK_CLASS.test(c)) || (inHgroup && /^h[2-6]$/.test(tagName(el)));
    if (!marked) continue;
    const text = visibleText(el);
    const words = wordCount(text);
    if (words >= 1 && words <= DEK_MAX_WORDS) return text;
  }
  return undefined;
}

function findTitleHeading(doc: DomDocument, title: string | undefined): DomElement | undefined {
  const folded = title === undefined ? undefined : foldForMatching(title);
  const headings = doc.body ? all(doc.body, 'h1, h2, h3') : [];
  return headings.find((h) => foldForMatching(textOf(h)) === folded) ?? headings.find((h) => tagName(h) === 'h1');
}

/**
 * The lead image: a figure between the headline and the first paragraph of text, inside the article's
 * container. Readability often leaves it out with the header it sits in.
 */
function leadFigures(titleHeading: DomElement | undefined, ctx: BlockContext): Block[] {
  const container = titleHeading?.closest('article, [itemtype*="Article"], main');
  if (!titleHeading || !container) return [];
  const found: DomElement[] = [];
  let passedTitle = false;
  for (const el of descendants(container)) {
    if (el === titleHeading) passedTitle = true;
    if (!passedTitle) continue;
    if (tagName(el) === 'p' && nonLinkText(el).length >= 80) break;
    if (tagName(el) === 'figure' || (tagName(el) === 'img' && !el.closest('figure') && standsAlone(el))) found.push(el);
  }
  const figures = found.filter((el, i) => !found.slice(0, i).some((f) => f.contains(el)));
  return nodesToBlocks(figures, ctx);
}

/** An image with no text beside it in its paragraph: a picture, not an icon in running text. */
function standsAlone(img: DomElement): boolean {
  const block = img.closest('p, div, li, td, section, header, article, main');
  return block === null || textOf(block) === '';
}


/** Pages repeat the headline, the dek and the byline above the text: the model holds them in meta. */
function dropRepeatedHeader(blocks: Block[], title: string, subtitle: string | undefined, authors: readonly string[]): Block[] {
  const same = (a: string, b: string | undefined): boolean => b !== undefined && foldForMatching(a) === foldForMatching(b);
  const byline = authors.length ? foldForMatching(authors.join(' ')) : undefined;
  return blocks.filter((block, i) => {
    if (i >= HEADER_BLOCKS || (block.type !== 'heading' && block.type !== 'paragraph')) return true;
    const text = inlineText(block.children);
    if (same(text, title) || same(text, subtitle)) return false;
    return !(block.type === 'paragraph' && byline !== undefined && foldForMatching(splitAuthors(text).join(' ')) === byline);
  });
}

/**
 * Without a marked-up dek, a short description that is not a sentence is the subtitle (the plain-text rule);
 * when the page also prints it as the first paragraph, that paragraph is the dek and leaves the body.
 */
function subtitleFromDescription(description: string | undefined, blocks: Block[]): { subtitle: string | undefined; blocks: Block[] } {
  if (description === undefined || wordCount(description) > SUBTITLE_MAX_WORDS || SENTENCE_END.test(description)) return { subtitle: undefined, blocks };
  const first = blocks.findIndex((b) => b.type === 'paragraph');
  const firstText = first >= 0 ? inlineText((blocks[first] as Extract<Block, { type: 'paragraph' }>).children) : '';
  const folded = foldForMatching(description);
  if (foldForMatching(firstText) === folded) return { subtitle: description, blocks: blocks.filter((_, i) => i !== first) };
  // A description that merely opens the first paragraph is an excerpt, not a dek.
  if (foldForMatching(firstText).startsWith(folded.replace(/[.…]+$/u, ''))) return { subtitle: undefined, blocks };
  return { subtitle: description, blocks };
}

/** The plain-text tail rule (boilerplate.ts), over blocks: a list goes as one line, links count as link lines. */
function stripBoilerplateTail(blocks: Block[], phrases: readonly string[], file: string, diagnostics: Diagnostics): Block[] {
  const lineOf = (b: Block): TailLine | null => {
    if (b.type === 'paragraph' || b.type === 'heading') return { text: inlineText(b.children), linksOnly: onlyLinks(b.children) };
    if (b.type !== 'list') return null;
    const items = b.items.map((item) => item.map(lineOf));
    const linksOnly = items.every((item) => item.every((line) => line !== null && (line.linksOnly === true || isLinkLine(line.text))));
    return { text: b.items.map((item) => blocksText(item)).join(' / '), linksOnly };
  };
  const lines = blocks.map(lineOf);
  const start = boilerplateTail(lines, phraseSet(phrases));
  if (start < blocks.length) diagnostics.warn(tailWarning(file, lines.slice(start).map((line) => line?.text ?? '')));
  return blocks.slice(0, start);
}

/** Inline content that is links and nothing else but spaces and separators. */
function onlyLinks(inlines: readonly Inline[]): boolean {
  let links = 0;
  for (const node of inlines) {
    if (node.type === 'link') links++;
    else if (node.type === 'break' || (node.type === 'text' && /^[\s\p{P}\p{S}]*$/u.test(node.value))) continue;
    else return false;
  }
  return links > 0;
}

/**
 * The page's declared language and direction, unless the text plainly contradicts them: templates often say
 * lang="en" around Arabic text, and setting it left to right would scramble it.
 */
function checkLanguage(lang: string | undefined, dir: 'rtl' | 'ltr' | undefined, text: string, file: string, diagnostics: Diagnostics): { lang?: string | undefined; dir?: 'rtl' | 'ltr' | undefined } {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 40) return { lang, dir };
  const textDir = directionOf(detectLanguage(text));
  if (lang !== undefined && directionOf(lang) !== textDir) {
    diagnostics.warn(`${file}: the page says lang="${lang}" but its text reads ${textDir === 'rtl' ? 'right to left' : 'left to right'}; the language is detected from the text`);
    return {};
  }
  if (dir !== undefined && dir !== textDir) {
    diagnostics.warn(`${file}: the page says dir="${dir}" but its text reads ${textDir === 'rtl' ? 'right to left' : 'left to right'}; the direction follows the text`);
    return { lang };
  }
  return { lang, dir };
}
