// The slice of the DOM the HTML reader uses, typed structurally: the project compiles without the "dom"
// lib, so linkedom's and Readability's own typings (which name the global DOM types) are crossed only here.
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
  textContent: string | null;
}

export interface DomAttribute {
  readonly name: string;
  readonly value: string;
}

export interface DomElement extends DomNode {
  /** Lower-case tag name for HTML elements. */
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  readonly attributes: ArrayLike<DomAttribute>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  contains(other: DomNode): boolean;
  closest(selector: string): DomElement | null;
  remove(): void;
  readonly nextElementSibling: DomElement | null;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export function parseHtmlDocument(html: string): DomDocument {
  // linkedom treats a page without <html> as a fragment; wrapping keeps documentElement/body defined.
  const source = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as DomDocument;
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
