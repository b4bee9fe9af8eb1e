// A figure's image as the page will show it: read through the shared loader (confined, checked whole),
// its size from its header, scaled down (never up) to the room the block has. The one place a figure's
// size is capped.
import type { RenderContext } from '../../context.js';
import { CELL_PICTURE_EMS, loadImage } from '../../images.js';
import { PAGE_SIZES } from '../../../theme/schema.js';
import type { InlineImage } from '../paragraph/types.js';

/** The most of the text block's height a figure's image may take, so image and caption share a page. */
const MAX_HEIGHT_SHARE = 0.6;

/** The image of a figure, sized in points; throws with the reason (a predicate: "not found (…)") when it cannot be used. */
export function figureImage(src: string, context: RenderContext, available: number): { path: string; data: Uint8Array; width: number; height: number } {
  const image = loadImage(src, context);
  if ('problem' in image) throw new Error(image.problem);
  // pdfkit embeds PNG and JPEG only.
  if (image.header.format !== 'png' && image.header.format !== 'jpeg') throw new Error(`is a ${image.header.format.toUpperCase()} image, which the PDF cannot embed (PNG and JPEG only; ${image.file})`);
  // Pixels at 96 per inch, scaled down to the measure and to a share of the text block's height.
  const { theme } = context;
  const page = PAGE_SIZES[theme.page.size];
  const tallest = MAX_HEIGHT_SHARE * (page.height - theme.page.margins.top - theme.page.margins.bottom);
  const width = image.header.width * 0.75;
  const height = image.header.height * 0.75;
  const scale = Math.min(1, available / width, tallest / height);
  return { path: image.file, data: image.bytes, width: width * scale, height: height * scale };
}

/**
 * An image in the running text at the height of the type (`size` points), or in a table cell (`cell`:
 * the cell's measure) at its own size within the cell's width and CELL_PICTURE_EMS; undefined with a
 * warning (once per file) when it cannot be used: its alt text then stands in.
 */
export function inlineImage(src: string, alt: string, size: number, context: RenderContext, cell?: number): InlineImage | undefined {
  try {
    const image = figureImage(src, context, cell ?? Number.POSITIVE_INFINITY);
    const height = cell === undefined ? size : Math.min(image.height, CELL_PICTURE_EMS * context.theme.sizes.body);
    return { path: image.path, data: image.data, height, width: (image.width * height) / Math.max(1e-6, image.height), alt };
  } catch (error) {
    context.diagnostics.warn(`pdf: image "${src}" ${(error as Error).message}; its alt text stands in`);
    return undefined;
  }
}
