// Reading a Kindle AZW3 (KF8) file as a Kindle does: the PalmDB records, the EXTH metadata of the first
// (or the KF8 boundary's) MOBI header — its page-progression-direction (EXTH 527) and language (524) — and
// the embedded fonts (FONT resource records, zlib-compressed and optionally XOR-obfuscated).
import { inflateSync } from 'node:zlib';

/** What a Kindle reads from an AZW3 besides its text. */
export interface KindleFacts {
  /** EXTH metadata: record type → its values as text. */
  exth: Map<number, string[]>;
  /** The embedded font files, decompressed (TrueType/OpenType bytes). */
  fonts: Uint8Array[];
}

function records(file: Buffer): Buffer[] {
  const count = file.readUInt16BE(76);
  const offsets = Array.from({ length: count }, (_, i) => file.readUInt32BE(78 + i * 8));
  return offsets.map((start, i) => file.subarray(start, offsets[i + 1] ?? file.length));
}

function exthOf(record0: Buffer): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (record0.toString('latin1', 16, 20) !== 'MOBI') return out;
  const headerLength = record0.readUInt32BE(20);
  const flags = record0.readUInt32BE(128);
  if ((flags & 0x40) === 0) return out;
  let at = 16 + headerLength;
  if (record0.toString('latin1', at, at + 4) !== 'EXTH') return out;
  const n = record0.readUInt32BE(at + 8);
  at += 12;
  for (let i = 0; i < n; i++) {
    const type = record0.readUInt32BE(at);
    const length = record0.readUInt32BE(at + 4);
    const value = record0.subarray(at + 8, at + length).toString('utf8');
    out.set(type, [...(out.get(type) ?? []), value]);
    at += length;
  }
  return out;
}

function font(record: Buffer): Uint8Array {
  const flags = record.readUInt32BE(8);
  const dataStart = record.readUInt32BE(12);
  const keyLength = record.readUInt32BE(16);
  const keyStart = record.readUInt32BE(20);
  const data = Buffer.from(record.subarray(dataStart));
  if (flags & 0b10) {
    const key = record.subarray(keyStart, keyStart + keyLength);
    for (let i = 0; i < Math.min(1040, data.length); i++) data[i] = (data[i] ?? 0) ^ (key[i % keyLength] ?? 0);
  }
  return flags & 0b01 ? inflateSync(data) : data;
}

/** The AZW3's EXTH metadata and embedded fonts. */
export function readAzw3(bytes: Uint8Array): KindleFacts {
  const file = Buffer.from(bytes);
  if (file.toString('latin1', 60, 68) !== 'BOOKMOBI') throw new Error('not a MOBI/AZW3 file');
  const all = records(file);
  const exth = exthOf(all[0] ?? Buffer.alloc(0));
  return { exth, fonts: all.filter((r) => r.toString('latin1', 0, 4) === 'FONT').map(font) };
}
