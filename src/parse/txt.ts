// Reader for plain scraped articles: title line, optional subtitle line, paragraphs, short heading lines,
// web boilerplate at the end dropped.
import type { ArticleInput, Block } from '../model/schema.js';
import type { Diagnostics } from '../support/errors.js';
import { boilerplateTail, phraseSet, tailWarning } from './boilerplate.js';
import { readTextNotes } from './txt-notes.js';
import { TITLE_MAX_WORDS, fileTitle, isFileNameLine, wordCount } from './title.js';

export interface TxtOptions {
  /** Phrases that mark a line of the tail as web boilerplate (bundled list plus the user's extras). */
  boilerplate: readonly string[];
  /** The file, named in warnings. */
  file: string;
  /** Where what was dropped as boilerplate is reported. */
  diagnostics: Diagnostics;
}

/** Headings are short: about twelve words at most. */
const HEADING_MAX_WORDS = 12;
/** A subtitle (dek) is a short line under the title. */
const SUBTITLE_MAX_WORDS = 25;
const SENTENCE_END = /[.!…۔。]["'”»)]*$/u;
const QUESTION_OR_COLON = /[؟?:]["'”»)]*$/u;

export { wordCount };

export function isHeadingLine(line: string): boolean {
  if (wordCount(line) > HEADING_MAX_WORDS) return false;
  return QUESTION_OR_COLON.test(line) || !SENTENCE_END.test(line);
}

/** A dek is a short line that is not a sentence; a tab makes it a record ("count:\t12"), not a dek. */
function isSubtitleLine(line: string): boolean {
  return wordCount(line) <= SUBTITLE_MAX_WORDS && !SENTENCE_END.test(line) && !line.includes('\t');
}

/**
 * The title and the lines after it: the first line, unless it is a passage (too long for a title) or only
 * a file's name (what a scraper wrote at the top), when the file's name is the title.
 */
function splitTitle(lines: readonly string[], file: string | undefined): { title: string; body: string[]; fromLine: boolean } {
  const [first = '', ...rest] = lines;
  if (isFileNameLine(first)) return { title: fileTitle(first), body: rest, fromLine: false };
  if (wordCount(first) > TITLE_MAX_WORDS) return { title: fileTitle(file ?? '<txt>'), body: [...lines], fromLine: false };
  return { title: first, body: rest, fromLine: true };
}

/** Drops the boilerplate tail (boilerplate.ts's rule), saying what went. */
export function stripBoilerplate(lines: string[], options: TxtOptions): string[] {
  const start = boilerplateTail(lines.map((text) => ({ text })), phraseSet(options.boilerplate));
  if (start < lines.length) options.diagnostics.warn(tailWarning(options.file, lines.slice(start)));
  return lines.slice(0, start);
}

export function parseTxt(text: string, options: TxtOptions): ArticleInput {
  const all = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const { title, body: rest, fromLine } = splitTitle(all, options.file);
  let body = stripBoilerplate(rest, options);
  let subtitle: string | undefined;
  if (fromLine && body.length > 1 && isSubtitleLine(body[0]!)) {
    subtitle = body[0];
    body = body.slice(1);
  }
  const notes = readTextNotes(body);
  if (notes.uncited > 0) options.diagnostics.warn(`${options.file}: ${notes.uncited} numbered note(s) at the end that the text never cites kept as paragraphs`);
  const blocks: Block[] = notes.lines.map((text, index): Block => {
    const between = index > 0 && index < notes.lines.length - 1;
    const line = text.length === 1 && text[0]!.type === 'text' ? text[0]!.value : undefined;
    // A heading stands between paragraphs: the first line after the dek and the last line are body text.
    return between && line !== undefined && isHeadingLine(line) ? { type: 'heading', level: 1, children: text } : { type: 'paragraph', children: text };
  });
  return { meta: { title, ...(subtitle !== undefined && { subtitle }), authors: [], keywords: [] }, blocks };
}
