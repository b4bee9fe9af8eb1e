// What docx 9 cannot express, set on the packed parts before the final re-zip:
//   - section direction (w:bidi) and the gutter on the right (w:rtlGutter) for RTL articles;
//   - w:bidi in the document defaults, so a paragraph the user adds in Word is RTL too;
//   - core.xml dates from the build date, and the language;
//   - stable ids where docx draws random ones (hyperlink relationship ids, font obfuscation keys),
//     so two builds of one article are byte-identical.
import { sha256Hex } from '../../support/disk-cache.js';
import { memo } from '../../support/memo.js';
import { patchCoreXml } from './properties.js';
import { reproducibleZip } from './reproducible-zip.js';
import { PARAGRAPH_STYLES } from './styles.js';

export interface PackageOptions {
  /** Right to left: the section gets w:bidi and w:rtlGutter, and the defaults w:bidi (see rtlDefaults). */
  rtl: boolean;
  /** BCP 47 tag written as core.xml's dc:language. */
  lang: string;
  /** core.xml's created and modified dates, and the time of every zip entry. */
  buildDate: Date;
  /**
   * Whether the document defaults (w:pPrDefault) say right to left too; defaults to `rtl`. A book mixing
   * directions keeps them LTR, so its LTR articles' paragraphs need no w:bidi at all.
   */
  rtlDefaults?: boolean;
  /** A last fix of word/document.xml by the caller (the book's TOC field instruction). */
  patchDocument?: (xml: string) => string;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Patches the parts (in place) and writes the reproducible zip. */
export function finishPackage(parts: Map<string, Uint8Array>, options: PackageOptions): Uint8Array {
  const text = (name: string): string | undefined => {
    const data = parts.get(name);
    return data && decoder.decode(data);
  };
  const setText = (name: string, value: string): void => {
    parts.set(name, encoder.encode(value));
  };

  const core = text('docProps/core.xml');
  if (core !== undefined) setText('docProps/core.xml', patchCoreXml(core, options.buildDate, options.lang));

  const original = text('word/document.xml');
  if (original !== undefined && options.patchDocument) setText('word/document.xml', options.patchDocument(original));
  if (options.rtl) {
    const document = text('word/document.xml');
    if (document !== undefined) setText('word/document.xml', rtlSection(document));
  }
  if (options.rtlDefaults ?? options.rtl) {
    const styles = text('word/styles.xml');
    if (styles !== undefined) setText('word/styles.xml', rtlStyles(styles));
  }
  const document = text('word/document.xml');
  if (document !== undefined && document.includes('<w:bookmarkStart')) setText('word/document.xml', stableBookmarkIds(document));

  stableRelationshipIds(parts);
  stableFontKeys(parts);
  return reproducibleZip(parts, options.buildDate);
}

// CT_PPrBase is a sequence: w:bidi must come before these, after everything else it may meet.
const AFTER_BIDI = Object.freeze(['adjustRightInd', 'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment', 'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange']);
const AFTER_BIDI_PATTERN = new RegExp(`<w:(?:${AFTER_BIDI.join('|')})[\\s/>]`);

/** Adds `element` to the content of a w:pPr at its place in the schema's sequence. */
export function insertBidi(pPrContent: string, element: string): string {
  if (/<w:bidi[\s/>]/.test(pPrContent)) return pPrContent;
  const match = AFTER_BIDI_PATTERN.exec(pPrContent);
  const at = match ? match.index : pPrContent.length;
  return pPrContent.slice(0, at) + element + pPrContent.slice(at);
}

// CT_SectPr: ... titlePg, textDirection, bidi, rtlGutter, docGrid, printerSettings, sectPrChange.
function rtlSection(xml: string): string {
  return xml.replace(/<w:sectPr\b([^>]*)>([\s\S]*?)<\/w:sectPr>/g, (_all, attributes: string, content: string) => {
    if (/<w:bidi[\s/>]/.test(content)) return `<w:sectPr${attributes}>${content}</w:sectPr>`;
    const match = /<w:(?:docGrid|printerSettings|sectPrChange)[\s/>]/.exec(content);
    const at = match ? match.index : content.length;
    return `<w:sectPr${attributes}>${content.slice(0, at)}<w:bidi/><w:rtlGutter/>${content.slice(at)}</w:sectPr>`;
  });
}

function rtlStyles(xml: string): string {
  let out = xml.replace(/<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/, (_all, inner: string) => {
    const withPPr = inner.includes('<w:pPr>') ? inner : '<w:pPr></w:pPr>';
    return `<w:pPrDefault>${withPPr.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/, (_p, content: string) => `<w:pPr>${insertBidi(content, '<w:bidi/>')}</w:pPr>`)}</w:pPrDefault>`;
  });
  // Source code stays left to right even though the defaults now say right to left.
  out = out.replace(new RegExp(`(<w:style [^>]*w:styleId="${PARAGRAPH_STYLES.code}"[^>]*>[\\s\\S]*?<w:pPr>)([\\s\\S]*?)(</w:pPr>)`), (_all, open: string, content: string, close: string) => open + insertBidi(content, '<w:bidi w:val="0"/>') + close);
  return out;
}

/**
 * docx names hyperlink relationships with random nanoids. Renamed in the order they are listed (which is
 * document order), in the .rels file and in the part it belongs to.
 */
function stableRelationshipIds(parts: Map<string, Uint8Array>): void {
  for (const relsName of [...parts.keys()].filter((n) => n.endsWith('.rels'))) {
    const rels = decoder.decode(parts.get(relsName));
    const ids = [...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1] ?? '').filter((id) => !/^rId\d+$/.test(id));
    if (ids.length === 0) continue;
    const partName = relsName.replace(/_rels\/([^/]+)\.rels$/, '$1');
    let part = parts.has(partName) ? decoder.decode(parts.get(partName)) : '';
    let patched = rels;
    ids.forEach((id, index) => {
      const stable = `rIdLink${index + 1}`;
      patched = patched.split(`Id="${id}"`).join(`Id="${stable}"`);
      part = part.split(`r:id="${id}"`).join(`r:id="${stable}"`);
    });
    parts.set(relsName, encoder.encode(patched));
    if (parts.has(partName)) parts.set(partName, encoder.encode(part));
  }
}

/** docx numbers bookmarks from a process-wide counter: renumbered 1, 2, … in document order. */
export function stableBookmarkIds(xml: string): string {
  const ids = new Map<string, number>();
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_all, head: string, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${head}${ids.get(id)}"`;
  });
}

/** ECMA-376 §17.8.1: the first 32 bytes XOR the key's bytes in reverse order. Its own inverse. */
function obfuscate(data: Uint8Array, guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '');
  const key = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse();
  const out = Uint8Array.from(data);
  for (let i = 0; i < 32 && i < out.length; i++) out[i] = (out[i] ?? 0) ^ (key[i % 16] ?? 0);
  return out;
}

/** A GUID from the font's own bytes: the same font always gets the same key. */
function fontGuid(font: Uint8Array): string {
  const h = sha256Hex(font).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

// A batch embeds the same faces again and again: the same bytes each time (the zip writer knows them).
const obfuscatedFonts = memo<string, Uint8Array>('docx obfuscated fonts', 16);

/** docx draws each embedded face's key at random; re-key every face from its own bytes. */
function stableFontKeys(parts: Map<string, Uint8Array>): void {
  const table = parts.get('word/fontTable.xml');
  const rels = parts.get('word/_rels/fontTable.xml.rels');
  if (!table || !rels) return;
  const targets = new Map([...decoder.decode(rels).matchAll(/<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const xml = decoder.decode(table).replace(/(<w:embed\w+ r:id="([^"]+)" w:fontKey=")\{([0-9A-Fa-f-]+)\}"/g, (all, head: string, id: string, oldKey: string) => {
    const name = `word/${targets.get(id) ?? ''}`;
    const data = parts.get(name);
    if (!data) return all;
    const plain = obfuscate(data, oldKey);
    const key = fontGuid(plain);
    let hidden = obfuscatedFonts.get(key);
    if (!hidden) {
      hidden = obfuscate(plain, key);
      obfuscatedFonts.set(key, hidden);
    }
    parts.set(name, hidden);
    return `${head}{${key}}"`;
  });
  parts.set('word/fontTable.xml', encoder.encode(xml));
}
