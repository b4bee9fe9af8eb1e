// Web boilerplate at the end of real-looking articles, through the command: short marker lines («شارك:»,
// «المصدر: الجزيرة», «اقرأ أيضاً» and the link lines under it) are dropped and each drop is named on stderr;
// a closing sentence that merely begins with «شارك» or «المصدر» stays in the document, as poppler reads it
// back from the PDF.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { warraq } from '../support/cli.js';
import { pdftotext } from '../support/pdf.js';
import { tempDir } from '../support/temp.js';
import { has } from '../support/tools.js';
import { letterWords } from '../support/words.js';

const TITLE = 'وزراء الخارجية العرب يبحثون في القاهرة خطة لإعادة إعمار غزة';
const DEK = 'اجتماع طارئ يسبق القمة العربية المقبلة';
const BODY = [
  'عقد وزراء الخارجية العرب اجتماعا طارئا في مقر جامعة الدول العربية بالقاهرة يوم الأحد، لبحث خطة مصرية لإعادة إعمار قطاع غزة تمتد على خمس سنوات وتتكلف عشرات المليارات من الدولارات.',
  'وقال الأمين العام للجامعة في كلمته الافتتاحية إن الخطة تحظى بدعم واسع، وإن الدول العربية مستعدة لتحمل جزء كبير من تكلفتها بالتعاون مع المانحين الدوليين والمؤسسات المالية.',
];
// Closing sentences that begin like boilerplate: they are the article's own last words.
const SHARE_SENTENCE = 'شارك في الاجتماع وزراء خارجية اثنتين وعشرين دولة عربية إلى جانب ممثلين عن الاتحاد الأوروبي والأمم المتحدة.';
const SOURCE_SENTENCE = 'المصدر الذي تحدث للجزيرة قال إن المشاورات ستستأنف الأسبوع المقبل في جنيف بحضور الوسطاء.';
const SHORT_SHARE = 'شارك في الاجتماع وزراء عشر دول.';
const SHORT_SOURCE = 'المصدر الرسمي نفى ذلك قطعيا.';

const txt = (...end: string[]): string => [TITLE, DEK, '', ...BODY, ...end].join('\n') + '\n';
const page = (...end: string[]): string =>
  `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${TITLE}</title></head><body>` +
  `<article><h1>${TITLE}</h1>${BODY.map((p) => `<p>${p}</p>`).join('')}${end.join('')}</article></body></html>`;

const INPUTS: Record<string, string> = {
  // A share bar flattened to text under the closing sentence.
  'share.txt': txt(SHARE_SENTENCE, 'شارك:', 'فيسبوك', 'تويتر', 'واتساب'),
  // The source line, then a «read also» box: its headline and address.
  'source.txt': txt(SOURCE_SENTENCE, 'المصدر: الجزيرة + وكالات', 'اقرأ أيضاً', 'ترامب وبوتين يتفقان على هدنة في أوكرانيا', 'https://www.aljazeera.net/news/2025/8/16/truce'),
  // Short closing sentences, nothing after them: nothing is dropped.
  'short-share.txt': txt(SHORT_SHARE),
  'short-source.txt': txt(SHORT_SOURCE),
  'share-page.html': page(`<p>${SHORT_SHARE}</p>`, '<p>شارك: <a href="https://www.facebook.com/sharer.php?u=x">فيسبوك</a> | <a href="https://x.com/intent/tweet?u=x">إكس</a></p>', '<p>المصدر: الجزيرة</p>'),
  'related-page.html': page(`<p>${SOURCE_SENTENCE}</p>`, '<p>اقرأ أيضاً</p>', '<ul><li><a href="/news/truce">ترامب وبوتين يتفقان على هدنة</a></li><li><a href="/news/oil">النفط يتراجع</a></li></ul>'),
  'short-source-page.html': page(`<p>${SHORT_SOURCE}</p>`),
};

let out = '';
let stderr: string[] = [];
beforeAll(() => {
  const dir = tempDir('warraq-boilerplate-');
  for (const [name, text] of Object.entries(INPUTS)) writeFileSync(path.join(dir, name), text);
  out = path.join(dir, 'out');
  const run = warraq(['build', dir, '--out', out, '--format', 'pdf']);
  expect(run.status).toBe(0);
  stderr = run.stderr.split('\n').filter(Boolean).map((line) => line.replace(`${dir}/`, ''));
}, 120_000);

/** The PDF's words as poppler reads them back, letters only, without the folio that ends the page. */
const pdfWords = (name: string): string => letterWords(pdftotext(path.join(out, `${name}.pdf`))).join(' ').replace(/( \p{N}+)+$/u, '');
const wordsOf = (text: string): string => letterWords(text).join(' ');

describe.skipIf(!has('pdftotext'))('boilerplate at the end of an article', () => {
  it('drops a share bar under a closing sentence that begins with «شارك», and says what it dropped', () => {
    const words = pdfWords('share');
    expect(words.endsWith(wordsOf(SHARE_SENTENCE))).toBe(true);
    for (const gone of ['فيسبوك', 'تويتر', 'واتساب']) expect(words).not.toContain(gone);
    expect(stderr.filter((l) => l.includes('share.txt'))).toEqual(['warning: share.txt: dropped 4 lines of web boilerplate at the end: «شارك:», «فيسبوك», «تويتر» and 1 more']);
  });

  it('drops the source line and a read-also box with its link lines, not the sentence about a source', () => {
    const words = pdfWords('source');
    expect(words.endsWith(wordsOf(SOURCE_SENTENCE))).toBe(true);
    for (const gone of ['وكالات', 'هدنة', 'aljazeera']) expect(words).not.toContain(gone);
    expect(stderr.filter((l) => l.includes('source.txt') && !l.includes('short-'))).toEqual([
      'warning: source.txt: dropped 4 lines of web boilerplate at the end: «المصدر: الجزيرة + وكالات», «اقرأ أيضاً», «ترامب وبوتين يتفقان على هدنة في أوكرانيا» and 1 more',
    ]);
  });

  it('keeps short closing sentences that begin with «شارك» or «المصدر», without a warning', () => {
    expect(pdfWords('short-share').endsWith(wordsOf(SHORT_SHARE))).toBe(true);
    expect(pdfWords('short-source').endsWith(wordsOf(SHORT_SOURCE))).toBe(true);
    expect(pdfWords('short-source-page').endsWith(wordsOf(SHORT_SOURCE))).toBe(true);
    expect(stderr.filter((l) => l.includes('short-'))).toEqual([]);
  });

  it('in a saved page: drops the share line with its links and the source line, keeps the sentence before them', () => {
    const words = pdfWords('share-page');
    expect(words.endsWith(wordsOf(SHORT_SHARE))).toBe(true);
    for (const gone of ['فيسبوك', 'إكس', 'الجزيرة']) expect(words).not.toContain(gone);
    expect(stderr.filter((l) => l.includes('share-page.html'))).toEqual(['warning: share-page.html: dropped 2 lines of web boilerplate at the end: «شارك: فيسبوك | إكس», «المصدر: الجزيرة»']);
  });

  it('in a saved page: leaves out a read-also box among the paragraphs and names it', () => {
    const words = pdfWords('related-page');
    expect(words.endsWith(wordsOf(SOURCE_SENTENCE))).toBe(true);
    for (const gone of ['هدنة', 'النفط']) expect(words).not.toContain(gone);
    expect(stderr.filter((l) => l.includes('related-page.html'))).toEqual(['warning: related-page.html: left out a box of web boilerplate: «اقرأ أيضاً / ترامب وبوتين يتفقان على هدنة / الن…»']);
  });
});
