// Stage 2: the figures' local image files, read once, typed by their bytes (never by a name that may
// lie) and named by order of appearance so rebuilds give the same file names. Nothing is fetched:
// a remote or missing image is reported and its figure keeps only its caption.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostics } from '../../support/errors.js';
import type { Block } from '../../model/schema.js';
import { figureSources } from '../../model/walk.js';
import { readImageHeader } from '../../support/image.js';

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


export async function loadImages(blocks: readonly Block[], resourceDir: string, diagnostics: Diagnostics): Promise<Map<string, ImageAsset>> {
  const images = new Map<string, ImageAsset>();
  const failed = new Set<string>();
  for (const src of figureSources(blocks)) {
    if (images.has(src) || failed.has(src)) continue;
    const found = await loadLocalImage(src, resourceDir, diagnostics, 'figure');
    if (found === undefined) {
      failed.add(src);
      continue;
    }
    const n = images.size + 1;
    images.set(src, { src, href: `images/figure-${n}.${found.ext}`, mediaType: found.mediaType, data: found.data });
  }
  return images;
}

/** A book's cover image, as images/cover.<ext>; a remote, missing or unknown file is reported and skipped. */
export async function loadCover(src: string, resourceDir: string, diagnostics: Diagnostics): Promise<ImageAsset | undefined> {
  const found = await loadLocalImage(src, resourceDir, diagnostics, 'cover');
  return found && { src, href: `images/cover.${found.ext}`, mediaType: found.mediaType, data: found.data };
}

/** One local image file, read and typed by its bytes; `what` names it in the warnings ("figure", "cover"). */
async function loadLocalImage(
  src: string,
  resourceDir: string,
  diagnostics: Diagnostics,
  what: string,
): Promise<{ data: Uint8Array; ext: string; mediaType: string } | undefined> {
  const file = localPath(src, resourceDir);
  if (file === undefined) {
    diagnostics.warn(`epub: ${what} "${src}" is not a local file; images are never downloaded, so it was left out`);
    return undefined;
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch {
    diagnostics.warn(`epub: ${what} image "${src}" not found (looked at ${file}); left out`);
    return undefined;
  }
  const header = readImageHeader(data);
  // The EPUB 3 core media types among the images warraq recognises.
  if (header === undefined || header.format === 'bmp') {
    diagnostics.warn(`epub: ${what} image "${src}" is not PNG, JPEG, GIF or SVG (the EPUB core image types); left out`);
    return undefined;
  }
  return { data, ext: header.extension, mediaType: header.mediaType };
}

function localPath(src: string, resourceDir: string): string | undefined {
  if (/^file:/i.test(src)) {
    try {
      return fileURLToPath(src);
    } catch {
      return undefined;
    }
  }
  // Any other scheme (http:, data:, …) is remote or inline: not ours to fetch. "C:\…" is a path, though.
  if (/^[a-z][a-z0-9+.-]+:/i.test(src) && !/^[a-z]:[\\/]/i.test(src)) return undefined;
  return path.resolve(resourceDir, src);
}
