// Bytes → text, refusing what is not text: the reader must never guess at binary or broken encodings.
import { UserError } from '../support/errors.js';

export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new UserError(`${file}: the file is empty`);
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeStrict(bytes.subarray(2), 'utf-16le', file);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeStrict(bytes.subarray(2), 'utf-16be', file);
  } else {
    if (looksBinary(bytes)) throw new UserError(`${file}: binary data, not a text file`);
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    text = decodeStrict(bytes.subarray(start), 'utf-8', file);
  }
  if (text.trim() === '') throw new UserError(`${file}: the file holds only whitespace`);
  return text;
}

// Signatures of the binary files most often handed over by mistake: PDF, zip (DOCX, EPUB), images, gzip,
// the old Office formats, ELF.
const BINARY_SIGNATURES: readonly (readonly number[])[] = Object.freeze([
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x1f, 0x8b],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x7f, 0x45, 0x4c, 0x46],
]);

// A binary file by a known signature, or by a share of NULs and other C0 controls in its first 8 KB
// (text never has many). A stray NUL or control in real text is not enough: normalisation drops those
// with a warning.
function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) return true;
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) controls++;
  return controls > 2 && controls > sample.length * 0.02;
}

function decodeStrict(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    if (encoding !== 'utf-8') throw new UserError(`${file}: invalid ${encoding.toUpperCase()} text`);
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new UserError(`${file}: invalid UTF-8 at byte ${offset} (line ${line})`);
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
