// Assembly: pages, navigation, metadata and resources put together as the package's view model
// (manifest, spine, nav, NCX) and handed to the zip stage. The spine is always: title page, the nav
// document, then the body pages in order.
import type { Diagnostics } from '../../support/errors.js';
import type { Block } from '../../model/schema.js';
import { eachBlock } from '../../model/walk.js';
import type { FontAsset } from './fonts.js';
import type { ImageAsset } from './images.js';
import type { LocaleStrings } from '../../locale/index.js';
import type { ImageFacts, PackageMetadata } from './metadata.js';
import { landmarkList, navList, ncxNavMap, type Landmark, type NavEntry } from './nav.js';
import { writePackage, type PageFile } from './package.js';
import { attrs } from './xml.js';

export const TITLE_FILE = 'title.xhtml';
export const NAV_FILE = 'toc.xhtml';

/** The nav document's landmarks: the title page, the contents, and where the body text starts. */
export function landmarks(labels: LocaleStrings, bodyStart: string): Landmark[] {
  return [
    { type: 'titlepage', href: TITLE_FILE, label: labels.titlePage },
    { type: 'toc', href: NAV_FILE, label: labels.contents },
    { type: 'bodymatter', href: bodyStart, label: labels.bodyStart },
  ];
}

export interface SpinePage extends PageFile {
  /** Manifest id. */
  id: string;
}

export interface AssemblyInput {
  /** content.opf's metadata; its lang and dir are also the nav document's and the NCX's. */
  meta: PackageMetadata;
  /** LocaleStrings in the package's language (nav and landmark headings). */
  labels: LocaleStrings;
  /** The publication's title as given (the library's option; nothing of it reaches the output). */
  title: string;
  /** The stylesheet, stored as OEBPS/style.css and linked from every page. */
  css: string;
  /** The title page: first in the spine. */
  titlePage: SpinePage;
  /** The body pages in reading order, after the nav document in the spine. */
  bodyPages: SpinePage[];
  /** The contents tree, for the nav document's toc and the NCX's navMap. */
  toc: NavEntry[];
  /** The nav document's landmarks (see landmarks()). */
  landmarks: Landmark[];
  /** The embedded fonts, in the manifest as font-1, font-2, … */
  fonts: FontAsset[];
  /** The figures' images, in the manifest as image-1, image-2, … (the cover comes separately). */
  images: ImageAsset[];
  /** A cover image, listed with properties="cover-image". */
  cover?: ImageAsset | undefined;
  /** The time of every zip entry: the build date, so rebuilds are byte-identical. */
  zipDate: Date;
  /** Where the zip stage's warnings go (the EPUB library's own). */
  diagnostics: Diagnostics;
}

export async function assembleEpub(input: AssemblyInput): Promise<Uint8Array> {
  const { meta, labels } = input;
  const xhtml = (p: SpinePage) => ({ id: p.id, href: p.filename, mediaType: 'application/xhtml+xml' });
  const manifest = [
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'nav', href: NAV_FILE, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    xhtml(input.titlePage),
    ...input.bodyPages.map(xhtml),
    ...input.fonts.map((f, i) => ({ id: `font-${i + 1}`, href: f.href, mediaType: f.mediaType })),
    ...input.images.map((img, i) => ({ id: `image-${i + 1}`, href: img.href, mediaType: img.mediaType })),
    ...(input.cover ? [{ id: 'cover-image', href: input.cover.href, mediaType: input.cover.mediaType, properties: 'cover-image' }] : []),
  ];
  const ncx = ncxNavMap(input.toc);
  const book = {
    meta,
    labels,
    manifest,
    spine: [{ idref: input.titlePage.id }, { idref: 'nav' }, ...input.bodyPages.map((p) => ({ idref: p.id }))],
    // The summary is English: say so, and isolate it in an RTL package.
    summaryAttrs: meta.lang.toLowerCase().startsWith('en') ? '' : attrs({ 'xml:lang': 'en', dir: meta.dir === 'rtl' ? 'ltr' : undefined }),
    nav: { toc: navList(input.toc), landmarks: landmarkList(input.landmarks) },
    ncx: { navMap: ncx.xml, depth: Math.max(1, ncx.depth) },
  };
  const pages = [input.titlePage, ...input.bodyPages].map(({ id: _id, ...page }) => page);
  return writePackage({
    title: input.title,
    lang: meta.lang,
    css: input.css,
    pages,
    book,
    fonts: input.fonts,
    images: input.cover ? [...input.images, input.cover] : input.images,
    zipDate: input.zipDate,
    diagnostics: input.diagnostics,
  });
}

/** Count and alt-text facts of the figures whose image made it into the package. */
export function imageFacts(blocks: readonly Block[], embedded: (src: string) => boolean): ImageFacts {
  const alts = figureAltTexts(blocks, embedded);
  return { count: alts.length, withoutAlt: alts.filter((a) => a.trim() === '').length };
}

function figureAltTexts(blocks: readonly Block[], embedded: (src: string) => boolean): string[] {
  return [...eachBlock(blocks)].flatMap((b) => (b.type === 'figure' && embedded(b.src) ? [b.alt] : []));
}
