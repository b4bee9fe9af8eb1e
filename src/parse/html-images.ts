// Which file an <img> names: its src, a lazy-loading attribute, or its <picture>'s best <source>; and
// srcset parsed as browsers do. Kept apart from html-blocks.ts, which maps the markup onto the model.
import { ELEMENT_NODE, childElements, tagName, type DomElement } from './html-dom.js';

// Lazy-loading pages keep the real address in data-* attributes and a placeholder in src.
const LAZY_ATTRIBUTES = Object.freeze(['data-src', 'data-lazy-src', 'data-original', 'data-url', 'data-srcset', 'srcset']);

// The types of <picture> sources warraq can embed somewhere; a source of another type (AVIF, JPEG XL) is passed over.
const SOURCE_TYPES = /^image\/(?:png|jpeg|gif|webp|svg\+xml)$/i;

/**
 * The address an image names, as written: its src, else a lazy-loading attribute, else the best candidate
 * of its <picture>'s first usable <source>; '' when there is none.
 */
export function imageReference(img: DomElement): string {
  const src = img.getAttribute('src')?.trim() ?? '';
  if (src !== '' && !/^data:/i.test(src)) return src;
  for (const name of LAZY_ATTRIBUTES) {
    const value = img.getAttribute(name)?.trim();
    const candidate = value && (name.endsWith('srcset') ? bestCandidate(value) : value.split(/\s+/)[0]);
    if (candidate) return candidate;
  }
  const picture = img.parentNode as DomElement | null;
  if (picture?.nodeType === ELEMENT_NODE && tagName(picture) === 'picture') {
    for (const source of childElements(picture)) {
      const type = source.getAttribute('type')?.trim() ?? '';
      if (tagName(source) !== 'source' || (type !== '' && !SOURCE_TYPES.test(type))) continue;
      const candidate = bestCandidate(source.getAttribute('srcset') ?? source.getAttribute('data-srcset') ?? '');
      if (candidate) return candidate;
    }
  }
  return src; // a data: placeholder, or ''
}

/**
 * Readability removes an <img> that has no address of its own, and with it the image a <picture> shows
 * through its <source>s: before it runs, such an image takes its best source's address as src, or an
 * empty src when it has none, so the reader still meets it (and keeps its alt text, with a warning).
 */
export function settlePictureImages(root: DomElement): void {
  for (const img of Array.from(root.querySelectorAll('picture > img'))) {
    const src = img.getAttribute('src')?.trim() ?? '';
    if (src !== '' && !/^data:/i.test(src)) continue;
    const reference = imageReference(img);
    if (!/^data:/i.test(reference)) img.setAttribute('src', reference);
  }
}

/**
 * The sharpest candidate of a srcset ("a.jpg 1x, b.jpg 2x" → b.jpg; "s.jpg 480w, l.jpg 1200w" → l.jpg),
 * parsed as browsers do: a URL, then descriptors up to a comma. A print page is denser than a screen.
 */
function bestCandidate(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') return best?.url;
    let url = /^\S+/.exec(rest)![0];
    rest = rest.slice(url.length);
    let descriptor = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      const upToComma = /^[^,]*/.exec(rest)![0];
      descriptor = upToComma.trim();
      rest = rest.slice(upToComma.length);
    }
    const size = Number(/^([\d.]+)[wx]$/.exec(descriptor)?.[1] ?? 1);
    if (url !== '' && (best === undefined || size > best.size)) best = { url, size };
  }
}
