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

/**
 * An image in the running text, at the height of the body type (1 em, as the PDF and the EPUB set it),
 * or undefined (with a warning) when it cannot be embedded: its alt text stands in.
 */
export function inlineImage(src: string, alt: string, context: DocxContext): ImageRun | undefined {
  const image = loadImage(src, context);
  const type = 'problem' in image ? undefined : DOCX_TYPES[image.header.format];
  if ('problem' in image || !type) {
    context.diagnostics.warn(`docx: image "${src}" ${'problem' in image ? image.problem : `is a ${image.header.format.toUpperCase()} image, which Word does not show inline (PNG, JPEG, GIF)`}; its alt text stands in`);
    return undefined;
  }
  // docx sizes images in pixels at 96 dpi: the type's size in points is 4/3 as many pixels.
  const height = Math.max(1, Math.round((context.theme.sizes.body * 4) / 3));
  const width = Math.max(1, Math.round((image.header.width * height) / image.header.height));
  return new ImageRun({
    type,
    data: image.bytes,
    transformation: { width, height },
    altText: { id: String(context.nextDrawingId()), name: context.xml.clean(path.basename(src)), description: context.xml.clean(alt), title: context.xml.clean(alt) },
  });
}

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
