// Reads a rendered .docx back the way a checker would: unzip, parse the XML strictly, walk paragraphs and
// runs.
import type { Document as XmlDocument, Element } from '@xmldom/xmldom';
import type JSZip from 'jszip';
import type { Article, Book } from '../../../src/model/index.js';
import type { RenderContext } from '../../../src/render/context.js';
import { renderDocx, renderDocxBook } from '../../../src/render/docx/index.js';
import { collector, renderContext } from '../../support/context.js';
import { entryText, entryXml, openZip } from '../../support/zip.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface Rendered {
  bytes: Uint8Array;
  zip: JSZip;
  warnings: string[];
}

async function renderWith<T>(renderer: (input: T, context: RenderContext) => Promise<Uint8Array>, input: T, options: Partial<RenderContext>): Promise<Rendered> {
  const diagnostics = collector();
  const bytes = await renderer(input, renderContext({ diagnostics, ...options }));
  return { bytes, zip: (await openZip(bytes, 'the DOCX')).zip, warnings: diagnostics.messages };
}

/** Renders with the tests' default context (or what `options` sets instead), collecting the warnings. */
export function render(article: Article, options: Partial<RenderContext> = {}): Promise<Rendered> {
  return renderWith(renderDocx, article, options);
}

/** The same for a book. */
export function renderBook(book: Book, options: Partial<RenderContext> = {}): Promise<Rendered> {
  return renderWith(renderDocxBook, book, options);
}

/** A part's text; throws when the package has none of that name. */
export function part(zip: JSZip, name: string): Promise<string> {
  return entryText(zip, name, 'the DOCX');
}

/** A part parsed as XML; a part that is not well-formed fails the test. */
export function xml(zip: JSZip, name: string): Promise<XmlDocument> {
  return entryXml(zip, name, 'the DOCX');
}

export function elements(node: XmlDocument | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(W, localName));
}

/** A direct w: child of an element. */
export function child(node: Element, localName: string): Element | undefined {
  return Array.from(node.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === localName && (n as Element).namespaceURI === W);
}

/** An on/off property (w:bidi, w:rtl) as Word reads it: present and not switched off. */
export function isOn(properties: Element | undefined, localName: string): boolean {
  const element = properties && child(properties, localName);
  if (!element) return false;
  const value = element.getAttributeNS(W, 'val');
  return !value || !['0', 'false', 'off'].includes(value);
}

export interface RunInfo {
  text: string;
  rtl: boolean;
  bidiLang: string | undefined;
}

export interface ParagraphInfo {
  style: string | undefined;
  bidi: boolean;
  /** w:bidi written at all (on or explicitly off). */
  bidiWritten: boolean;
  runs: RunInfo[];
  /** All w:t in order, w:br as a line break. */
  text: string;
}

export function paragraphs(document: XmlDocument): ParagraphInfo[] {
  return elements(document, 'p').map((p) => {
    const pPr = child(p, 'pPr');
    const style = pPr && child(pPr, 'pStyle')?.getAttributeNS(W, 'val');
    const runs = elements(p, 'r').map((r): RunInfo => {
      const rPr = child(r, 'rPr');
      let text = '';
      for (const node of Array.from(r.childNodes)) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.localName === 't') text += el.textContent ?? '';
        else if (el.localName === 'br') text += '\n';
        else if (el.localName === 'tab') text += '\t';
      }
      const lang = rPr && child(rPr, 'lang');
      return { text, rtl: isOn(rPr, 'rtl'), bidiLang: lang?.getAttributeNS(W, 'bidi') || undefined };
    });
    return {
      style: style || undefined,
      bidi: isOn(pPr, 'bidi'),
      bidiWritten: Boolean(pPr && child(pPr, 'bidi')),
      runs,
      text: runs.map((r) => r.text).join(''),
    };
  });
}

export const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F]/u;
export const LATIN_OR_DIGIT = /[A-Za-z0-9\u00C0-\u024F]/u;
