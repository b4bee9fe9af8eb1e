// What a font file is, from its bytes (never from its name): TrueType or OpenType, a collection of them,
// or one wrapped for the web (WOFF, WOFF2), and whether it is whole enough to hand to HarfBuzz or to an
// e-reader. A file is a font only if its table directory lies inside it and the tables every reader
// needs first (head, maxp, hhea, hmtx, cmap) are there and sane; WOFF and WOFF2 tables are decompressed,
// with the sizes they claim as the cap, so a compression bomb is refused rather than inflated.
import { brotliDecompressSync, inflateSync } from 'node:zlib';

/** The font formats warraq recognises. */
export type FontFormat = 'truetype' | 'opentype' | 'collection' | 'woff' | 'woff2';

/** The largest font file read, and the most its WOFF or WOFF2 tables may decompress to. */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** A font that may be used, or why not (one clause, for a warning). */
export type FontCheck =
  | {
      /** What the font is: it may be used. */
      format: FontFormat;
      /** Absent: nothing is wrong. */
      problem?: undefined;
    }
  | {
      /** Absent: the file may not be used as a font. */
      format?: undefined;
      /** Why not, a phrase that follows "is": "not a font (TrueType, OpenType, …)". */
      problem: string;
    };

const NOT_A_FONT = 'not a font (TrueType, OpenType, a collection of them, WOFF or WOFF2)';

// Sanity bounds on counts a header may claim: real fonts have a few dozen tables and a handful of faces.
const MAX_TABLES = 1024;
const MAX_FACES = 256;

/** Whether `data` is a font whole enough to use. */
export function checkFont(data: Uint8Array): FontCheck {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tag = data.length >= 4 ? tagAt(view, 0) : '';
  let problem: string | undefined;
  let format: FontFormat;
  if (tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO') {
    format = tag === 'OTTO' ? 'opentype' : 'truetype';
    problem = sfntProblem(data, view, 0);
  } else if (tag === 'ttcf') {
    format = 'collection';
    problem = collectionProblem(data, view);
  } else if (tag === 'wOFF') {
    format = 'woff';
    problem = woffProblem(data, view);
  } else if (tag === 'wOF2') {
    format = 'woff2';
    problem = woff2Problem(data, view);
  } else {
    return { problem: NOT_A_FONT };
  }
  return problem === undefined ? { format } : { problem: `a broken ${FORMAT_NAMES[format]} font (${problem})` };
}

const FORMAT_NAMES: Readonly<Record<FontFormat, string>> = Object.freeze({ truetype: 'TrueType', opentype: 'OpenType', collection: 'collection', woff: 'WOFF', woff2: 'WOFF2' });

function tagAt(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

// One face's table directory at `start` (0, or a collection's offset): every record inside the file.
function sfntProblem(data: Uint8Array, view: DataView, start: number): string | undefined {
  if (start + 12 > data.length) return 'cut short in its header';
  const count = view.getUint16(start + 4);
  if (count === 0 || count > MAX_TABLES) return `${count} tables`;
  if (start + 12 + count * 16 > data.length) return 'cut short in its table directory';
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const record = start + 12 + i * 16;
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > data.length) return `its ${tagAt(view, record).trim()} table lies past the end of the file`;
    tables.set(tagAt(view, record), data.subarray(offset, offset + length));
  }
  return tablesProblem(tables);
}

function collectionProblem(data: Uint8Array, view: DataView): string | undefined {
  if (data.length < 12) return 'cut short in its header';
  const faces = view.getUint32(8);
  if (faces === 0 || faces > MAX_FACES) return `${faces} faces`;
  if (12 + faces * 4 > data.length) return 'cut short in its header';
  for (let i = 0; i < faces; i++) {
    const problem = sfntProblem(data, view, view.getUint32(12 + i * 4));
    if (problem) return `face ${i + 1}: ${problem}`;
  }
  return undefined;
}

function woffProblem(data: Uint8Array, view: DataView): string | undefined {
  if (data.length < 44) return 'cut short in its header';
  if (view.getUint32(8) !== data.length) return 'its header gives another length than the file has';
  const count = view.getUint16(12);
  if (count === 0 || count > MAX_TABLES) return `${count} tables`;
  if (44 + count * 20 > data.length) return 'cut short in its table directory';
  const tables = new Map<string, Uint8Array>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const record = 44 + i * 20;
    const tag = tagAt(view, record);
    const offset = view.getUint32(record + 4);
    const stored = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    total += length;
    if (offset + stored > data.length) return `its ${tag.trim()} table lies past the end of the file`;
    if (stored > length || total > MAX_FONT_BYTES) return `its ${tag.trim()} table claims an impossible size`;
    const bytes = data.subarray(offset, offset + stored);
    if (stored === length) {
      tables.set(tag, bytes);
      continue;
    }
    const table = decompressed(() => inflateSync(bytes, { maxOutputLength: Math.max(1, length) }), length);
    if (table === undefined) return `its ${tag.trim()} table does not inflate to its size`;
    tables.set(tag, table);
  }
  return tablesProblem(tables);
}

/** The output of a decompression capped at `length`, if it gives exactly `length` bytes. */
function decompressed(run: () => Buffer, length: number): Uint8Array | undefined {
  try {
    const out = run();
    return out.length === length ? out : undefined;
  } catch {
    return undefined; // corrupt, or more than it claims (a bomb)
  }
}

// WOFF2's known tables, by the index its directory gives instead of a tag (63: the tag follows).
const WOFF2_TAGS = Object.freeze(
  ('cmap head hhea hmtx maxp name OS/2 post cvt_ fpgm glyf loca prep CFF_ VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS ' +
    'GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG_ sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop ' +
    'trak Zapf Silf Glat Gloc Feat Sill').split(' ').map((t) => t.replace('_', ' ')),
);

/** A little reader over bytes, for WOFF2's variable-length numbers. */
class Cursor {
  offset: number;
  constructor(
    private readonly view: DataView,
    offset: number,
  ) {
    this.offset = offset;
  }
  get left(): number {
    return this.view.byteLength - this.offset;
  }
  byte(): number {
    if (this.left < 1) throw new RangeError('cut short');
    return this.view.getUint8(this.offset++);
  }
  u16(): number {
    return (this.byte() << 8) | this.byte();
  }
  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0;
  }
  /** UIntBase128: at most five bytes, no leading zeros, no overflow past 32 bits. */
  base128(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.byte();
      if (i === 0 && byte === 0x80) throw new RangeError('a number with leading zeros');
      if (value > 0x1ffffff) throw new RangeError('a number past 32 bits');
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new RangeError('a number of more than five bytes');
  }
  /** 255UInt16, as WOFF2's collection directory writes its counts. */
  u255(): number {
    const code = this.byte();
    if (code === 253) return this.u16();
    if (code === 255) return this.byte() + 253;
    if (code === 254) return this.byte() + 506;
    return code;
  }
}

function woff2Problem(data: Uint8Array, view: DataView): string | undefined {
  if (data.length < 48) return 'cut short in its header';
  if (view.getUint32(8) !== data.length) return 'its header gives another length than the file has';
  const count = view.getUint16(12);
  if (count === 0 || count > MAX_TABLES) return `${count} tables`;
  const compressedSize = view.getUint32(20);
  const cursor = new Cursor(view, 48);
  const directory: { tag: string; length: number }[] = [];
  let total = 0;
  try {
    for (let i = 0; i < count; i++) {
      const flags = cursor.byte();
      const tag = (flags & 0x3f) === 63 ? String.fromCharCode(cursor.byte(), cursor.byte(), cursor.byte(), cursor.byte()) : WOFF2_TAGS[flags & 0x3f]!;
      const version = flags >> 6;
      const original = cursor.base128();
      // glyf and loca are transformed unless version 3 says otherwise; any other table only when its version is not 0.
      const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
      const length = transformed ? cursor.base128() : original;
      if (tag === 'loca' && transformed && length !== 0) return 'its transformed loca table is not empty';
      total += length;
      if (total > MAX_FONT_BYTES) return `its ${tag.trim()} table claims an impossible size`;
      directory.push({ tag, length });
    }
    const faces = view.getUint32(4) === 0x74746366 ? woff2Faces(cursor, count) : [directory.map((_, i) => i)];
    if (cursor.offset + compressedSize > data.length) return 'its compressed tables lie past the end of the file';
    const stream = decompressed(() => brotliDecompressSync(data.subarray(cursor.offset, cursor.offset + compressedSize), { maxOutputLength: Math.max(1, total) }), total);
    if (stream === undefined) return 'its tables do not decompress to their size';
    const tables: { tag: string; bytes: Uint8Array }[] = [];
    let at = 0;
    for (const { tag, length } of directory) {
      tables.push({ tag, bytes: stream.subarray(at, at + length) });
      at += length;
    }
    for (const [n, indices] of faces.entries()) {
      const face = new Map<string, Uint8Array>();
      for (const index of indices) {
        const table = tables[index];
        if (!table) return `face ${n + 1} names a table it does not have`;
        face.set(table.tag, table.bytes);
      }
      const problem = tablesProblem(face);
      if (problem) return faces.length > 1 ? `face ${n + 1}: ${problem}` : problem;
    }
    return undefined;
  } catch (error) {
    return error instanceof RangeError ? `its directory is ${error.message}` : 'its directory cannot be read';
  }
}

// A WOFF2 collection's directory: the tables of each face, by index into the table directory.
function woff2Faces(cursor: Cursor, count: number): number[][] {
  cursor.u32(); // the collection's version
  const faces = cursor.u255();
  if (faces === 0 || faces > MAX_FACES) throw new RangeError(`${faces} faces`);
  const list: number[][] = [];
  for (let i = 0; i < faces; i++) {
    const tables = cursor.u255();
    cursor.u32(); // the face's flavor
    const indices: number[] = [];
    for (let j = 0; j < tables; j++) {
      const index = cursor.u255();
      if (index >= count) throw new RangeError('naming a table it does not have');
      indices.push(index);
    }
    list.push(indices);
  }
  return list;
}

const REQUIRED = Object.freeze(['head', 'maxp', 'hhea', 'hmtx', 'cmap']);

// The tables every reader opens first: what it needs to map a character to a glyph and place it.
function tablesProblem(tables: ReadonlyMap<string, Uint8Array>): string | undefined {
  for (const tag of REQUIRED) if (!tables.has(tag)) return `no ${tag} table`;
  const view = (tag: string): DataView => {
    const bytes = tables.get(tag)!;
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const head = view('head');
  if (head.byteLength < 54 || head.getUint32(12) !== 0x5f0f3cf5) return 'a broken head table';
  const unitsPerEm = head.getUint16(18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) return `${unitsPerEm} units per em`;
  const maxp = view('maxp');
  if (maxp.byteLength < 6 || maxp.getUint16(4) === 0) return 'no glyphs';
  if (view('hhea').byteLength < 36) return 'a broken hhea table';
  if (tables.has('glyf') && !tables.has('loca')) return 'glyf without loca';
  const cmap = view('cmap');
  if (cmap.byteLength < 4 || cmap.getUint16(0) !== 0) return 'a broken cmap table';
  const subtables = cmap.getUint16(2);
  if (subtables === 0 || 4 + subtables * 8 > cmap.byteLength) return 'a broken cmap table';
  for (let i = 0; i < subtables; i++) if (cmap.getUint32(4 + i * 8 + 4) + 4 > cmap.byteLength) return 'a broken cmap table';
  return undefined;
}
