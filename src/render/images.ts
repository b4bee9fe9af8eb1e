// A figure's (or a cover's) image file, read for any renderer: resolved against the article's folder,
// confined to the document's read root, read only if it is a regular file of a sane size, and embedded
// only if it is a whole image (support/image.ts). Each renderer then takes the formats it can show.
import { checkImage, type ImageHeader } from '../support/image.js';
import { readConfined, readRoot, type ReadRoot } from '../support/read-root.js';
import type { RenderContext } from './context.js';

/** The largest image file read: past it the file is refused before it is read. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** An image file ready to embed. */
export interface LocalImage {
  /** The file it was read from. */
  file: string;
  /** Its bytes. */
  bytes: Uint8Array;
  /** Its format and pixel size. */
  header: ImageHeader;
}

/** The root a context's reads are confined to: its own, else the article's folder alone. */
export function contextRoot(context: Pick<RenderContext, 'readRoot' | 'resourceDir'>): ReadRoot {
  return context.readRoot ?? readRoot([context.resourceDir]);
}

/** The image `src` names, or why it cannot be embedded: a predicate for the renderer's warning ("not found (…)"). */
export function loadImage(src: string, context: Pick<RenderContext, 'readRoot' | 'resourceDir'>): LocalImage | { problem: string } {
  const read = readConfined(src, context.resourceDir, contextRoot(context), MAX_IMAGE_BYTES);
  if (read.bytes === undefined) return { problem: read.problem };
  const checked = checkImage(read.bytes);
  if (checked.header === undefined) return { problem: `is ${checked.problem} (${read.file})` };
  return { file: read.file!, bytes: new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength), header: checked.header };
}
