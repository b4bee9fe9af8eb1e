// Raw HTML inside Markdown, as people write it: comments, wrappers such as <div dir="rtl"> (with or without
// markdown="1") and MDX components (<Intro>, <Note>) around Markdown, and now and then real HTML (<h2>, <p>,
// <ol>). Wrappers are unwrapped, their dir and lang applied to what they hold; real HTML is read as the HTML
// reader reads a page; nothing of the markup itself ever becomes text.
import type { Block } from '../model/schema.js';
import { inScope, scopeOf, type Scope } from './scope.js';
import { MAX_NESTING } from '../support/limits.js';

/** A tag of the source, as written (names lower-cased except MDX components, whose case is their name). */
export interface HtmlTag {
  /** The element's name: lower case for HTML, as written for a capitalised MDX/JSX component. */
  name: string;
  /** `</x>`. */
  closing: boolean;
  /** `<x/>`, or an element that never has content (br, img, hr …). */
  empty: boolean;
  /** Its attributes, names lower-cased; a bare attribute has the value ''. */
  attrs: ReadonlyMap<string, string>;
}

/** A piece of raw HTML: a tag, a comment, or the text between them. */
export type HtmlToken =
  | {
      /** A tag. */
      kind: 'tag';
      /** What it says. */
      tag: HtmlTag;
      /** The tag as written. */
      raw: string;
    }
  | {
      /** A comment: never text. */
      kind: 'comment';
    }
  | {
      /** Text between tags. */
      kind: 'text';
      /** As written (entities undecoded: Markdown decodes them). */
      text: string;
    };

const VOID: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

// A tag with its attributes: values quoted, bare, or a JSX expression in braces (one level of nesting). No
// value holds a "<": each try stops at the next one, so reading any text stays linear.
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:._-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|\{(?:[^{}<]|\{[^{}<]*\})*\}|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|(\{(?:[^{}<]|\{[^{}<]*\})*\})|([^\s"'=<>`]+)))?/g;

/** The source cut into tags, comments and text; a "<" that opens no tag is text. */
export function htmlTokens(source: string): HtmlToken[] {
  const out: HtmlToken[] = [];
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, lt);
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      flush();
      out.push({ kind: 'comment' });
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(source);
    if (!m) {
      text += '<';
      i = lt + 1;
      continue;
    }
    flush();
    const raw = m[2] ?? '';
    const name = /^[A-Z]/.test(raw) ? raw : raw.toLowerCase();
    const attrs = new Map<string, string>();
    for (const a of (m[3] ?? '').matchAll(ATTRIBUTE)) attrs.set((a[1] ?? '').toLowerCase(), a[2] ?? a[3] ?? a[4] ?? a[5] ?? '');
    out.push({ kind: 'tag', raw: m[0], tag: { name, closing: m[1] === '/', empty: m[4] === '/' || VOID.has(name), attrs } });
    i = lt + m[0].length;
  }
  flush();
  return out;
}

// Elements of real HTML structure: a piece of raw HTML holding one is read as HTML, not unwrapped.
const STRUCTURE: ReadonlySet<string> = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'dl', 'dt', 'dd', 'blockquote', 'pre', 'img', 'picture', 'figure', 'figcaption', 'hr', 'video', 'audio', 'iframe',
]);
// Elements whose content is never text of the article.
const NEVER_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'textarea', 'select']);
// Wrappers HTML gives Markdown authors for layout: unwrapped without a word (their dir and lang applied).
const LAYOUT: ReadonlySet<string> = new Set(['div', 'p', 'section', 'article', 'aside', 'header', 'footer', 'main', 'center', 'span', 'font', 'details', 'summary', 'br']);

/** What reading raw HTML needs from the Markdown reader. */
export interface HtmlFlowEnv {
  /** Markdown between wrapper tags, read as Markdown. */
  markdown(text: string): Block[];
  /** A piece of real HTML, read as the HTML reader reads a page's content. */
  fragment(html: string): Block[];
  /** Told once per element name that is neither HTML layout nor structure (MDX/JSX components, custom tags). */
  dropped(name: string): void;
}

/** An open wrapper: its name and the scope it gives. */
interface Frame {
  /** The element's name, for its closing tag. */
  name: string;
  /** Its dir and lang. */
  scope: Scope;
  /** <script>, <style> …: nothing inside is text. */
  hidden: boolean;
}

/**
 * Wrappers left open by one piece of raw HTML and closed by a later one: a Markdown sequence's open
 * <div dir="rtl"> scopes the blocks up to its </div>.
 */
export class Wrappers {
  private readonly frames: Frame[] = [];

  /** The scope of what is read now: the innermost dir and lang of the open wrappers. */
  scope(): Scope {
    const scope: Scope = {};
    for (const f of this.frames) {
      if (f.scope.dir !== undefined) scope.dir = f.scope.dir;
      if (f.scope.lang !== undefined) scope.lang = f.scope.lang;
    }
    return scope;
  }

  /** Inside <script> or <style>: what follows is not text. */
  hidden(): boolean {
    return this.frames.some((f) => f.hidden);
  }

  open(tag: HtmlTag): void {
    // Past the model's nesting limit, further wrappers open nothing (each tag costs a bounded look-up).
    if (!tag.empty && this.frames.length < MAX_NESTING) this.frames.push({ name: tag.name, scope: scopeOf((name) => tag.attrs.get(name)), hidden: NEVER_TEXT.has(tag.name) });
  }

  /** Closes the innermost wrapper of that name and those inside it; a closing tag nothing opened is ignored. */
  close(name: string): void {
    const at = this.frames.map((f) => f.name).lastIndexOf(name);
    if (at >= 0) this.frames.length = at;
  }

  /** Whether raw HTML holds real HTML structure (to be read as HTML) rather than wrappers around Markdown. */
  static isStructured(tokens: readonly HtmlToken[]): boolean {
    return tokens.some((t) => t.kind === 'tag' && !t.tag.closing && STRUCTURE.has(t.tag.name));
  }

  /** The blocks one piece of raw HTML (an mdast html node's value) stands for, in the scope it leaves open. */
  read(value: string, env: HtmlFlowEnv): Block[] {
    const tokens = htmlTokens(value);
    for (const t of tokens) if (t.kind === 'tag' && !STRUCTURE.has(t.tag.name) && !LAYOUT.has(t.tag.name) && !NEVER_TEXT.has(t.tag.name) && !INLINE_TAGS.has(t.tag.name)) env.dropped(t.tag.name);
    return Wrappers.isStructured(tokens) ? this.readStructure(tokens, value, env) : this.readWrapped(tokens, env);
  }

  /** Wrappers around Markdown: tags open and close scopes, the text between them is Markdown. */
  private readWrapped(tokens: readonly HtmlToken[], env: HtmlFlowEnv): Block[] {
    const out: Block[] = [];
    let text = '';
    const flush = (): void => {
      // Text inside an HTML block is no indented code block in CommonMark (GitHub shows «    ترجمة» under
      // <div dir="rtl"> as text): its lines lose the indent before they are read as Markdown.
      if (text.trim() !== '' && !this.hidden()) out.push(...inScope(env.markdown(text.replace(/^(?: {4,}|\t)[ \t]*/gmu, '')), this.scope()));
      text = '';
    };
    for (const t of tokens) {
      if (t.kind === 'text') text += t.text;
      else if (t.kind === 'tag' && INLINE_TAGS.has(t.tag.name) && !LAYOUT.has(t.tag.name)) text += t.raw;
      else if (t.kind === 'tag') {
        flush();
        if (t.tag.closing) this.close(t.tag.name);
        else this.open(t.tag);
      }
    }
    flush();
    return out;
  }

  /** Real HTML: read as HTML in the current scope; the wrappers it leaves open scope what follows it. */
  private readStructure(tokens: readonly HtmlToken[], value: string, env: HtmlFlowEnv): Block[] {
    const scope = this.scope();
    const blocks = this.hidden() ? [] : inScope(env.fragment(value), scope);
    // Which of this piece's wrappers stay open past its end (or close ones opened before it).
    const open: HtmlTag[] = [];
    for (const t of tokens) {
      if (t.kind !== 'tag' || t.tag.empty || STRUCTURE.has(t.tag.name) || INLINE_TAGS.has(t.tag.name)) continue;
      if (!t.tag.closing) {
        if (open.length < MAX_NESTING) open.push(t.tag);
      }
      else {
        const at = open.map((o) => o.name).lastIndexOf(t.tag.name);
        if (at >= 0) open.length = at;
        else this.close(t.tag.name);
      }
    }
    for (const tag of open) this.open(tag);
    return blocks;
  }
}

/** Tags of running text: inside a paragraph they are the inline reader's to map. */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'font',
]);
