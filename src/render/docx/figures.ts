// Local images for figures: read, identified by their magic bytes, measured from their headers, scaled
// to the text width. Anything missing or in a format Word cannot show inline is reported and skipped;
// the caption stays, so no text is lost.
import path from 'node:path';
import { ImageRun } from 'docx';
import { loadImage } from '../images.js';
import type { ImageFormat } from '../../support/image.js';
import type { DocxContext } from './types.js';

/** What docx's ImageRun calls the formats Word shows inline. */
const DOCX_TYPES: Partial<Record<ImageFormat, 'png' | 'jpg' | 'gif'>> = Object.freeze({ png: 'png', jpeg: 'jpg', gif: 'gif' });

const TWIPS_PER_PIXEL = 15; // docx sizes images in pixels at 96 dpi; 1440 twips per inch

/** The image run for a figure, or undefined (with a warning) when it cannot be embedded. */
export function figureImage(src: string, alt: string, context: DocxContext): ImageRun | undefined {
  const image = loadImage(src, context);
  if ('problem' in image) {
    context.diagnostics.warn(`docx: figure "${src}" ${image.problem}; left out, caption kept`);
    return undefined;
  }
  const { header } = image;
  const type = DOCX_TYPES[header.format];
  if (!type) {
    context.diagnostics.warn(`docx: figure "${src}" is a ${header.format.toUpperCase()} image, which Word does not show inline (PNG, JPEG, GIF); left out, caption kept`);
    return undefined;
  }
  const maxWidth = Math.floor(context.textWidth / TWIPS_PER_PIXEL);
  const scale = Math.min(1, maxWidth / header.width);
  return new ImageRun({
    type,
    data: image.bytes,
    transformation: { width: Math.round(header.width * scale), height: Math.round(header.height * scale) },
    altText: { id: String(context.nextDrawingId()), name: context.xml.clean(path.basename(src)), description: context.xml.clean(alt), title: context.xml.clean(alt) },
  });
}
