// Web boilerplate at the end of scraped articles («اقرأ أيضاً», «شارك», «المصدر:» …), from a data list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../theme/load.js';
import { lazy } from '../support/memo.js';
import { SENTENCE_END, wordCount } from './title.js';

export const DEFAULT_BOILERPLATE_FILE = path.join(PACKAGE_ROOT, 'templates', 'boilerplate.txt');

export function readPhraseList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const defaults = lazy('bundled boilerplate', (): readonly string[] => Object.freeze(readPhraseList(DEFAULT_BOILERPLATE_FILE)));

/** The bundled phrase list (templates/boilerplate.txt), read once; callers cannot change it. */
export function defaultBoilerplate(): readonly string[] {
  return defaults();
}

/** Folds the spelling variants scrapers produce: harakat, tatweel, hamza on alef, final yeh, case. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Trailing colons, dashes, dots and separators of a label («شارك:», «اقرأ أيضاً …»), and guillemets around it. */
export function stripLabelPunctuation(text: string): string {
  return text.replace(/[\s:：\-–—.…|»«]+$/u, '').replace(/^[\s|»«]+/u, '');
}

/** The phrase list folded once per article, as the tail rules compare it. */
export interface PhraseSet {
  /** Each marker phrase folded, its label punctuation stripped («المصدر:» → «المصدر»). */
  readonly labels: readonly string[];
  /** Each footer phrase («~سياسة الخصوصية» in the list) folded: words of a site's policy or copyright notice. */
  readonly footers: readonly string[];
}

/** A list entry for words of a footer notice rather than a marker line: written with a leading «~». */
export const FOOTER_PREFIX = '~';

/** The marker phrases of a list (its footer phrases left out), as the box rules of html-clean.ts read them. */
export function markerPhrases(phrases: readonly string[]): string[] {
  return phrases.filter((p) => !p.startsWith(FOOTER_PREFIX));
}

export function phraseSet(phrases: readonly string[]): PhraseSet {
  const footers = phrases.filter((p) => p.startsWith(FOOTER_PREFIX)).map((p) => foldForMatching(p.slice(FOOTER_PREFIX.length)));
  return {
    labels: [...new Set(markerPhrases(phrases).map((p) => stripLabelPunctuation(foldForMatching(p))).filter(Boolean))],
    footers: [...new Set(footers.filter(Boolean))],
  };
}

/** A notice is a paragraph or two: a longer text that names a privacy policy is an article about one. */
const FOOTER_MAX_WORDS = 80;

/**
 * A site's notice under the article (comment policy, newsletter offer, copyright): a line holding two of
 * the footer phrases, or a short one (a label's length) holding one («جميع الحقوق محفوظة © 2024»).
 */
export function isFooterLine(line: string, phrases: PhraseSet): boolean {
  const folded = foldForMatching(line);
  const words = wordCount(folded);
  if (words > FOOTER_MAX_WORDS) return false;
  const hits = phrases.footers.filter((phrase) => folded.includes(phrase)).length;
  return hits >= 2 || (hits === 1 && words <= LABEL_MAX_WORDS);
}

/** Where a share or follow marker points: «شارك على فيسبوك», «تابعونا عبر تلغرام», «Share this article». */
const CHANNELS: ReadonlySet<string> = foldedSet([
  'فيسبوك', 'فيس', 'بوك', 'تويتر', 'اكس', 'واتساب', 'واتس', 'اب', 'تلغرام', 'تليغرام', 'تيليغرام', 'تليجرام', 'تيليجرام',
  'انستغرام', 'انستجرام', 'انستقرام', 'يوتيوب', 'لينكدان', 'لينكد', 'ان', 'تيك', 'توك', 'سناب', 'شات', 'ماسنجر', 'البريد',
  'الالكتروني', 'الرابط', 'المقال', 'الخبر', 'الموضوع', 'الصفحة', 'طباعة', 'نسخ', 'facebook', 'twitter', 'x', 'whatsapp',
  'telegram', 'instagram', 'youtube', 'linkedin', 'tiktok', 'email', 'e-mail', 'this', 'article', 'story', 'post', 'page', 'link',
]);
/** Words that may join channels: «على», «عبر», «و», «on», «via». */
const CHANNEL_GLUE: ReadonlySet<string> = foldedSet(['على', 'عبر', 'في', 'من', 'مع', 'و', 'أو', 'on', 'via', 'in', 'and', 'or', 'by']);

/** Words compared with folded text, so folded the same way («على» → «علي»). */
function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(foldForMatching));
}
const URL = /^(?:https?:\/\/|www\.)\S+$/iu;
const SEPARATOR = /^[\p{P}\p{S}]+$/u;

/** Folded words that are only channels, glue, addresses and separators, with at least one channel or address. */
function isChannelList(words: readonly string[]): boolean {
  let channels = 0;
  for (const raw of words) {
    const word = raw.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
    if (word === '' || SEPARATOR.test(raw) || CHANNEL_GLUE.has(word)) continue;
    // «وفيسبوك», «بالبريد»: a conjunction or preposition written onto the word.
    const bare = /^[وب]/u.test(word) && !CHANNELS.has(word) ? word.slice(1) : word;
    if (CHANNELS.has(bare) || URL.test(raw)) channels++;
    else return false;
  }
  return channels > 0;
}

/** A label's words after a colon: a source's name or a headline, never a paragraph. */
const LABEL_MAX_WORDS = 12;

/**
 * A short marker line of web boilerplate: a phrase of the list alone («شارك», «شارك:», «اقرأ أيضاً»), a
 * phrase, a colon and a short label («المصدر: الجزيرة», «اقرأ أيضاً: عنوان»), or a phrase followed by
 * nothing but channels or addresses («شارك على فيسبوك»). A sentence that merely begins with a phrase
 * («المصدر الذي تحدث للجزيرة قال إن…», «شارك في القمة وزراء…») is not one.
 */
export function isMarkerLine(line: string, phrases: PhraseSet): boolean {
  const folded = foldForMatching(line);
  const bare = stripLabelPunctuation(folded);
  if (bare === '') return false;
  return phrases.labels.some((label) => {
    if (bare === label) return true;
    if (!folded.startsWith(label)) return false;
    const rest = folded.slice(label.length);
    const colon = /^\s*[:：]\s*/u.exec(rest);
    if (colon) return wordCount(rest.slice(colon[0].length)) <= LABEL_MAX_WORDS;
    return /^\s/u.test(rest) && isChannelList(rest.trim().split(' '));
  });
}

/**
 * A line that belongs to a marker above it: addresses, channels, or a short title without a full stop (the
 * articles a «اقرأ أيضاً» box links to, once the page is flattened to text).
 */
export function isLinkLine(line: string): boolean {
  const words = foldForMatching(line).split(' ').filter(Boolean);
  if (words.length === 0) return false;
  if (words.every((w) => URL.test(w) || SEPARATOR.test(w)) || isChannelList(words)) return true;
  return words.length <= LABEL_MAX_WORDS && !SENTENCE_END.test(line.trim());
}

/** One line (or block) near the end of an article, as the tail rule sees it. */
export interface TailLine {
  /** Its text. */
  text: string;
  /** Nothing but links (and separators): it can only belong to a marker, never be article text. */
  linksOnly?: boolean | undefined;
}

/** How far from the end boilerplate is looked for: it is a tail, never the body. */
const TAIL_LINES = 12;

/**
 * Where the boilerplate tail starts: the first marker or footer line among the last lines that only marker lines
 * and link lines follow; `lines.length` when there is none. A null entry (a figure, a table) is never
 * boilerplate and ends any tail before it.
 */
export function boilerplateTail(lines: readonly (TailLine | null)[], phrases: PhraseSet): number {
  const starts = (line: TailLine): boolean => isMarkerLine(line.text, phrases) || isFooterLine(line.text, phrases);
  const belongs = (line: TailLine | null): boolean => line !== null && (line.linksOnly === true || starts(line) || isLinkLine(line.text));
  for (let i = Math.max(0, lines.length - TAIL_LINES); i < lines.length; i++) {
    const line = lines[i];
    if (line && starts(line) && lines.slice(i + 1).every(belongs)) return i;
  }
  return lines.length;
}

/** How much of each dropped piece a warning quotes. */
const QUOTE_CHARS = 48;
/** How many pieces a warning quotes. */
const QUOTE_PIECES = 3;

/** Pieces of text left out, quoted for a warning: the first few, each shortened, and how many more. */
export function quoteDropped(pieces: readonly string[]): string {
  const quoted = pieces.slice(0, QUOTE_PIECES).map((piece) => {
    const flat = piece.replace(/\s+/gu, ' ').trim();
    const chars = [...flat];
    return `«${chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS - 1).join('').trimEnd()}…` : flat}»`;
  });
  const more = pieces.length - quoted.length;
  return `${quoted.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The warning for a boilerplate tail dropped from the end of an article. */
export function tailWarning(file: string, dropped: readonly string[]): string {
  const lines = dropped.length === 1 ? 'a line' : `${dropped.length} lines`;
  return `${file}: dropped ${lines} of web boilerplate at the end: ${quoteDropped(dropped)}`;
}
