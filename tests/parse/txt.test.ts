import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inlineText } from '../../src/model/index.js';
import { parseFile, parseString } from '../../src/parse/index.js';
import { collector } from '../support/context.js';
import { SAMPLE } from '../support/paths.js';

describe('plain-text reader on the sample', () => {
  it('gives title, subtitle, 7 paragraphs under 6 headings, no boilerplate', async () => {
    const article = await parseFile(SAMPLE);
    expect(article.meta.title).toBe('ما يأمل بوتين في تحقيقه من قمته مع ترامب');
    expect(article.meta.subtitle).toBe('قمة ألاسكا: اختبار جديد للعلاقات الروسية الأمريكية');
    expect(article.meta.lang).toBe('ar');
    expect(article.meta.dir).toBe('rtl');
    const shape = article.blocks.map((b) => (b.type === 'heading' ? `h${b.level}:${inlineText(b.children)}` : b.type));
    expect(shape).toEqual([
      'paragraph',
      'h1:لماذا الآن؟',
      'paragraph',
      'h1:ما الذي يريده بوتين من القمة؟',
      'paragraph',
      'h1:ما الذي يهدده ترامب؟',
      'paragraph',
      'h1:ما هي ورقة الضغط التي تمتلكها الولايات المتحدة؟',
      'paragraph',
      'h1:هل يمكن أن تحقق القمة انفراجة حقيقية؟',
      'paragraph',
      'h1:قمة دون تطلعات كبيرة',
      'paragraph',
    ]);
  });

  it('keeps every paragraph exactly as the source line (letters, digits, quotes)', async () => {
    const article = await parseFile(SAMPLE);
    const lines = readFileSync(SAMPLE, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const body = article.blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.children) : ''));
    expect(body).toEqual(lines.slice(2, -1));
    expect(body.join(' ')).toContain('يوم 15 أغسطس 2025.');
    expect(body.join(' ')).toContain('عام 1991 “أكبر كارثة جيوسياسية في القرن”.');
    expect(JSON.stringify(article)).not.toContain('اقرا ايضا');
  });
});

describe('plain-text rules', () => {
  const parse = (text: string) => parseString(text, 'txt', { file: 'x.txt' });

  it('titles a text by its file name when the first line is a passage, and by the name a first line gives', async () => {
    const passage = `${'كلمة '.repeat(30).trim()}.`;
    const long = await parseString(`${passage}\nفقرة ثانية.\n`, 'txt', { file: 'corpus/tashkeela.txt' });
    expect(long.meta.title).toBe('tashkeela');
    expect(long.blocks.map((b) => b.type === 'paragraph' && inlineText(b.children))).toEqual([passage, 'فقرة ثانية.']);
    // A scraper's file-name line is no title: the user's name for the file is, else the line's name.
    const scraped = 'khayyam.txt\nnumber of beyts:\t102926\nبرخیز و بیا بتا برای دل ما.\n';
    const named = await parse(scraped);
    expect(named.meta.title).toBe('x');
    expect(named.meta.subtitle).toBeUndefined();
    expect((await parseString(scraped, 'txt', {})).meta.title).toBe('khayyam');
  });

  it('takes a short second line without full stop as the subtitle, not a long or final-stop one', async () => {
    expect((await parse('عنوان\nعنوان فرعي قصير\nفقرة أولى طويلة.\n')).meta.subtitle).toBe('عنوان فرعي قصير');
    expect((await parse('عنوان\nهذه جملة تنتهي بنقطة.\nفقرة.\n')).meta.subtitle).toBeUndefined();
  });

  it('makes short lines between paragraphs headings; questions and colons too; long lines stay paragraphs', async () => {
    const a = await parse('T\nS\nفقرة.\nعنوان قصير\nفقرة.\nهل هذا سؤال طويل بعض الشيء؟\nفقرة.\nملاحظة مهمة:\nفقرة.\nجملة قصيرة.\nفقرة أخيرة بلا نقطة');
    expect(a.blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph']);
    const long = await parse(`T\nS\nفقرة.\n${'كلمة '.repeat(13).trim()}\nفقرة.`);
    expect(long.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('drops boilerplate tails in their spelling variants, with the link lines after them', async () => {
    for (const marker of ['اقرأ أيضاً', 'اقرا ايضا', 'شارك', 'المصدر: وكالات', 'تابعونا']) {
      const a = await parse(`T\nS\nفقرة أولى.\nفقرة ثانية.\n${marker}\nعنوان مقال آخر`);
      expect(a.blocks.map((b) => b.type === 'paragraph' && inlineText(b.children))).toEqual(['فقرة أولى.', 'فقرة ثانية.']);
    }
  });

  it('does not drop a boilerplate-looking word inside the body', async () => {
    const a = await parse('T\nS\nشارك الرئيس في القمة التي عقدت في ألاسكا يوم الجمعة مع نظيره الروسي وكبار المسؤولين.\nفقرة.');
    expect(a.blocks).toHaveLength(2);
  });

  it('drops only marker lines and what belongs to them; sentences that begin like a marker stay', async () => {
    const ending = async (...tail: string[]): Promise<{ kept: string[]; warnings: string[] }> => {
      const diagnostics = collector();
      const a = await parseString(['T', 'S', 'فقرة أولى.', ...tail].join('\n'), 'txt', { file: 'x.txt', diagnostics });
      return { kept: a.blocks.slice(1).map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.children) : b.type)), warnings: diagnostics.messages };
    };
    // Markers: a phrase alone, with a colon and a short label, or followed only by channels and addresses.
    for (const marker of ['شارك:', 'شارك المقال', 'شارك على فيسبوك وتويتر', 'تابعونا على تلغرام', 'المصدر: الجزيرة', 'المصدر : وكالات', 'Source: Reuters', 'Share this article', 'وسوم: بوتين، ترامب']) {
      expect(await ending('فقرة أخيرة.', marker), marker).toEqual({ kept: ['فقرة أخيرة.'], warnings: [`x.txt: dropped a line of web boilerplate at the end: «${marker}»`] });
    }
    // Sentences, however short, that open with a phrase of the list.
    for (const sentence of ['شارك في القمة وزراء الخارجية.', 'شاركت الوزارة في الإعداد', 'المصدر الذي تحدث للجزيرة قال إن الوفد وصل.', 'المصدر نفى ذلك.', 'Source code is on the site.', 'تابعونا جميعا في التحقيق', 'شارك في الحوار']) {
      expect(await ending('فقرة أخيرة.', sentence), sentence).toEqual({ kept: ['فقرة أخيرة.', sentence], warnings: [] });
    }
    // A marker with a sentence after it is not a tail: nothing goes.
    expect((await ending('اقرأ أيضاً', 'وفي ختام الاجتماع أصدر الوزراء بيانا مشتركا.')).warnings).toEqual([]);
    // Link lines go with their marker and are counted and quoted, shortened, in the warning.
    const long = 'عنوان طويل لمقال آخر عن القمة وما جرى فيها من نقاشات';
    expect(await ending('فقرة أخيرة.', 'اقرأ أيضاً:', long, 'https://example.org/a', 'www.example.org/b')).toEqual({
      kept: ['فقرة أخيرة.'],
      warnings: ['x.txt: dropped 4 lines of web boilerplate at the end: «اقرأ أيضاً:», «عنوان طويل لمقال آخر عن القمة وما جرى فيها من ن…», «https://example.org/a» and 1 more'],
    });
  });

  it('accepts extra boilerplate phrases from the user', async () => {
    const a = await parseString('T\nS\nفقرة.\nإعلان ممول\nرابط', 'txt', { boilerplate: ['إعلان ممول'] });
    expect(a.blocks).toHaveLength(1);
  });

  it('detects Persian, Hebrew and English, and obeys --lang', async () => {
    expect((await parse('گزارش\nمتن فارسی با گ و پ.')).meta).toMatchObject({ lang: 'fa', dir: 'rtl' });
    expect((await parse('כותרת\nטקסט בעברית.')).meta).toMatchObject({ lang: 'he', dir: 'rtl' });
    expect((await parse('Title\nSome English text.')).meta).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect((await parseString('Title\nText.', 'txt', { lang: 'ar' })).meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });
});
