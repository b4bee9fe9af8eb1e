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

// NUL bytes never occur in UTF-8 text; a share of other C0 controls marks a binary file too.
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) controls++;
  }
  return controls > sample.length * 0.1;
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
