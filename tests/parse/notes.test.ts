// Footnotes read from every format into the model's `note` inlines: a mark where the text cites the note,
// the note's text as blocks, numbered per article in the order of the marks. Before, footnotes came out as
// a literal «[n]» in the text and an ordinary paragraph «[n] text» where the note was written.
import { describe, expect, it } from 'vitest';
import { blocksText, inlineText, type Article, type Block, type Inline } from '../../src/model/index.js';
import { noteNumbers, notesIn } from '../../src/model/walk.js';
import { parseString, type InputFormat } from '../../src/parse/index.js';
import { collector } from '../support/context.js';

async function read(source: string, format: InputFormat): Promise<{ article: Article; warnings: string[] }> {
  const diagnostics = collector();
  const article = await parseString(source, format, { file: `a.${format}`, diagnostics });
  return { article, warnings: diagnostics.messages };
}

/** Each note's text, in the order of its number. */
function noteTexts(article: Article): string[] {
  const numbers = noteNumbers(article.blocks);
  return [...numbers.entries()].sort((a, b) => a[1] - b[1]).map(([note]) => blocksText(note.content).trim());
}

/** The text of the blocks that carry marks, with each mark shown as {n}. */
function marked(article: Article): string[] {
  const numbers = noteNumbers(article.blocks);
  const show = (inlines: readonly Inline[]): string =>
    inlines.map((i) => (i.type === 'note' ? `{${numbers.get(i)}}` : 'children' in i ? show(i.children) : inlineText([i]))).join('');
  return article.blocks.flatMap((b: Block) => (b.type === 'paragraph' && notesIn(b.children).length > 0 ? [show(b.children)] : []));
}

describe('Markdown footnotes (GFM)', () => {
  const source = `# مقالة

قال الجاحظ إن الكتاب وعاء مُلئ علماً[^a]، وذكر ابن خلدون العمران[^2].

## قسم

فقرة بلا هوامش.

[^2]: المقدمة، الفصل الأول.
[^a]: البيان والتبيين، الجزء الأول.

    وفيه فقرة ثانية.
`;

  it('makes each reference a note holding its definition, numbered in the order of the marks', async () => {
    const { article, warnings } = await read(source, 'md');
    expect(marked(article)).toEqual(['قال الجاحظ إن الكتاب وعاء مُلئ علماً{1}، وذكر ابن خلدون العمران{2}.']);
    expect(noteTexts(article)).toEqual(['البيان والتبيين، الجزء الأول.\nوفيه فقرة ثانية.', 'المقدمة، الفصل الأول.']);
    const first = [...noteNumbers(article.blocks).keys()][0]!;
    expect(first.content.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    // No literal marks, no «[n] text» paragraph where the definitions were written.
    expect(blocksText(article.blocks)).not.toMatch(/\[(?:\^?a|\^?2)\]/u);
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(warnings).toEqual([]);
  });

  it('keeps a definition nothing cites as a paragraph at the end, with a warning', async () => {
    const { article, warnings } = await read('# عنوان\n\nنص فيه هامش[^1].\n\n[^1]: هامش مذكور.\n[^9]: هامش منسي.\n', 'md');
    expect(noteTexts(article)).toEqual(['هامش مذكور.']);
    expect(inlineText((article.blocks.at(-1) as Extract<Block, { type: 'paragraph' }>).children)).toBe('[9] هامش منسي.');
    expect(warnings.join('\n')).toMatch(/\[\^9\].*never cites|never cites.*\[\^9\]/u);
  });

  it('leaves a reference with no definition as its text', async () => {
    const { article } = await read('# عنوان\n\nنص[^x] بلا تعريف.\n', 'md');
    expect(noteTexts(article)).toEqual([]);
    expect(blocksText(article.blocks)).toContain('[^x]');
  });
});

describe('HTML footnotes', () => {
  const page = (body: string): string => `<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>مقالة</title></head><body><article><h1>مقالة</h1>${body}</article></body></html>`;
  const prose = 'هذا نص طويل بما يكفي ليعده القارئ مقالة حقيقية، فيه جمل كثيرة عن تاريخ الوراقة في بغداد ودمشق والقاهرة. ';

  it('reads a GFM/pandoc footnote section: marks become notes, the section and its back links go', async () => {
    const { article } = await read(page(`<p>${prose}قال الجاحظ<sup><a href="#fn1" id="fnref1" role="doc-noteref">1</a></sup> ثم ابن خلدون<a href="#fn2" class="footnote-ref" id="fnref2"><sup>2</sup></a>.</p>
<p>${prose}</p>
<section class="footnotes" role="doc-endnotes"><hr/><ol><li id="fn1"><p>البيان والتبيين. <a href="#fnref1" role="doc-backlink">↩︎</a></p></li><li id="fn2"><p>المقدمة.<a href="#fnref2" class="footnote-back">↩</a></p></li></ol></section>`), 'html');
    expect(noteTexts(article)).toEqual(['البيان والتبيين.', 'المقدمة.']);
    expect(marked(article)[0]).toMatch(/قال الجاحظ\{1\} ثم ابن خلدون\{2\}\.$/u);
    expect(blocksText(article.blocks)).not.toMatch(/↩|البيان والتبيين/u);
  });

  it('reads epub:type="footnote" asides', async () => {
    const { article } = await read(page(`<p>${prose}والكتاب<a epub:type="noteref" href="#n1">*</a> صامت.</p><p>${prose}</p><aside epub:type="footnote" id="n1"><p>يقول الجاحظ: الكتاب نعم الذخر.</p></aside>`), 'html');
    expect(noteTexts(article)).toEqual(['يقول الجاحظ: الكتاب نعم الذخر.']);
    expect(marked(article)[0]).toContain('والكتاب{1} صامت.');
  });

  it('reads Wikipedia references: sup.reference marks, ol.references notes without their back links', async () => {
    const { article } = await read(page(`<p>${prose}بغداد مدينة الوراقين.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> والقاهرة كذلك.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p><p>${prose}</p>
<h2>المراجع</h2><div class="reflist"><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span> <span class="reference-text">ياقوت الحموي، معجم البلدان.</span></li><li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text">المقريزي، الخطط.</span></li></ol></div>`), 'html');
    expect(noteTexts(article)).toEqual(['ياقوت الحموي، معجم البلدان.', 'المقريزي، الخطط.']);
    expect(marked(article)[0]).toMatch(/الوراقين\.\{1\} والقاهرة كذلك\.\{2\}$/u);
    expect(blocksText(article.blocks)).not.toMatch(/\[1\]|\^|معجم البلدان/u);
  });

  // Parsoid (Wikipedia's own HTML, and its apps') writes every in-page link as the page's name under its
  // <base>: the marks cite «./بغداد#cite_note-1», the notes link back with «./بغداد#cite_ref-1».
  it('reads marks that name the page itself before the "#", and not those that name another page', async () => {
    const head = '<link rel="dc:isVersionOf" href="//ar.wikipedia.org/wiki/%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF"/><base href="//ar.wikipedia.org/wiki/"/>';
    const { article } = await read(page(`<p>${prose}بغداد مدينة الوراقين.<sup class="mw-ref reference" id="cite_ref-1"><a href="./بغداد#cite_note-1">[1]</a></sup> والبصرة كذلك.<sup class="mw-ref reference"><a href="./البصرة#cite_note-2">[2]</a></sup></p><p>${prose}</p>
<ol class="references"><li id="cite_note-1"><span rel="mw:referencedBy"><a href="./بغداد#cite_ref-1">↑</a></span> <span class="reference-text">ياقوت الحموي، معجم البلدان.</span></li><li id="cite_note-2"><span class="reference-text">المقريزي، الخطط.</span></li></ol>`).replace('<head>', `<head>${head}`), 'html');
    expect(noteTexts(article)).toEqual(['ياقوت الحموي، معجم البلدان.']);
    expect(marked(article)[0]).toMatch(/الوراقين\.\{1\} والبصرة كذلك\.\[2\]$/u);
  });
});

describe('plain-text numbered notes', () => {
  const lines = (...l: string[]): string => `${l.join('\n\n')}\n`;
  const para = 'كانت بغداد في القرن الثالث مدينة الوراقين، وفيها سوق تعج بالنساخ والكتب والقراء من كل مكان.';

  it('makes «[n] …» lines at the end notes where the text cites [n], the label line going with them', async () => {
    const { article, warnings } = await read(lines('تاريخ الوراقة', para, `وذكر ابن النديم[1] سوق الوراقين، ووصفها ياقوت[2] بعده.`, para, 'الهوامش', '[1] الفهرست، المقالة الأولى.', '[2] معجم البلدان.'), 'txt');
    expect(noteTexts(article)).toEqual(['الفهرست، المقالة الأولى.', 'معجم البلدان.']);
    expect(marked(article)).toEqual(['وذكر ابن النديم{1} سوق الوراقين، ووصفها ياقوت{2} بعده.']);
    expect(blocksText(article.blocks)).not.toMatch(/الهوامش|\[1\]|\[2\]/u);
    expect(warnings).toEqual([]);
  });

  it('reads «(n) …» with Arabic-Indic digits and superscript «¹ …» notes', async () => {
    const paren = await read(lines('تاريخ الوراقة', para, `قال الجاحظ(١) كلاماً.`, para, '(١) البيان والتبيين.'), 'txt');
    expect(noteTexts(paren.article)).toEqual(['البيان والتبيين.']);
    expect(marked(paren.article)).toEqual(['قال الجاحظ{1} كلاماً.']);
    const sup = await read(lines('تاريخ الوراقة', para, `قال الجاحظ¹ كلاماً وابن خلدون² غيره.`, para, '¹ البيان والتبيين.', '² المقدمة.'), 'txt');
    expect(noteTexts(sup.article)).toEqual(['البيان والتبيين.', 'المقدمة.']);
  });

  it('leaves end lines that nothing cites as paragraphs, with a warning', async () => {
    const { article, warnings } = await read(lines('تاريخ الوراقة', para, `وذكر ابن النديم[1] السوق.`, para, '[1] الفهرست.', '[2] لا يذكره النص.'), 'txt');
    expect(noteTexts(article)).toEqual(['الفهرست.']);
    expect(blocksText(article.blocks)).toContain('[2] لا يذكره النص.');
    expect(warnings.join('\n')).toMatch(/1 numbered note\(s\).*never cites/u);
    // A text with no marks at all keeps its closing lines as they are.
    const none = await read(lines('تاريخ الوراقة', para, para, '[1] سطر يشبه الهامش.'), 'txt');
    expect(noteTexts(none.article)).toEqual([]);
    expect(blocksText(none.article.blocks)).toContain('[1] سطر يشبه الهامش.');
  });
});
