// Property test over the model and all three renderers: random articles never throw, and every output
// validates. `npm test` runs a few cases; `npm run fuzz` runs FUZZ_RUNS (10 000).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../src/app/build.js';
import { ArticleSchema, resolveArticle, type ArticleInput, type Block } from '../../src/model/index.js';
import { silentDiagnostics } from '../../src/support/errors.js';
import { fuzzRuns, inlineArbitrary } from '../support/arbitraries.js';
import { pdfjsText } from '../support/pdf.js';
import { xmlParts } from '../support/zip.js';

const RUNS = fuzzRuns(6);

const letters = fc.constantFrom(
  'قمة', 'ألاسكا', 'بوتين', 'ترامب', 'لا', 'الله', 'إِنَّ', 'پژوهش', 'گزارش', 'چرا', 'می\u200Cخواهم', 'Putin', 'Alaska', 'USA',
  '2025', '15', '٪', '%', '١٢٣', '۴۵۶', '(', ')', '[', ']', '«', '»', '“', '”', '.', '،', '؟', ':', '-', '—',
  '\u064E', '\u0651', '\u0670', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069',
  '<script>', '&', ']]>', '<!--', '😀', '漢', 'ـ', '\t',
);
const text = fc.array(fc.oneof({ weight: 5, arbitrary: letters }, { weight: 1, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 40 }).map((parts) => parts.join(' '));

const inline = inlineArbitrary(text, 'https://example.org/a?b=1&c=<2>');
const inlines = fc.array(inline, { maxLength: 6 });

const block: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    inlines.map((children): Block => ({ type: 'paragraph', children })),
    fc.record({ level: fc.constantFrom(1, 2, 3, 4, 5, 6) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6>, children: inlines }).map((h): Block => ({ type: 'heading', ...h })),
    fc.array(tie('block'), { maxLength: 3 }).map((children): Block => ({ type: 'blockquote', children })),
    fc.record({ ordered: fc.boolean(), items: fc.array(fc.array(tie('block'), { maxLength: 2 }), { maxLength: 4 }) }).map((l): Block => ({ type: 'list', ...l })),
    fc.constant<Block>({ type: 'thematicBreak' }),
    text.map((value): Block => ({ type: 'code', value })),
    text.map((value): Block => ({ type: 'math', value })),
    fc.record({ alt: text, caption: inlines }).map((f): Block => ({ type: 'figure', src: 'missing.png', ...f })),
    // Verse: lines of one or two hemistichs, empty ones among them.
    fc.array(fc.array(inlines, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }).map((lines): Block => ({ type: 'verse', lines })),
  ),
})).block;

const article: fc.Arbitrary<ArticleInput> = fc.record({
  meta: fc.record({ title: text.map((t) => t.trim() || 'عنوان'), subtitle: fc.option(text, { nil: undefined }), authors: fc.array(text, { maxLength: 2 }), keywords: fc.array(text, { maxLength: 2 }) }),
  blocks: fc.array(block, { maxLength: 8 }),
});

describe('random articles through all three renderers', () => {
  it('never throw and always give valid documents', async () => {
    await fc.assert(
      fc.asyncProperty(article, fc.constantFrom(undefined, 'ar', 'fa', 'en'), async (input, lang) => {
        const model = resolveArticle(input, { lang });
        expect(ArticleSchema.safeParse(model).success).toBe(true);
        const docs = await renderAll(model, { formats: ['pdf', 'epub', 'docx'], resourceDir: '/nonexistent', diagnostics: silentDiagnostics });
        await pdfjsText(docs.get('pdf')!);
        await xmlParts(docs.get('epub')!);
        await xmlParts(docs.get('docx')!);
      }),
      { numRuns: RUNS },
    );
  }, 60_000 + RUNS * 5_000);
});
