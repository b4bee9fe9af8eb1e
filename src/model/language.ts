// Language and direction are resolved here, once, for every reader and renderer.
import type { Article, ArticleInput, Block, Direction, Inline } from './schema.js';
import { ArticleInputSchema, ArticleSchema } from './schema.js';
import { blocksText } from './text.js';
import { PARSE_OPTIONS } from '../support/validation.js';

const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'ckb', 'yi', 'dv', 'syr', 'ku']);

export function directionOf(lang: string): Direction {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  if (/-arab\b/i.test(lang) || /-hebr\b/i.test(lang)) return 'rtl';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/gu;
const LATIN = /[A-Za-z\u00C0-\u024F]/gu;
// Letters Arabic does not use, and Extended Arabic-Indic (Persian) digits.
const PERSIAN_MARKERS = /[\u067E\u0686\u0698\u06AF\u06F0-\u06F9]/u;

/** Detects the language from the text: Arabic script → ar (fa if Persian letters or digits), Hebrew → he, else en. */
export function detectLanguage(text: string): string {
  const arabic = text.match(ARABIC)?.length ?? 0;
  const hebrew = text.match(HEBREW)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (arabic > 0 && arabic >= hebrew && arabic >= latin) return PERSIAN_MARKERS.test(text) ? 'fa' : 'ar';
  if (hebrew > 0 && hebrew >= latin) return 'he';
  return 'en';
}

export interface ResolveOptions {
  /** `--lang` from the command line: wins over the article's own metadata. */
  lang?: string | undefined;
}

/** Validates a reader's or a JSON file's output and settles language and direction. */
export function resolveArticle(input: ArticleInput, options: ResolveOptions = {}): Article {
  const parsed = ArticleInputSchema.parse(input, PARSE_OPTIONS);
  const text = `${parsed.meta.title}\n${parsed.meta.subtitle ?? ''}\n${blocksText(parsed.blocks)}`;
  const lang = options.lang ?? parsed.meta.lang ?? detectLanguage(text);
  const dir = options.lang ? directionOf(lang) : (parsed.meta.dir ?? directionOf(lang));
  return ArticleSchema.parse({ ...parsed, meta: { ...parsed.meta, lang, dir } }, PARSE_OPTIONS);
}

export type { Block, Inline };
