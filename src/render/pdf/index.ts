// The PDF renderer: layout (layout.ts: the article set into lines) → paginate → draw → document.
import type { Article } from '../../model/schema.js';
import { blocksText } from '../../model/text.js';
import type { RenderContext } from '../context.js';
import { PAGE_SIZES } from '../../theme/schema.js';
import { writeDocument } from './document.js';
import { layoutArticle, localDigits } from './layout.js';
import { measureOf, paginate, type Furniture, type PageGeometry } from './paginate.js';
import { layoutParagraph } from './paragraph.js';
import type { LaidOutBlock, Line } from './types.js';

export async function renderPdf(article: Article, context: RenderContext): Promise<Uint8Array> {
  const geometry = pageGeometry(article, context);
  const blocks = layoutArticle(article, context, measureOf(geometry));
  return renderBlocks(article, context, blocks, geometry);
}

/** The output half alone, for any laid-out blocks: paginate, draw, write. */
export async function renderBlocks(article: Article, context: RenderContext, blocks: readonly LaidOutBlock[], geometry: PageGeometry): Promise<Uint8Array> {
  const pages = paginate(blocks, geometry, furniture(article, context, geometry));
  return writeDocument({ article, context, blocks, pages, geometry });
}

export function pageGeometry(article: Article, context: RenderContext): PageGeometry {
  const size = PAGE_SIZES[context.theme.page.size];
  return { width: size.width, height: size.height, margins: context.theme.page.margins, rtl: article.meta.dir === 'rtl' };
}

// Running heads and folios repeat from render to render (page numbers above all): set each once.
const furnitureLines = new Map<string, Line | undefined>();

/** Running head (the title, muted, small) and folio, set by the layout's paragraph stage. */
function furniture(article: Article, context: RenderContext, geometry: PageGeometry): Furniture {
  const theme = context.theme;
  const set = (text: string, size: number): Line | undefined => {
    const key = `${text}\0${size}\0${theme.colours.muted}\0${article.meta.dir}\0${article.meta.lang}\0${measureOf(geometry)}\0${theme.dir}`;
    if (furnitureLines.has(key)) return furnitureLines.get(key);
    const line = layoutParagraph([{ text, style: { bold: false, italic: false, size, color: theme.colours.muted } }], {
      dir: article.meta.dir,
      lang: article.meta.lang,
      align: 'center',
      measure: measureOf(geometry),
      theme,
      diagnostics: context.diagnostics,
      warned: new Set(),
      size,
    })[0];
    if (furnitureLines.size > 500) furnitureLines.clear();
    furnitureLines.set(key, line);
    return line;
  };
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

/**
 * Page numbers in the article's own digits: Persian digits for Persian; Arabic-Indic when the Arabic
 * article itself writes its numbers so; Western digits otherwise (as the sample and most Arabic news do).
 */
function folioDigits(article: Article): (value: string) => string {
  const lang = article.meta.lang.toLowerCase().split('-')[0] ?? '';
  if (lang === 'fa' || lang === 'ur') return (v) => localDigits(v, lang);
  if (lang === 'ar' && /[\u0660-\u0669]/u.test(blocksText(article.blocks))) return (v) => localDigits(v, 'ar');
  return (v) => v;
}
