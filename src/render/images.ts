// A figure's (or a cover's) image file, read for any renderer: resolved against the article's folder,
// confined to the document's read root, read only if it is a regular file of a sane size, and embedded
// only if it is a whole image (support/image.ts). Each renderer then takes the formats it can show.
import type { BigIntStats } from 'node:fs';
import { checkImage, type ImageHeader } from '../support/image.js';
import { memo } from '../support/memo.js';
import { confinedFile, readRoot, refusalProblem, withRegularFile, type ReadRoot } from '../support/read-root.js';
import type { RenderContext } from './context.js';

/**
 * The tallest a picture in a table cell is set, in ems of the body type: a cell's picture (a gallery's
 * thumbnail, a flag, a product's photo) is set at its own size within the cell's width, as a browser
 * sets it, not at the type's height as in running text; past this it is scaled down, so a row stays a row.
 */
export const CELL_PICTURE_EMS = 10;

/** The largest image file read: past it the file is refused before it is read. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** An image file ready to embed. */
export interface LocalImage {
  /** The file it was read from. */
  file: string;
  /** Its bytes, shared by every renderer that embeds the file: never changed. */
  bytes: Uint8Array;
  /** Its format and pixel size. */
  header: ImageHeader;
}

/** An image file's bytes and header once checked, or why it may not be embedded (a phrase after "is"). */
type Checked = { bytes: Uint8Array; header: ImageHeader; problem?: undefined } | { problem: string };

// The three renderers of a build, and the articles of a batch, ask for the same files: each is read,
// checked and its PNG data inflated once. Keyed by what fstat says of the open file, so an edited or
// replaced file is read again; confinement is still checked on every call.
const checkedImages = memo<string, Checked>('checked images', 32);

/** A file as the cache knows it: device and inode (its real path), size, modification and change times. */
const identity = (stat: BigIntStats): string => `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;

function check(bytes: Buffer): Checked {
  const checked = checkImage(bytes);
  if (checked.header === undefined) return { problem: checked.problem };
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), header: checked.header };
}

/** The root a context's reads are confined to: its own, else the article's folder alone. */
export function contextRoot(context: Pick<RenderContext, 'readRoot' | 'resourceDir'>): ReadRoot {
  return context.readRoot ?? readRoot([context.resourceDir]);
}

/** The image `src` names, or why it cannot be embedded: a predicate for the renderer's warning ("not found (…)"). */
export function loadImage(src: string, context: Pick<RenderContext, 'readRoot' | 'resourceDir'>): LocalImage | { problem: string } {
  const confined = confinedFile(src, context.resourceDir, contextRoot(context));
  if (confined.problem !== undefined) return { problem: confined.problem };
  const { file } = confined;
  const opened = withRegularFile(file, MAX_IMAGE_BYTES, ({ stat, read }) => checkedImages.getOrMake(identity(stat), () => check(read())));
  if (opened.refused !== undefined) return { problem: refusalProblem(file, MAX_IMAGE_BYTES, opened.refused) };
  const image = opened.value;
  if (image.problem !== undefined) return { problem: `is ${image.problem} (${file})` };
  return { file, bytes: image.bytes, header: image.header };
}
