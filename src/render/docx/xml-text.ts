// XML 1.0 admits only #x9 #xA #xD, #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF. docx writes strings
// as they come, so a stray control character or lone surrogate would make Word refuse the whole file:
// such characters are dropped here (the shared rule, support/xml.ts) and counted, and the renderer warns
// once for the document.
import { dropXmlForbidden } from '../../support/xml.js';

/** Counts what was dropped across one document, so the renderer can warn once. */
export interface XmlCleaner {
  /** The text less the characters XML 1.0 forbids (controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
  clean(text: string): string;
  /** How many characters clean has dropped so far, over the whole document. */
  readonly dropped: number;
}

export function createXmlCleaner(): XmlCleaner {
  let dropped = 0;
  return {
    clean(text: string): string {
      return dropXmlForbidden(text, () => dropped++);
    },
    get dropped() {
      return dropped;
    },
  };
}
