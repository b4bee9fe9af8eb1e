// Local images for figures: read, identified by their magic bytes, measured from their headers, scaled
// to the text width. Anything missing or in a format Word cannot show inline is reported and skipped;
// the caption stays, so no text is lost.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImageRun } from 'docx';
import type { DocxContext } from './types.js';

type RasterType = 'png' | 'jpg' | 'gif' | 'bmp';

interface ImageInfo {
  type: RasterType;
  width: number;
  height: number;
}

/** Type and pixel size from the file header, or undefined for anything else (SVG, WebP, junk). */
export function imageInfo(data: Uint8Array): ImageInfo | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = (i: number): number => data[i] ?? -1;
  if (data.length >= 24 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) {
    return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (data.length >= 10 && at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) {
    return { type: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (data.length >= 26 && at(0) === 0x42 && at(1) === 0x4d) {
    return { type: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  if (at(0) === 0xff && at(1) === 0xd8) return jpegInfo(data, view);
  return undefined;
}

// Walks the JPEG segments to the first start-of-frame marker, which holds the size.
function jpegInfo(data: Uint8Array, view: DataView): ImageInfo | undefined {
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1] ?? 0;
    const length = view.getUint16(i + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { type: 'jpg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    i += 2 + length;
  }
  return undefined;
}

const TWIPS_PER_PIXEL = 15; // docx sizes images in pixels at 96 dpi; 1440 twips per inch

/** The image run for a figure, or undefined (with a warning) when it cannot be embedded. */
export async function figureImage(src: string, alt: string, context: DocxContext): Promise<ImageRun | undefined> {
  const file = path.resolve(context.resourceDir, src);
  let data: Uint8Array;
  try {
    data = await readFile(file);
  } catch {
    context.diagnostics.warn(`docx: figure "${src}" not found (${file}); left out, caption kept`);
    return undefined;
  }
  const info = imageInfo(data);
  if (!info || info.width <= 0 || info.height <= 0) {
    context.diagnostics.warn(`docx: figure "${src}" is not a PNG, JPEG, GIF or BMP image; left out, caption kept`);
    return undefined;
  }
  const maxWidth = Math.floor(context.textWidth / TWIPS_PER_PIXEL);
  const scale = Math.min(1, maxWidth / info.width);
  return new ImageRun({
    type: info.type,
    data,
    transformation: { width: Math.round(info.width * scale), height: Math.round(info.height * scale) },
    altText: { id: String(context.nextDrawingId()), name: path.basename(src), description: context.xml.clean(alt), title: context.xml.clean(alt) },
  });
}
