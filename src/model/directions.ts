// Language and direction per block: an English paragraph in an Arabic article, an Arabic translation in an
// English cheat sheet. A block's text sets its direction when it plainly reads one way, as HTML's dir="auto"
// would (its first strong character), provided most of its letters agree (an Arabic sentence opening with
// "React" stays right to left); otherwise what its source says (<div dir="rtl">, lang="en"), otherwise its
// container's. So a wrapper's dir="rtl" never sets an English list item right to left. What merely repeats
// the container's language or direction is dropped.
import type { Block, Direction, Inline } from './schema.js';
import { detectLanguage, directionOf } from './detect.js';
import { inlineText } from './text.js';
import { mapNotes } from './walk.js';

/** The language and direction a block finds around it: its container's, at the top the article's. */
interface Around {
  lang: string;
  dir: Direction;
}

const RTL_LETTER = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/u;
const RTL_LETTERS = new RegExp(RTL_LETTER.source, 'gu');
const LTR_LETTERS = new RegExp(LTR_LETTER.source, 'gu');

/**
 * The direction a text sets itself in: that of its first strong letter when most of its letters are of the
 * same direction, else undefined (no letters, or a first letter the rest contradict).
 */
export function textDirection(text: string): Direction | undefined {
  const rtlAt = text.search(RTL_LETTER);
  const ltrAt = text.search(LTR_LETTER);
  if (rtlAt < 0 && ltrAt < 0) return undefined;
  const first: Direction = ltrAt < 0 || (rtlAt >= 0 && rtlAt < ltrAt) ? 'rtl' : 'ltr';
  const rtl = text.match(RTL_LETTERS)?.length ?? 0;
  const ltr = text.match(LTR_LETTERS)?.length ?? 0;
  const majority: Direction = rtl > ltr ? 'rtl' : 'ltr';
  return first === majority ? first : undefined;
}

/**
 * The text a block shows, for its direction: inline code counts (it is read), links too; math does not
 * (TeX's letters are commands, and a line of only a formula aligns as the lines around it).
 */
function shownText(block: Block): string | undefined {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return inlineText(withoutMath(block.children));
    case 'figure':
      return inlineText(block.caption);
    case 'table':
      return [...(block.caption ? [block.caption] : []), ...[block.header, ...block.rows].flat()].map((cell: Inline[]) => inlineText(cell)).join('\n');
    case 'verse':
      return block.lines.flat().map((half: Inline[]) => inlineText(half)).join('\n');
    default:
      return undefined;
  }
}

function withoutMath(inlines: readonly Inline[]): Inline[] {
  return inlines.flatMap((node): Inline[] => (node.type === 'inlineMath' ? [] : 'children' in node ? [{ ...node, children: withoutMath(node.children) }] : [node]));
}

/** The blocks with each one's own lang and dir settled against what is around it. */
export function resolveBlockDirections(blocks: readonly Block[], around: Around): Block[] {
  return blocks.map((block) => resolveBlock(block, around));
}

function resolveBlock(block: Block, around: Around): Block {
  // Code and math read left to right in every article, and have no natural language.
  if (block.type === 'code' || block.type === 'math') {
    const { dir: _dir, ...rest } = block;
    return rest;
  }
  const text = shownText(block);
  const own = text === undefined ? undefined : textDirection(text);
  const dir = own ?? block.dir ?? (block.lang !== undefined ? directionOf(block.lang) : undefined);
  // A language the source names stays unless the text reads against it.
  let lang = block.lang !== undefined && directionOf(block.lang) === (dir ?? around.dir) ? block.lang : undefined;
  // A block set against its container's direction says which language it is in, when its letters tell.
  if (lang === undefined && dir !== undefined && dir !== around.dir && text !== undefined) {
    const detected = detectLanguage(text);
    if (directionOf(detected) === dir) lang = detected;
  }
  const inner: Around = { lang: lang ?? around.lang, dir: dir ?? around.dir };
  const { lang: _lang, dir: _dir2, ...bare } = block;
  const settled = {
    ...bare,
    ...(lang !== undefined && lang !== around.lang && { lang }),
    ...(dir !== undefined && dir !== around.dir && { dir }),
  } as Block;
  switch (settled.type) {
    case 'blockquote':
      return { ...settled, children: resolveBlockDirections(settled.children, inner) };
    case 'list':
      return { ...settled, items: settled.items.map((item) => resolveBlockDirections(item, inner)) };
    case 'heading':
    case 'paragraph':
      return { ...settled, children: notesResolved(settled.children, inner) };
    case 'figure':
      return { ...settled, caption: notesResolved(settled.caption, inner) };
    case 'table':
      return {
        ...settled,
        ...(settled.caption && { caption: notesResolved(settled.caption, inner) }),
        header: settled.header.map((c) => notesResolved(c, inner)),
        rows: settled.rows.map((r) => r.map((c) => notesResolved(c, inner))),
      };
    default:
      return settled;
  }
}

/** A note's blocks are settled against the block that cites it: an English note in an Arabic paragraph. */
function notesResolved(inlines: Inline[], around: Around): Inline[] {
  return inlines.some((n) => n.type !== 'text') ? mapNotes(inlines, (note) => ({ ...note, content: resolveBlockDirections(note.content, around) })) : inlines;
}
