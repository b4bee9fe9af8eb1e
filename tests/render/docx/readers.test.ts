// Other programs that read DOCX: pandoc and python-docx (where installed) and mammoth (a devDependency) open
// the document without error and keep its structure — the text word for word, headings at their levels,
// both kinds of list, the link's address, the table, the footnote, right-to-left paragraphs. python-docx
// refused w:jc="start"/"end" (it knows the transitional values only), which the styles used to write;
// mammoth dropped emphasis, which was a character style only. Skipped, not faked, where missing.
import { execFileSync, spawnSync } from 'node:child_process';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/index.js';
import { mixedMarkdown } from '../../support/articles.js';
import { writeTemp } from '../../support/temp.js';
import { has } from '../../support/tools.js';
import { blocksText } from '../../../src/model/index.js';
import { articleText, inOrder, letterWords } from '../../support/words.js';
import { render } from './helpers.js';

// Debian's python3-docx lives in the system Python, which a pyenv python3 on the PATH does not see.
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import docx']).status === 0);

/** pandoc's JSON AST, walked: every node with its type tag. */
interface PandocNode {
  t?: string;
  c?: unknown;
}

function* nodes(value: unknown): Generator<PandocNode> {
  if (Array.isArray(value)) for (const v of value) yield* nodes(v);
  else if (value !== null && typeof value === 'object') {
    const node = value as PandocNode;
    if (typeof node.t === 'string') yield node;
    for (const v of Object.values(node)) yield* nodes(v);
  }
}

/** The text under a pandoc node: its strings, spaces as spaces, each block (and table cell) on a line of its own. */
function pandocText(value: unknown): string {
  if (Array.isArray(value)) return value.map(pandocText).join('');
  if (value === null || typeof value !== 'object') return '';
  const node = value as PandocNode;
  switch (node.t) {
    case 'Str':
      return node.c as string;
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' ';
    case 'Code':
      return (node.c as [unknown, string])[1];
    case 'CodeBlock':
      return `\n${(node.c as [unknown, string])[1]}\n`;
    case 'Para':
    case 'Plain':
    case 'Header':
      return `\n${pandocText(node.c)}\n`;
    default:
      return Object.values(node).map(pandocText).join('');
  }
}

let article: Article;
let docx = '';

/** A closing sentence with a footnote, after the mixed article's blocks. */
const NOTE_TEXT = 'نص الحاشية في آخر المقالة.';
const withNote = (mixed: Article): Article => ({
  ...mixed,
  blocks: [
    ...mixed.blocks,
    {
      type: 'paragraph',
      children: [
        { type: 'text', value: 'وهذه جملة تحيل إلى حاشية' },
        { type: 'note', content: [{ type: 'paragraph', children: [{ type: 'text', value: NOTE_TEXT }] }] },
        { type: 'text', value: '.' },
      ],
    },
  ],
});

beforeAll(async () => {
  article = withNote(await mixedMarkdown());
  docx = writeTemp((await render(article)).bytes, 'readers.docx');
});

describe.skipIf(!has('pandoc'))('DOCX read by pandoc', () => {
  let ast: { meta: Record<string, unknown>; blocks: unknown[] };

  beforeAll(() => {
    ast = JSON.parse(execFileSync('pandoc', ['-f', 'docx', '-t', 'json', docx], { encoding: 'utf8' })) as typeof ast;
  });

  it('keeps the text word for word, in order, title and subtitle as its metadata', () => {
    expect(pandocText(ast.meta['title'])).toBe(article.meta.title);
    expect(pandocText(ast.meta['subtitle'])).toBe(article.meta.subtitle);
    const expected = letterWords(blocksText(article.blocks));
    const found = letterWords(pandocText(ast.blocks));
    expect(inOrder(expected, found) / expected.length).toBeGreaterThanOrEqual(0.99);
  });

  it('keeps headings at their levels, both lists, the link’s address and the table', () => {
    const all = [...nodes(ast.blocks)];
    const headers = all.filter((n) => n.t === 'Header').map((n) => (n.c as [number, unknown, unknown])[0]);
    expect(headers).toEqual(expect.arrayContaining([1, 2]));
    expect(all.some((n) => n.t === 'OrderedList')).toBe(true);
    expect(all.some((n) => n.t === 'BulletList')).toBe(true);
    const links = all.filter((n) => n.t === 'Link').map((n) => (n.c as [unknown, unknown, [string, string]])[2][0]);
    expect(links).toContain('https://www.unicode.org/standard/standard.html');
    const table = all.find((n) => n.t === 'Table');
    expect(pandocText(table)).toContain('المصطلح');
    const notes = all.filter((n) => n.t === 'Note');
    expect(notes.map((n) => pandocText(n).trim())).toEqual([NOTE_TEXT]);
  });

  it('keeps the right-to-left direction: the Arabic as dir="rtl" spans, the Latin words outside them', () => {
    const rtl = [...nodes(ast.blocks)].filter((n) => n.t === 'Span' && JSON.stringify((n.c as [unknown])[0]).includes('["dir","rtl"]'));
    const inside = letterWords(rtl.map((n) => pandocText(n)).join(' '));
    expect(inside.filter((w) => /\p{Script=Arabic}/u.test(w)).length).toBeGreaterThan(100);
    expect(inside.filter((w) => /^[A-Za-z]+$/u.test(w))).toEqual([]);
  });
});

describe.skipIf(python === undefined)('DOCX read by python-docx', () => {
  const script = `
import docx, json, sys
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
d = docx.Document(sys.argv[1])
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
out = {
  # Reading every style's and paragraph's alignment is what raised on w:jc="start"/"end".
  'styles': {s.style_id: str(s.paragraph_format.alignment) for s in d.styles if s.type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH},
  # All of a paragraph's w:t: python-docx 0.8's p.text leaves out what a hyperlink holds.
  'paragraphs': [{'style': p.style.style_id, 'align': str(p.alignment), 'text': ''.join(t.text or '' for t in p._p.iter(W + 't')),
                  'bidi': p._p.pPr is not None and p._p.pPr.find(W + 'bidi') is not None} for p in d.paragraphs],
  'tables': [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
  # The body's paragraphs in document order, table cells' among them.
  'text': chr(10).join(''.join(t.text or '' for t in p.iter(W + 't')) for p in d.element.body.iter(W + 'p')),
  # python-docx has no notes API: the footnotes part through its relationship, its paragraphs' text.
  'footnotes': [''.join(t.text or '' for t in p.iter(W + 't')) for p in etree.fromstring(d.part.part_related_by(RT.FOOTNOTES).blob).iter(W + 'p')],
}
print(json.dumps(out))
`;
  let read: { styles: Record<string, string>; paragraphs: { style: string; align: string; text: string; bidi: boolean }[]; tables: string[][][]; text: string; footnotes: string[] };

  beforeAll(() => {
    read = JSON.parse(execFileSync(python!, ['-c', script, docx], { encoding: 'utf8' })) as typeof read;
  });

  it('reads every style’s and paragraph’s alignment without error', () => {
    expect(read.styles['Heading4']).toMatch(/LEFT/);
    expect(read.styles['BodyText']).toMatch(/JUSTIFY/);
    expect(read.paragraphs.length).toBeGreaterThan(10);
  });

  it('keeps text, heading styles, list paragraphs, the table and w:bidi', () => {
    const styles = new Set(read.paragraphs.map((p) => p.style));
    for (const style of ['Title', 'Heading1', 'Heading2', 'ListParagraph', 'BodyText']) expect(styles.has(style), style).toBe(true);
    const expected = letterWords(articleText(article));
    const found = letterWords(read.text);
    expect(inOrder(expected, found) / expected.length).toBeGreaterThanOrEqual(0.99);
    expect(read.tables[0]?.[0]).toEqual(['المصطلح', 'المعنى']);
    expect(read.paragraphs.filter((p) => p.style === 'BodyText').every((p) => p.bidi)).toBe(true);
    expect(read.footnotes.map((t) => t.trim())).toContain(NOTE_TEXT);
  });
});

describe('DOCX read by mammoth', () => {
  let html = '';
  let messages: { type: string; message: string }[] = [];
  /** The HTML's text, each element's on its own, tags dropped and the five entities mammoth writes decoded. */
  const textOf = (fragment: string): string =>
    fragment
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] ?? '');

  beforeAll(async () => {
    const result = await mammoth.convertToHtml({ path: docx });
    html = result.value;
    messages = result.messages;
  });

  it('reads it without error, only unmapped styles to warn about', () => {
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(messages.every((m) => /^Unrecognised (paragraph|run) style/u.test(m.message)), JSON.stringify(messages)).toBe(true);
  });

  it('keeps the text word for word, headings, lists, emphasis, the link, the table and the footnote', () => {
    const expected = letterWords(articleText(article));
    expect(inOrder(expected, letterWords(textOf(html))) / expected.length).toBeGreaterThanOrEqual(0.99);
    expect(html).toMatch(/<h1>[^<]*Unicode/u);
    expect(html).toMatch(/<h2>/u);
    expect(html).toMatch(/<ol><li>/u);
    expect(html).toMatch(/<ul><li>[^]*<ul><li>/u);
    expect(html).toContain('<em>HarfBuzz</em>');
    expect(html).toContain('<strong>Unicode</strong>');
    expect(html).toContain('<a href="https://www.unicode.org/standard/standard.html">');
    expect(html).toMatch(/<table>[^]*المصطلح[^]*<\/table>/u);
    // The mark links to the note, the note text stands in mammoth's list of notes with a link back.
    expect(html).toMatch(/<sup><a href="#footnote-1" id="footnote-ref-1">/u);
    expect(textOf(/<li id="footnote-1">[^]*?<\/li>/u.exec(html)?.[0] ?? '')).toContain(NOTE_TEXT);
  });
});
