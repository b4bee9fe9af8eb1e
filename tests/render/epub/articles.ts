// The articles the EPUB tests render: the bundled sample, Markdown articles in Arabic, Persian and
// English (through the project's own Markdown reader), and a hostile one built by hand.
import path from 'node:path';
import { resolveArticle } from '../../../src/model/index.js';
import type { Article } from '../../../src/model/schema.js';
import { parseFile, parseString } from '../../../src/parse/index.js';
import { ROOT } from './helpers.js';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

export function sample(): Promise<Article> {
  return parseFile(path.join(ROOT, 'content', 'alaska-summit.txt'));
}

export const ARABIC_MD = `---
title: قمة ألاسكا في سطور
subtitle: ما الذي يريده كل طرف؟
authors: [سارة العلي, Omar Haddad]
date: 2025-08-14
description: موجز بالنقاط الرئيسية قبل القمة.
publisher: دار الورّاق
source: https://example.org/alaska
keywords: [روسيا, الولايات المتحدة]
---

يلتقي الرئيسان في قاعدة **Elmendorf-Richardson** المشتركة، وتنقل وكالة *Reuters* أن الجدول يبدأ في الساعة 11:00.
اقرأ التحليل الكامل على [موقع المجلة](https://example.org/analysis "التحليل الكامل") أو شغّل \`npm install warraq\` لتجربة الأداة.

## أهداف موسكو

1. الاعتراف بالسيطرة على الأراضي.
2. رفع العقوبات عن قطاع الطاقة، ومنها شركة Gazprom.
3. إعادة فتح القنوات الدبلوماسية.

- العقوبات الثانوية على مشتري النفط.
- المساعدات العسكرية لأوكرانيا:
  - الدفاع الجوي.
  - الذخيرة.

> «لن نوقّع أي اتفاق لا يضمن أمن أوروبا» — قال المتحدث باسم الاتحاد الأوروبي.

![خريطة ألاسكا](tests/render/epub/fixtures/map.png "موقع القمة في أنكوريج")

### ما بعد القمة

يُتوقّع أن تستمر المفاوضات في جنيف، وقد يشارك فيها فريق من NATO.

"No deal is better than a bad deal," an adviser said (in English).

---

وفي الختام: C++ و Windows 10 مثالان على أسماء لاتينية تنتهي بعلامات محايدة.
`;

export async function arabicMarkdown(): Promise<Article> {
  return parseString(ARABIC_MD, 'md', { file: 'alaska.md' });
}

export const PERSIAN_MD = `# گزارش نشست آلاسکا

رئیس‌جمهور آمریکا و رئیس‌جمهور روسیه در روز ۲۴ مرداد در پایگاه هوایی دیدار کردند.

## پیامدها

- گفت‌وگوها درباره‌ی اوکراین ادامه پیدا می‌کند.
- تحریم‌ها فعلاً پابرجا هستند.

> به گفته‌ی یک دیپلمات، «این تنها آغاز راه است».

برای جزئیات بیشتر به [گزارش کامل](https://example.org/fa) مراجعه کنید.
`;

export function persianMarkdown(): Promise<Article> {
  return parseString(PERSIAN_MD, 'md', { file: 'alaska-fa.md' });
}

export const ENGLISH_MD = `---
title: The Alaska Summit in Brief
authors: [Jane Doe]
date: 2025-08-14
---

Presidents Trump and Putin meet at Joint Base *Elmendorf-Richardson* on **15 August**.

## What Moscow wants

1. Recognition of territorial gains.
2. Relief from energy sanctions.

- Secondary sanctions on oil buyers.
- Military aid to Ukraine.

> "We will not sign anything that does not guarantee Europe's security," the spokesperson said.

Read the [full analysis](https://example.org/analysis) or run \`npm install warraq\`.
`;

export function englishMarkdown(): Promise<Article> {
  return parseString(ENGLISH_MD, 'md', { file: 'alaska-en.md' });
}

/** Markup-like and XML-forbidden text in every place a string can go. */
export function hostile(): Article {
  const evil = '<script>alert("x")</script> & ]]> <!-- c --> &amp; \'q\'';
  return resolveArticle({
    meta: {
      title: `عنوان ${evil}`,
      subtitle: `فرعي ${evil}`,
      authors: [`كاتب ${evil}`],
      description: `وصف ${evil}`,
      publisher: `ناشر ${evil}`,
      source: `https://example.org/?a=1&b=<2>`,
      keywords: [evil],
      date: '2025-08-14',
      lang: 'ar',
    },
    blocks: [
      { type: 'heading', level: 1, children: [{ type: 'text', value: `عنوان فرعي ${evil}` }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: `نص\u0001 فيه\u000B محارف\uFFFE ممنوعة\uD800 و ${evil}` },
          { type: 'code', value: '</code><script>x</script>' },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'رابط خبيث' }] },
          { type: 'link', url: 'https://example.org/"><script>', title: '"><b>', children: [{ type: 'text', value: 'رابط' }] },
        ],
      },
      { type: 'code', value: `${evil}\n]]>` },
      { type: 'figure', src: 'does-not-exist.png', alt: evil, caption: [{ type: 'text', value: `تعليق ${evil}` }] },
      { type: 'figure', src: 'https://example.org/remote.png', alt: 'بعيد', caption: [] },
      { type: 'table', header: [[{ type: 'text', value: evil }]], rows: [[[{ type: 'text', value: '<td>' }]]] },
    ],
  });
}
