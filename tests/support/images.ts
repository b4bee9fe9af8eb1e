// Images for figure tests, written by hand (the project has no image library): real PNG files that any
// decoder opens, with the pixel size the test asks for.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A PNG of width × height pixels: mid grey (8-bit greyscale), or the given colour (8-bit RGB). */
export function png(width: number, height: number, rgb?: readonly [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, rgb ? 2 : 0, 0, 0, 0], 8); // bit depth 8; colour type RGB or greyscale; no interlace
  const pixels = rgb ? Buffer.alloc(width * 3, Buffer.from(rgb)) : Buffer.alloc(width, 0x80);
  const row = Buffer.concat([Buffer.from([0]), pixels]); // filter byte 0: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
