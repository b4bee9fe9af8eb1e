// Articles for the PDF output tests: the sample, a fully vowelled one, a Markdown-like one with Latin,
// URLs, percentages and lists, and a Persian one.
import path from 'node:path';
import { resolveArticle, type Article, type Block } from '../../../src/model/index.js';
import { parseFile } from '../../../src/parse/index.js';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');

/** The sample article through the plain-text reader, as the command line reads it. */
export async function sample(): Promise<Article> {
  return parseFile(path.join(ROOT, 'content', 'alaska-summit.txt'));
}

const VOWELLED = [
  'ذَهَبَ الطَّالِبُ إِلَى المَدْرَسَةِ صَبَاحًا، وَقَرَأَ كِتَابًا جَدِيدًا عَنْ تَارِيخِ العُلُومِ العَرَبِيَّةِ فِي العُصُورِ الوُسْطَى.',
  'قَالَ المُعَلِّمُ: إِنَّ العِلْمَ نُورٌ، وَإِنَّ الجَهْلَ ظَلَامٌ، فَاطْلُبُوا العِلْمَ مِنَ المَهْدِ إِلَى اللَّحْدِ.',
  'وَكَانَ ابْنُ الهَيْثَمِ مِنْ أَعْظَمِ عُلَمَاءِ البَصَرِيَّاتِ، وَقَدْ كَتَبَ أَكْثَرَ مِنْ مِئَتَيْ كِتَابٍ وَرِسَالَةٍ سَنَةَ 1021.',
  'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ، الرَّحْمَٰنِ الرَّحِيمِ، مَالِكِ يَوْمِ الدِّينِ.',
  'تَعَلَّمْتُ أَنَّ الصَّبْرَ مِفْتَاحُ الفَرَجِ، وَأَنَّ مَنْ جَدَّ وَجَدَ، وَمَنْ زَرَعَ حَصَدَ، وَمَنْ سَارَ عَلَى الدَّرْبِ وَصَلَ.',
];

export function vowelled(): Article {
  return resolveArticle({
    meta: { title: 'نَصٌّ مَشْكُولٌ لِلِاخْتِبَارِ', subtitle: 'فِقْرَاتٌ بِالحَرَكَاتِ الكَامِلَةِ' },
    blocks: [
      { type: 'heading', level: 2, children: [{ type: 'text', value: 'المُقَدِّمَةُ' }] },
      ...VOWELLED.map((value): Block => ({ type: 'paragraph', children: [{ type: 'text', value }] })),
      { type: 'heading', level: 2, children: [{ type: 'text', value: 'الخَاتِمَةُ' }] },
      ...[...VOWELLED].reverse().map((value): Block => ({ type: 'paragraph', children: [{ type: 'text', value }] })),
    ],
  });
}

export function markdownLike(): Article {
  const t = (value: string) => ({ type: 'text' as const, value });
  return resolveArticle({
    meta: { title: 'تقرير: الذكاء الاصطناعي في 2025', authors: ['سارة أحمد', 'John Smith'], lang: 'ar', keywords: ['AI', 'تقنية'] },
    blocks: [
      { type: 'heading', level: 2, children: [t('مقدمة')] },
      {
        type: 'paragraph',
        children: [
          t('قالت شركة '),
          { type: 'strong', children: [t('OpenAI')] },
          t(' إن نموذج GPT-4 حقق نسبة 86.4% في اختبار MMLU، بينما سجل نموذج Claude نحو 88% في العام نفسه. '),
          t('ويمكن قراءة التقرير الكامل على '),
          { type: 'link', url: 'https://example.org/report?id=42', children: [t('https://example.org/report')] },
          t(' أو في '),
          { type: 'emphasis', children: [t('الملحق الفني')] },
          t(' (الصفحات 12 إلى 15).'),
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [
          [{ type: 'paragraph', children: [t('ارتفع الاستثمار بنسبة 35% خلال عام 2024.')] }],
          [{ type: 'paragraph', children: [t('بلغ عدد المستخدمين 1.5 مليار مستخدم حول العالم.')] }],
          [{ type: 'paragraph', children: [t('انخفضت تكلفة التدريب إلى النصف تقريبا.')] }],
        ],
      },
      { type: 'heading', level: 3, children: [t('ملاحظات')] },
      {
        type: 'list',
        ordered: false,
        items: [
          [{ type: 'paragraph', children: [t('يعمل فريق Google DeepMind على نماذج جديدة.')] }],
          [{ type: 'paragraph', children: [t('The quick brown fox jumps over the lazy dog.')] }],
        ],
      },
      { type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'quote', children: [t('التقنية وحدها لا تكفي')] }, t('، كما قال أحد الباحثين في مؤتمر NeurIPS.')] }] },
      { type: 'thematicBreak' },
      { type: 'paragraph', children: [t('للتواصل: info@example.org أو الرقم 0123456789، والتحديث التالي في 15/08/2025.')] },
    ],
  });
}

export function persian(): Article {
  const t = (value: string) => ({ type: 'text' as const, value });
  return resolveArticle({
    meta: { title: 'گزارش کتاب‌خوانی در ایران', subtitle: 'نگاهی به آمار سال ۱۴۰۳' },
    blocks: [
      { type: 'paragraph', children: [t('بر اساس آمار منتشرشده، در سال ۱۴۰۳ بیش از ۲۵٪ از مردم دست‌کم یک کتاب در ماه خوانده‌اند و این رقم نسبت به سال گذشته افزایش یافته است.')] },
      { type: 'heading', level: 2, children: [t('چرا مردم کمتر می‌خوانند؟')] },
      { type: 'paragraph', children: [t('کارشناسان می‌گویند قیمت کاغذ، گرانی کتاب و سرگرمی‌های دیجیتال از مهم‌ترین دلایل کاهش کتاب‌خوانی‌اند. با این همه، نمایشگاه کتاب تهران هر سال میزبان میلیون‌ها بازدیدکننده است و ناشران بسیاری در آن شرکت می‌کنند.')] },
      { type: 'paragraph', children: [t('کتابخانه‌های عمومی کشور نزدیک به ۳۶۰۰ باب است و بیشتر آن‌ها در شهرهای کوچک قرار دارند؛ برنامه‌ریزی برای گسترش آن‌ها ادامه دارد.')] },
    ],
  });
}
