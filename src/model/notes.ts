// Notes as the renderers may count on them: none inside another (a note's note has no page foot, chapter
// end or pop-up of its own to go to).
import type { Block, Inline, NoteInline } from './schema.js';
import { blocksText } from './text.js';
import { mapInlineSequences, mapNotes } from './walk.js';

/** The blocks with every note that stands inside another note replaced by its text in parentheses. */
export function unnestNotes(blocks: readonly Block[]): Block[] {
  const inline = (note: NoteInline): Inline => ({ type: 'text', value: ` (${blocksText(note.content).replace(/\s+/gu, ' ').trim()})` });
  return mapInlineSequences(blocks, (inlines) =>
    mapNotes(inlines, (note) => ({ ...note, content: mapInlineSequences(note.content, (inner) => mapNotes(inner, inline)) })),
  );
}
