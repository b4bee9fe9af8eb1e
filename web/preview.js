// The previews: the PDF's pages through pdf.js (served by warraq, run without eval), the EPUB's first
// pages in frames that may run no script, and the parsed structure of the article.
import { zipEntries, zipEntry, zipText } from './unzip.js';

let pdfjs;
async function loadPdfjs() {
  if (!pdfjs) {
    pdfjs = await import('/assets/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';
  }
  return pdfjs;
}

/** Thumbnails drawn at most; a longer document still shows its first pages. */
const MAX_THUMBNAILS = 60;

/**
 * Shows the PDF: a thumbnail per page (buttons), the chosen page large. `isCurrent` says whether this
 * preview is still the latest one (a newer build stops an older one drawing). Returns the page count.
 */
export async function showPdf(bytes, { view, thumbnails, label, isCurrent }) {
  const lib = await loadPdfjs();
  const doc = await lib.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, enableXfa: false }).promise;
  if (!isCurrent()) {
    await doc.destroy();
    return 0;
  }
  const total = doc.numPages;
  thumbnails.replaceChildren();
  const select = async (n, focus) => {
    for (const button of thumbnails.querySelectorAll('button')) button.setAttribute('aria-current', String(Number(button.dataset.page) === n));
    const page = await doc.getPage(n);
    const width = Math.max(240, Math.min(view.clientWidth || 600, 900));
    const canvas = await draw(page, width);
    if (!isCurrent()) return;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label(n, total));
    canvas.className = 'page';
    canvas.dataset.page = String(n);
    const caption = document.createElement('p');
    caption.className = 'page-number';
    caption.textContent = label(n, total);
    view.replaceChildren(canvas, caption);
    if (focus) canvas.focus();
  };
  await select(1, false);
  for (let n = 1; n <= Math.min(total, MAX_THUMBNAILS); n++) {
    if (!isCurrent()) break;
    const canvas = await draw(await doc.getPage(n), 110);
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.page = String(n);
    button.setAttribute('aria-label', label(n, total));
    button.setAttribute('aria-current', String(n === 1));
    button.append(canvas);
    button.addEventListener('click', () => void select(n, false));
    item.append(button);
    thumbnails.append(item);
  }
  return total;
}

async function draw(page, cssWidth) {
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.aspectRatio = `${base.width} / ${base.height}`;
  canvas.tabIndex = -1;
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  return canvas;
}

/** The blob: URLs made for the previous EPUB preview, freed when the next one is made. */
let epubUrls = [];

/** EPUB documents shown: the first ones of the spine, the navigation document left out. */
const EPUB_PAGES = 2;

/** Shows the first pages of the EPUB, each in a frame that runs no script, its stylesheet, fonts and images from the package. */
export async function showEpub(bytes, { container, label, isCurrent }) {
  for (const url of epubUrls) URL.revokeObjectURL(url);
  epubUrls = [];
  const entries = zipEntries(bytes);
  const xml = (text) => new DOMParser().parseFromString(text, 'application/xml');
  const container_ = xml(await zipText(bytes, entries, 'META-INF/container.xml'));
  const opfPath = container_.querySelector('rootfile')?.getAttribute('full-path');
  if (!opfPath) throw new Error('the EPUB names no package document');
  const opf = xml(await zipText(bytes, entries, opfPath));
  const manifest = new Map([...opf.querySelectorAll('manifest > item')].map((item) => [item.getAttribute('id'), item]));
  const spine = [...opf.querySelectorAll('spine > itemref')].map((ref) => manifest.get(ref.getAttribute('idref'))).filter((item) => item && !/\bnav\b/.test(item.getAttribute('properties') || ''));
  const typeOf = new Map([...manifest.values()].map((item) => [resolve(opfPath, item.getAttribute('href')), item.getAttribute('media-type')]));
  const blobUrl = async (path) => {
    const url = URL.createObjectURL(new Blob([await zipEntry(bytes, entries, path)], { type: typeOf.get(path) || 'application/octet-stream' }));
    epubUrls.push(url);
    return url;
  };
  const frames = [];
  for (const [index, item] of spine.slice(0, EPUB_PAGES).entries()) {
    const path = resolve(opfPath, item.getAttribute('href'));
    const doc = new DOMParser().parseFromString(await zipText(bytes, entries, path), 'application/xhtml+xml');
    for (const element of doc.querySelectorAll('script')) element.remove();
    for (const link of doc.querySelectorAll('link[rel~="stylesheet"]')) {
      const cssPath = resolve(path, link.getAttribute('href'));
      let css = await zipText(bytes, entries, cssPath);
      for (const [whole, ref] of [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)]) {
        const target = resolve(cssPath, ref);
        if (entries.has(target)) css = css.replace(whole, `url("${await blobUrl(target)}")`);
      }
      const url = URL.createObjectURL(new Blob([css], { type: 'text/css' }));
      epubUrls.push(url);
      link.setAttribute('href', url);
    }
    for (const image of doc.querySelectorAll('img[src]')) {
      const target = resolve(path, image.getAttribute('src'));
      if (entries.has(target)) image.setAttribute('src', await blobUrl(target));
    }
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(doc)], { type: 'application/xhtml+xml' }));
    epubUrls.push(url);
    const frame = document.createElement('iframe');
    // No scripts in the frame at all; same origin only so that its blob: resources load.
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.className = 'epub-page';
    frame.title = label(index + 1);
    frame.src = url;
    frames.push(frame);
  }
  if (isCurrent()) container.replaceChildren(...frames);
  return frames.length;
}

/** A path inside the package, resolved against the file that names it. */
function resolve(from, href) {
  const parts = from.split('/').slice(0, -1);
  for (const segment of decodeURI(href.split('#')[0]).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** The plain text of inlines, as warraq's model gives it (src/model/text.ts). */
export function inlineText(inlines) {
  return (inlines || [])
    .map((node) => {
      if (node.type === 'text' || node.type === 'code') return node.value;
      if (node.type === 'break') return '\n';
      if (node.type === 'quote') return `«${inlineText(node.children)}»`;
      return inlineText(node.children);
    })
    .join('');
}

/** Every block of the article, nested ones included, in reading order. */
export function* eachBlock(blocks) {
  for (const block of blocks) {
    yield block;
    if (block.type === 'blockquote') yield* eachBlock(block.children);
    if (block.type === 'list') for (const item of block.items) yield* eachBlock(item);
  }
}
