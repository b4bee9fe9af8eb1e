// The slice of the DOM the HTML reader uses, typed structurally: the project compiles without the "dom"
// lib, so linkedom's and Readability's own typings (which name the global DOM types) are crossed only here.
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  /** ELEMENT_NODE, TEXT_NODE, or another DOM node type (comments and the like), which the reader skips. */
  readonly nodeType: number;
  /** Every child node, text and comments included, in document order. */
  readonly childNodes: ArrayLike<DomNode>;
  /** The parent node (an element, or the document), or null for a node outside any tree. */
  readonly parentNode: DomNode | null;
  /** The text of the node and its descendants (null for a document); assigning replaces the children with one text node. */
  textContent: string | null;
}

export interface DomAttribute {
  /** The attribute's name, as parsed (lower case in HTML). */
  readonly name: string;
  /** The attribute's value, entities decoded. */
  readonly value: string;
}

export interface DomElement extends DomNode {
  /** Lower-case tag name for HTML elements. */
  readonly localName: string;
  /** The child elements only, in document order. */
  readonly children: ArrayLike<DomElement>;
  /** The element's attributes, in source order. */
  readonly attributes: ArrayLike<DomAttribute>;
  /** The attribute's value, or null when the element has no such attribute. */
  getAttribute(name: string): string | null;
  /** Whether the attribute is present, whatever its value (hidden="" counts). */
  hasAttribute(name: string): boolean;
  /** Sets the attribute, adding it when absent. */
  setAttribute(name: string, value: string): void;
  /** Removes the attribute; nothing happens when it is absent. */
  removeAttribute(name: string): void;
  /** The first descendant matching the CSS selector, in document order, or null. */
  querySelector(selector: string): DomElement | null;
  /** Every descendant matching the CSS selector, in document order. */
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  /** Whether `other` is this element or one of its descendants. */
  contains(other: DomNode): boolean;
  /** The nearest of this element and its ancestors that matches the CSS selector, or null. */
  closest(selector: string): DomElement | null;
  /** Takes the element, and all under it, out of its parent. */
  remove(): void;
  /** Puts the node just before this element, in its parent (moving it from where it was). */
  before(node: DomNode): void;
  /** Puts the node after the element's last child (moving it from where it was). */
  append(node: DomNode): void;
  /** The first child node, text included, or null when there is none. */
  readonly firstChild: DomNode | null;
  /** Puts the nodes where the element was, in order, and takes the element out. */
  replaceWith(...nodes: DomNode[]): void;
  /** The next element among the parent's children (text between is skipped), or null after the last. */
  readonly nextElementSibling: DomElement | null;
}

export interface DomDocument {
  /** The root element (<html>), or null when the markup gave none. */
  readonly documentElement: DomElement | null;
  /** The <head> element, or null. */
  readonly head: DomElement | null;
  /** The <body> element, or null; parseHtmlDocument returns only documents that have one. */
  readonly body: DomElement | null;
  /** The first element matching the CSS selector, in document order, or null. */
  querySelector(selector: string): DomElement | null;
  /** Every element matching the CSS selector, in document order. */
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  /** A new element of the tag, not yet in the tree. */
  createElement(tag: string): DomElement;
}

/** The page as a document with <html> and <body>, or undefined when the markup cannot give one. */
export function parseHtmlDocument(html: string): DomDocument | undefined {
  // linkedom reads a page without <html> as a fragment, and stray "<?" can swallow the root: wrapped, it parses.
  const wrapped = `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  for (const source of /<html[\s>]/i.test(html) ? [html, wrapped] : [wrapped]) {
    const doc = parseHTML(source).document as unknown as DomDocument;
    // linkedom's head/body getters throw when there is no root element: look at the root first.
    if (doc.documentElement && tagName(doc.documentElement) === 'html' && doc.body) return doc;
  }
  return undefined;
}

/** Lower-case tag name: elements made by script (Readability's createElement("DIV")) keep the case given. */
export function tagName(el: DomElement): string {
  return el.localName.toLowerCase();
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(node: DomNode): DomElement[] {
  return Array.from(node.childNodes).filter(isElement);
}

export function all(root: DomDocument | DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}

/** Every element under root, in document order (root excluded). */
export function descendants(root: DomNode): DomElement[] {
  const out: DomElement[] = [];
  const walk = (node: DomNode): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== ELEMENT_NODE) continue;
      out.push(child as DomElement);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** HTML whitespace (not NBSP) collapsed to single spaces, trimmed: the text a reader sees. */
export function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

export function textOf(node: DomNode): string {
  return collapse(node.textContent ?? '');
}

// Elements whose text content is code or markup, never prose.
const INVISIBLE: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'textarea', 'title']);

/** The text a reader would see: what scripts, styles and templates hold is left out. */
export function visibleText(node: DomNode): string {
  let out = '';
  const walk = (n: DomNode): void => {
    if (n.nodeType === TEXT_NODE) out += n.textContent ?? '';
    else if (n.nodeType === ELEMENT_NODE && !INVISIBLE.has(tagName(n as DomElement))) Array.from(n.childNodes).forEach(walk);
  };
  Array.from(node.childNodes).forEach(walk);
  return collapse(out);
}

/** Text from an attribute or JSON-LD, where CMSes leave markup ("<p>…</p>"): tags and code go, text stays. */
export function plainText(value: string): string {
  return collapse(value.replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ').replace(/<\/?[a-z!][^>]*>?/gi, ' '));
}

/** Text outside links: navigation boxes are mostly links, articles mostly not. */
export function nonLinkText(node: DomNode): string {
  let out = '';
  const walk = (n: DomNode): void => {
    if (n.nodeType === TEXT_NODE) out += n.textContent ?? '';
    else if (n.nodeType === ELEMENT_NODE && tagName(n as DomElement) !== 'a') Array.from(n.childNodes).forEach(walk);
  };
  walk(node);
  return collapse(out);
}

/** The ancestor chain from the parent upwards, elements only. */
export function ancestors(node: DomNode): DomElement[] {
  const out: DomElement[] = [];
  for (let p = node.parentNode; p && p.nodeType === ELEMENT_NODE; p = p.parentNode) out.push(p as DomElement);
  return out;
}

// Elements that only group others: past WRAPPER_DEPTH they are unwrapped, keeping what they hold.
const WRAPPERS: ReadonlySet<string> = new Set(['div', 'section', 'span', 'font', 'center', 'main', 'article', 'aside', 'header', 'footer', 'nav', 'form']);
/** Real pages nest elements 10 to 40 deep; deeper wrappers are flattening's to take away. */
export const WRAPPER_DEPTH = 64;

/**
 * Unwraps the wrappers (div, section, span …) nested deeper than WRAPPER_DEPTH under `root`: their children
 * take their place. Readability's time grows with the page's size times its depth (2000 nested divs: minutes);
 * flattened, it stays linear. Returns how many were unwrapped.
 */
export function flattenDeepWrappers(root: DomElement): number {
  const deep: DomElement[] = [];
  const stack: [DomElement, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > WRAPPER_DEPTH && WRAPPERS.has(tagName(el))) deep.push(el);
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  for (const el of deep) el.replaceWith(...Array.from(el.childNodes));
  return deep.length;
}

/** The attribute cleanPage() keeps an element's stated alignment in, since Readability drops align and style. */
export const ALIGN_ATTRIBUTE = 'data-warraq-align';

/**
 * The side an element's text is aligned to, as its markup states it (style="text-align: …", align=); a
 * table's align= places the table, not its text, and is not read.
 */
export function statedAlignment(el: DomElement): 'left' | 'center' | 'right' | undefined {
  const kept = el.getAttribute(ALIGN_ATTRIBUTE);
  const css = /(?:^|;)\s*text-align\s*:\s*(left|center|right)\b/i.exec(el.getAttribute('style') ?? '')?.[1];
  const attribute = tagName(el) === 'table' ? undefined : el.getAttribute('align');
  const stated = (kept ?? css ?? attribute ?? '').trim().toLowerCase();
  return stated === 'left' || stated === 'center' || stated === 'right' ? stated : undefined;
}
