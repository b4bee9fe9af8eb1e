// Reading a zip package (EPUB, DOCX) back as a checker would: its entries by name, their text, and their
// XML parsed strictly, so that a part which is not well-formed fails the test that reads it.
import { DOMParser, type Document } from '@xmldom/xmldom';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { tempDir } from './temp.js';

/** Parses XML; any error (not a warning) throws, naming `where`. */
export function parseXml(source: string, where: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message);
    },
  }).parseFromString(source, 'application/xml');
  if (problems.length > 0) throw new Error(`${where}: not well-formed XML: ${problems.join('; ')}`);
  return doc;
}

export interface Package {
  bytes: Uint8Array;
  zip: JSZip;
  /** Text of an entry; throws when there is none of that name. */
  text(name: string): Promise<string>;
  /** An entry parsed as XML; any well-formedness error fails the test. */
  xml(name: string): Promise<Document>;
  /** The text of every entry whose name matches, by name in sorted order. */
  texts(names: RegExp): Promise<Map<string, string>>;
}

/** Text of an entry of an opened zip; throws when there is none of that name. */
export async function entryText(zip: JSZip, name: string, label = 'the package'): Promise<string> {
  const entry = zip.file(name);
  if (!entry) throw new Error(`${label}: no ${name} in it`);
  return entry.async('string');
}

/** An entry of an opened zip parsed as XML, strictly. */
export async function entryXml(zip: JSZip, name: string, label = 'the package'): Promise<Document> {
  return parseXml(await entryText(zip, name, label), `${label}:${name}`);
}

/** Opens zip bytes for reading; `label` names the package in failure messages. */
export async function openZip(bytes: Uint8Array, label = 'the package'): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  const text = (name: string): Promise<string> => entryText(zip, name, label);
  const texts = async (names: RegExp): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    for (const name of Object.keys(zip.files).sort()) if (names.test(name) && !zip.files[name]?.dir) out.set(name, await text(name));
    return out;
  };
  return { bytes, zip, text, xml: (name) => entryXml(zip, name, label), texts };
}

/** Parses every XML part of a zip package; returns the parts' text, throws on the first malformed one. */
export async function xmlParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const parts = await (await openZip(bytes)).texts(/\.(xml|rels|xhtml|opf|ncx)$/);
  for (const [name, source] of parts) parseXml(source, name);
  return parts;
}

/** An EPUB's files unzipped into a new folder, as a reading system lays them out; returns its OEBPS/. */
export async function unzippedEpub(bytes: Uint8Array): Promise<string> {
  const zip = (await openZip(bytes)).zip;
  const dir = tempDir('warraq-epub-');
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), await entry.async('uint8array'));
  }
  return path.join(dir, 'OEBPS');
}
