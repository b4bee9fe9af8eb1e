// The dir and lang that markup gives what it holds (<div dir="rtl">, <p lang="en">), for the HTML reader and
// for raw HTML in Markdown alike.
import type { Block, Direction } from '../model/schema.js';
import { LanguageTagSchema } from '../model/schema.js';
import { PARSE_OPTIONS } from '../support/validation.js';

/** The direction and language an element's attributes give what it holds. */
export interface Scope {
  /** From dir="rtl|ltr" (dir="auto" leaves it to the text). */
  dir?: Direction | undefined;
  /** From lang or xml:lang, when it is a language tag. */
  lang?: string | undefined;
}

/** The scope of an element, from its attributes (`attribute` gives one by its lower-case name). */
export function scopeOf(attribute: (name: string) => string | null | undefined): Scope {
  const dir = attribute('dir')?.trim().toLowerCase();
  const lang = (attribute('lang') || attribute('xml:lang'))?.trim().replace(/_/g, '-');
  return {
    ...((dir === 'rtl' || dir === 'ltr') && { dir }),
    ...(lang && LanguageTagSchema.safeParse(lang, PARSE_OPTIONS).success && { lang }),
  };
}

/** The blocks with the scope's dir and lang set where a block has none of its own (code has neither). */
export function inScope(blocks: Block[], scope: Scope): Block[] {
  if (scope.dir === undefined && scope.lang === undefined) return blocks;
  return blocks.map((b): Block => {
    if (b.type === 'code' || b.type === 'math') return b;
    return {
      ...b,
      ...(b.dir === undefined && scope.dir !== undefined && { dir: scope.dir }),
      ...(b.lang === undefined && scope.lang !== undefined && { lang: scope.lang }),
    };
  });
}
