// Which stretches get an explicit dir: the cases where bidi without help puts characters on the wrong side.
import { describe, expect, it } from 'vitest';
import { silentDiagnostics } from '../../../src/support/errors.js';
import type { Inline } from '../../../src/model/schema.js';
import { blockDirection, oppositeRuns } from '../../../src/render/epub/bidi-runs.js';
import { localeStrings } from '../../../src/locale/index.js';
import { renderInlines, type XhtmlContext } from '../../../src/render/epub/xhtml.js';

const runs = (text: string, base: 'rtl' | 'ltr'): string[] => oppositeRuns(text, base).map((r) => text.slice(r.start, r.end));

describe('opposite-direction runs', () => {
  it('finds Latin stretches in Arabic, keeping inner neutrals and symbols, dropping sentence punctuation', () => {
    expect(runs('قال Donald Trump إن', 'rtl')).toEqual(['Donald Trump']);
    expect(runs('استخدم C++ الآن', 'rtl')).toEqual(['C++']);
    expect(runs('(انظر Windows 10).', 'rtl')).toEqual(['Windows 10']);
    expect(runs('راجع https://example.org/a?b=1. ثم', 'rtl')).toEqual(['https://example.org/a?b=1']);
    expect(runs('قال (Reuters) و NATO، ثم', 'rtl')).toEqual(['Reuters', 'NATO']);
    expect(runs('شركة (Gazprom Neft (GPN)) أعلنت', 'rtl')).toEqual(['Gazprom Neft (GPN)']);
    expect(runs('نص عربي فقط 15 أغسطس 2025.', 'rtl')).toEqual([]);
  });

  it('finds Arabic stretches in English, and nothing in plain English', () => {
    expect(runs('The word سلام عليكم means peace.', 'ltr')).toEqual(['سلام عليكم']);
    expect(runs('Plain English, with numbers 1-2 and (brackets).', 'ltr')).toEqual([]);
  });

  it('gives a block its own direction only when it has no strong character of the page direction', () => {
    expect(blockDirection('Trump قال إن', 'rtl')).toBe('rtl');
    expect(blockDirection('An English paragraph.', 'rtl')).toBe('ltr');
    expect(blockDirection('123 - 456', 'rtl')).toBe('rtl');
    expect(blockDirection('جملة عربية', 'ltr')).toBe('rtl');
  });
});

describe('isolation markup', () => {
  const ctx = (dir: 'rtl' | 'ltr'): XhtmlContext => ({ dir, labels: localeStrings(dir === 'rtl' ? 'ar' : 'en', dir), diagnostics: silentDiagnostics, image: () => undefined, headings: [] });
  const text = (value: string): Inline => ({ type: 'text', value });

  it('wraps a Latin stretch that crosses an inline element in one isolate, not two', () => {
    const html = renderInlines([text('قال Donald '), { type: 'emphasis', children: [text('Trump')] }, text(' إن')], 'rtl', ctx('rtl'));
    expect(html).toBe('قال <span dir="ltr">Donald <em>Trump</em></span> إن');
  });

  it('isolates inside an element when the stretch starts inside it', () => {
    const html = renderInlines([{ type: 'strong', children: [text('مرحبا Donald')] }, text(' Trump قال')], 'rtl', ctx('rtl'));
    expect(html).toBe('<strong>مرحبا <span dir="ltr">Donald</span></strong> <span dir="ltr">Trump</span> قال');
  });

  it('marks inline code left to right on an Arabic page and adds nothing on an English one', () => {
    expect(renderInlines([text('شغّل '), { type: 'code', value: 'ls -la' }, text(' الآن')], 'rtl', ctx('rtl'))).toBe(
      'شغّل <span dir="ltr"><code>ls -la</code></span> الآن',
    );
    expect(renderInlines([text('اكتب '), { type: 'code', value: '-- ؟' }], 'rtl', ctx('rtl'))).toBe('اكتب <code dir="ltr">-- ؟</code>');
    expect(renderInlines([text('Run '), { type: 'code', value: 'ls -la' }, text(' now.')], 'ltr', ctx('ltr'))).toBe('Run <code>ls -la</code> now.');
  });
});
