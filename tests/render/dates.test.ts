// Datelines in the theme's calendar and digits (issue #19), in all three formats, read back as a reader
// would: the PDF's text through poppler, the EPUB's title page XHTML, the DOCX's document.xml. 15 August
// 2025 is 21 Safar 1447 in the Umm al-Qura calendar.
import { describe, expect, it } from 'vitest';
import { resolveArticle, type Article } from '../../src/model/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { formatDate } from '../../src/locale/index.js';
import { loadTheme, type Theme } from '../../src/theme/index.js';
import { paragraph } from '../support/articles.js';
import { renderContext } from '../support/context.js';
import { pdftotext } from '../support/pdf.js';
import { withoutBidiControls } from '../support/words.js';
import { openZip } from '../support/zip.js';

const ARTICLE: Article = resolveArticle({ meta: { title: 'قمة ألاسكا', lang: 'ar', date: '2025-08-15' }, blocks: [paragraph('التقى الرئيسان في ألاسكا.')] });

const CASES = [
  { calendar: 'gregorian', digits: 'local', shown: '١٥ أغسطس ٢٠٢٥' },
  { calendar: 'hijri', digits: 'local', shown: '٢١ صفر ١٤٤٧ هـ' },
  { calendar: 'both', digits: 'local', shown: '١٥ أغسطس ٢٠٢٥ م — ٢١ صفر ١٤٤٧ هـ' },
  { calendar: 'hijri', digits: 'latin', shown: '21 صفر 1447 هـ' },
] as const;

const themed = (calendar: Theme['dates']['calendar'], digits: Theme['dates']['digits']): Theme => ({ ...loadTheme(), dates: { calendar, digits } });
/** Text with bidi controls and runs of white space folded, as one compares a line read back. */
const plain = (s: string): string => withoutBidiControls(s).replace(/\s+/gu, ' ').trim();

describe('the dateline', () => {
  it('is written as the theme says by the shared formatter, and as before by default', () => {
    for (const c of CASES) expect(formatDate('2025-08-15', 'ar', { calendar: c.calendar, digits: c.digits })).toBe(c.shown);
    // Default: the language's own calendar and digits, as ICU writes Arabic (Western digits) and Persian (Solar Hijri).
    expect(formatDate('2025-08-15', 'ar')).toBe('15 أغسطس 2025');
    expect(formatDate('2025-08-15', 'fa')).toBe('۲۴ مرداد ۱۴۰۴');
    expect(loadTheme().dates).toEqual({ calendar: 'default', digits: 'default' });
  });

  it.each(CASES)('$calendar ($digits digits): in the PDF, the EPUB and the DOCX', async ({ calendar, digits, shown }) => {
    const context = renderContext({ theme: themed(calendar, digits) });
    const pdf = await renderPdf(ARTICLE, context);
    // poppler joins a number to the Arabic word beside it (١٥أغسطس): the line is compared without its spaces.
    const bare = (t: string): string => plain(t).replace(/ /g, '');
    expect(pdftotext(pdf, { first: 1 }).split('\n').map(bare)).toContain(bare(shown));

    const epub = await openZip(await renderEpub(ARTICLE, context));
    const title = [...(await epub.texts(/title\.xhtml$/)).values()][0] ?? '';
    const dateline = /<p class="dateline"><time datetime="2025-08-15">([^<]*)<\/time><\/p>/.exec(title)?.[1];
    expect(dateline && plain(dateline)).toBe(shown);

    const docx = await openZip(await renderDocx(ARTICLE, context));
    const xml = await docx.text('word/document.xml');
    const paragraph = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p .*?<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes('w:val="Byline"'));
    expect(paragraph, 'a Byline paragraph (authors and date, as the PDF sets them)').toBeDefined();
    const text = [...(paragraph ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(plain(text)).toBe(shown);
  }, 60_000);
});
