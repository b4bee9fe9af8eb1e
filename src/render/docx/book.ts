// DOCX book: a title page, a table of contents Word keeps up to date, then each article from a new page
// under its title as Heading 1 (its own headings one level down), in its own language and direction.
// Built from the single-article stages (paragraphs, runs, section, styles, document.ts); what is the
// book's own is here: the title page, the contents, and the heading bookkeeping that links them.
// The contents and each article are sections of their own, set with the PDF's book conventions: with
// the theme's book.rectoOpenings they open on an odd page (w:type oddPage), an opening page has no
// running head and its title sinks by book.sink, versos carry the book's title and rectos the article's.
// LibreOffice honours the openings but not all those heads: 25.2 gives a section that opens on an odd
// page its rectos' head on the opening page too (its even/odd page-style copy drops w:titlePg), 7.4
// leaves the verso after it bare.
import { articleDigits, bylineText, formatDate, localeStrings } from '../../locale/index.js';
import {
  AlignmentType,
  InternalHyperlink,
  PageReference,
  Paragraph,
  Tab,
  TableOfContents,
  TabStopType,
  LeaderType,
  TextRun,
  type FileChild,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import type { Book, BookMeta } from '../../model/book.js';
import type { Inline } from '../../model/schema.js';
import { blocksText, codeText, usesInline } from '../../model/text.js';
import { contextForLanguage, type RenderContext } from '../context.js';
import { blockLanguages } from '../../model/walk.js';
import { directedContext, packDocument, sharedState } from './document.js';
import { articleText, embeddedFontsFor } from './fonts.js';
import { blocksToChildren, directionOf, headingParagraph } from './paragraphs.js';
import { bookPropertySource, propertiesOf } from './properties.js';
import { buildRuns } from './runs.js';
import { buildSection, pageGeometry } from './section.js';
import { PARAGRAPH_STYLES, bookParagraphStyles, buildStyles, leadingOf, tocStyle, twips } from './styles.js';
import type { DocxContext } from './types.js';
import { createXmlCleaner } from './xml-text.js';
import { PageEstimate } from './page-estimate.js';

/** Levels the contents list: the article titles (1) and their top-level headings (2). */
const TOC_LEVELS = 2;
const TOC_INSTRUCTION_RANGE = `1-${TOC_LEVELS}`;
/**
 * The instruction as Word writes its own: outline levels (\o), entries as links (\h), no tab leader or
 * page numbers in Web view (\z), paragraphs' outline levels too (\u). docx orders the switches its own way.
 */
const TOC_INSTRUCTION = `TOC \\o &quot;${TOC_INSTRUCTION_RANGE}&quot; \\h \\z \\u`;
const DOCX_TOC_INSTRUCTION = /(<w:instrText xml:space="preserve">)TOC [^<]*(<\/w:instrText>)/;

/** A heading the contents lists, in document order. */
interface TocEntry {
  level: number;
  anchor: string;
  children: readonly Inline[];
  /** The page the heading is estimated to fall on (page-estimate.ts): the PAGEREF's shipped result. */
  page: number;
}

/** A PAGEREF field to a contents bookmark as docx writes it, with no result yet. */
const EMPTY_PAGEREF = /(PAGEREF (_Toc\d{4}) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/>)(<w:fldChar w:fldCharType="end"\/>)/g;

export async function renderDocxBook(book: Book, given: RenderContext): Promise<Uint8Array> {
  const context = contextForLanguage(given, book.meta.lang);
  const { meta } = book;
  const rtl = meta.dir === 'rtl';
  const geometry = pageGeometry(context.theme, rtl);
  const shared = sharedState(context, geometry);
  const bookContext = directedContext(shared, meta.lang, rtl);

  const title = shared.xml.clean(meta.title);
  const bookHead = { text: title, context: bookContext };
  const entries: TocEntry[] = [];
  const articleSections: ISectionOptions[] = [];
  const estimate = new PageEstimate(context.theme, { width: shared.textWidth / 20, height: (geometry.height - geometry.top - geometry.bottom) / 20 });
  // With recto openings the contents and each article open on an odd page (Word and LibreOffice insert
  // the blank verso before, as the PDF does); without, on the next page.
  const start = context.theme.book.rectoOpenings ? 'oddPage' : 'nextPage';
  const opening = (after: number): number => (start === 'oddPage' && after % 2 === 1 ? after + 2 : after + 1);
  // The title page, then the contents (an entry a line and a bit), then each article.
  const contentsEntries = book.articles.reduce((n, a) => n + 1 + a.blocks.filter((b) => b.type === 'heading' && b.level === 1).length, 0);
  let page = opening(1) + Math.floor((contentsEntries * 1.3 + 3) / estimate.lines);
  for (const article of book.articles) {
    const first = opening(page);
    page = estimate.article(first, article.blocks) - 1;
    const articleContext = directedContext(shared, article.meta.lang, article.meta.dir === 'rtl', {
      headingShift: 1,
      digits: articleDigits(article.meta.lang, blocksText(article.blocks)),
      onHeading: (level, children) => {
        if (level > TOC_LEVELS) return undefined;
        // Word's own prefix for the bookmarks its contents link to: hidden in Word's bookmark list.
        const anchor = `_Toc${String(entries.length + 1).padStart(4, '0')}`;
        entries.push({ level, anchor, children, page: level === 1 ? first : (estimate.pageOf(children) ?? first) });
        return anchor;
      },
    });
    const byline = bylineText(article.meta, context.theme.dates);
    const children = [...articleOpening(article.meta.title, article.meta.subtitle, byline, context.theme.book.sink, articleContext), ...(await blocksToChildren(article.blocks, articleContext))];
    // As in the PDF: the opening page without running head, then the article's title over odd (recto)
    // pages and the book's over even (verso) ones.
    articleSections.push(buildSection(geometry, articleContext, children, { head: { text: shared.xml.clean(article.meta.title), context: articleContext }, evenHead: bookHead, firstFolio: true, start }));
  }

  const date = meta.date === undefined ? undefined : formatDate(meta.date, meta.lang, context.theme.dates);
  const sections = [
    // The title page goes without running head and without page number.
    buildSection(geometry, bookContext, titlePage(meta, title, date, Math.round(geometry.height / 5), bookContext), { head: bookHead, evenHead: bookHead, firstFolio: false, start: 'nextPage' }),
    buildSection(geometry, bookContext, contents(entries, localeStrings(meta.lang, meta.dir).contents, bookContext), { head: bookHead, evenHead: bookHead, firstFolio: true, start }),
    ...articleSections,
  ];

  const styles = buildStyles(context.theme, { rtl, lang: meta.lang, bidiLanguage: bookContext.bidiLanguage, notes: book.articles.some((a) => usesInline(a.blocks, 'note')) });
  const fontText = [title, meta.subtitle ?? '', ...meta.editors, date ?? '', localeStrings(meta.lang, meta.dir).contents, ...book.articles.map((a) => articleText(a, context.theme))].join('\n');
  return packDocument(
    shared,
    {
      ...propertiesOf(bookPropertySource({ ...meta, title }), (s) => shared.xml.clean(s)),
      styles: { ...styles, paragraphStyles: [...(styles.paragraphStyles ?? []), ...bookParagraphStyles(context.theme)] },
      numbering: shared.numbering.options(),
      fonts: embeddedFontsFor(context.theme, fontText, book.articles.some((a) => usesInline(a.blocks, 'emphasis')), book.articles.map((a) => codeText(a.blocks)).join('\n'), [meta.lang, ...book.articles.flatMap((a) => [a.meta.lang, ...blockLanguages(a.blocks)])]),
      // Word fills in the contents' page numbers (and any heading added since) when it opens the file.
      features: { updateFields: true },
      evenAndOddHeaderAndFooters: true,
      sections,
    },
    // Defaults stay left to right when an article is: its paragraphs then need no w:bidi of their own.
    { rtl, lang: meta.lang, buildDate: context.buildDate, rtlDefaults: rtl && book.articles.every((a) => a.meta.dir === 'rtl'),
      // Each PAGEREF ships its estimated page as its result, which LibreOffice shows and Word updates.
      patchDocument: (xml) => {
        const pages = new Map(entries.map((e) => [e.anchor, e.page]));
        return xml.replace(DOCX_TOC_INSTRUCTION, `$1${TOC_INSTRUCTION}$2`).replace(EMPTY_PAGEREF, (_, field: string, anchor: string, end: string) => `${field}<w:t>${pages.get(anchor) ?? ''}</w:t>${end}`);
      },
    },
  );
}

function text(value: string): Inline[] {
  return [{ type: 'text', value }];
}

function titlePage(meta: BookMeta, title: string, date: string | undefined, drop: number, context: DocxContext): Paragraph[] {
  const line = (style: string, value: string, extra: { spacing?: { before: number } } = {}): Paragraph =>
    new Paragraph({ style, alignment: AlignmentType.CENTER, ...extra, ...directionOf(context), children: buildRuns(text(value), context) });
  // Set some way down the page (`drop` twips), as title pages set their title.
  const out = [line(PARAGRAPH_STYLES.title, title, { spacing: { before: drop } })];
  if (meta.subtitle) out.push(line(PARAGRAPH_STYLES.subtitle, meta.subtitle));
  if (meta.editors.length > 0) out.push(line(PARAGRAPH_STYLES.titlePageLine, meta.editors.join(localeStrings(meta.lang, meta.dir).separator)));
  if (date) out.push(line(PARAGRAPH_STYLES.titlePageLine, date));
  return out;
}

/**
 * The contents as a real TOC field (Word rebuilds it on open, updateFields), its result written already
 * with one entry per listed heading, so LibreOffice and a Word that is not asked to update show the
 * entries too; each links to its heading and pages it through a PAGEREF field.
 */
function contents(entries: readonly TocEntry[], label: string, context: DocxContext): FileChild[] {
  // The headings' text was cleaned (and counted) once already where they stand.
  const entryContext: DocxContext = { ...context, xml: createXmlCleaner() };
  // A right tab in an RTL paragraph too: LibreOffice and Word then set the page number at the far (left) end.
  const pageTab = { type: TabStopType.RIGHT, position: context.textWidth, leader: LeaderType.DOT };
  const paragraphs = entries.map(
    (entry) =>
      new Paragraph({
        style: tocStyle(entry.level),
        tabStops: [pageTab],
        ...directionOf(context),
        children: [
          new InternalHyperlink({
            anchor: entry.anchor,
            children: [...buildRuns(entry.children, entryContext), new TextRun({ children: [new Tab()] }), new PageReference(entry.anchor, { hyperlink: true })] as ParagraphChild[],
          }),
        ],
      }),
  );
  return [
    new Paragraph({ style: PARAGRAPH_STYLES.tocHeading, ...directionOf(context), children: buildRuns(text(label), context) }),
    new TableOfContents(label, { hyperlink: true, headingStyleRange: TOC_INSTRUCTION_RANGE, contentChildren: paragraphs }),
  ];
}

/**
 * An article's title as Heading 1 at the top of its section's first page (bookmarked for the contents),
 * `sink` points lower as the theme sinks it in the PDF; its subtitle and byline under it.
 */
function articleOpening(title: string, subtitle: string | undefined, byline: string, sink: number, context: DocxContext): Paragraph[] {
  const out = [headingParagraph(1, text(title), context, sink > 0 ? { spacing: { before: twips(sink) } } : {})];
  // At the start, under the heading, as the Subtitle style sets it; then authors and date, as in the PDF.
  if (subtitle) out.push(new Paragraph({ style: PARAGRAPH_STYLES.subtitle, alignment: leadingOf(context.rtl), ...directionOf(context), children: buildRuns(text(subtitle), context) }));
  if (byline) out.push(new Paragraph({ style: PARAGRAPH_STYLES.byline, alignment: leadingOf(context.rtl), ...directionOf(context), children: buildRuns(text(byline), context) }));
  return out;
}
