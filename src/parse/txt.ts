// Reader for plain scraped articles: title line, optional subtitle line, paragraphs, short heading lines,
// web boilerplate at the end dropped.
import type { ArticleInput, Block } from '../model/schema.js';
import type { Diagnostics } from '../support/errors.js';
import { boilerplateTail, phraseSet, tailWarning } from './boilerplate.js';
import { readTextNotes } from './txt-notes.js';
import { SENTENCE_END, TITLE_MAX_WORDS, fileTitle, isFileNameLine, isStandInName, wordCount } from './title.js';
import { isAyahLine, isHemistichLine, verseBlock, verseRuns } from './verse-text.js';

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
const QUESTION_OR_COLON = /[؟?:]["'”»)]*$/u;

export { wordCount };

// Short lines of classical texts that are no headings: a verse's two halves parted by an ellipsis, a
// numbered hadith or entry ("3653 - حدثني …"), and fully vocalised text (a heading of a news article or a
// tutorial is not vocalised letter by letter; a half-line of poetry or a passage of a vocalised book is).
const PARTED_HALVES = /\S\s+(?:\.{3}|…)\s+\S/u;
const NUMBERED_ENTRY = /^[\d٠-٩۰-۹]+\s*[-–—]\s/u;
const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/gu;
const VOCALISED_LETTER = /[\u0621-\u064A\u0671-\u06D3][\u064B-\u0652\u0670]/gu;

function isVocalised(line: string): boolean {
  const letters = line.match(ARABIC_LETTER)?.length ?? 0;
  return letters >= 8 && (line.match(VOCALISED_LETTER)?.length ?? 0) / letters > 0.5;
}

export function isHeadingLine(line: string): boolean {
  if (wordCount(line) > HEADING_MAX_WORDS) return false;
  if (PARTED_HALVES.test(line) || NUMBERED_ENTRY.test(line) || isVocalised(line)) return false;
  return QUESTION_OR_COLON.test(line) || !SENTENCE_END.test(line);
}

/** A dek is a short line that is not a sentence; a tab makes it a record ("count:\t12"), not a dek. */
function isSubtitleLine(line: string): boolean {
  return wordCount(line) <= SUBTITLE_MAX_WORDS && !SENTENCE_END.test(line) && !line.includes('\t');
}

/**
 * The title and the lines after it: the first line, unless it is a passage (too long for a title) or only
 * a file's name (what a scraper wrote at the top), when the file's name is the title: the name the user
 * gave the file, else (text from stdin or a string) the name the scraper's line gives.
 */
function splitTitle(lines: readonly string[], file: string | undefined): { title: string; body: string[]; fromLine: boolean } {
  const [first = '', ...rest] = lines;
  if (isFileNameLine(first)) return { title: fileTitle(file === undefined || isStandInName(file) ? first : file), body: rest, fromLine: false };
  // A sura or a passage of one starts with its first ayah, which is no title.
  if (isAyahLine(first)) return { title: fileTitle(file ?? '<txt>'), body: [...lines], fromLine: false };
  if (wordCount(first) > TITLE_MAX_WORDS) return { title: fileTitle(file ?? '<txt>'), body: [...lines], fromLine: false };
  return { title: first, body: rest, fromLine: true };
}

/** Drops the boilerplate tail (boilerplate.ts's rule), saying what went. */
export function stripBoilerplate(lines: string[], options: TxtOptions): string[] {
  const start = boilerplateTail(lines.map((text) => ({ text })), phraseSet(options.boilerplate));
  if (start < lines.length) options.diagnostics.warn(tailWarning(options.file, lines.slice(start)));
  return lines.slice(0, start);
}

/**
 * A byline at the top of a feature: a label and a name («تحریر: …», «از قلم …», «بقلم …», «نویسنده: …»,
 * «By …», «— name»). It names the author; it is never the title.
 */
const BYLINE = /^(?:(?:تحریر|تحرير|از\s+قلم|ازقلم|بقلم|نویسنده|نوشته|by|written\s+by)\s*[:：]?|[—–])\s*(?<name>[^.!؟?:]{2,60})$/iu;
/** A byline is a name or two, not a sentence. */
const BYLINE_MAX_WORDS = 8;

function bylineName(line: string): string | undefined {
  if (wordCount(line) > BYLINE_MAX_WORDS) return undefined;
  return BYLINE.exec(line)?.groups?.name?.trim();
}

/**
 * The lines above the body that open its first run of verse (of `runLength` lines): the title and the
 * dek when both are hemistichs (the first couplet), the title alone when it completes the run's last
 * couplet; none otherwise.
 */
function poemOpening(title: string, subtitle: string | undefined, runLength: number): string[] {
  if (!isHemistichLine(title)) return [];
  if (subtitle !== undefined) return isHemistichLine(subtitle) && runLength % 2 === 0 ? [title, subtitle] : [];
  return runLength % 2 === 1 ? [title] : [];
}

export function parseTxt(text: string, options: TxtOptions): ArticleInput {
  // Blank lines are kept as where they were: they end a run of verse (a stanza), nothing else.
  const all: string[] = [];
  const blankBefore = new Set<number>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') blankBefore.add(all.length);
    else all.push(line);
  }
  // A feature's byline above or below its headline goes to the authors (one Urdu feature's was its title).
  const authors: string[] = [];
  for (let i = 0; i < Math.min(2, all.length); i++) {
    const name = bylineName(all[i]!);
    if (name !== undefined && all.length > 1) {
      authors.push(name);
      all.splice(i, 1);
      break;
    }
  }
  const { title, body: rest, fromLine } = splitTitle(all, options.file);
  let offset = all.length - rest.length;
  let body = stripBoilerplate(rest, options);
  let subtitle: string | undefined;
  if (fromLine && body.length > 1 && isSubtitleLine(body[0]!) && !isAyahLine(body[0]!)) {
    subtitle = body[0];
    body = body.slice(1);
    offset++;
  }
  const notes = readTextNotes(body);
  if (notes.uncited > 0) options.diagnostics.warn(`${options.file}: ${notes.uncited} numbered note(s) at the end that the text never cites kept as paragraphs`);
  // Verse is told from the lines' text; a run with a line that cites a note stays prose (its marks kept).
  const plain = notes.lines.map((inlines) => (inlines.length === 1 && inlines[0]!.type === 'text' ? inlines[0]!.value : undefined));
  const breaks = new Set([...blankBefore].map((i) => i - offset));
  const runs = verseRuns(
    plain.map((line, i) => line ?? body[i] ?? ''),
    breaks,
  ).filter((run) => plain.slice(run.start, run.end).every((line) => line !== undefined));
  // A poem saved with no title of its own (a ghazal, a hemistich a line) opens with its first couplet,
  // which the title and dek rules took: the poem keeps it, and is known by its first line, as anthologies
  // list it. Only when those lines are hemistichs that pair up with the verse right below them.
  const opening = fromLine && runs[0]?.start === 0 && !breaks.has(0) ? poemOpening(title, subtitle, runs[0].end) : [];
  if (opening.length > 0) subtitle = undefined;
  const blocks: Block[] = [];
  for (let index = 0; index < notes.lines.length; index++) {
    const run = runs.find((r) => r.start === index);
    if (run) {
      blocks.push(verseBlock([...(index === 0 ? opening : []), ...(plain.slice(run.start, run.end) as string[])]));
      index = run.end - 1;
      continue;
    }
    const text = notes.lines[index]!;
    const line = plain[index];
    const between = index > 0 && index < notes.lines.length - 1;
    // A heading stands between paragraphs: the first line after the dek and the last line are body text.
    blocks.push(between && line !== undefined && isHeadingLine(line) ? { type: 'heading', level: 1, children: text } : { type: 'paragraph', children: text });
  }
  return { meta: { title, ...(subtitle !== undefined && { subtitle }), authors, keywords: [] }, blocks };
}
