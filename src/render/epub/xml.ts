// XML text hygiene for every file of the EPUB: escaping, and the characters XML 1.0 cannot carry at all.
// Everything from the article passes through escapeXml, so `<script>`, `&`, `]]>` and `<!--` arrive as text.

/** Escapes text for element content and for double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Record<string, string> = Object.freeze<Record<string, string>>({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

// XML 1.0 Char production: TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Lone surrogates
// (which a JS string can hold) fall outside it as well, hence the `u` flag and the explicit pair handling.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters XML 1.0 forbids; reports how many went and which, for one diagnostic line. */
export function dropForbiddenXmlChars(text: string, dropped: Map<string, number>): string {
  return text.replace(FORBIDDEN, (c) => {
    const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    dropped.set(code, (dropped.get(code) ?? 0) + 1);
    return '';
  });
}

/** Builds an attribute list, skipping undefined values: ` a="1" b="2"`. */
export function attrs(values: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}
