// Reads a rendered .docx back the way a checker would: unzip, parse the XML, walk paragraphs and runs.
import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { Article } from '../../../src/model/index.js';
import { renderDocx } from '../../../src/render/docx/index.js';
import { loadTheme, type Theme } from '../../../src/theme/index.js';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const BUILD_DATE = new Date(Date.UTC(2025, 7, 15, 9, 30, 0));

export interface Rendered {
  bytes: Uint8Array;
  zip: JSZip;
  warnings: string[];
}

export async function render(article: Article, options: { resourceDir?: string; buildDate?: Date; theme?: Theme } = {}): Promise<Rendered> {
  const warnings: string[] = [];
  const bytes = await renderDocx(article, {
    theme: options.theme ?? loadTheme(),
    diagnostics: { warn: (message) => warnings.push(message) },
    resourceDir: options.resourceDir ?? process.cwd(),
    buildDate: options.buildDate ?? BUILD_DATE,
  });
  return { bytes, zip: await JSZip.loadAsync(bytes), warnings };
}

export async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no ${name} in the package`);
  return file.async('string');
}

export async function xml(zip: JSZip, name: string): Promise<XmlDocument> {
  return new DOMParser().parseFromString(await part(zip, name), 'text/xml');
}

export function elements(node: XmlDocument | Element, localName: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(W, localName));
}

function child(node: Element, localName: string): Element | undefined {
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
