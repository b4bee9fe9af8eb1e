// XML 1.0 admits only #x9 #xA #xD, #x20–#xD7FF, #xE000–#xFFFD and #x10000–#x10FFFF. docx writes strings
// as they come, so a stray control character or lone surrogate would make Word refuse the whole file:
// such characters are dropped here and counted, and the renderer warns once for the document.

/** Counts what was dropped across one document, so the renderer can warn once. */
export interface XmlCleaner {
  /** The text less the characters XML 1.0 forbids (controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
  clean(text: string): string;
  /** How many characters clean has dropped so far, over the whole document. */
  readonly dropped: number;
}

// Lone surrogates are matched by the two halves' lookarounds; paired ones are one code point under /u.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function createXmlCleaner(): XmlCleaner {
  let dropped = 0;
  return {
    clean(text: string): string {
      return text.replace(FORBIDDEN, () => {
        dropped++;
        return '';
      });
    },
    get dropped() {
      return dropped;
    },
  };
}
