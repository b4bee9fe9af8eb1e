// Font files as the PDF's shaper and the subsetter read them: once per process, and refused with a clear
// message unless they hold one TrueType or OpenType face (EPUBs may embed WOFF files as they are; they do
// not come through here).
import { readBytes, sha256Hex } from '../support/disk-cache.js';
import { UserError } from '../support/errors.js';
import { memo } from '../support/memo.js';

const fontFiles = memo<string, { bytes: Uint8Array; digest?: string }>('font files', 64);

function fontFile(file: string): { bytes: Uint8Array; digest?: string } {
  return fontFiles.getOrMake(file, () => {
    const bytes = readBytes(file);
    checkFontFile(file, bytes);
    return { bytes };
  });
}

/** A font file's bytes, read once per process: the PDF's shaper and every subset share them. */
export function readFontFile(file: string): Uint8Array {
  return fontFile(file).bytes;
}

/** The digest that keys a font's subsets on disk, computed once per process. */
export function fontDigest(file: string): string {
  const font = fontFile(file);
  font.digest ??= sha256Hex(font.bytes);
  return font.digest;
}

function checkFontFile(file: string, data: Uint8Array): void {
  const magic = data.length >= 12 ? String.fromCharCode(...data.subarray(0, 4)) : '';
  if (magic === 'ttcf') throw new UserError(`${file}: a font collection (.ttc), not a single font; name one .ttf file`);
  if (magic === 'wOFF' || magic === 'wOF2') throw new UserError(`${file}: WOFF fonts are for the web; give the PDF and the DOCX the .ttf or .otf file`);
  if (magic !== '\u0000\u0001\u0000\u0000' && magic !== 'true' && magic !== 'OTTO') {
    throw new UserError(`${file}: not a TrueType or OpenType font`);
  }
}
