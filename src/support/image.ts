// What an image file is, read from its first bytes: the format and the pixel size, for every renderer.
// The type comes from the bytes, never from a file name that may lie.

/** The image formats warraq recognises. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'svg';

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

const KINDS: Readonly<Record<ImageFormat, { mediaType: string; extension: string }>> = Object.freeze({
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
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
