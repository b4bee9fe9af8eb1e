// Footnotes on a saved page, found before Readability and the clean-up see it (both drop <aside>, and the
// ids that tie a mark to its note). A mark is an in-page link set as a superscript, or marked as a note
// reference, whose target is a note: a footnote list's item (GFM's and pandoc's `section.footnotes`,
// Wikipedia's `ol.references`), an `epub:type="footnote"` or `role="doc-footnote"` aside. The mark is tagged
// with `data-warraq-note` (the reader makes a note of it, html-blocks.ts); the notes leave the page, their
// back links dropped. Notes nothing cites stay where they are, with a warning.
import type { Diagnostics } from '../support/errors.js';
import { all, collapse, tagName, type DomDocument, type DomElement } from './html-dom.js';

/** The attribute a note's mark carries once found: the key of its note in the map parsed below. */
export const NOTE_ATTRIBUTE = 'data-warraq-note';

// What names a container of notes, or a note, by its markup.
const NOTE_LISTS = 'ol.footnotes, .footnotes ol, section.footnotes, [data-footnotes], ol.references, [role~="doc-endnotes"], [epub\\:type~="footnotes"], [epub\\:type~="endnotes"], [epub\\:type~="rearnotes"]';
const NOTE_TYPES = /(?:^|\s)(?:footnote|endnote|rearnote|note)(?:\s|$)/u;
const NOTE_ROLES = /(?:^|\s)doc-(?:footnote|endnote)(?:\s|$)/u;
const REF_MARKERS = /(?:^|\s)(?:noteref|doc-noteref|footnote-ref|reference)(?:\s|$)/u;
// Back links from a note to its mark: by role, by GFM's/Wikipedia's/pandoc's markup, or by their arrow alone.
const BACK_LINK_MARKUP = '[role~="doc-backlink"], [data-footnote-backref], .footnote-back, .footnote-backref, .mw-cite-backlink, .reversefootnote, [epub\\:type~="backlink"]';
const BACK_LINK_TEXT = /^[\s↩︎↑^⬆]*$/u;

/** Marks every note reference of the page and takes the notes out; returns the notes by key. */
export function takeNotes(doc: DomDocument, file: string, diagnostics: Diagnostics): Map<string, DomElement> {
  const notes = new Map<string, DomElement>();
  const body = doc.body;
  if (!body) return notes;
  const byId = new Map<string, DomElement>();
  for (const el of all(body, '[id]')) if (!byId.has(el.getAttribute('id')!)) byId.set(el.getAttribute('id')!, el);
  const cited = new Set<DomElement>();
  const here = samePage(doc, file);
  for (const a of all(body, 'a[href*="#"]')) {
    const href = a.getAttribute('href')!;
    const hash = href.indexOf('#');
    if (!here(href.slice(0, hash))) continue;
    const target = byId.get(decodeId(href.slice(hash + 1)));
    if (target === undefined || !isNote(target) || target.contains(a) || !isMark(a)) continue;
    const mark = markElement(a);
    mark.setAttribute(NOTE_ATTRIBUTE, String(notes.size + 1));
    notes.set(String(notes.size + 1), target);
    cited.add(target);
  }
  for (const note of cited) {
    for (const back of all(note, BACK_LINK_MARKUP)) back.remove();
    for (const a of all(note, 'a[href*="#"]')) if (here(a.getAttribute('href')!.split('#')[0]!) && BACK_LINK_TEXT.test(a.textContent ?? '')) a.remove();
  }
  // Out of the page, then the lists and sections they leave empty (pandoc's rule before them included).
  const containers = new Set<DomElement>();
  for (const note of cited) {
    const list = note.closest(NOTE_LISTS);
    if (list) containers.add(list.closest('section.footnotes, [data-footnotes], [role~="doc-endnotes"]') ?? list);
    note.remove();
  }
  for (const container of containers) {
    const left = all(container, 'li, aside, [role~="doc-footnote"], [role~="doc-endnote"]');
    if (left.length === 0 && collapse(container.textContent ?? '') === '') container.remove();
  }
  const uncited = all(body, 'aside, li, [role], [epub\\:type]').filter(isNote);
  if (uncited.length > 0) diagnostics.warn(`${file}: ${uncited.length} note(s) that the text never cites kept where they stand`);
  return notes;
}

/**
 * Whether a link's address before its "#" names this page: nothing, the saved file's own name, or the
 * page's own address (canonical, og:url, Parsoid's dc:isVersionOf) resolved against its <base> — Wikipedia's
 * HTML cites its notes as «./رياضيات#cite_note-1».
 */
function samePage(doc: DomDocument, file: string): (path: string) => boolean {
  const own = ['link[rel="canonical"]', 'link[rel="dc:isVersionOf"]', 'meta[property="og:url"]']
    .map((selector) => doc.querySelector(selector))
    .map((el) => el?.getAttribute('href') ?? el?.getAttribute('content') ?? '')
    .filter((address) => address !== '');
  const base = doc.querySelector('base[href]')?.getAttribute('href') ?? own[0];
  const addresses = new Set(own.map((address) => normalAddress(address, undefined)).filter((a) => a !== undefined));
  const name = file.split(/[\\/]/u).at(-1) ?? '';
  return (path) => path === '' || decodeId(path) === name || decodeId(path) === `./${name}` || (base !== undefined && addresses.has(normalAddress(path, base) ?? ''));
}

/** An address resolved against `base`, without scheme, query or fragment, percent-escapes decoded. */
function normalAddress(address: string, base: string | undefined): string | undefined {
  try {
    const root = base === undefined ? 'https://page.invalid/' : new URL(base, 'https://page.invalid/').href;
    const url = new URL(address, root);
    return decodeId(`${url.host}${url.pathname}`);
  } catch {
    return undefined;
  }
}

function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A note by its own markup (an aside or element typed as a footnote), or an item of a footnote list. */
function isNote(el: DomElement): boolean {
  if (isMarkedNote(el)) return true;
  return tagName(el) === 'li' && el.closest(NOTE_LISTS) !== null;
}

function isMarkedNote(el: DomElement): boolean {
  return NOTE_TYPES.test(el.getAttribute('epub:type') ?? '') || NOTE_ROLES.test(el.getAttribute('role') ?? '');
}

/** A link that reads as a note's mark: raised, or marked as a reference by role, type or class. */
function isMark(a: DomElement): boolean {
  const marked = (el: DomElement): boolean =>
    REF_MARKERS.test(`${el.getAttribute('role') ?? ''} ${el.getAttribute('epub:type') ?? ''} ${el.getAttribute('class') ?? ''}`) || el.hasAttribute('data-footnote-ref');
  if (marked(a) || a.closest('sup') !== null || a.querySelector('sup') !== null) return true;
  const parent = a.parentNode;
  return parent !== null && parent.nodeType === 1 && marked(parent as DomElement);
}

/** The element that stands for the mark in the text: the superscript around the link when it holds no more. */
function markElement(a: DomElement): DomElement {
  const sup = a.closest('sup');
  if (sup && collapse(sup.textContent ?? '') === collapse(a.textContent ?? '')) return sup;
  return a;
}

/** A note's own element, read as blocks: Wikipedia's text span alone when there is one. */
export function noteBody(note: DomElement): DomElement {
  const text = note.querySelector('.reference-text');
  return text ?? note;
}

/** Whether the element is a note's mark, by the attribute takeNotes gave it. */
export function noteKey(el: DomElement): string | undefined {
  return el.getAttribute(NOTE_ATTRIBUTE) ?? undefined;
}

