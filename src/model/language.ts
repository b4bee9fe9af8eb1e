// Language and direction are resolved here, once, for every reader and renderer: the article's, then each
// block's (directions.ts).
import type { Article, ArticleInput, Block, Inline } from './schema.js';
import { ArticleInputSchema, ArticleSchema } from './schema.js';
import { detectArticleLanguage, directionOf } from './detect.js';
import { resolveBlockDirections } from './directions.js';
import { unnestNotes } from './notes.js';
import { PARSE_OPTIONS } from '../support/validation.js';

export { detectArticleLanguage, detectLanguage, directionOf, proseText } from './detect.js';

export interface ResolveOptions {
  /** `--lang` from the command line: wins over the article's own metadata. */
  lang?: string | undefined;
}

/** Validates a reader's or a JSON file's output and settles language and direction. */
export function resolveArticle(input: ArticleInput, options: ResolveOptions = {}): Article {
  const parsed = ArticleInputSchema.parse(input, PARSE_OPTIONS);
  const lang = options.lang ?? parsed.meta.lang ?? detectArticleLanguage(parsed.meta.title, parsed.meta.subtitle, parsed.blocks);
  const dir = options.lang ? directionOf(lang) : (parsed.meta.dir ?? directionOf(lang));
  const blocks = resolveBlockDirections(unnestNotes(parsed.blocks), { lang, dir });
  return ArticleSchema.parse({ ...parsed, meta: { ...parsed.meta, lang, dir }, blocks }, PARSE_OPTIONS);
}

export type { Block, Inline };
