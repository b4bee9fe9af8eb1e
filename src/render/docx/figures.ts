// Local images for figures and for images in the running text: read, identified by their magic bytes,
// measured from their headers, scaled to the text width or the type's height. Anything missing or in a
// format Word cannot show inline is reported and skipped; the caption or the alt text stays, so no text
// is lost.
import path from 'node:path';
import { ImageRun } from 'docx';
import { loadImage } from '../images.js';
import type { ImageFormat, ImageHeader } from '../../support/image.js';
import type { DocxContext } from './types.js';

/** What docx's ImageRun calls the formats Word shows inline. */
const DOCX_TYPES: Partial<Record<ImageFormat, 'png' | 'jpg' | 'gif'>> = Object.freeze({ png: 'png', jpeg: 'jpg', gif: 'gif' });

const TWIPS_PER_PIXEL = 15; // docx sizes images in pixels at 96 dpi; 1440 twips per inch

/**
 * An image in the running text, at the height of the body type (1 em, as the PDF and the EPUB set it),
 * or undefined (with a warning) when it cannot be embedded: its alt text stands in.
 */
export function inlineImage(src: string, alt: string, context: DocxContext): ImageRun | undefined {
  // docx sizes images in pixels at 96 dpi: the type's size in points is 4/3 as many pixels.
  const height = Math.max(1, Math.round((context.theme.sizes.body * 4) / 3));
  return imageRun(src, alt, context, { what: 'image', instead: 'its alt text stands in' }, (header) => ({
    width: Math.max(1, Math.round((header.width * height) / header.height)),
    height,
  }));
}

/** The image run for a figure, or undefined (with a warning) when it cannot be embedded. */
export function figureImage(src: string, alt: string, context: DocxContext): ImageRun | undefined {
  const maxWidth = Math.floor(context.textWidth / TWIPS_PER_PIXEL);
  return imageRun(src, alt, context, { what: 'figure', instead: 'left out, caption kept' }, (header) => {
    const scale = Math.min(1, maxWidth / header.width);
    return { width: Math.round(header.width * scale), height: Math.round(header.height * scale) };
  });
}

/**
 * The image run of `src` at the size `sized` gives it in pixels, or undefined with a warning saying what
 * the image was for and what stands in for it.
 */
function imageRun(src: string, alt: string, context: DocxContext, use: { what: string; instead: string }, sized: (header: ImageHeader) => { width: number; height: number }): ImageRun | undefined {
  const image = loadImage(src, context);
  const type = 'problem' in image ? undefined : DOCX_TYPES[image.header.format];
  if ('problem' in image || !type) {
    const problem = 'problem' in image ? image.problem : `is a ${image.header.format.toUpperCase()} image, which Word does not show inline (PNG, JPEG, GIF)`;
    context.diagnostics.warn(`docx: ${use.what} "${src}" ${problem}; ${use.instead}`);
    return undefined;
  }
  return new ImageRun({
    type,
    data: image.bytes,
    transformation: sized(image.header),
    altText: { id: String(context.nextDrawingId()), name: context.xml.clean(path.basename(src)), description: context.xml.clean(alt), title: context.xml.clean(alt) },
  });
}
