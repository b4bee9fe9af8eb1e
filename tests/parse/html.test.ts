import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/support/errors.js';
import { ArticleSchema, blocksText, inlineText, type Article, type Block, type Inline } from '../../src/model/index.js';
import { tableGrid } from '../../src/model/table.js';
import { formatOf, parseFile, parseString } from '../../src/parse/index.js';
import { decodeHtml } from '../../src/parse/html-decode.js';
import { normalizeDate } from '../../src/parse/html-meta.js';
import { fuzzRuns } from '../support/arbitraries.js';
import { collector } from '../support/context.js';
import { HTML as FIXTURES, SAMPLE as SAMPLE_TXT } from '../support/paths.js';
import { writeTemp } from '../support/temp.js';

const PAGE = path.join(FIXTURES, 'alaska-summit.html');
const BLOG_PAGE = path.join(FIXTURES, 'putin-summit.htm');

async function parseWithWarnings(file: string): Promise<{ article: Article; warnings: string[] }> {
  const diagnostics = collector();
  const article = await parseFile(file, { diagnostics });
  return { article, warnings: diagnostics.messages };
}

async function html(source: string, options: { lang?: string } = {}): Promise<{ article: Article; warnings: string[] }> {
  const diagnostics = collector();
  const article = await parseString(source, 'html', { file: 'page.html', lang: options.lang, diagnostics });
  return { article, warnings: diagnostics.messages };
}

function links(blocks: readonly Block[]): string[] {
  const fromInlines = (list: readonly Inline[]): string[] =>
    list.flatMap((i) => (i.type === 'link' ? [i.url, ...fromInlines(i.children)] : 'children' in i ? fromInlines(i.children) : []));
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'heading': case 'paragraph': return fromInlines(b.children);
      case 'figure': return fromInlines(b.caption);
      case 'blockquote': return links(b.children);
      case 'list': return b.items.flatMap(links);
      case 'table': return [b.header, ...b.rows].flat().flatMap(fromInlines);
      default: return [];
    }
  });
}

// Everything on the sample page that is not the article: menus, ads, boxes, share bars, footer, code.
const PAGE_FURNITURE = [
  '<script', 'onclick', 'onload', 'javascript:', 'gtag', 'googletag', 'adsbygoogle', 'dataLayer', 'font-family',
  'اقرأ أيضاً', 'زيلينسكي: لن نتنازل', 'أسعار النفط تتراجع', 'لافروف', 'الناتو يراقب', 'الأكثر قراءة',
  'افتتاح أكبر مكتبة', 'اشترك في النشرة', 'احصل على أهم الأخبار', 'عاجل', 'الرئيسية', 'محليات', 'مواقيت الصلاة',
  'ابحث في الموقع', 'تخطّ إلى المحتوى', 'شارك المقال', 'فيسبوك', 'واتساب', 'نسخ الرابط', 'طباعة', 'وسوم', 'التعليقات',
  'لا توجد تعليقات', 'جميع الحقوق محفوظة', 'سياسة الخصوصية', 'تابعونا', 'هلسنكي', 'بقلم',
];

describe('saved news page of the sample article', () => {
  it('gives the same blocks, title and subtitle as the clean text, plus the local lead image', async () => {
    const text = await parseFile(SAMPLE_TXT);
    const { article } = await parseWithWarnings(PAGE);
    expect(article.meta.title).toBe(text.meta.title);
    expect(article.meta.subtitle).toBe(text.meta.subtitle);
    const [figure, ...rest] = article.blocks;
    expect(rest).toEqual(text.blocks);
    expect(rest.filter((b) => b.type === 'paragraph')).toHaveLength(7);
    expect(rest.filter((b) => b.type === 'heading')).toHaveLength(6);
    expect(figure).toEqual({
      type: 'figure',
      src: 'alaska-summit_files/anchorage-map.png',
      alt: 'خريطة ألاسكا ومدينة أنكوريج',
      caption: [{ type: 'text', value: 'تستضيف ألاسكا القمة المرتقبة بين الزعيمين (صورة أرشيفية)' }],
    });
    // The src is relative to the page's folder, which is the resource folder the build gives renderers.
    expect(existsSync(path.resolve(path.dirname(PAGE), (figure as { src: string }).src))).toBe(true);
  });

  it('takes byline, date, language, direction, source, publisher and keywords from the head', async () => {
    const { article } = await parseWithWarnings(PAGE);
    expect(article.meta).toMatchObject({
      authors: ['سارة المنصوري'],
      date: '2025-08-12T09:30:00+03:00',
      lang: 'ar',
      dir: 'rtl',
      source: 'https://www.alwatan-news.example/world/2025/08/12/putin-trump-alaska-summit',
      publisher: 'الوطن نيوز',
    });
    expect(article.meta.keywords).toEqual(expect.arrayContaining(['بوتين', 'ترامب', 'قمة ألاسكا', 'العلاقات الروسية الأمريكية']));
    expect(article.meta.description).toMatch(/^بعد شهور من التكهنات، يلتقي ترامب وبوتين/);
  });

  it('skips the remote image with one warning naming its URL, and nothing else is warned about', async () => {
    const { article, warnings } = await parseWithWarnings(PAGE);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('https://cdn.alwatan-news.example/images/2025/08/putin-trump-helsinki.jpg');
    expect(warnings[0]).toMatch(/^.*alaska-summit\.html: skipped remote image/);
    expect(article.blocks.filter((b) => b.type === 'figure')).toHaveLength(1);
  });

  it('leaves out scripts, styles, handlers, navigation, ads, read-also boxes, share bars and the footer', async () => {
    const { article } = await parseWithWarnings(PAGE);
    const json = JSON.stringify(article);
    for (const furniture of PAGE_FURNITURE) expect(json, furniture).not.toContain(furniture);
    // "إعلان" (advertisement) is also part of the word «الإعلان» in the text: no block may be just the label.
    expect(article.blocks.map((b) => blocksText([b]))).not.toContain('إعلان');
    expect(article.blocks.map((b) => blocksText([b]))).not.toContain('شارك');
    expect(links(article.blocks)).toEqual([]);
  });

  it('parses in tens of milliseconds once warm, not seconds', async () => {
    const source = readFileSync(PAGE, 'utf8');
    for (let i = 0; i < 5; i++) await parseString(source, 'html', { file: PAGE }); // JIT warm-up
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const start = performance.now();
      await parseString(source, 'html', { file: PAGE });
      times.push(performance.now() - start);
    }
    // About 10–25 ms on an idle machine; the bound leaves room for a CI box running other suites at once.
    expect(times.sort((a, b) => a - b)[4]!).toBeLessThan(250);
  });
});

describe('saved blog page (div soup, lazy images, description as dek)', () => {
  it('gives the same blocks as the clean text, with the lazily loaded local image where it stood', async () => {
    const text = await parseFile(SAMPLE_TXT);
    const { article } = await parseWithWarnings(BLOG_PAGE);
    expect(article.meta.title).toBe(text.meta.title);
    expect(article.meta.subtitle).toBe(text.meta.subtitle);
    const figures = article.blocks.filter((b) => b.type === 'figure');
    expect(article.blocks.filter((b) => b.type !== 'figure')).toEqual(text.blocks);
    // After the second paragraph, as on the page; the percent-encoded Arabic file name is decoded.
    expect(article.blocks.indexOf(figures[0]!)).toBe(3);
    expect(figures).toEqual([{ type: 'figure', src: 'صور/خريطة ألاسكا.png', alt: 'خريطة ولاية ألاسكا', caption: [{ type: 'text', value: 'ولاية ألاسكا على الخريطة' }] }]);
    expect(existsSync(path.join(FIXTURES, 'صور', 'خريطة ألاسكا.png'))).toBe(true);
  });

  it('splits the byline into authors, reads an RFC 2822 date, detects the language when the page gives none', async () => {
    const { article } = await parseWithWarnings(BLOG_PAGE);
    expect(article.meta).toMatchObject({ authors: ['محمد العلي', 'ليلى حسن'], date: '2025-08-12T06:30:00Z', lang: 'ar', dir: 'rtl' });
    expect(article.meta.keywords).toEqual(['روسيا', 'أمريكا', 'ألاسكا']);
  });

  it('warns about the broken JSON-LD, the read-also boxes among the paragraphs and the protocol-relative image; keeps a javascript: link as text', async () => {
    const { article, warnings } = await parseWithWarnings(BLOG_PAGE);
    expect(warnings).toEqual([
      expect.stringMatching(/putin-summit\.htm: ignored a JSON-LD block that is not valid JSON$/),
      expect.stringMatching(/putin-summit\.htm: left out 2 boxes of web boilerplate: «اقرا ايضا \/ النفط يتراجع قبيل القمة \/ الناتو يت…», «اقرأ أيضاً: زيلينسكي يرد على إعلان القمة»$/),
      expect.stringContaining('skipped remote image //i.alwatan-news.example/2025/putin-kremlin-s640.jpg'),
    ]);
    const json = JSON.stringify(article);
    for (const furniture of ['javascript:', 'onclick', 'shareWhatsapp', 'document.write', 'youtube', 'زيلينسكي يرد', 'النفط يتراجع', 'التصنيفات', 'الأكثر قراءة', 'جميع الحقوق', 'الرئيسية', 'تعليق']) {
      expect(json, furniture).not.toContain(furniture);
    }
    expect(blocksText(article.blocks)).toContain('الرئيس الأمريكي دونالد ترامب والرئيس الروسي');
  });

  it('is read by extension: .html and .htm', () => {
    expect(formatOf('a/b.html')).toBe('html');
    expect(formatOf('b.HTM')).toBe('html');
  });
});

describe('HTML → model mapping', () => {
  const page = (body: string, head = ''): string =>
    `<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>العنوان</title>${head}</head><body><article><h1>العنوان</h1>${body}</article></body></html>`;

  it('maps <sup>, <sub> and a <span> or <bdi> of its own dir or lang; a plain span is its text', async () => {
    const { article } = await html('<html lang="ar"><head><title>ت</title></head><body><article><h1>ت</h1><p>معادلة E=mc<sup>2</sup> والماء H<sub>2</sub>O و<span dir="ltr" lang="en">C++ (v2)</span> و<bdi dir="rtl">نص</bdi> و<span class="x">عادي</span>.</p></article></body></html>');
    const p = article.blocks.find((b) => b.type === 'paragraph') as Extract<Block, { type: 'paragraph' }>;
    expect(p.children.filter((i) => i.type !== 'text')).toEqual([
      { type: 'superscript', children: [{ type: 'text', value: '2' }] },
      { type: 'subscript', children: [{ type: 'text', value: '2' }] },
      { type: 'span', dir: 'ltr', lang: 'en', children: [{ type: 'text', value: 'C++ (v2)' }] },
      { type: 'span', dir: 'rtl', children: [{ type: 'text', value: 'نص' }] },
    ]);
    expect(inlineText(p.children)).toBe('معادلة E=mc2 والماء H2O وC++ (v2) ونص وعادي.');
  });

  it('maps inline markup: emphasis, strong, code, breaks, quotes, links; unsafe or local links become text', async () => {
    const { article } = await html(page(
      '<p>نص <em>مائل</em> و<b>عريض</b> و<code>x = 1</code><br>\n سطر <q>اقتباس</q> <a href="https://example.com/a" title="عنوان">رابط</a> ' +
      '<a href="/rel/b">نسبي</a> <a href="JavaScript:alert(1)" onclick="steal()">خطر</a> <a href="#top">مرساة</a> <a href="whatsapp://send">واتساب</a></p>',
      '<link rel="canonical" href="https://news.example/x/article">',
    ));
    expect(article.meta.title).toBe('العنوان');
    expect(article.blocks).toEqual([{
      type: 'paragraph',
      children: [
        { type: 'text', value: 'نص ' }, { type: 'emphasis', children: [{ type: 'text', value: 'مائل' }] },
        { type: 'text', value: ' و' }, { type: 'strong', children: [{ type: 'text', value: 'عريض' }] },
        { type: 'text', value: ' و' }, { type: 'code', value: 'x = 1' }, { type: 'break' },
        { type: 'text', value: 'سطر ' }, { type: 'quote', children: [{ type: 'text', value: 'اقتباس' }] }, { type: 'text', value: ' ' },
        { type: 'link', url: 'https://example.com/a', title: 'عنوان', children: [{ type: 'text', value: 'رابط' }] }, { type: 'text', value: ' ' },
        { type: 'link', url: 'https://news.example/rel/b', children: [{ type: 'text', value: 'نسبي' }] },
        { type: 'text', value: ' خطر مرساة واتساب' },
      ],
    }]);
  });

  it('maps lists, quotes, code, rules and simple tables; merged cells are read as text', async () => {
    const { article } = await html(page(
      '<ol start="3"><li>أول</li><li><p>ثان</p><ul><li>فرعي</li></ul></li></ol>' +
      '<blockquote><p>قال: «لا»</p></blockquote><pre><code class="language-js">let x = 1;\n  x++;</code></pre><hr>' +
      '<table><thead><tr><th>البلد</th><th>العاصمة</th></tr></thead><tbody><tr><td>روسيا</td><td>موسكو</td></tr><tr><td>الولايات المتحدة</td><td>واشنطن</td></tr></tbody></table>' +
      '<table><tr><td colspan="2">خلية مدمجة</td></tr></table><p>&nbsp;</p><p>\u200B<br></p><h2>&nbsp;</h2>',
    ));
    const t = (value: string): Inline[] => [{ type: 'text', value }];
    expect(article.blocks).toEqual([
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', children: t('أول') }], [{ type: 'paragraph', children: t('ثان') }, { type: 'list', ordered: false, items: [[{ type: 'paragraph', children: t('فرعي') }]] }]] },
      { type: 'blockquote', children: [{ type: 'paragraph', children: t('قال: «لا»') }] },
      { type: 'code', value: 'let x = 1;\n  x++;', lang: 'js' },
      { type: 'thematicBreak' },
      { type: 'table', header: [t('البلد'), t('العاصمة')], rows: [[t('روسيا'), t('موسكو')], [t('الولايات المتحدة'), t('واشنطن')]] },
      { type: 'paragraph', children: t('خلية مدمجة') },
    ]);
  });

  it('keeps a small grid of thumbnails and links that Readability takes for layout, without its blank image row', async () => {
    // The shape of Wikipedia's galleries (ar-wikipedia-mathematics.html, id="mwAmU"): 2 × 4, every word a link.
    const thumb = (name: string): string => `<td><a href="./ملف:${name}"><img src="//upload.wikimedia.org/${name}.png" width="60" height="40"></a></td>`;
    const link = (name: string): string => `<td><a href="./${name}">${name}</a></td>`;
    const prose = '<p>' + 'نص المقالة الذي يكفي ليكون مقالة، '.repeat(12) + '</p>';
    const gallery = `<table><tbody><tr>${thumb('a')}<td></td></tr><tr>${link('نظرية الحوسبة')}${link('علم التعمية')}</tr><tr>${thumb('b')}${thumb('c')}</tr><tr>${link('نظرية المخططات')}${link('التوافقيات')}</tr></tbody></table>`;
    const { article } = await html(page(`${prose}${gallery}${prose}`));
    const tables = article.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((row) => row.map((cell) => inlineText(cell)))).toEqual([['نظرية الحوسبة', 'علم التعمية'], ['نظرية المخططات', 'التوافقيات']]);
  });

  it('keeps a saved page’s local pictures inside table cells, as images in the cell’s line with their captions and links', async () => {
    const prose = '<p>' + 'نص المقالة الذي يكفي ليكون مقالة، '.repeat(12) + '</p>';
    const table = '<table><tr><th>البلد</th><th>العلم</th></tr>' +
      '<tr><td>مصر</td><td><img src="flags/eg.png" alt="علم مصر"></td></tr>' +
      '<tr><td>تونس</td><td><figure><img src="flags/tn.png" alt="علم تونس"><figcaption>منذ 1959</figcaption></figure></td></tr>' +
      '<tr><td>ليبيا</td><td><img src="https://x.example/ly.png" alt="علم ليبيا"></td></tr>' +
      '<tr><td>الجزائر</td><td><a href="https://x.example/dz"><img src="flags/dz.png" alt="علم الجزائر"></a></td></tr></table>';
    const { article } = await html(page(`${prose}${table}${prose}`));
    const tables = article.blocks.filter((b) => b.type === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows).toEqual([
      [[{ type: 'text', value: 'مصر' }], [{ type: 'image', src: 'flags/eg.png', alt: 'علم مصر' }]],
      [[{ type: 'text', value: 'تونس' }], [{ type: 'image', src: 'flags/tn.png', alt: 'علم تونس' }, { type: 'break' }, { type: 'text', value: 'منذ 1959' }]],
      // A web image is not fetched: its cell keeps what it shows in words.
      [[{ type: 'text', value: 'ليبيا' }], [{ type: 'text', value: 'علم ليبيا' }]],
      // A thumbnail that links to its page keeps its link.
      [[{ type: 'text', value: 'الجزائر' }], [{ type: 'link', url: 'https://x.example/dz', children: [{ type: 'image', src: 'flags/dz.png', alt: 'علم الجزائر' }] }]],
    ]);
  });

  it('reads a header of two rows: the rest of a <thead>, or with no <thead> a second row of headings only', async () => {
    const prose = '<p>' + 'نص المقالة الذي يكفي ليكون مقالة، '.repeat(12) + '</p>';
    const groups = '<tr><th colspan="2">الجولة الأولى</th><th colspan="2">الجولة الثانية</th></tr>';
    const columns = '<tr><th>الأصوات</th><th>النسبة</th><th>الأصوات</th><th>النسبة</th></tr>';
    const body = '<tr><td>1204</td><td>40</td><td>877</td><td>35</td></tr><tr><td>96</td><td>3</td><td>15320</td><td>60</td></tr>';
    const headers = async (table: string): Promise<boolean[]> => {
      const { article } = await html(page(`${prose}${table}${prose}`));
      const block = article.blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
      return tableGrid(block ?? expect.unreachable('no table')).rows.map((row) => row.header);
    };
    expect(await headers(`<table><thead>${groups}${columns}</thead><tbody>${body}</tbody></table>`)).toEqual([true, true, false, false]);
    expect(await headers(`<table><tbody>${groups}${columns}${body}</tbody></table>`)).toEqual([true, true, false, false]);
    // A row of one heading across the table after the header heads the rows below it, not the columns.
    expect(await headers(`<table><tbody>${columns}<tr><th colspan="4">المدن</th></tr>${body}</tbody></table>`)).toEqual([true, false, false, false]);
  });

  it('drops a body h1 equal to the title and shifts headings so the shallowest is level 1', async () => {
    const { article } = await html(page('<p>مقدمة.</p><h3>قسم</h3><p>نص.</p><h4>فرع</h4><p>نص آخر.</p>'));
    expect(article.blocks.map((b) => (b.type === 'heading' ? `h${b.level}:${inlineText(b.children)}` : b.type))).toEqual(['paragraph', 'h1:قسم', 'paragraph', 'h2:فرع', 'paragraph']);
    const two = (await html(page('<p>مقدمة.</p><h1>عنوان آخر داخل المقال</h1><p>نص.</p><h2>قسم</h2><p>نص.</p>'))).article;
    expect(two.blocks.filter((b) => b.type === 'heading').map((b) => b.type === 'heading' && `h${b.level}`)).toEqual(['h1', 'h2']);
  });

  it('keeps local images (paths relative to the page, file: URLs), one in running text in its line, and skips every remote one with a warning', async () => {
    const file = path.join(FIXTURES, 'alaska-summit_files', 'anchorage-map.png');
    const { article, warnings } = await html(page(
      '<p>نص.</p><figure><img src="img/a%20b.png?v=3#x" alt="أ"><figcaption>تعليق <em>مائل</em></figcaption></figure>' +
      `<p><img src="${pathToFileURL(file).href}" alt="ب"></p><p><a href="https://x.example/big.jpg"><img src="d.png" alt="د"></a><span></span></p>` +
      '<img src="http://x.example/1.jpg"><img src="https://x.example/2.jpg"><img src="//x.example/3.jpg"><img src="data:image/png;base64,iVBORw0KGgo=">' +
      '<img src="/wp-content/uploads/4.jpg"><img src="https://x.example/pixel.gif" width="1" height="1"><p>نص فيه <img src="c.png" alt="صورة"> صورة.</p>',
    ));
    expect(article.blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'نص.' }] },
      { type: 'figure', src: 'img/a b.png', alt: 'أ', caption: [{ type: 'text', value: 'تعليق ' }, { type: 'emphasis', children: [{ type: 'text', value: 'مائل' }] }] },
      { type: 'figure', src: file, alt: 'ب', caption: [] },
      { type: 'figure', src: 'd.png', alt: 'د', caption: [] },
      { type: 'paragraph', children: [{ type: 'text', value: 'نص فيه ' }, { type: 'image', src: 'c.png', alt: 'صورة' }, { type: 'text', value: ' صورة.' }] },
    ]);
    for (const url of ['http://x.example/1.jpg', 'https://x.example/2.jpg', '//x.example/3.jpg', 'data:image/png;base64', '/wp-content/uploads/4.jpg']) {
      expect(warnings.some((w) => w.startsWith('page.html: skipped') && w.includes(url)), url).toBe(true);
    }
    expect(warnings.join('\n')).not.toContain('pixel.gif');
  });

  it('keeps images local under a <base href> (a saved page often keeps one) and resolves links against it', async () => {
    const { article, warnings } = await html(page('<p>نص <a href="../other">آخر</a>.</p><p><img src="files/a.png" alt="أ"></p>', '<base href="https://site.example/news/x/">'));
    expect(warnings).toEqual([]);
    expect(article.blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'نص ' }, { type: 'link', url: 'https://site.example/news/other', children: [{ type: 'text', value: 'آخر' }] }, { type: 'text', value: '.' }] },
      { type: 'figure', src: 'files/a.png', alt: 'أ', caption: [] },
    ]);
  });

  it('removes read-also boxes and share bars by their labels, but not body text that starts like one', async () => {
    const body =
      '<p>فقرة أولى من المقال تحكي ما جرى في القمة بين الزعيمين بالتفصيل الممل ولغرض الاختبار فقط لا غير.</p>' +
      '<p><strong>اقرأ أيضا:</strong> <a href="/x">مقال آخر عن القمة</a></p>' +
      '<div><span>شارك على</span> <a href="https://facebook.com/x">فيسبوك</a> <a href="https://x.com/y">إكس</a></div>' +
      '<p>شارك الرئيس في القمة.</p>' +
      '<div class="box"><h3>مواضيع ذات صلة</h3><ul><li><a href="/a">عنوان أول</a></li><li><a href="/b">عنوان ثان</a></li></ul></div>' +
      '<p>مشاركة</p><ul><li><a href="/c">رابط</a></li></ul>' +
      '<p>فقرة أخيرة طويلة بما يكفي لئلا تكون سطرا قصيرا من أسطر الذيل في آخر الصفحة.</p><p>المصدر: وكالات</p>';
    const { article } = await html(page(body));
    // The short body line that merely starts with «شارك» stays; «المصدر: وكالات» ends the text as in plain text.
    expect(article.blocks.map((b) => blocksText([b]))).toEqual([
      'فقرة أولى من المقال تحكي ما جرى في القمة بين الزعيمين بالتفصيل الممل ولغرض الاختبار فقط لا غير.',
      'شارك الرئيس في القمة.',
      'فقرة أخيرة طويلة بما يكفي لئلا تكون سطرا قصيرا من أسطر الذيل في آخر الصفحة.',
    ]);
  });

  it('trusts <html lang dir> unless the text contradicts it; fixes locale spellings; refuses junk tags', async () => {
    const arabic = '<p>بعد شهور من التكهنات حول إمكانية عقد قمة بين الرئيس الأمريكي والرئيس الروسي تم الإعلان أخيرا عن لقاء.</p>';
    const doc = (attrs: string): string => `<html ${attrs}><head><title>قمة</title></head><body>${arabic}</body></html>`;
    expect((await html(doc('lang="ar_EG" dir="rtl"'))).article.meta).toMatchObject({ lang: 'ar-EG', dir: 'rtl' });
    const english = await html(doc('lang="en-US"'));
    expect(english.article.meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(english.warnings[0]).toMatch(/lang="en-US" but its text reads right to left/);
    const junk = await html(doc('lang="arabic!"'));
    expect(junk.article.meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(junk.warnings[0]).toMatch(/"arabic!" is not a language tag/);
    const ltr = await html(doc('lang="ar" dir="ltr"'));
    expect(ltr.article.meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(ltr.warnings[0]).toMatch(/dir="ltr"/);
    expect((await html(doc('lang="en-US"'), { lang: 'fa' })).article.meta).toMatchObject({ lang: 'fa', dir: 'rtl' });
  });

  it('normalises dates to what the model accepts and never guesses day/month order', async () => {
    expect(normalizeDate('2025-08-12')).toBe('2025-08-12');
    expect(normalizeDate('2025-08-12T09:30:00+0300')).toBe('2025-08-12T09:30:00+03:00');
    expect(normalizeDate('2025-08-12 09:30:00Z')).toBe('2025-08-12T09:30:00Z');
    expect(normalizeDate('2025-08-12T09:30')).toBe('2025-08-12');
    expect(normalizeDate('Tue, 12 Aug 2025 06:30:00 GMT')).toBe('2025-08-12T06:30:00Z');
    expect(normalizeDate('August 12, 2025')).toBe('2025-08-12');
    expect(normalizeDate('12/08/2025')).toBeUndefined();
    expect(normalizeDate('2025-02-30')).toBeUndefined();
    const { article, warnings } = await html(page('<p>نص.</p>', '<meta property="article:published_time" content="أمس">'));
    expect(article.meta.date).toBeUndefined();
    expect(warnings).toEqual(['page.html: publication date "أمس" is not a date warraq can read; left out']);
  });

  it('finds a class-named dek next to the headline (or in an <hgroup>), never a widget subtitle elsewhere', async () => {
    const widget = '<aside><h3 class="widget-subtitle">الأكثر تداولا</h3><ul><li><a href="/1">خبر</a></li></ul></aside>';
    const body = '<p>فقرة المقال الأولى.</p>';
    const withDek = (await html(`<html lang="ar"><head><title>ع</title></head><body>${widget}<article><header><h1>العنوان</h1><p class="article-subtitle">السطر التمهيدي</p></header>${body}</article></body></html>`)).article;
    expect(withDek.meta.title).toBe('العنوان');
    expect(withDek.meta.subtitle).toBe('السطر التمهيدي');
    expect(withDek.blocks.map((b) => blocksText([b]))).toEqual(['فقرة المقال الأولى.']);
    const hgroup = (await html(`<html lang="ar"><head><title>ع</title></head><body><article><hgroup><h1>العنوان</h1><h2>السطر التمهيدي</h2></hgroup>${body}</article></body></html>`)).article;
    expect(hgroup.meta.subtitle).toBe('السطر التمهيدي');
    const none = (await html(`<html lang="ar"><head><title>ع</title></head><body>${widget}<article><h1>العنوان</h1>${body}</article></body></html>`)).article;
    expect(none.meta.subtitle).toBeUndefined();
  });

  it('does not take the site for an author', async () => {
    const head = '<meta property="og:site_name" content="الوطن نيوز"><script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Organization","name":"الوطن نيوز"},{"@type":"Person","name":"سارة المنصوري"}]}</script>';
    expect((await html(page('<p>نص.</p>', head))).article.meta).toMatchObject({ authors: ['سارة المنصوري'], publisher: 'الوطن نيوز' });
  });

  it('takes a short description as the subtitle only when it is not the opening of the text', async () => {
    const desc = async (d: string, body: string): Promise<Article> => (await html(page(body, `<meta name="description" content="${d}">`))).article;
    expect((await desc('قمة ألاسكا: اختبار جديد', '<p>نص المقال.</p>')).meta.subtitle).toBe('قمة ألاسكا: اختبار جديد');
    expect((await desc('بعد شهور من التكهنات', '<p>بعد شهور من التكهنات حول القمة.</p>')).meta.subtitle).toBeUndefined();
    expect((await desc('هذه جملة كاملة.', '<p>نص.</p>')).meta.subtitle).toBeUndefined();
    const printed = await desc('قمة ألاسكا: اختبار جديد', '<p>قمة ألاسكا: اختبار جديد</p><p>نص المقال.</p>');
    expect(printed.meta.subtitle).toBe('قمة ألاسكا: اختبار جديد');
    expect(printed.blocks.map((b) => blocksText([b]))).toEqual(['نص المقال.']);
  });

  it('takes the headline from the part of <title> that a heading repeats, without the site name', async () => {
    const { article } = await html('<html lang="ar"><head><title>مدونتي - عنوان التدوينة</title></head><body><div class="post"><h3>عنوان التدوينة</h3>' +
      '<div class="post-body">الفقرة الأولى من التدوينة.<br><br>والفقرة الثانية.</div></div></body></html>');
    expect(article.meta.title).toBe('عنوان التدوينة');
    expect(article.blocks.map((b) => blocksText([b]))).toEqual(['الفقرة الأولى من التدوينة.', 'والفقرة الثانية.']);
  });

  it('titles a page without <title>, og:title or <h1> by its file name instead of refusing it', async () => {
    const { article } = await html('<html><body><p>نص الصفحة بلا عنوان.</p></body></html>');
    expect(article.meta.title).toBe('page');
    expect(inlineText((article.blocks[0] as Extract<Block, { type: 'paragraph' }>).children)).toBe('نص الصفحة بلا عنوان.');
  });
});

describe('legacy encodings of saved pages', () => {
  // windows-1256 has no encoder in Node: the inverse of its decoder table encodes.
  const table = new TextDecoder('windows-1256').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const to1256 = (text: string): Uint8Array => Uint8Array.from([...text].map((ch) => {
    const byte = table.indexOf(ch);
    if (byte < 0) throw new Error(`no windows-1256 byte for ${ch}`);
    return byte;
  }));
  const source = '<html lang="ar"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>قمة ألاسكا</title></head><body><article><h1>قمة ألاسكا</h1><p>يلتقي الرئيسان في ألاسكا.</p></article></body></html>';

  it('decodes a windows-1256 page by its <meta charset>, and it parses', async () => {
    const text = decodeHtml(to1256(source), 'old.html');
    expect(text).toBe(source);
    expect((await parseString(text, 'html', { file: 'old.html' })).blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', value: 'يلتقي الرئيسان في ألاسكا.' }] }]);
  });

  it('parseFile reads a saved windows-1256 page', async () => {
    const file = writeTemp(to1256(source), 'old.html');
    expect((await parseFile(file)).meta).toMatchObject({ title: 'قمة ألاسكا', lang: 'ar', dir: 'rtl' });
  });

  it('keeps UTF-8 when the bytes are UTF-8 whatever the meta says; refuses unknown charsets and binary data', () => {
    expect(decodeHtml(new TextEncoder().encode(source), 'saved.html')).toBe(source);
    const unknown = to1256(source.replace('windows-1256', 'x-klingon'));
    expect(() => decodeHtml(unknown, 'k.html')).toThrow(new UserError('k.html: the page declares the unknown charset "x-klingon"'));
    expect(() => decodeHtml(to1256(source.replace(/<meta[^>]*>/, '')), 'n.html')).toThrow(/^n\.html: invalid UTF-8 at byte/);
    expect(() => decodeHtml(Uint8Array.from([0x3c, 0, 1, 2, 0xff]), 'b.html')).toThrow(/binary data/);
  });
});

describe('no network, ever', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads pages full of remote resources without fetching anything', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used'));
    await parseWithWarnings(PAGE);
    await parseWithWarnings(BLOG_PAGE);
    expect(fetch).not.toHaveBeenCalled();
  });
});

/** The text a browser shows of a page's body: what scripts, styles, templates and the title hold left out. */
function shownAsText(source: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${source}</body></html>`);
  for (const el of Array.from(document.querySelectorAll('script, style, noscript, template, svg, title, head')) as { remove(): void }[]) el.remove();
  return document.body?.textContent ?? '';
}

describe('any HTML parses into a valid model or is refused with a UserError', () => {
  const RUNS = fuzzRuns(150);
  const CANARY = 'CANARY';
  // Arabic text, tags (well- and ill-formed), attributes with handlers, entities, and code that must never leak.
  const piece = fc.constantFrom(
    'قمة', 'ألاسكا', 'Putin', '2025', ' ', '\n', '<p>', '</p>', '<div class="ad">', '<div class="share">', '</div>', '<h1>', '</h1>', '<h2>', '</h2>',
    '<h6>', '<ul>', '<li>', '</ul>', '<ol start="-4">', '<table>', '<tr>', '<td colspan="x">', '<th>', '</table>', '<blockquote>', '<pre>', '<code>',
    '<br>', '<hr>', '<em>', '</strong>', '<q>', '<a href="javascript:CANARY()">', '<a href="https://e.example/x">', '<a href="#">', '</a>',
    '<img src="x.png" alt="ص">', '<img src="https://e.example/i.jpg">', '<img data-src="">', '<figure>', '<figcaption>', '</figure>',
    '<script>CANARY</script>', '<style>.CANARY{}</style>', '<p onclick="CANARY()">', '<!-- CANARY -->', '<noscript>CANARY</noscript>',
    '<template>CANARY</template>', '<svg><script>CANARY</script><text>svg</text></svg>', '<html lang="xx_YY" dir="ltr">', '<html lang="!!">', '<title>', '</title>',
    '<meta property="article:published_time" content="2025-99-99">', '<script type="application/ld+json">{"@type":"NewsArticle","author":[1,null,{"name":["x"]}],"datePublished":5}</script>',
    '<base href="javascript:CANARY">', '&amp;', '&#0;', '&#x202E;', '&nbsp;', 'اقرأ أيضاً', 'شارك', '<', '>', '"', "'", '\u0000', '\uFFFE',
  );
  const htmlLike = fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(''));

  it('never throws anything else, never leaks script, style, handlers or javascript: links', async () => {
    await fc.assert(
      fc.asyncProperty(htmlLike, async (source) => {
        let article: Article;
        try {
          article = await parseString(source, 'html', { file: 'f.html' });
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as Error).message).toMatch(/^f\.html: .+/);
          return;
        }
        expect(ArticleSchema.safeParse(article).success).toBe(true);
        // "<?<script>CANARY" is a bogus comment, then text a browser shows: only what no browser shows must stay out.
        if (!shownAsText(source).includes(CANARY)) expect(JSON.stringify(article)).not.toContain(CANARY);
        for (const url of links(article.blocks)) expect(url).toMatch(/^(https?|mailto):/);
      }),
      { numRuns: RUNS },
    );
  });
});
