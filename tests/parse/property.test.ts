import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, UserError } from '../../src/support/errors.js';
import { ArticleSchema } from '../../src/model/index.js';
import { decodeText, parseString, type InputFormat } from '../../src/parse/index.js';
import { fuzzRuns } from '../support/arbitraries.js';

const RUNS = fuzzRuns(200);

// Text that looks like articles: Arabic, Persian, Latin, digits, marks, joiners, bidi controls, Markdown.
const piece = fc.constantFrom(
  'قمة', 'ألاسكا', 'پژوهش', 'گزارش', 'Putin', '2025', '١٢٣', '۴۵۶', '\u064E', '\u0651', '\u200C', '\u200D', '\u202E', '\u200F',
  ' ', '\n', '\n\n', '.', '؟', ':', '#', '##', '*', '**', '`', '> ', '- ', '1. ', '---', '[a](b)', '![x](y)', '<script>', '&', ']]>', '|', '\u0007', '\uFFFE',
);
const articleLike = fc.array(fc.oneof(piece, fc.string()), { maxLength: 60 }).map((parts) => parts.join(''));

async function parsesOrRefuses(text: string, format: InputFormat): Promise<void> {
  try {
    const article = await parseString(text, format, { file: `f.${format}` });
    expect(ArticleSchema.safeParse(article).success).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(new RegExp(`^f\\.${format}: .+`));
    // One line as the command prints it: names and quoted text keep their characters, escaped.
    expect(printable((error as Error).message)).not.toMatch(/[\n\r\u2028\u2029]/);
  }
}

describe('any input parses into a valid model or is refused with a one-line message', () => {
  for (const format of ['txt', 'md', 'json'] as const) {
    it(`${format}`, async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(articleLike, fc.string({ unit: 'binary' })), (text) => parsesOrRefuses(text, format)), { numRuns: RUNS });
    });
  }

  it('bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          await parsesOrRefuses(decodeText(bytes, 'f.txt'), 'txt');
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
