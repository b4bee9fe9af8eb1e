// Text for XML, the one escaper of all three formats (the PDF's XMP packet, every file of the EPUB, the
// DOCX's document properties): markup escaped, and the characters XML 1.0 cannot carry at all removed.

// XML 1.0's Char production: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Under the `u`
// flag a lone surrogate (which a JS string can hold) is a code point of its own, outside every range;
// a well-formed pair is one code point above U+FFFF, and stays.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// "'" as a character reference: &apos; is XML's but not HTML 4's, and readers of the XHTML may be either.
const ENTITIES: Readonly<Record<string, string>> = Object.freeze<Record<string, string>>({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * Removes the characters XML 1.0 forbids: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone
 * surrogates. `dropped` hears of each one removed, for the caller's one warning.
 */
export function dropXmlForbidden(text: string, dropped?: (char: string) => void): string {
  return text.replace(FORBIDDEN, (c) => {
    dropped?.(c);
    return '';
  });
}

/** Text for element content and for double- or single-quoted attribute values; forbidden characters removed. */
export function escapeXml(text: string): string {
  return dropXmlForbidden(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
