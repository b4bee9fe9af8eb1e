// Running heads and folios: finished lines handed to paginate, set by the layout's paragraph stage.
// Shared by the single-article renderer and the book (one set per article, folios continuous).
import type { Article } from '../../../model/schema.js';
import { blocksText } from '../../../model/text.js';
import { articleDigits, writeDigits } from '../../../locale/index.js';
import { contextForLanguage, type RenderContext } from '../../context.js';
import { memo } from '../../../support/memo.js';
import { layoutParagraph } from '../paragraph/index.js';
import type { Line } from '../paragraph/types.js';

// Running heads and folios repeat from render to render (page numbers above all): set each once.
const furnitureLines = memo<string, { line: Line | undefined }>('pdf furniture lines', 512);

/** The lines pagination repeats on every page. */
export interface Furniture {
  /** The running head (the article title), set from page 2 on; in a book, on odd (recto) pages only. */
  runningHead?: Line | undefined;
  /** A book's running head on even (verso) pages: the book's title, facing the article's on the recto. */
  versoHead?: Line | undefined;
  /** The folio line for a page number. */
  folio?: ((page: number) => Line | undefined) | undefined;
}

/** Running head (the title, muted, small) and folio for an article's pages. */
export function articleFurniture(article: Article, given: RenderContext, measure: number): Furniture {
  const context = contextForLanguage(given, article.meta.lang);
  const set = furnitureSetter(article.meta.dir, article.meta.lang, context, measure);
  const theme = context.theme;
  const digits = folioDigits(article);
  const folios = new Map<number, Line | undefined>();
  return {
    runningHead: set(article.meta.title.replace(/\s+/g, ' ').trim(), theme.sizes.runningHead),
    folio: (page) => {
      if (!folios.has(page)) folios.set(page, set(digits(String(page)), theme.sizes.footer));
      return folios.get(page);
    },
  };
}

/** A one-line muted centred setting of a text (cached), as furniture is set. */
export function furnitureSetter(dir: Article['meta']['dir'], lang: string, context: RenderContext, measure: number): (text: string, size: number) => Line | undefined {
  const theme = context.theme;
  return (text, size) => {
    const key = `${text}\0${size}\0${theme.colours.muted}\0${dir}\0${lang}\0${measure}\0${theme.dir}\0${theme.fonts.body.regular}\0${theme.lineHeight}`;
    const known = furnitureLines.get(key);
    if (known) return known.line;
    const line = layoutParagraph([{ text, style: { bold: false, italic: false, size, color: theme.colours.muted } }], {
      dir,
      lang,
      align: 'center',
      measure,
      theme,
      diagnostics: context.diagnostics,
      warned: new Set(),
      size,
    })[0];
    furnitureLines.set(key, { line });
    return line;
  };
}

/**
 * Page numbers in the article's own digits: Persian digits for Persian; Arabic-Indic when the Arabic
 * article itself writes its numbers so; Western digits otherwise (as the sample and most Arabic news do).
 */
export function folioDigits(article: Article): (value: string) => string {
  const digits = articleDigits(article.meta.lang, blocksText(article.blocks));
  return (v) => writeDigits(v, digits);
}
