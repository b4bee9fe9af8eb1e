// Copies of glyphs under new glyph ids with advances of their own, appended to a TrueType font program.
//
// The PDF's text layer shows one outline under several CIDs, each with its own /W width (a glyph's share
// of a ligature's advance, a blank CID carrying a mark's text). PDF/A (ISO 19005-2, 6.2.11.5) asks the
// widths in the font dictionary to be those of the font program: each CID whose width is not its glyph's
// advance is given a glyph of its own, a one-component composite of the original (a few bytes, the same
// outline and hinting) or, for an empty glyph, another empty one, with the CID's advance in hmtx.
import { UserError } from '../support/errors.js';

/** A glyph to copy and the advance (font units) the copy gets. */
export interface GlyphCopy {
  /** The glyph id copied. */
  glyphId: number;
  /** The copy's advance width, in font units. */
  advance: number;
}

/** The font program with the copies appended, and the copies' glyph ids. */
export interface CopiedProgram {
  /** The new font program. */
  program: Uint8Array;
  /** The id of each copy, in the order asked. */
  ids: number[];
}

interface Table {
  tag: string;
  data: Uint8Array;
}

/** Appends `copies` to a TrueType program (glyf, loca, hmtx, maxp and hhea rewritten; loca long). */
export function appendGlyphCopies(program: Uint8Array, copies: readonly GlyphCopy[]): CopiedProgram {
  const tables = readTables(program);
  const get = (tag: string): Uint8Array => {
    const data = tables.get(tag);
    if (!data) throw new UserError(`font program has no ${tag} table`);
    return data;
  };
  const head = get('head').slice();
  const maxp = get('maxp').slice();
  const hhea = get('hhea').slice();
  const headView = new DataView(head.buffer);
  const maxpView = new DataView(maxp.buffer);
  const hheaView = new DataView(hhea.buffer);
  const count = maxpView.getUint16(4);
  if (count + copies.length > 0xffff) throw new UserError(`font program: ${count} glyphs and ${copies.length} copies are more than 65535`);
  const longLoca = headView.getInt16(50) === 1;
  const locaTable = get('loca');
  const loca = new DataView(locaTable.buffer, locaTable.byteOffset, locaTable.byteLength);
  const offset = (g: number): number => (longLoca ? loca.getUint32(4 * g) : 2 * loca.getUint16(2 * g));
  const glyf = get('glyf');
  const hmtxTable = get('hmtx');
  const hmtx = new DataView(hmtxTable.buffer, hmtxTable.byteOffset, hmtxTable.byteLength);
  const metrics = hheaView.getUint16(34);
  const metric = (g: number): [number, number] => {
    const advance = hmtx.getUint16(4 * Math.min(g, metrics - 1));
    const lsb = g < metrics ? hmtx.getInt16(4 * g + 2) : hmtx.getInt16(4 * metrics + 2 * (g - metrics));
    return [advance, lsb];
  };

  const offsets: number[] = [];
  for (let g = 0; g <= count; g++) offsets.push(offset(g));
  let end = offsets[count] as number;
  // The copies follow the last glyph itself: whatever padding ended the table would be part of the first.
  const pieces: Uint8Array[] = [glyf.subarray(0, end)];
  const ids: number[] = [];
  const newMetrics: [number, number][] = [];
  for (let g = 0; g < count; g++) newMetrics.push(metric(g));
  for (const copy of copies) {
    const start = offset(copy.glyphId);
    const length = offset(copy.glyphId + 1) - start;
    // An empty glyph (a space) stays empty; any other becomes a composite of the one original, at 0, 0,
    // its bounding box the original's. Flags: ARGS_ARE_XY_VALUES only (byte arguments, no scale, and not
    // USE_MY_METRICS, which would give the copy the original's advance).
    let data = new Uint8Array(0);
    if (length > 0) {
      data = new Uint8Array(16);
      const view = new DataView(data.buffer);
      view.setInt16(0, -1);
      data.set(glyf.subarray(start + 2, start + 10), 2);
      view.setUint16(10, 0x0002);
      view.setUint16(12, copy.glyphId);
      // Arguments (x, y) = (0, 0) as bytes; 16 bytes keep the next glyph 4-aligned.
    }
    ids.push(count + ids.length);
    pieces.push(data);
    end += data.length;
    offsets.push(end);
    newMetrics.push([copy.advance, metric(copy.glyphId)[1]]);
  }
  const total = count + copies.length;
  const newLoca = new Uint8Array(4 * (total + 1));
  const newLocaView = new DataView(newLoca.buffer);
  offsets.forEach((o, g) => newLocaView.setUint32(4 * g, o));
  const newHmtx = new Uint8Array(4 * total);
  const newHmtxView = new DataView(newHmtx.buffer);
  newMetrics.forEach(([advance, lsb], g) => {
    newHmtxView.setUint16(4 * g, advance);
    newHmtxView.setInt16(4 * g + 2, lsb);
  });
  headView.setInt16(50, 1);
  maxpView.setUint16(4, total);
  // maxp 1.0: the copies are composites one level above their originals, of one component.
  if (maxp.byteLength >= 32 && copies.length > 0) {
    maxpView.setUint16(28, Math.max(1, maxpView.getUint16(28)));
    maxpView.setUint16(30, maxpView.getUint16(30) + 1);
  }
  hheaView.setUint16(34, total);
  // advanceWidthMax must bound every advance.
  hheaView.setUint16(10, Math.max(hheaView.getUint16(10), ...copies.map((c) => c.advance)));

  const out = new Map(tables);
  out.set('head', head);
  out.set('maxp', maxp);
  out.set('hhea', hhea);
  out.set('loca', newLoca);
  out.set('hmtx', newHmtx);
  out.set('glyf', concat(pieces));
  // Tables that count glyphs would now be short of the copies; a PDF font program needs none of them.
  for (const tag of ['hdmx', 'LTSH', 'VDMX', 'vmtx', 'vhea']) out.delete(tag);
  return { program: writeTables([...out].map(([tag, data]) => ({ tag, data }))), ids };
}

function readTables(program: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const tables = new Map<string, Uint8Array>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...program.subarray(at, at + 4));
    const start = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (start + length > program.byteLength) throw new UserError(`font program: the ${tag} table runs past the end`);
    tables.set(tag, program.subarray(start, start + length));
  }
  return tables;
}

/** A TrueType file of these tables: sorted directory, 4-aligned tables, checksums and head's adjustment. */
function writeTables(tables: Table[]): Uint8Array {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  const searchRange = 16 * 2 ** Math.floor(Math.log2(n));
  let size = 12 + 16 * n;
  const offsets = tables.map((t) => {
    const at = size;
    size += (t.data.byteLength + 3) & ~3;
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, Math.floor(Math.log2(n)));
  view.setUint16(10, 16 * n - searchRange);
  let headAt = -1;
  tables.forEach((t, i) => {
    const at = offsets[i] as number;
    out.set(t.data, at);
    if (t.tag === 'head') {
      headAt = at;
      view.setUint32(at + 8, 0);
    }
    const entry = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[entry + k] = t.tag.charCodeAt(k);
    view.setUint32(entry + 4, checksum(out, at, t.data.byteLength));
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, t.data.byteLength);
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, out.byteLength)) >>> 0);
  return out;
}

function checksum(data: Uint8Array, start: number, length: number): number {
  const view = new DataView(data.buffer, data.byteOffset);
  let sum = 0;
  const end = start + ((length + 3) & ~3);
  for (let at = start; at < end; at += 4) sum = (sum + (at + 4 <= data.byteLength ? view.getUint32(at) : 0)) >>> 0;
  return sum;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
