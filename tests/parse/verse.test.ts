// Verse in the model, from real texts: a sura is one verse block of its ayahs, never a run of headings; a
// Persian poem saved a hemistich a line is lines of two hemistichs; poetry pages' markup (aldiwan's
// div.bet-1, ganjoor's div.b > div.m1 + div.m2, a table of two cells a row) is verse with its real title;
// prose stays prose; a news page's comment-policy notice stays out.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksText, inlineText, type Article, type Block } from '../../src/model/index.js';
import { parseFile, parseString } from '../../src/parse/index.js';
import { collector } from '../support/context.js';
import { FIXTURES, REAL } from '../support/paths.js';

const POETRY = path.join(FIXTURES, 'poetry');
type Verse = Extract<Block, { type: 'verse' }>;
const verses = (article: Article): Verse[] => article.blocks.filter((b): b is Verse => b.type === 'verse');
const count = (article: Article, type: Block['type']): number => article.blocks.filter((b) => b.type === type).length;
const halves = (verse: Verse): string[][] => verse.lines.map((line) => line.map((h) => inlineText(h)));

describe('plain-text verse', () => {
  it('reads Surat al-Mulk as one verse block of its 30 ayahs, no heading, not titled by its first ayah', async () => {
    const article = await parseFile(path.join(REAL, 'ar-quran-067-al-mulk.txt'));
    expect(count(article, 'heading')).toBe(0);
    expect(count(article, 'paragraph')).toBe(0);
    const [sura, ...more] = verses(article);
    expect(more).toEqual([]);
    expect(sura!.lines).toHaveLength(30);
    expect(sura!.lines.every((line) => line.length === 1)).toBe(true);
    const source = readFileSync(path.join(REAL, 'ar-quran-067-al-mulk.txt'), 'utf8').trim().split('\n');
    expect(halves(sura!).map(([ayah]) => ayah)).toEqual(source.map((l) => l.trim().normalize('NFC')));
    expect(article.meta.title).not.toContain('تَبَـٰرَكَ');
  });

  it('reads the Rubaiyat as lines of two hemistichs, in the order of the file, with no headings', async () => {
    const article = await parseFile(path.join(REAL, 'fa-khayyam-rubaiyat.txt'));
    expect(count(article, 'heading')).toBe(0);
    const source = readFileSync(path.join(REAL, 'fa-khayyam-rubaiyat.txt'), 'utf8').trim().split('\n').slice(2).map((l) => l.trim().normalize('NFC'));
    const lines = verses(article).flatMap(halves);
    expect(lines).toHaveLength(source.length / 2);
    expect(lines.every((line) => line.length === 2)).toBe(true);
    expect(lines.flat()).toEqual(source);
    // The count line under the file name is a record, not verse.
    expect(article.blocks[0]).toMatchObject({ type: 'paragraph' });
  });

  it('keeps vocalised classical prose as paragraphs', async () => {
    const article = await parseFile(path.join(REAL, 'ar-tashkeela-vocalised.txt'));
    expect(verses(article)).toEqual([]);
    expect(count(article, 'paragraph')).toBeGreaterThan(100);
  });

  it('splits a line at a tab, a wide gap, « * » or «…» into its two hemistichs; a «count:\\t12» record is no verse', async () => {
    const text = [
      'قصيدة',
      'مقدمة قصيرة عن الشاعر وعصره ومكانته بين شعراء العربية.',
      'قِفا نَبكِ مِن ذِكرى حَبيبٍ وَمَنزِلِ\tبِسِقطِ اللِوى بَينَ الدَخولِ فَحَومَلِ',
      'فَتوضِحَ فَالمِقراةِ لَم يَعفُ رَسمُها     لِما نَسَجَتها مِن جَنوبٍ وَشَمأَلِ',
      'تَرى بَعَرَ الآرامِ في عَرَصاتِها * وَقيعانِها كَأَنَّهُ حَبُّ فُلفُلِ',
      'كَأَنّي غَداةَ البَينِ يَومَ تَحَمَّلوا … لَدى سَمُراتِ الحَيِّ ناقِفُ حَنظَلِ',
      'عدد الأبيات:\t4',
      'وهي من المعلقات السبع التي علقت على أستار الكعبة كما تقول الرواية.',
    ].join('\n');
    const article = await parseString(text, 'txt', { file: 'poem.txt' });
    const [poem, ...more] = verses(article);
    expect(more).toEqual([]);
    expect(halves(poem!)).toEqual([
      ['قِفا نَبكِ مِن ذِكرى حَبيبٍ وَمَنزِلِ', 'بِسِقطِ اللِوى بَينَ الدَخولِ فَحَومَلِ'],
      ['فَتوضِحَ فَالمِقراةِ لَم يَعفُ رَسمُها', 'لِما نَسَجَتها مِن جَنوبٍ وَشَمأَلِ'],
      ['تَرى بَعَرَ الآرامِ في عَرَصاتِها', 'وَقيعانِها كَأَنَّهُ حَبُّ فُلفُلِ'],
      ['كَأَنّي غَداةَ البَينِ يَومَ تَحَمَّلوا', 'لَدى سَمُراتِ الحَيِّ ناقِفُ حَنظَلِ'],
    ]);
    // The prose before and after stays prose; the record line is whatever it was, not verse.
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'verse', expect.not.stringMatching(/^verse$/), 'paragraph']);
  });

  it('keeps a lone short line between paragraphs a heading', async () => {
    const text = 'العنوان\nفقرة أولى طويلة بما يكفي لتكون نصاً لا عنواناً في المقال.\nعنوان فرعي\nفقرة ثانية تتبع العنوان الفرعي وتنتهي بنقطة.\n';
    const article = await parseString(text, 'txt', { file: 'a.txt' });
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'paragraph']);
  });

  it('takes an Urdu feature byline as its author, not its title', async () => {
    const text = 'تحریر: عائشہ صدیقی\nلاہور کی پرانی گلیوں میں ایک دن\nشہر کی پرانی گلیوں میں صبح سویرے زندگی جاگ اٹھتی ہے اور دکاندار اپنی دکانیں کھولتے ہیں۔\n';
    const article = await parseString(text, 'txt', { file: 'feature.txt' });
    expect(article.meta.title).toBe('لاہور کی پرانی گلیوں میں ایک دن');
    expect(article.meta.authors).toEqual(['عائشہ صدیقی']);
    expect(article.meta.lang).toBe('ur');
  });
});

describe('verse on poetry pages', () => {
  it('reads aldiwan-style div.bet-1 markup as 8 lines of two hemistichs, titled by the <h1>, not «...»', async () => {
    const article = await parseFile(path.join(POETRY, 'ar-aldiwan-mutanabbi.html'), { diagnostics: collector() });
    expect(article.meta.title).toBe('واحر قلباه ممن قلبه شبم');
    const [poem, ...more] = verses(article);
    expect(more).toEqual([]);
    expect(poem!.lines).toHaveLength(8);
    expect(halves(poem!)[6]).toEqual(['الخَيلُ وَاللَيلُ وَالبَيداءُ تَعرِفُني', 'وَالسَيفُ وَالرُمحُ وَالقِرطاسُ وَالقَلَمُ']);
    expect(count(article, 'heading')).toBe(0);
    const text = blocksText(article.blocks);
    for (const furniture of ['التعليقات', 'النشرة البريدية', 'جميع الحقوق محفوظة', 'على قدر أهل العزم']) expect(text).not.toContain(furniture);
  });

  it('reads ganjoor-style div.b > div.m1 + div.m2 as a ghazal of 7 lines, in Persian', async () => {
    const article = await parseFile(path.join(POETRY, 'fa-ganjoor-hafez.html'));
    expect(article.meta.lang).toMatch(/^fa\b/);
    const [ghazal] = verses(article);
    expect(ghazal!.lines).toHaveLength(7);
    expect(halves(ghazal!)[0]).toEqual(['الا یا ایها الساقی ادر کاسا و ناولها', 'که عشق آسان نمود اول ولی افتاد مشکل‌ها']);
  });

  it('reads a table of two cells a row (a spacer cell between) as verse, titled without the site name', async () => {
    const article = await parseFile(path.join(POETRY, 'ar-table-poem.html'));
    expect(article.meta.title).toBe('قفا نبك من ذكرى حبيب ومنزل');
    expect(count(article, 'table')).toBe(0);
    const [poem] = verses(article);
    expect(halves(poem!).map((line) => line.length)).toEqual([2, 2, 2, 2, 2]);
    expect(halves(poem!)[0]).toEqual(['قِفا نَبكِ مِن ذِكرى حَبيبٍ وَمَنزِلِ', 'بِسِقطِ اللِوى بَينَ الدَخولِ فَحَومَلِ']);
  });

  it('leaves a two-column data table a table, and bare div.b boxes without m1/m2 halves prose', async () => {
    const table = '<table><tr><td>الدولة</td><td>العاصمة</td></tr><tr><td>سوريا</td><td>دمشق</td></tr><tr><td>مصر</td><td>القاهرة</td></tr></table>';
    const boxes = '<div class="b"><p>خبر أول قصير</p><p>تفاصيله في سطر</p></div><div class="b"><p>خبر ثان قصير</p><p>تفاصيله أيضاً</p></div>';
    const html = `<html lang="ar"><head><title>صفحة</title></head><body><article><h1>عنوان الصفحة</h1><p>${'نص المقال الطويل بما يكفي ليكون مقالاً حقيقياً. '.repeat(8)}</p>${table}${boxes}</article></body></html>`;
    const article = await parseString(html, 'html', { file: 'x.html' });
    expect(verses(article)).toEqual([]);
    expect(count(article, 'table')).toBe(1);
  });

  it('takes <title> minus the site name when the page has no og:title nor a single <h1>', async () => {
    const html = '<html><head><title>قصيدة المساء | أدب</title><meta property="og:site_name" content="أدب"></head><body><h2>مقدمة</h2><p>نص قصير عن القصيدة وكاتبها وزمانها ومكانها في الأدب الحديث وأثرها في من جاء بعده من الشعراء.</p></body></html>';
    const article = await parseString(html, 'html', { file: 'p.html' });
    expect(article.meta.title).toBe('قصيدة المساء');
  });
});

describe('footer notices on a news page', () => {
  it('leaves CNN Arabic comment policy and opinion disclaimer out, the article end kept', async () => {
    const diagnostics = collector();
    const article = await parseFile(path.join(REAL, 'ar-cnn-news-syria.html'), { diagnostics });
    const text = blocksText(article.blocks);
    expect(text).not.toContain('ترحب شبكة CNN بالنقاش');
    expect(text).not.toContain('الآراء الواردة أدناه');
    const last = article.blocks.at(-1)!;
    expect(last.type === 'paragraph' && inlineText(last.children)).toContain('في بيان يأتي بالترافق');
    expect(diagnostics.messages.some((w) => w.includes('dropped 2 lines of web boilerplate'))).toBe(true);
  });
});
