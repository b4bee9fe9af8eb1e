// Local images for figures: read, identified by their magic bytes, measured from their headers, scaled
// to the text width. Anything missing or in a format Word cannot show inline is reported and skipped;
// the caption stays, so no text is lost.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImageRun } from 'docx';
import { readImageHeader, type ImageFormat } from '../../support/image.js';
import type { DocxContext } from './types.js';

/** What docx's ImageRun calls the formats Word shows inline. */
const DOCX_TYPES: Partial<Record<ImageFormat, 'png' | 'jpg' | 'gif' | 'bmp'>> = Object.freeze({ png: 'png', jpeg: 'jpg', gif: 'gif', bmp: 'bmp' });

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
  const info = readImageHeader(data);
  const type = info && DOCX_TYPES[info.format];
  if (!info || !type || info.width <= 0 || info.height <= 0) {
    context.diagnostics.warn(`docx: figure "${src}" is not a PNG, JPEG, GIF or BMP image; left out, caption kept`);
    return undefined;
  }
  const maxWidth = Math.floor(context.textWidth / TWIPS_PER_PIXEL);
  const scale = Math.min(1, maxWidth / info.width);
  return new ImageRun({
    type,
    data,
    transformation: { width: Math.round(info.width * scale), height: Math.round(info.height * scale) },
    altText: { id: String(context.nextDrawingId()), name: path.basename(src), description: context.xml.clean(alt), title: context.xml.clean(alt) },
  });
}
