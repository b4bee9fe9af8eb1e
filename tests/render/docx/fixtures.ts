// Articles the DOCX tests render: the bundled sample, and a Markdown article that mixes Latin words,
// numbers, a URL, lists, a quote, code and a table into Arabic text.
import { deflateSync, crc32 } from 'node:zlib';
import path from 'node:path';
import { parseFile, parseString } from '../../../src/parse/index.js';
import type { Article } from '../../../src/model/index.js';

export const ROOT = path.join(import.meta.dirname, '..', '..', '..');
export const SAMPLE = path.join(ROOT, 'content', 'alaska-summit.txt');

export function sample(): Promise<Article> {
  return parseFile(SAMPLE);
}

export const MIXED_MARKDOWN = `---
title: دليل قصير إلى Unicode في الكتابة العربية
subtitle: كيف تتعايش العربية مع English والأرقام
authors: [سارة الخطيب]
keywords: [يونيكود, bidi]
date: 2025-03-01
---

# لماذا نحتاج إلى Unicode؟

يستخدم أكثر من 400 مليون شخص اللغة العربية، وقد صدر الإصدار 15.1 من معيار **Unicode** عام 2023. تعرض مكتبة *HarfBuzz* النص العربي بأشكال الحروف الصحيحة، ويمكنك قراءة المزيد على [موقع Unicode](https://www.unicode.org/standard/standard.html) أو في ملف \`README.md\`.

## الخطوات الأساسية

1. ثبّت الخط Amiri على جهازك.
2. اختر الترميز UTF-8 لكل الملفات.
3. راجع اتجاه الفقرات في Word وLibreOffice.

- الحروف العربية تتصل ببعضها.
- الأرقام مثل 2025 و3.14 تُكتب من اليسار إلى اليمين.
  - وهذه قائمة داخلية فيها كلمة Latin.
- لا تنسَ علامات الترقيم: الفاصلة، والنقطة.

> قال أحد المطورين: «الاتجاه جزء من النص، لا من الشاشة». وهذا ما يقوله أيضا تقرير W3C لعام 2019.

\`\`\`
const dir = 'rtl';
console.log(dir);
\`\`\`

| المصطلح | المعنى |
| --- | --- |
| RTL | من اليمين إلى اليسار |
| LTR | من اليسار إلى اليمين |

---

وفي الختام، لا بد من اختبار الملف في Microsoft Word وفي LibreOffice 7.4 قبل نشره.
`;

export function mixed(): Promise<Article> {
  return parseString(MIXED_MARKDOWN, 'md', { file: 'mixed.md' });
}

export const ENGLISH_MARKDOWN = `---
title: A Short Guide to Editing
authors: [Jane Doe]
---

# Why styles matter

Styles keep **headings** and *body text* consistent across 12 chapters. See [the manual](https://example.org/manual).

- First point
- Second point
`;

export function english(): Promise<Article> {
  return parseString(ENGLISH_MARKDOWN, 'md', { file: 'english.md' });
}

/** A real PNG of width × height pixels (grey), written by hand so no image library is needed. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
