// Navigation: the EPUB 3 nav document's table of contents and landmarks, and the same tree as an
// EPUB 2 NCX for older reading systems. Labels are in the article's language.
import type { HeadingEntry } from './xhtml.js';
import { escapeXml } from '../../support/xml.js';
import { attrs } from './xml.js';

export interface NavEntry {
  /** Link target: a page file, or file#id of a heading in it. */
  href: string;
  /** Text of the entry: the heading's plain text (its id when empty), or an article's title. */
  label: string;
  /** Entries nested under this one: a page's headings, or deeper headings under a heading. */
  children: NavEntry[];
  /** BCP 47 tag, set when the entry (and what nests under it) is in another language than the nav. */
  lang?: string | undefined;
  /** Set when the entry (and what nests under it) runs in another direction than the nav. */
  dir?: 'rtl' | 'ltr' | undefined;
}

/** Nests headings by level: an h3 after an h2 goes under it; skipped levels do not matter. */
export function headingTree(headings: readonly HeadingEntry[], file: string): NavEntry[] {
  const root: NavEntry[] = [];
  const stack: { level: number; entry: NavEntry }[] = [];
  for (const h of headings) {
    const entry: NavEntry = { href: `${file}#${h.id}`, label: h.label || h.id, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.entry.children : root).push(entry);
    stack.push({ level: h.level, entry });
  }
  return root;
}

export function navList(entries: readonly NavEntry[], indent = ''): string {
  if (entries.length === 0) return '';
  const items = entries
    .map((e) => {
      const nested = e.children.length > 0 ? `\n${navList(e.children, `${indent}  `)}${indent}  ` : '';
      return `${indent}  <li${attrs({ lang: e.lang, 'xml:lang': e.lang, dir: e.dir })}><a${attrs({ href: e.href })}>${escapeXml(e.label)}</a>${nested}</li>\n`;
    })
    .join('');
  return `${indent}<ol>\n${items}${indent}</ol>\n`;
}

export interface Landmark {
  /** The landmark's epub:type: titlepage, toc or bodymatter. */
  type: string;
  /** The page it points to. */
  href: string;
  /** Link text, in the package's language. */
  label: string;
}

export function landmarkList(landmarks: readonly Landmark[]): string {
  const items = landmarks.map((l) => `  <li><a${attrs({ 'epub:type': l.type, href: l.href })}>${escapeXml(l.label)}</a></li>\n`).join('');
  return `<ol>\n${items}</ol>\n`;
}

/** NCX navPoints with playOrder in document order (NCX requires it to be sequential). */
export function ncxNavMap(entries: readonly NavEntry[]): { xml: string; depth: number } {
  let order = 0;
  let depth = 0;
  const points = (list: readonly NavEntry[], level: number): string =>
    list
      .map((e) => {
        order++;
        depth = Math.max(depth, level);
        const pad = '  '.repeat(level);
        return (
          `${pad}<navPoint${attrs({ id: `np-${order}`, playOrder: order })}>\n` +
          `${pad}  <navLabel><text>${escapeXml(e.label)}</text></navLabel>\n` +
          `${pad}  <content${attrs({ src: e.href })}/>\n` +
          points(e.children, level + 1) +
          `${pad}</navPoint>\n`
        );
      })
      .join('');
  const xml = points(entries, 1);
  return { xml, depth };
}
