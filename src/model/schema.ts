// The article model: the one contract between readers and renderers.
// Validated with zod at every boundary (JSON input, reader output) and published as JSON Schema.
import * as z from 'zod/mini';

// zod's functional build (zod/mini) loads in a fraction of the time of its chained one (~35 ms less of a
// cold run); every parse passes support/validation.ts's options (English messages, no compiled fast path).

export const DirectionSchema = z.enum(['rtl', 'ltr']);
export type Direction = z.infer<typeof DirectionSchema>;

// BCP 47, loosely: primary subtag plus optional subtags. Enough to refuse junk like "arabic!".
/** A BCP 47 language tag's shape, as the model, --lang, manifests and the service take it. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
export const LanguageTagSchema = z.string().check(z.regex(LANGUAGE_TAG, 'must be a BCP 47 language tag such as "ar" or "fa-IR"'));

/** Phrasing content: the runs of text inside a block, with their emphasis, strikethrough, links and quotations. */
export type Inline =
  | {
      /** Plain text. */
      type: 'text';
      /** The text, NFC-normalised; may hold any character, bidi marks and joiners included. */
      value: string;
    }
  | {
      /** Stressed text, set in italic. */
      type: 'emphasis';
      /** What is stressed. */
      children: Inline[];
    }
  | {
      /** Strongly important text, set in bold. */
      type: 'strong';
      /** What is important. */
      children: Inline[];
    }
  | {
      /**
       * Struck-through text: no longer accurate or relevant, yet kept to be seen (a correction shows what it
       * replaces). mdast's `delete`: GFM `~~x~~`, HTML `<del>`, `<s>`, `<strike>`; never flattened, since plain
       * text would state what the author struck out.
       */
      type: 'delete';
      /** What is struck through. */
      children: Inline[];
    }
  | {
      /** A hyperlink; only http, https and mailto stay live in the documents. */
      type: 'link';
      /** The address as the source gives it. */
      url: string;
      /** Advisory title (HTML title, Markdown link title), when given. */
      title?: string | undefined;
      /** The link's text. */
      children: Inline[];
    }
  | {
      /** Code within a line, kept left to right. */
      type: 'code';
      /** The code, as written. */
      value: string;
    }
  | {
      /**
       * TeX math within a line (Markdown's `$…$`, a web page's MathML, KaTeX, MathJax or Wikipedia formula): the source kept whole
       * and left to right, set as code until typeset math is asked for. mdast's `inlineMath`.
       */
      type: 'inlineMath';
      /** The TeX, as written between its delimiters. */
      value: string;
    }
  | {
      /**
       * An image in the running text (an icon, a badge, a small diagram in a sentence), set at the height of
       * the line's type. mdast's `image` when it is not alone in its paragraph (alone, it is a figure).
       */
      type: 'image';
      /** The image file, relative to the article's folder (local files only; never downloaded). */
      src: string;
      /** What the image shows, for readers who cannot see it; where the image cannot be set, the text shown. */
      alt: string;
    }
  | {
      /** A forced line break within a block. */
      type: 'break';
    }
  | {
      /** A quotation within a line; the renderers add the language's own marks. */
      type: 'quote';
      /** What is quoted. */
      children: Inline[];
    }
  | {
      /** Raised text: an exponent, an ordinal's ending (HTML <sup>). */
      type: 'superscript';
      /** What is raised. */
      children: Inline[];
    }
  | {
      /** Lowered text: a chemical formula's count, an index (HTML <sub>). */
      type: 'subscript';
      /** What is lowered. */
      children: Inline[];
    }
  | {
      /** A stretch in a language or direction of its own (HTML <span dir lang>, <bdi>). */
      type: 'span';
      /** Its language (BCP 47), when the source names one. */
      lang?: string | undefined;
      /** Its direction, when the source names one; the renderers isolate it. */
      dir?: Direction | undefined;
      /** Its text. */
      children: Inline[];
    }
  | {
      /**
       * A note: where it stands in the text the reader sees its mark (a superscript number), and its content
       * is set apart (at the foot of the page, at the end of the chapter or article, in a pop-up). Notes are
       * numbered per article, 1, 2, 3 in document order (walk.ts `noteNumbers`): the source's own labels are
       * not kept, since «[^a]» or «*» would not read as a number. From GFM footnotes, HTML footnote lists and
       * `epub:type="footnote"` asides, Wikipedia-style references, and numbered notes at the end of a text.
       */
      type: 'note';
      /**
       * The note's text as blocks (paragraphs, lists, quotes); a note inside a note is read as its text.
       * Not `children`: the note is no wrapper of phrasing, and code that walks inline children leaves it be.
       */
      content: Block[];
    };

export const InlineSchema: z.ZodMiniType<Inline> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), value: z.string() }),
    z.object({ type: z.literal('emphasis'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('strong'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('delete'), children: z.array(InlineSchema) }),
    z.object({
      type: z.literal('link'),
      url: z.string(),
      title: z.optional(z.string()),
      children: z.array(InlineSchema),
    }),
    z.object({ type: z.literal('code'), value: z.string() }),
    z.object({ type: z.literal('inlineMath'), value: z.string() }),
    // Local files only, relative to the article's folder, as a figure's: no network access at render time.
    z.object({ type: z.literal('image'), src: z.string().check(z.minLength(1)), alt: z.string() }),
    z.object({ type: z.literal('break') }),
    z.object({ type: z.literal('quote'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('superscript'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('subscript'), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('span'), lang: z.optional(LanguageTagSchema), dir: z.optional(DirectionSchema), children: z.array(InlineSchema) }),
    z.object({ type: z.literal('note'), content: z.array(BlockSchema) }),
  ]),
);

/** A note as it stands in the text (see Inline's `note`). */
export type NoteInline = Extract<Inline, { type: 'note' }>;

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/**
 * What any block may carry besides its content: an anchor, and a language and direction of its own where
 * they differ from those of what contains it (an English paragraph in an Arabic article, a Persian
 * translation in an English cheat sheet). Absent, a block takes its container's, at the top the article's.
 */
export interface BlockAttributes {
  /** An anchor the document's own links (and the web's) can point at: the `x` of `#x`. */
  id?: string | undefined;
  /** The block's language (BCP 47), when it is not its container's. */
  lang?: string | undefined;
  /** The block's paragraph direction, when it is not its container's. */
  dir?: Direction | undefined;
}

const BLOCK_ATTRIBUTES = Object.freeze({
  id: z.optional(z.string().check(z.minLength(1))),
  lang: z.optional(LanguageTagSchema),
  dir: z.optional(DirectionSchema),
});

/** Flow content: the article's blocks in reading order. */
export type Block = BlockAttributes & (
  | {
      /** A section heading (the article's title is in meta, not here). */
      type: 'heading';
      /** Its rank: 1 for the top sections of the article. */
      level: HeadingLevel;
      /** Its text. */
      children: Inline[];
    }
  | {
      /** A paragraph of running text. */
      type: 'paragraph';
      /** Its text. */
      children: Inline[];
    }
  | {
      /** A quotation set apart from the text. */
      type: 'blockquote';
      /** The blocks quoted. */
      children: Block[];
    }
  | {
      /** A list of items. */
      type: 'list';
      /** Numbered (true) or bulleted (false). */
      ordered: boolean;
      /** The number of the first item of a numbered list; 1 when absent. */
      start?: number | undefined;
      /** Each item as its blocks. */
      items: Block[][];
    }
  | {
      /** A scene or topic break (a rule). */
      type: 'thematicBreak';
    }
  | {
      /** An image with its caption. */
      type: 'figure';
      /** The image file, relative to the article's folder (local files only; never downloaded). */
      src: string;
      /** What the image shows, for readers who cannot see it. */
      alt: string;
      /** The caption; empty when there is none (the alt text is then shown in the PDF). */
      caption: Inline[];
    }
  | {
      /** A block of code, its lines kept as written, left to right. */
      type: 'code';
      /** The code, lines separated by newlines. */
      value: string;
      /** The programming language, when the source names it (not a natural language: code has none, and reads left to right). */
      lang?: string | undefined;
    }
  | {
      /**
       * Display math on lines of its own (`$$…$$` alone in a paragraph, a ```` ```math ```` fence, a web
       * page's display formula): the TeX kept whole, left to right, set as code. mdast's `math`.
       */
      type: 'math';
      /** The TeX, as written between its delimiters. */
      value: string;
    }
  | {
      /** A table of rows of cells; `tableGrid()` (model/table.ts) places them on the grid spans make. */
      type: 'table';
      /** The header row's cells; empty for a table without a header. */
      header: Inline[][];
      /** The body rows, each a list of cells. */
      rows: Inline[][][];
      /**
       * How many of the body's first rows head the table too (a `<thead>` of two rows: groups, then the
       * columns under them); none when absent, at most 8 and never the whole body. Rows a header cell
       * merges down over head it anyway.
       */
      headerRows?: number | undefined;
      /**
       * How each column's text is aligned, by grid column, as the source wrote it (GFM's `:---:`, HTML's
       * `align`): physical sides, as on GitHub; `null` or a missing entry leaves it to the renderer (text to
       * its start, figures to the right).
       */
      align?: (TableAlign | null)[] | undefined;
      /** The cells that take more than one grid slot (HTML `colspan`/`rowspan`); every other cell takes one. */
      spans?: TableSpan[] | undefined;
      /** The cells the source marks out of their column's way (a row's heading, an alignment of their own). */
      cells?: TableCellFormat[] | undefined;
      /** What the table shows, set above it (HTML's `<caption>`); absent when it has none. */
      caption?: Inline[] | undefined;
    }
  | {
      /**
       * Verse: a poem's lines, or a scripture's verses, each kept a line of its own. A line of classical
       * Arabic, Persian or Urdu poetry (a bayt/beyt) has two hemistichs, the first (صدر، مصراع اول) set on
       * the start side and the second (عجز) on the end side; a line of free verse, or an ayah, has one.
       */
      type: 'verse';
      /** The lines in reading order; each is its hemistichs, one or two, each a run of inlines. */
      lines: VerseLine[];
    }
);

/** One line of verse: one hemistich, or two (first, then second) side by side. */
export type VerseLine = Inline[][];

/** A column's alignment: the side its text keeps to, or centred. */
export type TableAlign = 'left' | 'center' | 'right';

/** A cell merged over several grid slots: across columns, down rows, or both. */
export interface TableSpan {
  /** The cell's row: its index among the table's rows, the header row (when there is one) first. */
  row: number;
  /** The cell's index in its row as written (not its grid column: slots taken from above are skipped). */
  cell: number;
  /** How many rows it covers, itself included (HTML `rowspan`); 1 when missing. */
  rows?: number | undefined;
  /** How many columns it covers, itself included (HTML `colspan`); 1 when missing. */
  columns?: number | undefined;
}

/**
 * How one cell differs from the rest of its column: a body cell that heads its row (HTML's `<th>` in a
 * body row, as a wiki table's first column names what each row is about), or one aligned on its own.
 */
export interface TableCellFormat {
  /** The cell's row: its index among the table's rows, the header row (when there is one) first. */
  row: number;
  /** The cell's index in its row as written (not its grid column: slots taken from above are skipped). */
  cell: number;
  /** A body cell that heads its row: set as a heading, and announced with each cell of its row. */
  rowHeader?: boolean | undefined;
  /** Its alignment, over its column's: physical sides, as `align`. */
  align?: TableAlign | undefined;
}

const TableCellFormatSchema = z.object({
  row: z.int().check(z.minimum(0)),
  cell: z.int().check(z.minimum(0)),
  rowHeader: z.optional(z.boolean()),
  align: z.optional(z.enum(['left', 'center', 'right'])),
});

const TableSpanSchema = z.object({
  row: z.int().check(z.minimum(0)),
  cell: z.int().check(z.minimum(0)),
  // Bounded as HTML bounds them (rowspan ≤ 65534, colspan ≤ 1000); tableGrid() clips them to the table.
  rows: z.optional(z.int().check(z.minimum(1), z.maximum(65534))),
  columns: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
});

export const BlockSchema: z.ZodMiniType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({
      ...BLOCK_ATTRIBUTES,
      type: z.literal('heading'),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
      children: z.array(InlineSchema),
    }),
    z.object({ ...BLOCK_ATTRIBUTES, type: z.literal('paragraph'), children: z.array(InlineSchema) }),
    z.object({ ...BLOCK_ATTRIBUTES, type: z.literal('blockquote'), children: z.array(BlockSchema) }),
    z.object({
      ...BLOCK_ATTRIBUTES,
      type: z.literal('list'),
      ordered: z.boolean(),
      start: z.optional(z.int().check(z.minimum(0))),
      items: z.array(z.array(BlockSchema)),
    }),
    z.object({ ...BLOCK_ATTRIBUTES, type: z.literal('thematicBreak') }),
    z.object({
      ...BLOCK_ATTRIBUTES,
      type: z.literal('figure'),
      // Local files only, relative to the article's folder: no network access at render time.
      src: z.string().check(z.minLength(1)),
      alt: z.string(),
      caption: z.array(InlineSchema),
    }),
    z.object({ ...BLOCK_ATTRIBUTES, type: z.literal('code'), value: z.string(), lang: z.optional(z.string()) }),
    z.object({ ...BLOCK_ATTRIBUTES, type: z.literal('math'), value: z.string() }),
    z.object({
      ...BLOCK_ATTRIBUTES,
      type: z.literal('table'),
      header: z.array(z.array(InlineSchema)),
      rows: z.array(z.array(z.array(InlineSchema))),
      headerRows: z.optional(z.int().check(z.minimum(0))),
      align: z.optional(z.array(z.nullable(z.enum(['left', 'center', 'right'])))),
      spans: z.optional(z.array(TableSpanSchema)),
      cells: z.optional(z.array(TableCellFormatSchema)),
      caption: z.optional(z.array(InlineSchema)),
    }),
    z.object({
      ...BLOCK_ATTRIBUTES,
      type: z.literal('verse'),
      lines: z.array(z.array(z.array(InlineSchema)).check(z.minLength(1), z.maxLength(2))).check(z.minLength(1)),
    }),
  ]),
);


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
