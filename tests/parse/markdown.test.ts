import { describe, expect, it } from 'vitest';
import { blockText, inlineText, type Block } from '../../src/model/index.js';
import { parseString } from '../../src/parse/index.js';

const md = (text: string, warn: (m: string) => void = () => {}) => parseString(text, 'md', { file: 'a.md', diagnostics: { warn } });

describe('Markdown reader', () => {
  it('maps YAML front matter onto meta and keeps unknown keys', async () => {
    const a = await md(`---
title: قمة ألاسكا
subtitle: اختبار جديد
author: [سارة, Omar Ali]
date: 2025-08-15
tags: سياسة، روسيا
url: https://example.org/a
desk: world
---

نص الفقرة.
`);
    expect(a.meta).toMatchObject({
      title: 'قمة ألاسكا',
      subtitle: 'اختبار جديد',
      authors: ['سارة', 'Omar Ali'],
      date: '2025-08-15',
      keywords: ['سياسة', 'روسيا'],
      source: 'https://example.org/a',
      desk: 'world',
      lang: 'ar',
      dir: 'rtl',
    });
  });

  it('maps the CommonMark and GFM blocks and inlines onto the model', async () => {
    const a = await md(`# العنوان

## قسم

فقرة فيها *مائل* و**غامق** و\`code\` و[رابط](https://example.org "t") و[مرجع][r].\\
سطر جديد.

> اقتباس

1. أول
2. ثان

- نقطة
- نقطة أخرى

---

![صورة](img.png "تعليق")

| أ | ب |
|---|---|
| 1 | 2 |

[r]: https://example.com
`);
    expect(a.meta.title).toBe('العنوان');
    const types = a.blocks.map((b) => b.type);
    expect(types).toEqual(['heading', 'paragraph', 'blockquote', 'list', 'list', 'thematicBreak', 'figure', 'table']);
    expect(a.blocks[0]).toMatchObject({ type: 'heading', level: 1 }); // ## shifted under the title
    const p = a.blocks[1] as Extract<Block, { type: 'paragraph' }>;
    expect(p.children.map((i) => i.type)).toEqual(['text', 'emphasis', 'text', 'strong', 'text', 'code', 'text', 'link', 'text', 'link', 'text', 'break', 'text']);
    expect(p.children[7]).toMatchObject({ type: 'link', url: 'https://example.org', title: 't' });
    expect(p.children[9]).toMatchObject({ type: 'link', url: 'https://example.com' });
    expect(a.blocks[3]).toMatchObject({ type: 'list', ordered: true, start: 1 });
    expect(a.blocks[4]).toMatchObject({ type: 'list', ordered: false });
    expect(a.blocks[6]).toMatchObject({ type: 'figure', src: 'img.png', alt: 'صورة' });
    expect(inlineText((a.blocks[6] as Extract<Block, { type: 'figure' }>).caption)).toBe('تعليق');
  });

  it('never shows raw HTML blocks as text: comments and scripts go, wrappers give their text', async () => {
    const a = await md('# T\n\n<!-- a translator\'s note -->\n\n<script>alert(1)</script>\n\n<div align="center">\n\nنص تحت الغلاف.\n\n</div>\n');
    expect(JSON.stringify(a.blocks)).not.toMatch(/<|alert|translator/);
    expect(a.blocks.map((b) => blockText(b))).toEqual(['نص تحت الغلاف.']);
  });

  it('maps inline HTML formatting onto the model; other tags go with one warning each, their text kept', async () => {
    const warnings: string[] = [];
    const a = await md('# T\n\nنص <b>غامق</b> و<i>مائل</i> وE=mc<sup>2</sup> وx<sub>i</sub><br>سطر <del>محذوف</del> <kbd>Ctrl</kbd> <span dir="ltr" lang="en">C++ (v2)</span> <Tooltip>تلميح</Tooltip> <Tooltip>ثان</Tooltip> <script>CANARY</script>.\n', (m) => warnings.push(m));
    const p = a.blocks[0] as Extract<Block, { type: 'paragraph' }>;
    expect(p.children.filter((i) => i.type !== 'text')).toEqual([
      { type: 'strong', children: [{ type: 'text', value: 'غامق' }] },
      { type: 'emphasis', children: [{ type: 'text', value: 'مائل' }] },
      { type: 'superscript', children: [{ type: 'text', value: '2' }] },
      { type: 'subscript', children: [{ type: 'text', value: 'i' }] },
      { type: 'break' },
      { type: 'delete', children: [{ type: 'text', value: 'محذوف' }] },
      { type: 'code', value: 'Ctrl' },
      { type: 'span', dir: 'ltr', lang: 'en', children: [{ type: 'text', value: 'C++ (v2)' }] },
    ]);
    expect(inlineText(p.children)).toBe('نص غامق ومائل وE=mc2 وxi\nسطر محذوف Ctrl C++ (v2) تلميح ثان .');
    expect(warnings).toEqual(['a.md: dropped <Tooltip> tags (an MDX/JSX component); what they hold is kept']);
  });

  it('makes heading anchors ids, not text: <a id>, <a name>, {#x}', async () => {
    const a = await md('# T\n\n## <a id="setup"></a>التجهيز\n\n## المراجع {#refs}\n\n### <a name="old"></a>قديم {#new .cls}\n\nفقرة <a id="p1"></a>أولى.\n');
    expect(a.blocks.map((b) => [b.type, blockText(b), b.id])).toEqual([
      ['heading', 'التجهيز', 'setup'],
      ['heading', 'المراجع', 'refs'],
      ['heading', 'قديم', 'new'],
      ['paragraph', 'فقرة أولى.', 'p1'],
    ]);
  });

  it('reads a JSX tag micromark leaves as text (an attribute in braces) as a tag, never as text', async () => {
    const a = await md("# T\n\nشبیه تصویر زیر است:\n\n<img\n  src=\"/images/ui.png\"\n  width=\"300\"\n  style={{margin: '0 auto'}}\n/>\nبرای پیاده سازی\n");
    expect(a.blocks.map((b) => blockText(b))).toEqual(['شبیه تصویر زیر است:', 'برای پیاده سازی']);
  });

  it('leaves remote images out, with one warning: warraq never downloads (an explicit caption stays)', async () => {
    const warnings: string[] = [];
    const a = await md('# ع\n\n![صورة](https://example.org/a.png)\n\n[![شارة](https://img.shields.io/b.svg)](https://x.org)\n\n![خريطة](//cdn.example.org/m.png "خريطة المنطقة")\n\n![محلية](map.png)\n', (m) => warnings.push(m));
    expect(a.blocks.map((b) => `${b.type}:${blockText(b)}`)).toEqual(['paragraph:خريطة المنطقة', 'figure:محلية']);
    expect(warnings).toEqual(['a.md: skipped remote images such as https://example.org/a.png (images are never downloaded; save them next to the file and point at them)']);
  });

  it('reads spaces in a row as one word space, as a browser shows them; code keeps its own', async () => {
    const article = await parseString('# ع\n\n| أ | ب |\n|---|---|\n| مثل الجدران   والتحكم |\tنص\tآخر `a   b` |\n', 'md', { file: 'cells.md' });
    const table = article.blocks.find((b) => b.type === 'table');
    if (table?.type !== 'table') throw new Error('no table');
    expect(table.rows[0]?.map((cell) => inlineText(cell))).toEqual(['مثل الجدران والتحكم', 'نص آخر a   b']);
  });

  it('refuses broken front matter naming the line', async () => {
    await expect(md('---\ntitle: a\nauthors: [x\n---\n\nنص\n')).rejects.toThrow(/^a\.md: broken YAML front matter at line \d+: /);
  });
});

describe('Markdown titles: never refused', () => {
  const titled = async (text: string, file = 'a.md') => {
    const a = await parseString(text, 'md', { file });
    return { title: a.meta.title, blocks: a.blocks.map((b) => `${b.type}:${blockText(b)}`) };
  };

  it('takes the front matter title, and drops a leading heading that repeats it', async () => {
    expect(await titled('---\ntitle: مقدمة\n---\n\n# مقدمة\n\nنص.\n')).toEqual({ title: 'مقدمة', blocks: ['paragraph:نص.'] });
  });

  it('takes the first heading of any level when it opens the text, after comments, template tags and images', async () => {
    const source = "<!--\nCO_OP_TRANSLATOR_METADATA: {}\n-->\n{% set icon = '<span class=\"x\"></span>' %}\n\n[![badge](b.png)](https://example.org)\n\n## درک مدیریت ریسک\n\nمتن.\n";
    const a = await titled(source);
    expect(a.title).toBe('درک مدیریت ریسک');
    expect(a.blocks).toEqual(['figure:badge', 'paragraph:متن.']);
  });

  it('else takes the first line (of a front matter without title, too), else the file name', async () => {
    expect(await titled('---\ncontributors: [x]\n---\n\nسطر أول قصير.\nسطر ثان.\n\n## لاحقاً\n')).toEqual({ title: 'سطر أول قصير.', blocks: ['paragraph:سطر ثان.', 'heading:لاحقاً'] });
    const long = `${'كلمة '.repeat(30).trim()}.`;
    expect(await titled(`${long}\n`, 'docs/cs-229.md')).toEqual({ title: 'cs-229', blocks: [`paragraph:${long}`] });
    expect((await titled('```\ncode\n```\n', 'x/only-code.md')).title).toBe('only-code');
  });

  it('takes no opening sentence for a title, and in an RTL document the translation under an English first line', async () => {
    const opening = 'لقد أنشئت لغة البايثون في بداية التسعينات. هي الآن أحد أشهر اللغات الموجودة.';
    expect(await titled(`${opening}\n`, 'docs/learn-python.md')).toEqual({ title: 'learn-python', blocks: [`paragraph:${opening}`] });
    const bilingual = '**1. Linear Algebra refresher**\n\n<div dir="rtl">\nملخص الجبر الخطي\n</div>\n\n**2. Notations**\n\n<div dir="rtl">\nالرموز العامة المستعملة في هذا الملخص كله\n</div>\n';
    expect(await titled(bilingual)).toEqual({ title: 'ملخص الجبر الخطي', blocks: ['paragraph:1. Linear Algebra refresher', 'paragraph:2. Notations', 'paragraph:الرموز العامة المستعملة في هذا الملخص كله'] });
    // An English document keeps its own first line, whatever the line after it.
    expect((await titled('**Linear Algebra**\n\nملخص\n\nThe notes that follow are all in English, and long enough to tell.\n')).title).toBe('Linear Algebra');
  });

  it('unwraps <div dir> and <p dir> wrappers, before the title too, and applies their dir and lang', async () => {
    const a = await parseString('<div dir="rtl" markdown="1">\n\n# کلاس ها در کاتلین\n\nمتن اول\n\n</div>\n\n```kotlin\nclass C\n```\n\n<p dir=\'ltr\'>\nEnglish text\n</p>\n', 'md', { file: 'k.md' });
    expect(a.meta.title).toBe('کلاس ها در کاتلین');
    // Directions the article has already are not repeated on its blocks.
    expect(a.blocks.map((b) => [b.type, b.dir, b.type === 'code' ? undefined : b.lang])).toEqual([
      ['paragraph', undefined, undefined],
      ['code', undefined, undefined],
      ['paragraph', 'ltr', 'en'],
    ]);
    // In an English article, a wrapper's dir and lang set an Arabic sentence that opens with a Latin word.
    const en = await parseString('---\ntitle: Notes\nlang: en\n---\n\nThe library is described below in English and in Arabic.\n\n<div dir="rtl" lang="ar-EG">\nReact مكتبة لبناء واجهات المستخدم الحديثة\n</div>\n', 'md', { file: 'n.md' });
    expect(en.blocks.map((b) => [b.dir, b.type === 'code' ? undefined : b.lang])).toEqual([[undefined, undefined], ['rtl', 'ar-EG']]);
  });

  it('reads real HTML inside Markdown as HTML, in the direction of the <div dir> around it', async () => {
    const a = await parseString("# Coding Interview University\n\nA plan of study for software engineers, in English first.\n<div dir='rtl'>\n\t<h2> על מה מדובר כאן?</h2>\n\t<p>\nטקסט <a href='https://example.org'>קישור</a>\n</p>\n\nעוד טקסט.\n\n</div>\n\nAfter.\n", 'md', { file: 'h.md' });
    expect(a.meta.lang).toBe('en');
    expect(a.blocks.map((b) => [b.type, blockText(b), b.dir])).toEqual([
      ['paragraph', 'A plan of study for software engineers, in English first.', undefined],
      ['heading', 'על מה מדובר כאן?', 'rtl'],
      ['paragraph', 'טקסט קישור', 'rtl'],
      ['paragraph', 'עוד טקסט.', 'rtl'],
      ['paragraph', 'After.', undefined],
    ]);
  });

  it('drops MDX components with one warning per kind, keeping what they hold; a heading\'s {/*id*/} is its id', async () => {
    const warnings: string[] = [];
    const a = await md('---\ntitle: T\n---\n<Intro>\nمقدمة الدرس.\n</Intro>\n\n<Note>\n\nملاحظة.\n\n</Note>\n\n<Note>\n\nثانية.\n\n</Note>\n\n## ماذا ستبني؟ {/*what-are-you-building*/}\n', (m) => warnings.push(m));
    expect(a.blocks.map((b) => `${b.type}:${blockText(b)}`)).toEqual(['paragraph:مقدمة الدرس.', 'paragraph:ملاحظة.', 'paragraph:ثانية.', 'heading:ماذا ستبني؟']);
    expect(a.blocks[3]).toMatchObject({ id: 'what-are-you-building' });
    expect(warnings).toEqual([
      'a.md: dropped <Intro> tags (an MDX/JSX component); what they hold is kept',
      'a.md: dropped <Note> tags (an MDX/JSX component); what they hold is kept',
    ]);
  });
});
