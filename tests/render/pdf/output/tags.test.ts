// The tag tree as assistive technology and PDF/UA checkers walk it, read with qpdf (which did not make the
// file): headings from the title's H1 down, nested lists, figures, links, languages, artifacts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveArticle, type Article } from '../../../../src/model/index.js';
import { renderPdf } from '../../../../src/render/pdf/index.js';
import { mixedMarkdown, paragraph, sample } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { png } from '../../../support/images.js';
import { pdfTags, structureText, type QpdfValue, type Tag } from '../../../support/pdf.js';
import { tempDir } from '../../../support/temp.js';
import { has } from '../../../support/tools.js';

/** qpdf's text string without its "u:" prefix. */
const text = (value: QpdfValue | undefined): string => (typeof value === 'string' ? value.replace(/^u:/, '') : '');
type Dict = Record<string, QpdfValue>;
const isTag = (kid: Tag | Dict): kid is Tag => 'type' in kid && 'kids' in kid;
const children = (tag: Tag): Tag[] => tag.kids.filter(isTag);
const all = (tag: Tag): Tag[] => [tag, ...children(tag).flatMap(all)];
/** The element's own text: its /ActualText, or its kids' (marked content without any reads as "·"). */
const said = (tag: Tag): string => (tag.entries['/ActualText'] !== undefined ? text(tag.entries['/ActualText']) : tag.kids.map((k) => (isTag(k) ? said(k) : '·')).join(''));

describe.runIf(has('qpdf'))('the tag tree', () => {
  let mixed: Article;
  let tree: Tag;
  let objects: Map<string, QpdfValue>;
  beforeAll(async () => {
    mixed = await mixedMarkdown();
    ({ document: tree, objects } = pdfTags(await renderPdf(mixed, renderContext())));
  });

  it('is a Document in the article language whose elements follow the article block by block', () => {
    expect(tree.type).toBe('Document');
    expect(text(tree.entries['/Lang'])).toBe('ar');
    // Title, subtitle, byline, then the blocks (a list is one L, a table one Table).
    const types = children(tree).map((t) => t.type);
    expect(types.slice(0, 3)).toEqual(['H1', 'P', 'P']);
    const expected = mixed.blocks.flatMap((b) => {
      switch (b.type) {
        case 'heading':
          return [`H${b.level + 1}`];
        case 'list':
          return ['L'];
        case 'blockquote':
          return b.children.map(() => 'BlockQuote');
        case 'code':
          return ['Code'];
        case 'table':
          return ['Table'];
        case 'thematicBreak':
          return [];
        default:
          return ['P'];
      }
    });
    expect(types.slice(3)).toEqual(expected);
  });

  it('numbers headings from the title H1 down, never skipping a level', async () => {
    const ofSample = pdfTags(await renderPdf(await sample(), renderContext())).document;
    const headings = children(ofSample).filter((t) => /^H\d$/.test(t.type));
    expect(headings[0]?.type).toBe('H1');
    expect(headings.slice(1).map((t) => t.type)).toEqual(headings.slice(1).map(() => 'H2'));
    // A model that starts at level 3 still nests without a gap: H1, H2, H3.
    const deep = resolveArticle({
      meta: { title: 'عنوان' },
      blocks: [{ type: 'heading', level: 3, children: [{ type: 'text', value: 'قسم' }] }, { type: 'heading', level: 5, children: [{ type: 'text', value: 'فرع' }] }, paragraph('نص.')],
    });
    expect(children(pdfTags(await renderPdf(deep, renderContext())).document).map((t) => t.type)).toEqual(['H1', 'H2', 'H3', 'P']);
  });

  it('nests lists as L → LI → Lbl (the marker) + LBody, an inner list inside its item’s body', () => {
    const lists = children(tree).filter((t) => t.type === 'L');
    expect(lists).toHaveLength(2);
    const [numbered, bulleted] = lists as [Tag, Tag];
    expect(children(numbered).map((t) => t.type)).toEqual(['LI', 'LI', 'LI']);
    for (const item of children(numbered)) {
      expect(children(item).map((t) => t.type)).toEqual(['Lbl', 'LBody']);
      // The article writes Western digits, so its list counts 1, 2, 3 (as its folio): no reordering, so
      // no /ActualText, just the label's marked content.
      expect(said(children(item)[0] as Tag).length).toBeGreaterThan(0);
    }
    const second = children(bulleted)[1] as Tag;
    const body = children(second)[1] as Tag;
    expect(body.type).toBe('LBody');
    const inner = children(body).find((t) => t.type === 'L');
    expect(inner && children(children(inner)[0] as Tag).map((t) => t.type)).toEqual(['Lbl', 'LBody']);
    expect(said(inner as Tag)).toContain('وهذه قائمة داخلية');
  });

  it('puts each link’s text and annotation in a Link element; the annotation points back and says what it is', () => {
    const links = all(tree).filter((t) => t.type === 'Link');
    expect(links.length).toBeGreaterThanOrEqual(1);
    const nums = (() => {
      const root = [...objects.values()].find((o) => typeof o === 'object' && o !== null && (o as Dict)['/Type'] === '/StructTreeRoot') as Dict;
      const tree = objects.get(String(root['/ParentTree'])) as Dict;
      return tree['/Nums'] as QpdfValue[];
    })();
    for (const link of links) {
      const objr = link.kids.find((k) => !isTag(k) && (k as Dict)['/Type'] === '/OBJR') as Dict;
      expect(link.kids.some((k) => !isTag(k) && (k as Dict)['/Type'] === '/MCR')).toBe(true);
      const annotation = objects.get(String(objr['/Obj'])) as Dict;
      expect(annotation['/Subtype']).toBe('/Link');
      expect(text(annotation['/Contents']).length).toBeGreaterThan(0);
      const key = annotation['/StructParent'] as number;
      const keyAt = nums.findIndex((n, i) => i % 2 === 0 && n === key);
      expect(nums[keyAt + 1]).toBe(link.ref);
    }
    expect(links.map(said).join(' ')).toContain('موقع');
  });

  it('says where the text is in another language', async () => {
    const english = all(tree).filter((t) => text(t.entries['/Lang']) === 'en');
    expect(english.map((t) => t.type)).not.toContain('Document');
    expect(english.length).toBeGreaterThan(5);
    // What those elements hold, read back with pdf.js: the Latin words and nothing else.
    const words = (await structureText(await renderPdf(mixed, renderContext()), { lang: 'en' })).split(/\s+/u);
    expect(words).toEqual(expect.arrayContaining(['Unicode', 'HarfBuzz', 'Amiri', 'UTF-8', 'Word', 'Latin']));
    expect(words.join(' ')).not.toMatch(/\p{Script=Arabic}/u);
  });

  it('sets /Tabs /S on every page and keeps running heads, folios and rules out of the tags', async () => {
    const contentOf = (from: Map<string, QpdfValue>): string[] =>
      pagesOf(from).map((p) => {
        const c = p['/Contents'];
        return (Array.isArray(c) ? c : [c]).map((ref) => (from.get(String(ref)) as { data: string }).data).join('\n');
      });
    const ofSample = pdfTags(await renderPdf(await sample(), renderContext())).objects;
    const pages = pagesOf(ofSample);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page['/Tabs']).toBe('/S');
    const content = contentOf(ofSample);
    for (const page of content) expect(page).toMatch(/\/Artifact <<\s*\/Type \/Pagination \/Subtype \/Footer\s*>> BDC/);
    expect(content.slice(1).join('\n')).toMatch(/\/Artifact <<\s*\/Type \/Pagination \/Subtype \/Header\s*>> BDC/);
    // The thematic break's rule.
    expect(contentOf(objects).join('\n')).toMatch(/\/Artifact <<\s*\/Type \/Layout\s*>> BDC q [\d. ]+ RG 0\.6 w/);
  });
});

function pagesOf(objects: Map<string, QpdfValue>): Dict[] {
  return [...objects.values()].filter((o) => typeof o === 'object' && o !== null && (o as Dict)['/Type'] === '/Page') as Dict[];
}

describe.runIf(has('qpdf'))('figures in the tag tree', () => {
  it('tags a figure with its alt text and box before its caption, and an image with neither as decoration', async () => {
    const dir = tempDir('warraq-fig-');
    writeFileSync(path.join(dir, 'dot.png'), png(40, 20, [200, 30, 30]));
    const article = resolveArticle({
      meta: { title: 'صورة' },
      blocks: [
        { type: 'figure', src: 'dot.png', alt: 'نقطة حمراء على خلفية بيضاء', caption: [{ type: 'text', value: 'شكل 1: نقطة' }] },
        { type: 'figure', src: 'dot.png', alt: '', caption: [] },
      ],
    });
    const { document, objects } = pdfTags(await renderPdf(article, renderContext({ resourceDir: dir })));
    const types = children(document).map((t) => t.type);
    expect(types).toEqual(['H1', 'Figure', 'Caption']);
    const figure = children(document)[1] as Tag;
    expect(text(figure.entries['/Alt'])).toBe('نقطة حمراء على خلفية بيضاء');
    const box = ((objects.get(String(figure.entries['/A'])) ?? figure.entries['/A']) as Dict)['/BBox'] as number[];
    expect(box).toHaveLength(4);
    expect((box[2] as number) - (box[0] as number)).toBeCloseTo(30, 0); // 40 px at 96 per inch
    expect(figure.kids.filter((k) => !isTag(k))).toHaveLength(1);
    const content = [...objects.values()].flatMap((o) => (typeof o === 'object' && o !== null && 'data' in o ? [String((o as { data: string }).data)] : [])).join('\n');
    // The second image, with no alt text and no caption, is drawn as an artifact.
    expect(content.match(/\/Artifact BMC\s+q[^Q]*\/I\d+ Do/g)).toHaveLength(1);
  });
});
