// Internal links stay live: a README's contents list (GitHub heading slugs), react.dev's explicit heading
// ids, "#x" across the chapters of a book, and relative links made absolute against the article's web
// source. Every internal link must land on an element of the package, and both EPUBChecks stay clean.
import path from 'node:path';
import type { Document } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { Article, Inline } from '../../../src/model/index.js';
import { parseFile } from '../../../src/parse/index.js';
import { renderEpubBook } from '../../../src/render/epub/index.js';
import { article, bookOf, paragraphOf, text } from '../../support/articles.js';
import { collector, renderContext } from '../../support/context.js';
import { ARTICLES, REAL } from '../../support/paths.js';
import { epubcheckTs } from '../../support/validate.js';
import { elements, openEpub, render, spinePages, validateEverythingMade, visibleText, type Rendered } from './helpers.js';

const link = (url: string, label: string): Inline => ({ type: 'link', url, children: [text(label)] });

/** Each <a href> of the spine's pages but the nav document: where it is, where it points, what it says. */
async function links(epub: Rendered): Promise<{ page: string; href: string; text: string }[]> {
  return (await spinePages(epub)).filter((p) => p.href !== 'toc.xhtml').flatMap(({ href: page, doc }) =>
    elements(doc, 'a').map((a) => ({ page, href: a.getAttribute('href') ?? '', text: visibleText(a).trim() })),
  );
}

/** The element an internal href lands on (file#id), or the page itself (file): its text; undefined when none. */
async function landing(epub: Rendered, href: string): Promise<string | undefined> {
  const [file = '', id] = href.split('#');
  const doc: Document = await epub.xml(`OEBPS/${file}`);
  if (id === undefined) return visibleText(doc);
  const target = elements(doc, '*').find((el) => el.getAttribute('id') === id);
  return target ? visibleText(target).trim() : undefined;
}

const internal = (l: { href: string }): boolean => !/^(https?|mailto):/.test(l.href);

describe('internal links in the EPUB', () => {
  it("a README's contents list (GitHub slugs of Arabic headings): 93 live links, each landing on its heading", async () => {
    const epub = await render('coding-interview', await parseFile(path.join(REAL, 'ar-coding-interview-university.md')));
    const inside = (await links(epub)).filter((l) => l.page === 'article.xhtml' && internal(l));
    // The source has 95 "#…" links; two name English anchors this translation has no heading for.
    expect(inside).toHaveLength(93);
    for (const l of inside) expect({ href: l.href, lands: (await landing(epub, l.href)) !== undefined }).toEqual({ href: l.href, lands: true });
    const structures = inside.find((l) => l.text === 'هياكل البيانات (Data Structures)');
    expect(structures && (await landing(epub, structures.href))).toBe('Data Structures');
    const howTo = inside.find((l) => l.text === 'كيفية استخدامها');
    expect(howTo && (await landing(epub, howTo.href))).toBe('كيفية استخدامها');
    expect(epub.warnings.filter((w) => w.includes('"#'))).toEqual([expect.stringContaining('"#pick-one-language-for-the-interview"'), expect.stringContaining('"#book-list"')]);
  }, 120_000);

  it("react.dev's explicit heading ids ({/*overview*/}) and a page's own figure-table anchors", async () => {
    const react = await render('react', await parseFile(path.join(REAL, 'ar-react-tutorial-tic-tac-toe.md')));
    const overview = (await links(react)).find((l) => internal(l) && l.href.startsWith('article.xhtml#'));
    expect(overview).toBeDefined();
    expect(await landing(react, overview?.href ?? '')).toBe('التجهيز للدرس');

    const page = await render('figure-table', await parseFile(path.join(ARTICLES, 'figure-table.md')));
    const all = (await links(page)).filter(internal);
    // The footnote's mark and its back link point within their own page (#fn-1, #fnref-1), and land.
    const notes = all.filter((l) => l.href.startsWith('#'));
    expect(await Promise.all(notes.map(async (l) => [l.href, await landing(page, `${l.page}${l.href}`)]))).toEqual([
      ['#fn-1', expect.stringContaining('الحاشية: مصدر الأرقام')],
      ['#fnref-1', '1'],
    ]);
    const inside = all.filter((l) => !l.href.startsWith('#'));
    expect(await Promise.all(inside.map(async (l) => [l.text, await landing(page, l.href)]))).toEqual([
      ['الجدول', 'الأرقام'],
      ['بداية الصفحة', expect.stringContaining('تعرض هذه الصفحة خريطة')],
      ['عنوان الأرقام', 'الأرقام'],
    ]);
  }, 60_000);

  it('a book: "#x" lands in another chapter when its own has no x, in its own when it has', async () => {
    const first: Article = article([{ type: 'heading', level: 1, id: 'sanctions', children: [text('العقوبات')] }, paragraphOf([text('نص الفصل الأول.')])], 'ar', 'الفصل الأول');
    const second: Article = article(
      [
        { type: 'heading', level: 1, children: [text('الخلاصة')] },
        paragraphOf([text('انظر '), link('#sanctions', 'فصل العقوبات'), text(' و'), link('#الخلاصة', 'الخلاصة هنا'), text('.')]),
      ],
      'ar',
      'الفصل الثاني',
    );
    const diagnostics = collector();
    const bytes = await renderEpubBook(bookOf([first, second]), renderContext({ diagnostics }));
    const epub = await openEpub('book-links', bytes, diagnostics.messages);
    const inside = (await links(epub)).filter((l) => l.page === 'article-2.xhtml');
    expect(inside.map((l) => [l.text, l.href])).toEqual([
      ['فصل العقوبات', 'article-1.xhtml#h-1'],
      ['الخلاصة هنا', 'article-2.xhtml#h-1'],
    ]);
    expect(await landing(epub, 'article-1.xhtml#h-1')).toBe('العقوبات');
    expect(await epubcheckTs(bytes)).toEqual([]);
  }, 60_000);

  it('a relative link resolves against the article\'s web source; without one it is text, with a warning', async () => {
    const blocks = [paragraphOf([link('translations/README-de.md', 'بالألمانية'), text(' '), link('../x.md', 'ملف')])];
    const withSource = await render('source', { ...article(blocks), meta: { ...article(blocks).meta, source: 'https://github.com/jwasham/coding-interview-university/blob/main/README.md' } });
    expect((await links(withSource)).map((l) => l.href)).toEqual([
      'https://github.com/jwasham/coding-interview-university/blob/main/translations/README-de.md',
      'https://github.com/jwasham/coding-interview-university/blob/x.md',
    ]);
    const without = await render('no-source', article(blocks));
    expect(await links(without)).toEqual([]);
    expect(without.warnings).toEqual([expect.stringContaining('"translations/README-de.md"'), expect.stringContaining('"../x.md"')]);
  });
});

validateEverythingMade();
