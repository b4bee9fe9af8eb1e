import { describe, expect, it } from 'vitest';
import { inlineText, type Block } from '../../src/model/index.js';
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

  it('keeps raw HTML as visible text, never as markup', async () => {
    const a = await md('# T\n\n<script>alert(1)</script>\n\nنص <b>x</b> & y\n');
    expect(JSON.stringify(a.blocks)).toContain('<script>alert(1)</script>');
    expect(inlineText((a.blocks[1] as Extract<Block, { type: 'paragraph' }>).children)).toBe('نص <b>x</b> & y');
  });

  it('refuses broken front matter naming the line, and a missing title', async () => {
    await expect(md('---\ntitle: a\nauthors: [x\n---\n\nنص\n')).rejects.toThrow(/^a\.md: broken YAML front matter at line \d+: /);
    await expect(md('بلا عنوان.\n')).rejects.toThrow(/^a\.md: no title/);
  });
});
