// Real HTML inside a Markdown file (<h2>, <p>, <ol> written by hand), read as the HTML reader reads a page's
// content. Loaded only for the files that have some: linkedom is most of the HTML reader's start-up cost.
import type { Diagnostics } from '../support/errors.js';
import type { Block } from '../model/schema.js';
import { htmlToBlocks } from './html-blocks.js';
import { parseHtmlDocument } from './html-dom.js';

/** The blocks of a piece of HTML; relative links and images stay as they are written (no page address). */
export function htmlFragmentBlocks(html: string, file: string, diagnostics: Diagnostics, warned: Set<string>): Block[] {
  const doc = parseHtmlDocument(html);
  return doc?.body ? htmlToBlocks(doc.body, { file, diagnostics, warned }) : [];
}
