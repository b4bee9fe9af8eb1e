// A small deterministic ZIP writer for the EPUB and DOCX packages: entries in the order given, one fixed
// DOS timestamp, no extra fields, native zlib deflate. Large entries (embedded fonts) are compressed once
// per process and reused, since the same subset font goes into every document of a batch, and kept on disk
// between runs (disk-cache.ts).
import { crc32, deflateRawSync } from 'node:zlib';
import { cachedOnDisk, sha256Hex } from '../support/disk-cache.js';
import { memo } from '../support/memo.js';

/** A file of a zip package. */
export interface ZipEntry {
  /** Its path inside the zip. */
  name: string;
  /** Its bytes. */
  data: Uint8Array;
  /** Stored uncompressed (EPUB's mimetype must be). */
  store?: boolean;
}

const DOS_EPOCH = Date.UTC(1980, 0, 1);
const DOS_END = Date.UTC(2107, 11, 31);
/** Every entry is deflated at this level (part of the disk cache's key). */
const LEVEL = 9;
/** Entries larger than this are worth caching compressed. */
const CACHE_THRESHOLD = 32 * 1024;

interface Compressed {
  crc: number;
  bytes: Uint8Array;
  deflated: boolean;
}
// Embedded fonts repeat across a batch; large images mostly do not, hence the bound.
const cache = memo<string, Compressed>('zip deflated entries', 32);
// Most small entries are the same in every document of a batch (styles, theme, settings, relationships,
// the EPUB's stylesheet and container): hashing one costs a fifth of deflating it. The article's own
// parts come and go.
const small = memo<string, Compressed>('zip deflated small entries', 256);
// The same font subset usually arrives as the very same bytes (the subsetter's cache): known without
// hashing it again. Entries are never changed once written into a package.
const byIdentity = memo<Uint8Array, Compressed>('zip entries by identity', 32);

/** The timestamp stored for every entry: the build date, clamped to what a ZIP can hold. */
export function zipDate(date: Date): Date {
  return new Date(Math.min(Math.max(date.getTime(), DOS_EPOCH), DOS_END));
}

function dosDateTime(date: Date): { time: number; day: number } {
  const d = zipDate(date);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    day: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

function compress(entry: ZipEntry): Compressed {
  if (entry.store) return { crc: crc32(entry.data), bytes: entry.data, deflated: false };
  if (entry.data.length < CACHE_THRESHOLD) return small.getOrMake(sha256Hex(entry.data), () => deflated(entry.data, deflateRawSync(entry.data, { level: LEVEL })));
  const known = byIdentity.get(entry.data);
  if (known) return known;
  const key = sha256Hex(entry.data);
  let result = cache.get(key);
  if (!result) {
    const bytes = cachedOnDisk('deflated', `deflate-raw zlib ${process.versions.zlib} level ${LEVEL}\0${key}`, () => deflateRawSync(entry.data, { level: LEVEL }));
    result = deflated(entry.data, bytes);
    cache.set(key, result);
  }
  byIdentity.set(entry.data, result);
  return result;
}


/** Incompressible data (images) is stored as it is. */
function deflated(data: Uint8Array, compressed: Uint8Array): Compressed {
  return compressed.length < data.length ? { crc: crc32(data), bytes: compressed, deflated: true } : { crc: crc32(data), bytes: data, deflated: false };
}

export function writeZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const { time, day } = dosDateTime(date);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { crc, bytes, deflated } = compress(entry);
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x0800 : 0; // UTF-8 names flagged
    const method = deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + bytes.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
