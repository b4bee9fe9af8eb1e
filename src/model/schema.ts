// The article model: the one contract between readers and renderers.
// Validated with zod at every boundary (JSON input, reader output) and published as JSON Schema.
import * as z from 'zod/mini';

// zod's functional build (zod/mini) loads in a fraction of the time of its chained one (~35 ms less of a
// cold run); every parse passes support/validation.ts's options (English messages, no compiled fast path).

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'link'; url: string; title?: string | undefined; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'break' }
  | { type: 'quote'; children: Inline[] };

export const InlineSchema: z.ZodMiniType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), value: z.string() }),
    z.object({ type: z.literal('emphasis'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('strong'), children: z.array(InlineSchema) }),
    z.object({
      type: z.literal('link'),
      url: z.string(),
      title: z.optional(z.string()),
      children: z.array(InlineSchema),
    }),
    z.object({ type: z.literal('code'), value: z.string() }),
    z.object({ type: z.literal('break') }),
    z.object({ type: z.literal('quote'), children: z.array(InlineSchema) }),
  ]),
);

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export type Block =
  | { type: 'heading'; level: HeadingLevel; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'list'; ordered: boolean; start?: number | undefined; items: Block[][] }
  | { type: 'thematicBreak' }
  | { type: 'figure'; src: string; alt: string; caption: Inline[] }
  | { type: 'code'; value: string; lang?: string | undefined }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] };

export const BlockSchema: z.ZodMiniType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('heading'),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
      children: z.array(InlineSchema),
    }),
    z.object({ type: z.literal('paragraph'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('blockquote'), children: z.array(BlockSchema) }),
    z.object({
      type: z.literal('list'),
      ordered: z.boolean(),
      start: z.optional(z.int().check(z.minimum(0))),
      items: z.array(z.array(BlockSchema)),
    }),
    z.object({ type: z.literal('thematicBreak') }),
    z.object({
      type: z.literal('figure'),
      // Local files only, relative to the article's folder: no network access at render time.
      src: z.string().check(z.minLength(1)),
      alt: z.string(),
      caption: z.array(InlineSchema),
    }),
    z.object({ type: z.literal('code'), value: z.string(), lang: z.optional(z.string()) }),
    z.object({
      type: z.literal('table'),
      header: z.array(z.array(InlineSchema)),
      rows: z.array(z.array(z.array(InlineSchema))),
    }),
  ]),
);

export const DirectionSchema = z.enum(['rtl', 'ltr']);
export type Direction = z.infer<typeof DirectionSchema>;

// BCP 47, loosely: primary subtag plus optional subtags. Enough to refuse junk like "arabic!".
export const LanguageTagSchema = z.string().check(z.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as "ar" or "fa-IR"'));

/** Metadata as a reader or a JSON file gives it: language and direction may still be unknown. */
export const MetaInputSchema = z.catchall(
  z.object({
    title: z.string(),
    subtitle: z.optional(z.string()),
    authors: z._default(z.array(z.string()), []),
    // ISO 8601 date or date-time, as the article states it.
    date: z.optional(z.union([z.iso.date(), z.iso.datetime({ offset: true })])),
    lang: z.optional(LanguageTagSchema),
    dir: z.optional(DirectionSchema),
    source: z.optional(z.string()),
    keywords: z._default(z.array(z.string()), []),
    publisher: z.optional(z.string()),
    description: z.optional(z.string()),
  }),
  // Anything unknown is kept, not dropped: publishers carry their own fields through.
  z.unknown(),
);

export const ArticleInputSchema = z.object({
  meta: MetaInputSchema,
  blocks: z.array(BlockSchema),
});

export type MetaInput = z.input<typeof MetaInputSchema>;
export type ArticleInput = z.input<typeof ArticleInputSchema>;

/** The resolved model every renderer consumes: language and direction are always set. */
export const MetaSchema = z.extend(MetaInputSchema, {
  lang: LanguageTagSchema,
  dir: DirectionSchema,
});
export const ArticleSchema = z.object({
  meta: MetaSchema,
  blocks: z.array(BlockSchema),
});

export type Meta = z.output<typeof MetaSchema>;
export type Article = z.output<typeof ArticleSchema>;
