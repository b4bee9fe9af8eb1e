// What the reader reads: the article's words, unchanged and in order, in real structural elements; and
// hostile text arriving as text.
import { describe, expect, it } from 'vitest';
import { blocksText, resolveArticle } from '../../../src/model/index.js';
import { arabicMarkdown, englishMarkdown, hostile, paragraphOf, sample, text } from '../../support/articles.js';
import { wordsAsWritten } from '../../support/words.js';
import { elements, first, render, validateEverythingMade, visibleText } from './helpers.js';

describe('the article page carries the model text word for word', () => {
  it('for the sample: every word, diacritic and punctuation mark, in order', async () => {
    const article = await sample();
    const epub = await render('sample', article);
    const page = await epub.xml('OEBPS/article.xhtml');
    const shown = wordsAsWritten(visibleText(first(page, 'body')));
    expect(shown).toEqual(wordsAsWritten(blocksText(article.blocks)));
    // Marks the sample really has: shadda + tanwin fath, and the Arabic comma.
    expect(shown.join(' ')).toContain('تقدّمًا');
    expect(shown.join(' ')).toContain('،');
  });

  it('for a Markdown article with lists, a quote, a link, code and a figure', async () => {
    const article = await arabicMarkdown();
    const epub = await render('arabic-md', article);
    const page = await epub.xml('OEBPS/article.xhtml');
    expect(wordsAsWritten(visibleText(first(page, 'body')))).toEqual(wordsAsWritten(blocksText(article.blocks)));
    const body = first(page, 'body');
    // Real structure, not styled paragraphs.
    // The reader renumbers "##"/"###" to levels 1/2 (the title stands above them); the page keeps the model's levels.
    expect(elements(body, 'h1').map((h) => h.textContent)).toEqual(['أهداف موسكو']);
    expect(elements(body, 'h2').map((h) => h.textContent)).toEqual(['ما بعد القمة']);
    const ol = first(body, 'ol');
    expect(elements(ol, 'li')).toHaveLength(3);
    const outerUl = first(body, 'ul');
    expect(elements(first(outerUl, 'ul'), 'li').map((li) => li.textContent)).toEqual(['الدفاع الجوي.', 'الذخيرة.']);
    expect(first(first(body, 'blockquote'), 'p').textContent).toContain('لن نوقّع أي اتفاق');
    const link = elements(body, 'a').find((a) => a.textContent === 'موقع المجلة')!;
    expect(link.getAttribute('href')).toBe('https://example.org/analysis');
    expect(link.getAttribute('title')).toBe('التحليل الكامل');
    expect(elements(body, 'code').map((c) => c.textContent)).toEqual(['npm install warraq']);
    expect(elements(body, 'hr')).toHaveLength(1);
    const figure = first(body, 'figure');
    const img = first(figure, 'img');
    expect(img.getAttribute('alt')).toBe('خريطة ألاسكا');
    expect(first(figure, 'figcaption').textContent).toBe('موقع القمة في أنكوريج');
    // The image is embedded, by its bytes, under a stable name.
    expect(img.getAttribute('src')).toBe('images/figure-1.png');
    const png = await epub.zip.file('OEBPS/images/figure-1.png')!.async('uint8array');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(epub.warnings).toEqual([]);
  });

  it('puts title, subtitle, authors and date on the title page', async () => {
    const article = await arabicMarkdown();
    const epub = await render('arabic-md', article);
    const page = await epub.xml('OEBPS/title.xhtml');
    const section = first(page, 'section');
    expect(section.getAttribute('epub:type')).toBe('titlepage');
    expect(first(section, 'h1').textContent).toBe('قمة ألاسكا في سطور');
    const lines = elements(section, 'p').map((p) => [p.getAttribute('class'), visibleText(p)]);
    expect(lines).toEqual([
      ['subtitle', 'ما الذي يريده كل طرف؟'],
      ['byline', 'سارة العلي، Omar Haddad'],
      ['dateline', '14 أغسطس 2025'],
    ]);
    expect(first(section, 'time').getAttribute('datetime')).toBe('2025-08-14');
  });

  it('writes inline quotes with the marks of the article’s language: «» in Arabic (as the model’s text), “” in English', async () => {
    const quoted = (lang: string, before: string, inner: string) =>
      resolveArticle({
        meta: { title: inner, lang },
        blocks: [paragraphOf([text(before), { type: 'quote', children: [text(inner)] }])],
      });
    const ar = quoted('ar', 'قال المتحدث ', 'لن نوقّع');
    const arPage = await (await render('quote-ar', ar)).xml('OEBPS/article.xhtml');
    expect(visibleText(first(arPage, 'p'))).toBe('قال المتحدث «لن نوقّع»');
    expect(wordsAsWritten(visibleText(first(arPage, 'body')))).toEqual(wordsAsWritten(blocksText(ar.blocks)));
    const en = quoted('en', 'The spokesperson said ', 'we will not sign');
    const enPage = await (await render('quote-en', en)).xml('OEBPS/article.xhtml');
    expect(visibleText(first(enPage, 'p'))).toBe('The spokesperson said “we will not sign”');
  });

  it('keeps an English article’s text word for word', async () => {
    const article = await englishMarkdown();
    const epub = await render('english-md', article);
    const page = await epub.xml('OEBPS/article.xhtml');
    expect(wordsAsWritten(visibleText(first(page, 'body')))).toEqual(wordsAsWritten(blocksText(article.blocks)));
  });
});

describe('hostile text', () => {
  it('arrives as text everywhere: no element, comment or CDATA section is created by article text', async () => {
    const epub = await render('hostile', hostile());
    for (const name of ['OEBPS/title.xhtml', 'OEBPS/article.xhtml', 'OEBPS/toc.xhtml', 'OEBPS/content.opf', 'OEBPS/toc.ncx']) {
      const doc = await epub.xml(name);
      expect({ name, scripts: elements(doc, 'script').length, bold: elements(doc, 'b').length }).toEqual({ name, scripts: 0, bold: 0 });
      const all = [doc as unknown as { childNodes: ArrayLike<unknown> }];
      let comments = 0;
      let cdata = 0;
      const walk = (n: { nodeType?: number; childNodes?: ArrayLike<unknown> }): void => {
        if (n.nodeType === 8) comments++;
        if (n.nodeType === 4) cdata++;
        Array.from(n.childNodes ?? []).forEach((c) => walk(c as never));
      };
      all.forEach((d) => walk(d as never));
      expect({ name, comments, cdata }).toEqual({ name, comments: 0, cdata: 0 });
    }
    const evil = '<script>alert("x")</script> & ]]> <!-- c --> &amp; \'q\'';
    const title = await epub.xml('OEBPS/title.xhtml');
    expect(first(title, 'h1').textContent).toBe(`عنوان ${evil}`);
    expect(first(title, 'title').textContent).toBe(`عنوان ${evil}`);
    const article = await epub.xml('OEBPS/article.xhtml');
    expect(first(article, 'pre').textContent).toBe(`${evil}\n]]>`);
    expect(elements(article, 'code').map((c) => c.textContent)).toContain('</code><script>x</script>');
    expect(first(article, 'th').textContent).toBe(evil);
    const opf = await epub.xml('OEBPS/content.opf');
    expect(first(opf, 'description').textContent).toBe(`وصف ${evil}`);
    expect(first(opf, 'creator').textContent).toBe(`كاتب ${evil}`);
    expect(first(opf, 'source').textContent).toBe('https://example.org/?a=1&b=<2>');
  });

  it('drops characters XML 1.0 forbids, with a warning, and keeps the rest of the sentence', async () => {
    const epub = await render('hostile', hostile());
    const article = await epub.xml('OEBPS/article.xhtml');
    const p = first(article, 'p');
    expect(p.textContent).toContain('نص فيه محارف ممنوعة و <script>');
    expect(epub.warnings.some((w) => /forbids: .*U\+0001.*U\+000B.*U\+FFFE.*U\+D800/.test(w))).toBe(true);
  });

  it('never links javascript:, keeps the link text, and warns about missing and remote images', async () => {
    const epub = await render('hostile', hostile());
    const article = await epub.xml('OEBPS/article.xhtml');
    const hrefs = elements(article, 'a').map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/%22%3E%3Cscript%3E']);
    expect(elements(article, 'a')[0]!.getAttribute('title')).toBe('"><b>');
    expect(visibleText(first(article, 'body'))).toContain('رابط خبيث');
    expect(elements(article, 'img')).toHaveLength(0);
    // The missing image's caption stays; the remote one (no caption) leaves nothing behind.
    expect(elements(article, 'figcaption').map((f) => f.textContent)).toEqual([`تعليق <script>alert("x")</script> & ]]> <!-- c --> &amp; 'q'`]);
    expect(epub.warnings.filter((w) => /javascript:alert/.test(w))).toHaveLength(1);
    expect(epub.warnings.filter((w) => /does-not-exist\.png" not found/.test(w))).toHaveLength(1);
    expect(epub.warnings.filter((w) => /remote\.png" is not a local file/.test(w))).toHaveLength(1);
    expect(epub.zip.file(/^OEBPS\/images\//)).toHaveLength(0);
  });
});

validateEverythingMade();
