// A figure's image as the page will show it: its size read from the file's header, scaled down (never
// up) to the room the block has. The one place a figure's size is capped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Theme } from '../../../theme/schema.js';
import { PAGE_SIZES } from '../../../theme/schema.js';
import { readImageHeader } from '../../../support/image.js';

/** The most of the text block's height a figure's image may take, so image and caption share a page. */
const MAX_HEIGHT_SHARE = 0.6;

/** The image of a figure, sized in points; throws with the reason when the file cannot be used. */
export function figureImage(src: string, resourceDir: string, available: number, theme: Theme): { path: string; width: number; height: number } {
  const file = path.resolve(resourceDir, src);
  const size = readImageHeader(readFileSync(file));
  // pdfkit embeds PNG and JPEG only.
  if (!size || (size.format !== 'png' && size.format !== 'jpeg') || size.width <= 0 || size.height <= 0) throw new Error('not a PNG or JPEG image');
  // Pixels at 96 per inch, scaled down to the measure and to a share of the text block's height.
  const page = PAGE_SIZES[theme.page.size];
  const tallest = MAX_HEIGHT_SHARE * (page.height - theme.page.margins.top - theme.page.margins.bottom);
  const width = size.width * 0.75;
  const height = size.height * 0.75;
  const scale = Math.min(1, available / width, tallest / height);
  return { path: file, width: width * scale, height: height * scale };
}
