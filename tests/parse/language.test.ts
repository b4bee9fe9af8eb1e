// Language and direction as the model settles them: from a language tag's script, and from the prose of a
// document (not its code, addresses or links' titles).
import { describe, expect, it } from 'vitest';
import { directionOf } from '../../src/model/index.js';
import { parseString } from '../../src/parse/index.js';

const md = (text: string) => parseString(text, 'md', { file: 'doc.md' });

describe('direction of a language tag', () => {
  it('is right to left for every language written in a right-to-left script, by its likely script', () => {
    for (const tag of ['ar', 'fa', 'prs', 'ur', 'ps', 'sd', 'ug', 'ckb', 'he', 'yi', 'dv', 'syr', 'ar-EG', 'fa-AF', 'ku-Arab', 'az-Arab', 'pa-Arab']) {
      expect([tag, directionOf(tag)]).toEqual([tag, 'rtl']);
    }
    for (const tag of ['en', 'fr', 'tr', 'ku', 'az', 'uz']) expect([tag, directionOf(tag)]).toEqual([tag, 'ltr']);
  });

  it('follows the article\'s lang when the metadata gives one the old table did not know (Dari)', async () => {
    const a = await md('---\ntitle: افغانستان\nlang: prs\n---\n\nمتن.\n');
    expect([a.meta.lang, a.meta.dir]).toEqual(['prs', 'rtl']);
  });
});

describe('language detected from the prose', () => {
  it('tells Urdu from Persian by the letters Urdu alone has', async () => {
    const urdu = await md('# عام سائبر سیکیورٹی خطرات\n\nاس سبق میں ہم درج ذیل موضوعات پر بات کریں گے: سائبر سیکیورٹی خطرہ کیا ہے؟ نقصان دہ عناصر ڈیٹا اور آلات کو کیسے نقصان پہنچاتے ہیں۔\n');
    expect([urdu.meta.lang, urdu.meta.dir]).toEqual(['ur', 'rtl']);
    const persian = await md('# درک مدیریت ریسک\n\nدر این درس، موارد زیر را پوشش خواهیم داد: تعریف اصطلاحات رایج امنیتی و انواع کنترل‌های امنیتی.\n');
    expect(persian.meta.lang).toBe('fa');
    // The Qur'an's dotless yeh is encoded as Persian yeh: still Arabic.
    const quran = await parseString('تَبَـٰرَكَ ٱلَّذِی بِیَدِهِ ٱلۡمُلۡكُ وَهُوَ عَلَىٰ كُلِّ شَیۡءࣲ قَدِیرٌ ۝١\n', 'txt', { file: 'q.txt' });
    expect(quran.meta.lang).toBe('ar');
  });

  it('counts prose letters only: an Arabic tutorial full of code and English link titles is Arabic', async () => {
    const code = '```js\n' + 'function handleClick(index) { const nextSquares = squares.slice(); setSquares(nextSquares); }\n'.repeat(40) + '```\n';
    const links = Array.from({ length: 20 }, (_, i) => `- [Introduction to React components and state, part ${i}](https://react.dev/learn/${i}) https://example.org/reference/${i}`).join('\n');
    const a = await md(`# شرح تطبيقي\n\nسنبني في هذا الدرس لعبة صغيرة. التقنيات التي ستتعلمها أساسية لبناء أي تطبيق، وفهمها سيمنحك فهماً عميقاً.\n\n${code}\n${links}\n`);
    expect([a.meta.lang, a.meta.dir]).toEqual(['ar', 'rtl']);
  });

  it('takes a right-to-left script with a small share when the title is written in it; not without', async () => {
    const topics = Array.from({ length: 15 }, (_, i) => `- Data structures and algorithms, topic number ${i}: arrays, linked lists`).join('\n');
    const hebrew = await md(`# Coding Interview University אוניברסיטיה של ראיונות קוד\n\nבהתחלה, זאת היתה רשימה קצרה של נושאי לימוד כדי להיות מהנדס תוכנה, אבל עם הזמן הפרוייקט צמח.\n\n${topics}\n`);
    // About a tenth of the letters are Hebrew, as in the real translation (tests/fixtures/real).
    expect([hebrew.meta.lang, hebrew.meta.dir]).toEqual(['he', 'rtl']);
    const english = await md(`# Coding Interview University\n\nAt first this was a short list of topics; in Hebrew: זאת היתה רשימה קצרה.\n\n${topics}\n`);
    expect([english.meta.lang, english.meta.dir]).toEqual(['en', 'ltr']);
  });
});
