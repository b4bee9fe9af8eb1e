// What PDF/UA-1 (ISO 14289-1) asks of the file that can be checked without veraPDF, read with qpdf and
// poppler: identification and metadata, all content tagged or an artifact, the tree consistent with the
// content, standard structure types, headings without skipped levels, figures with alt text, annotations
// tagged and described, fonts embedded with a ToUnicode map.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/model/index.js';
import { resolveArticle } from '../../../../src/model/index.js';
import { renderPdf } from '../../../../src/render/pdf/index.js';
import { mixedMarkdown, sample } from '../../../support/articles.js';
import { renderContext } from '../../../support/context.js';
import { png } from '../../../support/images.js';
import { pdffonts, pdfTags, type QpdfValue, type Tag } from '../../../support/pdf.js';
import { tempDir } from '../../../support/temp.js';
import { has } from '../../../support/tools.js';

type Dict = Record<string, QpdfValue>;
const isTag = (kid: Tag | Dict): kid is Tag => 'type' in kid && 'kids' in kid;
const all = (tag: Tag): Tag[] => [tag, ...tag.kids.filter(isTag).flatMap(all)];
const dicts = (objects: Map<string, QpdfValue>, type: string): Dict[] =>
  [...objects.values()].filter((o): o is Dict => typeof o === 'object' && o !== null && !Array.isArray(o) && (o as Dict)['/Type'] === type);

// PDF 1.7, 14.8.4: the standard structure types (no role map is written, so only these may appear).
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);
// Operators that put something on the page.
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'Do', 'sh', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'EI']);

/**
 * The operators of a content stream with, for each, the marked-content sequences around it (the tag and
 * its properties' source, innermost last). Enough of the syntax for what a content stream holds.
 */
function operators(stream: string): { op: string; marks: { tag: string; props: string }[] }[] {
  const out: { op: string; marks: { tag: string; props: string }[] }[] = [];
  const marks: { tag: string; props: string }[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < stream.length) {
    const c = stream[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === '%') while (i < stream.length && stream[i] !== '\n') i++;
    else if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < stream.length; i++) {
        if (stream[i] === '\\') i++;
        else if (stream[i] === '(') depth++;
        else if (stream[i] === ')' && --depth === 0) break;
      }
      operands.push(stream.slice(start, ++i));
    } else if (stream.startsWith('<<', i)) {
      let depth = 0;
      const start = i;
      for (; i < stream.length; i++) {
        if (stream.startsWith('<<', i)) {
          depth++;
          i++;
        } else if (stream.startsWith('>>', i)) {
          i++;
          if (--depth === 0) break;
        }
      }
      operands.push(stream.slice(start, ++i));
    } else if (c === '<') {
      const end = stream.indexOf('>', i);
      operands.push(stream.slice(i, end + 1));
      i = end + 1;
    } else if (c === '[' || c === ']') {
      operands.push(c);
      i++;
    } else {
      const match = /^\/?[^\s()<>[\]{}/%]+/.exec(stream.slice(i, i + 200));
      const token = match?.[0] ?? c;
      i += token.length;
      if (token.startsWith('/') || /^[-+.\d]/.test(token)) operands.push(token);
      else {
        if (token === 'BMC') marks.push({ tag: operands.at(-1) ?? '', props: '' });
        else if (token === 'BDC') marks.push({ tag: operands.at(-2) ?? '', props: operands.at(-1) ?? '' });
        else if (token === 'EMC') marks.pop();
        else out.push({ op: token, marks: [...marks] });
        operands.length = 0;
      }
    }
  }
  return out;
}

describe.runIf(has('qpdf'))('PDF/UA-1, as far as it can be checked here', () => {
  const cases: [string, () => Article | Promise<Article>][] = [
    ['the sample', sample],
    ['the mixed Markdown article', mixedMarkdown],
    [
      'an article with figures',
      () =>
        resolveArticle({
          meta: { title: 'صور' },
          blocks: [
            { type: 'figure', src: 'dot.png', alt: 'نقطة حمراء', caption: [{ type: 'text', value: 'شكل 1' }] },
            { type: 'figure', src: 'dot.png', alt: '', caption: [] },
          ],
        }),
    ],
  ];
  describe.each(cases)('%s', (_name, make) => {
    let objects: Map<string, QpdfValue>;
    let document: Tag;
    let pdf: Uint8Array;
    beforeAll(async () => {
      const dir = tempDir('warraq-ua-');
      writeFileSync(path.join(dir, 'dot.png'), png(40, 20, [200, 30, 30]));
      pdf = await renderPdf(await make(), renderContext({ resourceDir: dir }));
      ({ objects, document } = pdfTags(pdf));
    });

    it('identifies itself as PDF/UA-1 in XMP, with its title, language and dates, and shows the title', () => {
      const catalog = dicts(objects, '/Catalog')[0] as Dict;
      const xmp = (objects.get(String(catalog['/Metadata'])) as { data: string }).data;
      const utf8 = Buffer.from(xmp, 'latin1').toString('utf8');
      expect(utf8).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(utf8).toMatch(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">[^<]+<\/rdf:li>/);
      const lang = String(catalog['/Lang']).replace(/^u:/, '');
      expect(utf8).toMatch(new RegExp(`<dc:language>\\s*<rdf:Bag>\\s*<rdf:li>${lang}</rdf:li>`));
      expect(utf8).toMatch(/<xmp:ModifyDate>2025-08-15T09:30:00Z<\/xmp:ModifyDate>/);
      expect(utf8).toMatch(/<xmp:CreateDate>2025-08-15T09:30:00Z<\/xmp:CreateDate>/);
      const preferences = objects.get(String(catalog['/ViewerPreferences'])) as Dict;
      expect(preferences['/DisplayDocTitle']).toBe(true);
      expect((objects.get(String(catalog['/MarkInfo'])) as Dict)['/Marked']).toBe(true);
      expect((objects.get(String(catalog['/MarkInfo'])) as Dict)['/Suspects']).not.toBe(true);
    });

    it('tags every piece of content or marks it an artifact, and the tree names each sequence once', () => {
      const pages = dicts(objects, '/Page');
      const root = dicts(objects, '/StructTreeRoot')[0] as Dict;
      const nums = (objects.get(String(root['/ParentTree'])) as Dict)['/Nums'] as QpdfValue[];
      const parentsOf = new Map<number, QpdfValue>();
      for (let k = 0; k < nums.length; k += 2) parentsOf.set(nums[k] as number, nums[k + 1] as QpdfValue);
      // Every marked-content reference of the tree, by page and MCID, with the element holding it.
      const references = new Map<string, string>();
      for (const tag of all(document)) {
        for (const kid of tag.kids) {
          if (isTag(kid) || kid['/Type'] !== '/MCR') continue;
          const key = `${String(kid['/Pg'])}:${String(kid['/MCID'])}`;
          expect(references.has(key), key).toBe(false);
          references.set(key, tag.ref);
        }
      }
      let sequences = 0;
      let painted = 0;
      for (const [p, page] of pages.entries()) {
        const ref = [...objects.entries()].find(([, o]) => o === page)?.[0] as string;
        const contents = page['/Contents'];
        const stream = (Array.isArray(contents) ? contents : [contents]).map((c) => (objects.get(String(c)) as { data: string }).data).join('\n');
        const parents = objects.get(String(parentsOf.get(page['/StructParents'] as number))) ?? parentsOf.get(page['/StructParents'] as number);
        for (const { op, marks } of operators(stream)) {
          if (!PAINTING.has(op)) continue;
          painted++;
          const tagged = marks.find((m) => m.tag === '/Artifact' || /\/MCID \d+/.test(m.props));
          expect(tagged, `page ${p + 1}: ${op} outside any tagged or artifact sequence`).toBeDefined();
        }
        for (const match of stream.matchAll(/\/MCID (\d+)/g)) {
          sequences++;
          const mcid = Number(match[1]);
          const holder = references.get(`${ref}:${mcid}`);
          expect(holder, `page ${p + 1} MCID ${mcid} is in the tree`).toBeDefined();
          // The parent tree agrees with the tree.
          expect((parents as QpdfValue[])[mcid]).toBe(holder);
        }
      }
      expect(sequences).toBe(references.size);
      expect(painted).toBeGreaterThan(2);
    });

    it('uses standard structure types only, numbers headings without a gap, gives every figure alt text and every TH a Scope', () => {
      const tags = all(document);
      for (const tag of tags) expect(STANDARD.has(tag.type), tag.type).toBe(true);
      const levels = tags.filter((t) => /^H\d$/.test(t.type)).map((t) => Number(t.type.slice(1)));
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => expect(level).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1));
      for (const figure of tags.filter((t) => t.type === 'Figure')) expect(String(figure.entries['/Alt'] ?? '').length).toBeGreaterThan(2);
      // § 7.5: in a table without Headers and IDs every TH says what it heads (Matterhorn 15-003).
      for (const th of tags.filter((t) => t.type === 'TH')) {
        const attributes = objects.get(String(th.entries['/A'])) ?? th.entries['/A'];
        expect(['/Column', '/Row', '/Both'], th.ref).toContain((attributes as Dict | undefined)?.['/Scope']);
      }
    });

    it('puts every annotation in the tree, with /Contents, on pages whose tab order follows the structure', () => {
      const objrs = new Set(all(document).flatMap((t) => t.kids.filter((k): k is Dict => !isTag(k) && k['/Type'] === '/OBJR').map((k) => String(k['/Obj']))));
      for (const page of dicts(objects, '/Page')) {
        expect(page['/Tabs']).toBe('/S');
        for (const ref of (page['/Annots'] as QpdfValue[] | undefined) ?? []) {
          const annotation = objects.get(String(ref)) as Dict;
          expect(String(annotation['/Contents'] ?? '').length).toBeGreaterThan(2);
          expect(typeof annotation['/StructParent']).toBe('number');
          expect(objrs.has(String(ref))).toBe(true);
        }
      }
    });

    it.runIf(has('pdffonts'))('embeds every font with a ToUnicode map', () => {
      for (const line of pdffonts(pdf)) expect(line).toMatch(/\s+yes yes yes\s+\d+\s+0$/);
    });
  });
});
