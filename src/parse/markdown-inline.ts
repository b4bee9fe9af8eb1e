// Inline HTML inside Markdown paragraphs: micromark hands each tag over on its own ("<b>", text, "</b>"),
// so the inlines are gathered on a stack of open tags. Formatting tags map onto the model (<b> <i> <sup>
// <sub> <br> <del> <span dir> <a href>); an anchor (<a id="x"></a>) is the block's id; any other tag goes,
// what it holds stays; what <script> and <style> hold goes too. Markup never becomes text.
import type { Inline } from '../model/schema.js';
import { htmlTokens, INLINE_TAGS, type HtmlTag } from './markdown-html.js';
import { scopeOf } from './scope.js';
import { MAX_NESTING } from '../support/limits.js';

/** An open tag and the inlines gathered inside it so far. */
interface Open {
  /** The tag as it opened. */
  tag: HtmlTag;
  /** What it holds. */
  children: Inline[];
}

const HIDDEN: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'svg', 'textarea']);

/** Gathers one inline sequence, Markdown's own nodes and the raw HTML between them. */
export class InlineGatherer {
  private readonly root: Inline[] = [];
  private readonly open: Open[] = [];
  /** Anchors met (<a id="x"></a>, <a name="x">): ids of the block being read. */
  readonly ids: string[] = [];

  /** `dropped` is told the name of every tag that is neither formatting nor known (once per name is the caller's). */
  constructor(private readonly dropped: (name: string) => void) {}

  /** Where the next inline goes: inside the innermost open tag. */
  private get out(): Inline[] {
    return this.open[this.open.length - 1]?.children ?? this.root;
  }

  /** How many of the open tags are <script>, <style> …: what comes inside them is not text. */
  private hidden = 0;

  add(...inlines: Inline[]): void {
    if (this.hidden === 0) this.out.push(...inlines);
  }

  /** One mdast html node's value: a tag, a comment, or (rarely) several. */
  html(value: string): void {
    for (const token of htmlTokens(value)) {
      if (token.kind === 'text') this.add({ type: 'text', value: token.text });
      else if (token.kind === 'tag') this.tag(token.tag);
    }
  }

  private tag(tag: HtmlTag): void {
    if (!INLINE_TAGS.has(tag.name) && !HIDDEN.has(tag.name)) this.dropped(tag.name);
    if (tag.closing) {
      const at = this.open.map((o) => o.tag.name).lastIndexOf(tag.name);
      if (at < 0) return;
      while (this.open.length > at) this.close();
      return;
    }
    if (tag.name === 'br') return this.add({ type: 'break' });
    if (tag.name === 'img') {
      const alt = tag.attrs.get('alt')?.trim();
      if (alt) this.add({ type: 'text', value: alt });
      return;
    }
    if (tag.name === 'a' && !tag.attrs.has('href')) {
      const id = (tag.attrs.get('id') ?? tag.attrs.get('name'))?.trim();
      if (id) this.ids.push(id);
    }
    // Past the model's nesting limit, further tags open nothing (and each tag costs a bounded look-up).
    if (tag.empty || this.open.length >= MAX_NESTING) return;
    this.open.push({ tag, children: [] });
    if (HIDDEN.has(tag.name)) this.hidden++;
  }

  /** Closes the innermost open tag: its inlines, in the model's node for it, go to its parent. */
  private close(): void {
    const { tag, children } = this.open.pop()!;
    if (HIDDEN.has(tag.name)) this.hidden--;
    this.add(...mapped(tag, children));
  }

  /** The gathered inlines; tags left open are closed where the sequence ends. */
  finish(): Inline[] {
    while (this.open.length > 0) this.close();
    return this.root;
  }
}

function mapped(tag: HtmlTag, children: Inline[]): Inline[] {
  switch (tag.name) {
    case 'b': case 'strong':
      return [{ type: 'strong', children }];
    case 'i': case 'em': case 'cite': case 'dfn': case 'var':
      return [{ type: 'emphasis', children }];
    case 'del': case 's': case 'strike':
      return [{ type: 'delete', children }];
    case 'sup':
      return [{ type: 'superscript', children }];
    case 'sub':
      return [{ type: 'subscript', children }];
    case 'q':
      return [{ type: 'quote', children }];
    case 'code': case 'kbd': case 'samp': case 'tt':
      return [{ type: 'code', value: plain(children) }];
    case 'a': {
      const url = tag.attrs.get('href')?.trim();
      return url ? [{ type: 'link', url, ...(tag.attrs.get('title') && { title: tag.attrs.get('title') }), children }] : children;
    }
    case 'span': case 'bdi': case 'bdo': {
      const scope = scopeOf((name) => tag.attrs.get(name));
      return scope.dir || scope.lang ? [{ type: 'span', ...scope, children }] : children;
    }
    default:
      return HIDDEN.has(tag.name) ? [] : children;
  }
}

function plain(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.type === 'text' || i.type === 'code' ? i.value : i.type === 'break' ? '\n' : 'children' in i ? plain(i.children) : '')).join('');
}
