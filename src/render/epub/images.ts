// The figures' local image files for the package, read once through the shared loader (confined, checked
// whole) and named by order of appearance so rebuilds give the same file names. Nothing is fetched:
// a remote or missing image is reported and its figure keeps only its caption.
import type { Block } from '../../model/schema.js';
import { figureSources } from '../../model/walk.js';
import type { ImageFormat } from '../../support/image.js';
import type { RenderContext } from '../context.js';
import { loadImage, type LocalImage } from '../images.js';

export interface ImageAsset {
  /** The figure's src (or the book's cover) as the model gives it. */
  src: string;
  /** Path inside OEBPS/. */
  href: string;
  /** Media type read from the file's bytes, never from its name. */
  mediaType: string;
  /** The file's bytes, as read. */
  data: Uint8Array;
}


/** The figures' images, each read once, named by order of appearance; what cannot be embedded is reported and skipped. */
export function loadImages(blocks: readonly Block[], context: ImageContext): Map<string, ImageAsset> {
  const images = new Map<string, ImageAsset>();
  const failed = new Set<string>();
  for (const src of figureSources(blocks)) {
    if (images.has(src) || failed.has(src)) continue;
    const found = loadEpubImage(src, context, 'figure');
    if (found === undefined) {
      failed.add(src);
      continue;
    }
    const n = images.size + 1;
    images.set(src, { src, href: `images/figure-${n}.${found.header.extension}`, mediaType: found.header.mediaType, data: found.bytes });
  }
  return images;
}

/** A book's cover image, as images/cover.<ext>; a remote, missing or unusable file is reported and skipped. */
export function loadCover(src: string, context: ImageContext): ImageAsset | undefined {
  const found = loadEpubImage(src, context, 'cover');
  return found && { src, href: `images/cover.${found.header.extension}`, mediaType: found.header.mediaType, data: found.bytes };
}

/** Where images are read from and where warnings go. */
export type ImageContext = Pick<RenderContext, 'readRoot' | 'resourceDir' | 'diagnostics'>;

/** The EPUB 3 core image types among those warraq recognises (EPUBCheck 4.2 does not know WebP). */
const EPUB_FORMATS: ReadonlySet<ImageFormat> = new Set<ImageFormat>(['png', 'jpeg', 'gif', 'svg']);

/** One image, read through the shared loader; `what` names it in the warnings ("figure", "cover"). */
function loadEpubImage(src: string, context: ImageContext, what: string): LocalImage | undefined {
  const image = loadImage(src, context);
  if ('problem' in image) {
    context.diagnostics.warn(`epub: ${what} image "${src}" ${image.problem}; left out`);
    return undefined;
  }
  if (!EPUB_FORMATS.has(image.header.format)) {
    context.diagnostics.warn(`epub: ${what} image "${src}" is a ${image.header.format.toUpperCase()} image, not one of the EPUB core image types (PNG, JPEG, GIF, SVG); left out`);
    return undefined;
  }
  return image;
}
