// Math in the model: TeX kept whole, as `inlineMath` in running text and `math` blocks on lines of their
// own, from Markdown's dollars and math fences and from the ways saved pages carry a formula (MathML with
// a TeX annotation, Wikipedia's hidden MathML and fallback image, KaTeX, MathJax 2 and 3).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blocksText, type Article, type Block, type Inline } from '../../src/model/index.js';
import { eachInline } from '../../src/model/walk.js';
import { parseFile, parseString } from '../../src/parse/index.js';
import { HTML, REAL } from '../support/paths.js';

/** Every inline of the article, in order. */
const inlines = (article: Article): Inline[] => [...eachInline(article.blocks)];

const mathOf = (article: Article): string[] => inlines(article).flatMap((i) => (i.type === 'inlineMath' ? [i.value] : []));
const blocksOf = (article: Article): Block[] => article.blocks;
const md = (body: string): Promise<Article> => parseString(`# عنوان\n\n${body}\n`, 'md', { file: 'math.md' });

describe('math from Markdown', () => {
  it('reads $…$ in running text as inlineMath, the TeX as written', async () => {
    const a = await md('نرمز ل $x \\in \\mathbb{R}^n$ متجه فيه $n$ مدخلات و$a_{i,j}$ عنصر.');
    expect(mathOf(a)).toEqual(['x \\in \\mathbb{R}^n', 'n', 'a_{i,j}']);
    const [p] = blocksOf(a);
    expect(p?.type === 'paragraph' && p.children.map((c) => c.type)).toEqual(['text', 'inlineMath', 'text', 'inlineMath', 'text', 'inlineMath', 'text']);
  });

  it('reads $$…$$ alone in a paragraph, and a ```math fence, as math blocks; $$ inside a sentence stays inline', async () => {
    const a = await md('$$\n\\sum_{i=1}^n x_i\n$$\n\nالمجموع $$n^2$$ هنا.\n\n```math\nA^{-1}A = I\n```');
    expect(blocksOf(a).map((b) => b.type)).toEqual(['math', 'paragraph', 'math']);
    expect(blocksOf(a)[0]).toEqual({ type: 'math', value: '\\sum_{i=1}^n x_i' });
    expect(blocksOf(a)[2]).toEqual({ type: 'math', value: 'A^{-1}A = I' });
    expect(mathOf(a)).toEqual(['n^2']);
  });

  it('leaves prices, and dollars in code and addresses, as the characters typed', async () => {
    const a = await md('الثمن $5 و$10 فقط، والأمر `echo $HOME$` و[رابط](https://example.com/$x$).');
    expect(mathOf(a)).toEqual([]);
    const text = blocksText(blocksOf(a));
    expect(text).toContain('$5 و$10');
    expect(text).toContain('echo $HOME$');
    const link = inlines(a).find((i) => i.type === 'link');
    expect(link?.type === 'link' && link.url).toBe('https://example.com/$x$');
  });

  it('a real Arabic lecture (cs229 linear algebra): every well-formed formula is math', async () => {
    const a = await parseFile(path.join(REAL, 'ar-cs229-linear-algebra.md'));
    const math = mathOf(a);
    expect(math.length).toBeGreaterThan(40);
    expect(math).toContain('x \\in \\mathbb{R^n}');
    // What stays prose is what the source got wrong, as GitHub shows it too: a closer escaped as "\$", a
    // space before the closer ("$A \succ 0  $"), an opener left out ("b_{c, j}$").
    const prose = inlines(a).flatMap((i) => (i.type === 'text' && i.value.includes('$') ? [i.value] : []));
    expect(prose.length).toBeLessThanOrEqual(10);
    expect(a.meta.lang).toBe('ar');
  });
});

describe('math from saved pages', () => {
  it('reads MathML, Wikipedia, KaTeX and MathJax formulas as their TeX, display ones as blocks', async () => {
    const a = await parseFile(path.join(HTML, 'math.html'));
    expect(mathOf(a)).toEqual(['\\ln(n!)', 'x^2', 'a+b', '\\sqrt{2}']);
    const blocks = blocksOf(a).filter((b) => b.type === 'math');
    expect(blocks).toEqual([
      { type: 'math', value: '\\ln n!\\approx n\\ln n-n' },
      { type: 'math', value: 'E = mc^2' },
      { type: 'math', value: 'a^2 + b^2 = c^2' },
    ]);
    // The pictures of the formulas (KaTeX's glyph spans, MathJax's rendering, Wikipedia's image) are not text.
    const text = blocksText(blocksOf(a));
    expect(text).not.toMatch(/E=mc2|√2|a²|displaystyle/u);
    expect(a.blocks.some((b) => b.type === 'figure')).toBe(false);
  });
});
