// Random model content for property tests: one generator of inline trees, fed with each test's own text,
// and how many cases to run.
import fc from 'fast-check';
import type { Inline } from '../../src/model/schema.js';

/** How many cases a property test runs: FUZZ_RUNS when set (`npm run fuzz`), else the test's own few. */
export function fuzzRuns(usual: number): number {
  return Number(process.env.FUZZ_RUNS ?? usual);
}

/** Inline trees (text, code, math, breaks, nested emphasis/strong/delete/quote/link) over the given text. */
export function inlineArbitrary(text: fc.Arbitrary<string>, url = 'https://example.org/'): fc.Arbitrary<Inline> {
  return fc.letrec<{ inline: Inline }>((tie) => ({
    inline: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text.map((value): Inline => ({ type: 'text', value })),
      text.map((value): Inline => ({ type: 'code', value })),
      text.map((value): Inline => ({ type: 'inlineMath', value })),
      fc.constant<Inline>({ type: 'break' }),
      fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ type: 'emphasis', children })),
      fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ type: 'strong', children })),
      fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ type: 'delete', children })),
      fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ type: 'quote', children })),
      fc.array(tie('inline'), { maxLength: 3 }).map((children): Inline => ({ type: 'link', url, children })),
    ),
  })).inline;
}
