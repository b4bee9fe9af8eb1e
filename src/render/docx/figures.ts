// Local images for figures and for images in the running text: read, identified by their magic bytes,
// measured from their headers, scaled to the text width or the type's height. Anything missing or in a
// format Word cannot show inline is reported and skipped; the caption or the alt text stays, so no text
// is lost.
import path from 'node:path';
import { ImageRun } from 'docx';
import { CELL_PICTURE_EMS, loadImage } from '../images.js';
import type { ImageFormat, ImageHeader } from '../../support/image.js';
import type { Inline } from '../../model/schema.js';
import { inlinesWithin } from '../../model/walk.js';
import type { DocxContext } from './types.js';

/** What docx's ImageRun calls the formats Word shows inline. */
const DOCX_TYPES: Partial<Record<ImageFormat, 'png' | 'jpg' | 'gif'>> = Object.freeze({ png: 'png', jpeg: 'jpg', gif: 'gif' });

const TWIPS_PER_PIXEL = 15; // docx sizes images in pixels at 96 dpi; 1440 twips per inch

/**
 * An image in the running text, at the height of the body type (1 em, as the PDF and the EPUB set it),
 * or in a table cell (`cellWidth`, twips) at its own size within the cell and CELL_PICTURE_EMS; undefined
 * (with a warning) when it cannot be embedded: its alt text stands in.
 */
export function inlineImage(src: string, alt: string, context: DocxContext, cellWidth?: number): ImageRun | undefined {
  return imageRun(src, alt, context, { what: 'image', instead: 'its alt text stands in' }, (header) => {
    if (cellWidth !== undefined) {
      const scale = cellPictureScale(header, context, cellWidth);
      return { width: Math.max(1, Math.round(header.width * scale)), height: Math.max(1, Math.round(header.height * scale)) };
    }
    const height = Math.max(1, Math.round(emPixels(context)));
    return { width: Math.max(1, Math.round((header.width * height) / header.height)), height };
  });
}

/**
 * How wide, in twips, the widest picture of a table cell's inlines is set where the cell leaves it room:
 * its own size, within CELL_PICTURE_EMS (0 when the cell has none, or none that can be read).
 */
export function widestCellPicture(inlines: readonly Inline[], context: DocxContext): number {
  let widest = 0;
  for (const node of inlinesWithin(inlines)) {
    if (node.type !== 'image') continue;
    const image = loadImage(node.src, context);
    if ('problem' in image) continue;
    widest = Math.max(widest, image.header.width * cellPictureScale(image.header, context) * TWIPS_PER_PIXEL);
  }
  return widest;
}

/** The body type's size in pixels, as docx sizes images (96 dpi: a size in points is 4/3 as many pixels). */
function emPixels(context: DocxContext): number {
  return (context.theme.sizes.body * 4) / 3;
}

/** How a picture in a table cell is scaled: its own size, down to `cellWidth` twips across and CELL_PICTURE_EMS high. */
function cellPictureScale(header: ImageHeader, context: DocxContext, cellWidth = Number.POSITIVE_INFINITY): number {
  return Math.min(1, cellWidth / TWIPS_PER_PIXEL / header.width, (CELL_PICTURE_EMS * emPixels(context)) / header.height);
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
