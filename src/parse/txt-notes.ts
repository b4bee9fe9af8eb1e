// Numbered notes at the end of a plain text («[1] …», «(1) …», «¹ …», digits of any of the scripts): each
// becomes a note where the text cites it with the same mark, in order. A note nobody cites stays the
// paragraph it was, with a warning; a text whose closing lines only look like notes is left as it is.
import type { Inline } from '../model/schema.js';

/** One kind of note numbering: how a note's line starts, and how the text cites it. */
interface NoteStyle {
  /** A note's line: its number, then its text. */
  line: RegExp;
  /** A mark in the text, its number in group 1. */
  mark: RegExp;
}

const DIGIT = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const STYLES: readonly NoteStyle[] = Object.freeze([
  { line: new RegExp(`^\\[(${DIGIT}{1,3})\\]\\s*(\\S.*)$`, 'u'), mark: new RegExp(`\\[(${DIGIT}{1,3})\\]`, 'gu') },
  { line: new RegExp(`^\\((${DIGIT}{1,3})\\)\\s*(\\S.*)$`, 'u'), mark: new RegExp(`\\((${DIGIT}{1,3})\\)`, 'gu') },
  { line: new RegExp(`^([${SUPERSCRIPTS}]{1,3})\\s*(\\S.*)$`, 'u'), mark: new RegExp(`([${SUPERSCRIPTS}]{1,3})`, 'gu') },
]);

// A heading over the notes («الهوامش», «پانویس‌ها», «Notes»), and a rule: they go with the notes.
const NOTES_LABEL = /^(?:[-_*=—–]{3,}|(?:ال)?(?:هوامش|حواشي|الحواشي|مراجع|مصادر|إحالات)|پانویس(?:\u200c?ها)?|پی\u200c?نوشت(?:\u200c?ها)?|منابع|حواشی|حوالہ جات|Notes|Footnotes|References)\s*:?$/iu;

/** The number a mark writes, whatever its digits. */
function numberOf(digits: string): number {
  let n = 0;
  for (const ch of digits) {
    const cp = ch.codePointAt(0)!;
    const sup = SUPERSCRIPTS.indexOf(ch);
    const d = sup >= 0 ? sup : cp >= 0x6f0 ? cp - 0x6f0 : cp >= 0x660 ? cp - 0x660 : cp - 0x30;
    n = n * 10 + d;
  }
  return n;
}

/** The text's lines, each as inlines with its notes; and how many notes were found and how many nobody cites. */
export interface TextNotes {
  /** The lines of the body left, the note lines out, each with the notes it cites. */
  lines: Inline[][];
  /** How many note lines no mark in the text cites (kept as lines at the end). */
  uncited: number;
}

/** Finds the notes at the end of `body` and the marks that cite them; lines without notes are plain text. */
export function readTextNotes(body: readonly string[]): TextNotes {
  const plain = (): TextNotes => ({ lines: body.map((value) => [{ type: 'text', value }]), uncited: 0 });
  const last = body[body.length - 1];
  const style = last === undefined ? undefined : STYLES.find((s) => s.line.test(last));
  if (style === undefined) return plain();
  let start = body.length;
  while (start > 1 && style.line.test(body[start - 1]!)) start--;
  const notes = body.slice(start).map((line) => {
    const m = style.line.exec(line)!;
    return { n: numberOf(m[1]!), text: m[2]!, line };
  });
  let end = start;
  if (end > 1 && NOTES_LABEL.test(body[end - 1]!)) end--;
  const text = body.slice(0, end);
  // Marks in order: note k is cited after note k-1's mark.
  const marks = new Map<number, { line: number; at: number; length: number; note: number }[]>();
  let line = 0;
  let from = 0;
  const cited = new Set<number>();
  for (const [i, note] of notes.entries()) {
    for (let l = line; l < text.length; l++) {
      const re = new RegExp(style.mark.source, 'gu');
      re.lastIndex = l === line ? from : 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text[l]!)) !== null && numberOf(m[1]!) !== note.n);
      if (m === null) continue;
      marks.set(l, [...(marks.get(l) ?? []), { line: l, at: m.index, length: m[0].length, note: i }]);
      cited.add(i);
      line = l;
      from = m.index + m[0].length;
      break;
    }
  }
  if (cited.size === 0) return plain();
  const lines = text.map((value, l): Inline[] => {
    const out: Inline[] = [];
    let pos = 0;
    for (const mark of marks.get(l) ?? []) {
      if (mark.at > pos) out.push({ type: 'text', value: value.slice(pos, mark.at) });
      out.push({ type: 'note', content: [{ type: 'paragraph', children: [{ type: 'text', value: notes[mark.note]!.text }] }] });
      pos = mark.at + mark.length;
    }
    if (pos < value.length) out.push({ type: 'text', value: value.slice(pos) });
    return out;
  });
  const left = notes.filter((_, i) => !cited.has(i));
  return { lines: [...lines, ...left.map((n): Inline[] => [{ type: 'text', value: n.line }])], uncited: left.length };
}
