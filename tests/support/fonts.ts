// Font files for the font checks, made by hand from the bundled TrueType faces (the project has no font
// tool): the same tables as a collection, as WOFF (zlib per table) and as WOFF2 (one Brotli stream, every
// table stored untransformed), as the specifications lay them out. fontkit reads each back in the tests.
import { brotliCompressSync, constants, deflateSync } from 'node:zlib';

interface Table {
  tag: string;
  data: Buffer;
}

/** The tables of a TrueType face, in directory order. */
export function sfntTables(font: Buffer): Table[] {
  const count = font.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) => {
    const record = 12 + i * 16;
    const offset = font.readUInt32BE(record + 8);
    return { tag: font.toString('latin1', record, record + 4), data: font.subarray(offset, offset + font.readUInt32BE(record + 12)) };
  });
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** A font collection (TTC) of the faces, each with its own copy of its tables. */
export function collection(fonts: readonly Buffer[]): Buffer {
  const faces = fonts.map(sfntTables);
  const header = 12 + 4 * faces.length;
  const directories = faces.map((tables) => 12 + 16 * tables.length);
  let at = header + directories.reduce((a, b) => a + b, 0);
  const parts: Buffer[] = [];
  const head = Buffer.alloc(header);
  head.write('ttcf', 0, 'latin1');
  head.writeUInt32BE(0x00010000, 4);
  head.writeUInt32BE(faces.length, 8);
  let directoryAt = header;
  const data: Buffer[] = [];
  for (const [i, tables] of faces.entries()) {
    head.writeUInt32BE(directoryAt, 12 + 4 * i);
    const directory = Buffer.alloc(directories[i]!);
    directory.writeUInt32BE(0x00010000, 0);
    directory.writeUInt16BE(tables.length, 4);
    for (const [j, table] of tables.entries()) {
      const record = 12 + 16 * j;
      directory.write(table.tag, record, 'latin1');
      directory.writeUInt32BE(at, record + 8);
      directory.writeUInt32BE(table.data.length, record + 12);
      data.push(table.data, Buffer.alloc(pad4(table.data.length) - table.data.length));
      at += pad4(table.data.length);
    }
    parts.push(directory);
    directoryAt += directories[i]!;
  }
  return Buffer.concat([head, ...parts, ...data]);
}

/** The face as WOFF 1.0: each table deflated when that makes it smaller. */
export function woff(font: Buffer): Buffer {
  const tables = sfntTables(font).sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const directory = Buffer.alloc(20 * tables.length);
  const data: Buffer[] = [];
  let at = 44 + directory.length;
  for (const [i, table] of tables.entries()) {
    const deflated = deflateSync(table.data);
    const stored = deflated.length < table.data.length ? deflated : table.data;
    const record = 20 * i;
    directory.write(table.tag, record, 'latin1');
    directory.writeUInt32BE(at, record + 4);
    directory.writeUInt32BE(stored.length, record + 8);
    directory.writeUInt32BE(table.data.length, record + 12);
    data.push(stored, Buffer.alloc(pad4(stored.length) - stored.length));
    at += pad4(stored.length);
  }
  const header = Buffer.alloc(44);
  header.write('wOFF', 0, 'latin1');
  header.writeUInt32BE(font.readUInt32BE(0), 4);
  header.writeUInt32BE(at, 8);
  header.writeUInt16BE(tables.length, 12);
  header.writeUInt32BE(12 + 16 * tables.length + tables.reduce((sum, t) => sum + pad4(t.data.length), 0), 16);
  header.writeUInt16BE(1, 20);
  return Buffer.concat([header, directory, ...data]);
}

const WOFF2_TAGS = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB'];

function base128(value: number): Buffer {
  const bytes = [value & 0x7f];
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) bytes.unshift(0x80 | (rest & 0x7f));
  return Buffer.from(bytes);
}

/** The face as WOFF2, every table untransformed (glyf and loca with the null transform), in one Brotli stream. */
export function woff2(font: Buffer): Buffer {
  const tables = sfntTables(font);
  const directory = Buffer.concat(
    tables.map((table) => {
      const known = WOFF2_TAGS.indexOf(table.tag);
      const version = table.tag === 'glyf' || table.tag === 'loca' ? 3 : 0;
      const flags = Buffer.from([(known >= 0 ? known : 63) | (version << 6)]);
      return Buffer.concat([flags, known >= 0 ? Buffer.alloc(0) : Buffer.from(table.tag, 'latin1'), base128(table.data.length)]);
    }),
  );
  const stream = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  const length = 48 + directory.length + stream.length;
  const total = pad4(length);
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(font.readUInt32BE(0), 4);
  header.writeUInt32BE(total, 8);
  header.writeUInt16BE(tables.length, 12);
  header.writeUInt32BE(12 + 16 * tables.length + tables.reduce((sum, t) => sum + pad4(t.data.length), 0), 16);
  header.writeUInt32BE(stream.length, 20);
  header.writeUInt16BE(1, 24);
  return Buffer.concat([header, directory, stream, Buffer.alloc(total - length)]);
}
