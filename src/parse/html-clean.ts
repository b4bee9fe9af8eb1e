// Before Readability looks at a saved page: everything that is never article text goes — scripts, styles,
// forms, hidden and ad elements, tracking pixels, share bars and "read also" boxes (found by their labels in
// the boilerplate list, since class names vary by site and language).
import { normalizeMath } from './html-math.js';
import { foldForMatching, markerPhrases, stripLabelPunctuation } from './boilerplate.js';
import { ALIGN_ATTRIBUTE, ELEMENT_NODE, TEXT_NODE, all, ancestors, nonLinkText, plainText, statedAlignment, tagName, textOf, visibleText, type DomDocument, type DomElement, type DomNode } from './html-dom.js';

// Never text of the article, whatever the page does with them.
const NEVER_TEXT = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
  'button', 'input', 'select', 'textarea', 'svg', 'canvas', 'link', 'meta', 'nav', 'dialog', 'audio', 'video', 'map',
].join(', ');

// Class/id parts (split at "-" and "_") that name ads, share bars and widgets around an article.
const WIDGET_PARTS: ReadonlySet<string> = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adsbygoogle', 'adslot', 'dfp', 'gpt',
  'sponsor', 'sponsored', 'promoted', 'outbrain', 'taboola', 'mgid', 'share', 'sharing', 'sharebar', 'social',
  'related', 'newsletter', 'breadcrumb', 'breadcrumbs',
]);

/** A widget never holds this much running text; an element that does is (or wraps) the article. */
const WIDGET_MAX_TEXT = 300;
/** Text a "read also" box may hold besides its links and label (a one-line blurb). */
const BOX_EXTRA_TEXT = 30;
/** A paragraph this long is article text: a box holding one is not boilerplate. */
const SUBSTANTIAL_PARAGRAPH = 80;

// Labels of page furniture besides the boilerplate list's phrases: ad labels and sidebar headings. Exact matches only.
const FURNITURE_LABELS = Object.freeze(['إعلان', 'إعلانات', 'مساحة إعلانية', 'محتوى مدعوم', 'الأكثر قراءة', 'الأكثر مشاهدة', 'Advertisement', 'Sponsored', 'Most read', 'Most popular']);

export interface CleanOptions {
  /** Boilerplate phrases (the bundled list plus the user's). */
  phrases: readonly string[];
}

/** Cleans the page in place; returns the text of each labelled box left out from among the article's paragraphs. */
export function cleanPage(doc: DomDocument, options: CleanOptions): string[] {
  // The head keeps its <meta> and <link> (Readability reads them); code goes everywhere.
  if (doc.head) for (const el of all(doc.head, 'script, style, noscript, template')) el.remove();
  // A non-conforming page may put elements (or, unclosed, the rest of the page) inside <title>: text only.
  for (const title of doc.documentElement ? all(doc.documentElement, 'title') : []) title.textContent = plainText(visibleText(title));
  const body = doc.body;
  if (!body) return [];
  // Before hidden elements and scripts go: a formula's TeX is often in a hidden copy or a script.
  normalizeMath(doc, body);
  for (const el of all(body, NEVER_TEXT)) el.remove();
  for (const el of all(body, '[hidden], [aria-hidden="true"], [style]')) if (isHidden(el)) el.remove();
  for (const el of all(body, 'img')) if (isTrackingPixel(el)) el.remove();
  for (const el of all(body, '[class], [id]')) if (isConnected(el, body) && isWidget(el)) el.remove();
  const dropped = removeBoilerplateBoxes(body, markerPhrases(options.phrases));
  // Readability drops class names, where code blocks keep their language.
  for (const pre of all(body, 'pre')) {
    const classes = `${pre.getAttribute('class') ?? ''} ${pre.querySelector('code')?.getAttribute('class') ?? ''}`;
    const lang = /(?:^|\s)(?:language|lang)-([\w+-]+)/.exec(classes)?.[1];
    if (lang) pre.setAttribute('data-warraq-lang', lang);
  }
  // Readability drops align= and style=, where a table's cells and columns state their alignment.
  for (const el of all(body, 'td, th, tr, tbody, thead, tfoot, table')) {
    const stated = statedAlignment(el);
    if (stated) el.setAttribute(ALIGN_ATTRIBUTE, stated);
  }
  // Readability takes a table of fewer than ten cells for layout and drops it when its text is mostly links
  // (a grid of thumbnails and captions); one of short cells is the article's. A summary (Readability wants
  // one that is not empty) marks it as data; the model reads no summary.
  for (const table of all(body, 'table')) if (isSmallGrid(table) && !table.getAttribute('summary')) table.setAttribute('summary', 'grid');
  // Readability renames h1 to h2 in the content it returns; the original level is kept for the mapping.
  for (const h of all(body, 'h1, h2, h3, h4, h5, h6')) h.setAttribute('data-warraq-level', tagName(h).slice(1));
  return dropped;
}

/** A cell this long, or one with blocks in it, is a layout table's container rather than a grid's cell. */
const GRID_CELL_MAX_TEXT = 200;

/** A table of at least 2 × 2 short cells, none a container of blocks or of another table. */
function isSmallGrid(table: DomElement): boolean {
  if (['presentation', 'none'].includes(table.getAttribute('role') ?? '') || table.querySelector('table') !== null) return false;
  const rows = all(table, 'tr');
  if (rows.length < 2 || !rows.some((tr) => all(tr, 'td, th').length >= 2)) return false;
  return all(table, 'td, th').every((cell) => cell.querySelector('p, div, ul, ol, dl, h1, h2, h3, h4, h5, h6, blockquote, pre') === null && visibleText(cell).length <= GRID_CELL_MAX_TEXT);
}

function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(el.getAttribute('style') ?? '');
}

function isTrackingPixel(img: DomElement): boolean {
  const size = (name: string): number => Number.parseInt(img.getAttribute(name) ?? '', 10);
  return size('width') <= 2 || size('height') <= 2;
}

function isWidget(el: DomElement): boolean {
  if (['html', 'body', 'main', 'article'].includes(tagName(el))) return false;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  const parts = names.split(/[\s_-]+/);
  if (!parts.some((p) => WIDGET_PARTS.has(p))) return false;
  return !protects(el) && nonLinkText(el).length <= WIDGET_MAX_TEXT;
}

/** Elements that hold the article: never removed as boilerplate. */
function protects(el: DomElement): boolean {
  if (['html', 'body', 'main', 'article'].includes(tagName(el))) return true;
  if ((el.getAttribute('itemprop') ?? '').split(/\s+/).includes('articleBody')) return true;
  return el.querySelector('h1, [itemprop~="articleBody"], article') !== null;
}

function isConnected(el: DomElement, body: DomElement): boolean {
  return ancestors(el).includes(body);
}

type Match = 'exact' | 'prefix';

/** Labels folded once per page, not once per element. */
interface Labels {
  exact: Set<string>;
  prefixes: string[];
}

function foldLabels(phrases: readonly string[]): Labels {
  const fold = (p: string): string => stripLabelPunctuation(foldForMatching(p));
  const prefixes = phrases.map(fold).filter(Boolean);
  return { exact: new Set([...prefixes, ...FURNITURE_LABELS.map(fold)]), prefixes: prefixes.map((p) => `${p} `) };
}

function labelMatch(text: string, labels: Labels): Match | undefined {
  const folded = stripLabelPunctuation(foldForMatching(text));
  if (folded === '') return undefined;
  if (labels.exact.has(folded)) return 'exact';
  // "شارك على فيسبوك", "اقرأ أيضاً: عنوان": a phrase opening a short label.
  if (folded.split(' ').length <= 8 && labels.prefixes.some((p) => folded.startsWith(p))) return 'prefix';
  return undefined;
}

/** Longest text a label can have; longer elements are not looked at. */
const LABEL_MAX_CHARS = 80;

function removeBoilerplateBoxes(body: DomElement, phrases: readonly string[]): string[] {
  const labels = foldLabels(phrases);
  const dropped: string[] = [];
  for (const el of shortElements(body)) {
    if (tagName(el) === 'h1' || tagName(el) === 'a' || !isConnected(el, body)) continue;
    const text = textOf(el);
    if (text === '' || text.length > LABEL_MAX_CHARS) continue;
    const match = labelMatch(text, labels);
    if (match === undefined) continue;
    // A phrase merely opening a line ("شارك الرئيس …") marks boilerplate only where links dominate.
    if (match === 'prefix' && nonLinkText(el).length > text.length * 0.7) continue;
    const box = boxOf(el);
    // Reported when it stood among the article's paragraphs; a sidebar or a footer is page furniture.
    const inText = amongParagraphs(box);
    const lists = removeTrailingLinkLists(box);
    if (inText) dropped.push([quotable(box), ...lists].join(' / '));
    box.remove();
  }
  return dropped;
}

/** Elements whose text is short enough to be a label, found in one pass (textContent per element is quadratic). */
function shortElements(root: DomElement): DomElement[] {
  const out: DomElement[] = [];
  const walk = (node: DomNode): number => {
    let length = 0;
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) length += (child.textContent ?? '').length;
      else if (child.nodeType === ELEMENT_NODE) {
        const inner = walk(child);
        if (inner > 0 && inner <= LABEL_MAX_CHARS * 4) out.push(child as DomElement);
        length += inner;
      }
    }
    return length;
  };
  walk(root);
  return out.reverse(); // outer before inner: a box found from its label removes the label too
}

/** The widget a label heads: its parent for a heading label, then outwards while nothing but links is added. */
function boxOf(label: DomElement): DomElement {
  let box = label;
  const parent = label.parentNode as DomElement | null;
  if (/^h[2-6]$/.test(tagName(label)) && parent && !protects(parent) && !holdsArticleText(parent, label)) box = parent;
  for (let up = box.parentNode as DomElement | null; up && up.nodeType === 1 && !protects(up); up = up.parentNode as DomElement | null) {
    if (nonLinkText(up).length - nonLinkText(box).length > BOX_EXTRA_TEXT || holdsArticleText(up, box)) break;
    box = up;
  }
  return box;
}

function holdsArticleText(container: DomElement, except: DomElement): boolean {
  return all(container, 'p, li, blockquote').some((p) => !except.contains(p) && nonLinkText(p).length >= SUBSTANTIAL_PARAGRAPH);
}

/** An element's text for a warning: a list's items apart («عنوان / عنوان»), not run together. */
function quotable(el: DomElement): string {
  const items = all(el, 'li');
  return items.length > 0 ? items.map(visibleText).join(' / ') : visibleText(el);
}

/** Whether a sibling of the element is a paragraph of running text: the element is in the article's flow. */
function amongParagraphs(el: DomElement): boolean {
  const parent = el.parentNode;
  if (!parent) return false;
  return Array.from(parent.childNodes).some((node) => node !== el && node.nodeType === ELEMENT_NODE && ['p', 'blockquote'].includes(tagName(node as DomElement)) && nonLinkText(node as DomElement).length >= SUBSTANTIAL_PARAGRAPH);
}

/** "اقرأ أيضاً" as a bare paragraph followed by a list of links: the list goes with it. */
function removeTrailingLinkLists(box: DomElement): string[] {
  const removed: string[] = [];
  for (let i = 0, next = box.nextElementSibling; i < 3 && next; i++) {
    const after = next.nextElementSibling;
    const links = all(next, 'a').length;
    if (links === 0 || nonLinkText(next).length > 10) break;
    removed.push(quotable(next));
    next.remove();
    next = after;
  }
  return removed;
}

