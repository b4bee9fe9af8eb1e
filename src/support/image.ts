// What an image file is, for every renderer: its format and pixel size from its bytes (never from a file
// name that may lie), and whether it is whole enough to embed: the structure a decoder walks first (PNG
// chunks and their CRCs, JPEG segments, the GIF trailer, the WebP container), a size under the pixel
// limit (a 68-byte PNG may claim 30000 × 30000), and for SVG nothing that runs or fetches.
import { crc32, inflateSync } from 'node:zlib';

/** The image formats warraq recognises. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'svg';

/** What the header of an image file says. */
export interface ImageHeader {
  /** The file's format. */
  format: ImageFormat;
  /** The media type of the format, e.g. image/png. */
  mediaType: string;
  /** The usual file extension, without the dot. */
  extension: string;
  /** Width in pixels; 0 for SVG, whose size is not in pixels. */
  width: number;
  /** Height in pixels; 0 for SVG. */
  height: number;
}

const KINDS: Readonly<Record<ImageFormat, { mediaType: string; extension: string }>> = Object.freeze<Readonly<Record<ImageFormat, { mediaType: string; extension: string }>>>({
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
  webp: { mediaType: 'image/webp', extension: 'webp' },
  bmp: { mediaType: 'image/bmp', extension: 'bmp' },
  svg: { mediaType: 'image/svg+xml', extension: 'svg' },
});

/** The format and size of an image file, or undefined for anything else (WebP, junk, a truncated header). */
export function readImageHeader(data: Uint8Array): ImageHeader | undefined {
  const size = rasterSize(data);
  if (size) return { ...KINDS[size.format], ...size };
  const head = new TextDecoder().decode(data.subarray(0, 1024));
  if (/<svg[\s>]/.test(head)) return { format: 'svg', ...KINDS.svg, width: 0, height: 0 };
  return undefined;
}

function rasterSize(data: Uint8Array): { format: ImageFormat; width: number; height: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = (i: number): number => data[i] ?? -1;
  // PNG: signature, then the IHDR chunk with width and height as big-endian 32-bit integers.
  if (data.length >= 24 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (data.length >= 10 && at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) {
    return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (data.length >= 26 && at(0) === 0x42 && at(1) === 0x4d) {
    return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return jpegSize(data, view);
  if (data.length >= 30 && String.fromCharCode(...data.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...data.subarray(8, 12)) === 'WEBP') return webpSize(data, view);
  return undefined;
}

// The RIFF container's size must match the file; the first chunk holds the canvas size.
function webpSize(data: Uint8Array, view: DataView): { format: ImageFormat; width: number; height: number } | undefined {
  if (view.getUint32(4, true) + 8 > data.length) return undefined;
  const chunk = String.fromCharCode(...data.subarray(12, 16));
  if (chunk === 'VP8X') return { format: 'webp', width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return undefined;
}

// Walks the JPEG segments to the first start-of-frame marker, which holds the size.
function jpegSize(data: Uint8Array, view: DataView): { format: ImageFormat; width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    // Markers that stand alone, without a length: start of image, restarts, TEM.
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { format: 'jpeg', width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

/** The most pixels an embedded image may have: decoding one costs ~4 bytes a pixel in every reader. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** An image that may be embedded, or why not (one clause, for a warning). */
export type ImageCheck =
  | {
      /** What the image is: it may be embedded. */
      header: ImageHeader;
      /** Absent: nothing is wrong. */
      problem?: undefined;
    }
  | {
      /** Absent: the image may not be embedded. */
      header?: undefined;
      /** Why not, a phrase that follows "is": "a broken PNG image (bad checksum in IDAT)". */
      problem: string;
    };

/** Whether `data` is an image whole enough to embed: recognised, structurally sound, within the pixel limit. */
export function checkImage(data: Uint8Array): ImageCheck {
  const header = readImageHeader(data);
  if (!header || header.format === 'bmp') return { problem: 'not a PNG, JPEG, GIF, WebP or SVG image' };
  const broken = header.format === 'svg' ? unsafeSvg(data) : structureProblem(header.format, data);
  if (broken) return { problem: broken };
  if (header.format !== 'svg') {
    if (header.width <= 0 || header.height <= 0) return { problem: `a ${header.format.toUpperCase()} image of no size` };
    if (header.width * header.height > MAX_IMAGE_PIXELS) {
      return { problem: `${header.width} × ${header.height} pixels, more than the limit of ${MAX_IMAGE_PIXELS / 1_000_000} megapixels` };
    }
  }
  return { header };
}

function structureProblem(format: ImageFormat, data: Uint8Array): string | undefined {
  switch (format) {
    case 'png':
      return pngProblem(data);
    case 'jpeg':
      return indexOfPair(data, 0xff, 0xd9, Math.max(2, data.length - 4096)) < 0 ? 'a JPEG image cut short (no end marker)' : undefined;
    case 'gif':
      return data.subarray(Math.max(0, data.length - 64)).includes(0x3b) ? undefined : 'a GIF image cut short (no trailer)';
    case 'webp':
      return undefined; // the RIFF container's size was checked when its header was read
    default:
      return undefined;
  }
}

const PNG_SIGNATURE = Object.freeze([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Walks the chunks: each CRC must match, IHDR first, at least one IDAT, IEND last.
function pngProblem(data: Uint8Array): string | undefined {
  if (PNG_SIGNATURE.some((b, i) => data[i] !== b)) return 'a broken PNG image (bad signature)';
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 8;
  let first = true;
  const idat: Uint8Array[] = [];
  while (offset + 12 <= data.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...data.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > data.length) return 'a PNG image cut short';
    if (crc32(data.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) return `a broken PNG image (bad checksum in ${type})`;
    if (first && type !== 'IHDR') return 'a broken PNG image (no header chunk)';
    first = false;
    if (type === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') return idat.length > 0 ? pngDataProblem(view, idat) : 'a PNG image without image data';
    offset = end;
  }
  return 'a PNG image cut short';
}

// Channels per pixel of each PNG colour type.
const PNG_CHANNELS: Readonly<Record<number, number>> = Object.freeze({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 });

// The image data must inflate to no more than its header's size: a 1 MB file whose data inflates to
// gigabytes (a zlib bomb) crashed the decoders that read it. Inflated here with that cap, once.
function pngDataProblem(view: DataView, idat: readonly Uint8Array[]): string | undefined {
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = view.getUint8(24);
  const channels = PNG_CHANNELS[view.getUint8(25)];
  if (channels === undefined || width * height > MAX_IMAGE_PIXELS) return undefined; // refused by its size or type elsewhere
  // One filter byte a row, interlacing adds at most a few bytes a row per pass.
  const expected = height * (1 + Math.ceil((width * channels * bitDepth) / 8)) * 1.1 + 4096;
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: Math.ceil(expected) });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError ? 'a PNG image whose data inflates past its size (a zlib bomb)' : 'a broken PNG image (its data does not inflate)';
  }
}

function indexOfPair(data: Uint8Array, a: number, b: number, from: number): number {
  for (let i = from; i + 1 < data.length; i++) if (data[i] === a && data[i + 1] === b) return i;
  return -1;
}

/** Why an SVG may not be embedded: it could run script or fetch something when a reader opens it. */
function unsafeSvg(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  if (/<script[\s>]/i.test(text)) return 'an SVG image with a script';
  if (/\son[a-z]+\s*=/i.test(text)) return 'an SVG image with event handlers';
  if (/<foreignObject[\s>]/i.test(text)) return 'an SVG image with foreign content';
  if (/<!ENTITY/i.test(text)) return 'an SVG image that declares entities';
  // Every reference must stay inside the file (#id); data: is inline, anything else is fetched.
  for (const match of text.matchAll(/(?:href|src)\s*=\s*["']\s*([^"']*)/gi)) {
    const target = match[1] ?? '';
    if (!target.startsWith('#')) return 'an SVG image with external references';
  }
  if (/url\(\s*["']?\s*(?!#)/i.test(text)) return 'an SVG image with external references';
  if (/@import/i.test(text)) return 'an SVG image with external references';
  return undefined;
}
