// Bookmarks from the headings, nested by level, each opening its page at the heading.
import type { PageGeometry } from '../pages/geometry.js';
import type { Page } from '../pages/types.js';
import { fmt, pdfString, type PdfCanvas, type PdfDict, type PdfRef, type PdfValue } from './canvas.js';

interface OutlineNode {
  title: string;
  level: number;
  dest: PdfValue[];
  ref: PdfRef;
  children: OutlineNode[];
}

/** Writes the outline of the pages' bookmarks (nothing when there are none). */
export function writeOutline(canvas: PdfCanvas, pages: readonly Page[], pageRefs: readonly PdfRef[], geometry: PageGeometry): void {
  const root: OutlineNode = { title: '', level: 0, dest: [], ref: canvas.outlineRoot.ref, children: [] };
  const stack: OutlineNode[] = [root];
  pages.forEach((page, i) => {
    for (const mark of page.bookmarks) {
      const node: OutlineNode = {
        title: mark.title,
        level: mark.level,
        dest: [pageRefs[i] as PdfRef, 'XYZ', null, Number(fmt(canvas.origin + geometry.height - mark.top + 4)), null],
        ref: canvas.ref(),
        children: [],
      };
      while ((stack[stack.length - 1] as OutlineNode).level >= node.level && stack.length > 1) stack.pop();
      (stack[stack.length - 1] as OutlineNode).children.push(node);
      stack.push(node);
    }
  });
  if (root.children.length === 0) return;
  const count = (node: OutlineNode): number => node.children.reduce((sum, c) => sum + 1 + count(c), 0);
  const fillChildren = (parent: OutlineNode): void => {
    parent.children.forEach((child, i) => {
      const data: PdfDict = { Title: pdfString(child.title), Parent: parent.ref, Dest: child.dest };
      const prev = parent.children[i - 1];
      const next = parent.children[i + 1];
      if (prev) data.Prev = prev.ref;
      if (next) data.Next = next.ref;
      if (child.children.length > 0) {
        data.First = (child.children[0] as OutlineNode).ref;
        data.Last = (child.children[child.children.length - 1] as OutlineNode).ref;
        data.Count = count(child);
      }
      canvas.fill(child.ref, data);
      fillChildren(child);
    });
  };
  fillChildren(root);
  const rootData = canvas.outlineRoot.data;
  rootData.Type = 'Outlines';
  rootData.First = (root.children[0] as OutlineNode).ref;
  rootData.Last = (root.children[root.children.length - 1] as OutlineNode).ref;
  rootData.Count = count(root);
  canvas.catalog.Outlines = root.ref;
  canvas.catalog.PageMode = 'UseOutlines';
}

