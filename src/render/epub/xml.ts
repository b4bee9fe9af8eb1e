// XML text hygiene for every file of the EPUB: the characters XML 1.0 cannot carry, dropped and counted,
// and attribute lists. Everything from the article passes through the shared escapeXml (support/xml.ts),
// so `<script>`, `&`, `]]>` and `<!--` arrive as text.
import { dropXmlForbidden, escapeXml } from '../../support/xml.js';

/** Removes characters XML 1.0 forbids; reports how many went and which, for one diagnostic line. */
export function dropForbiddenXmlChars(text: string, dropped: Map<string, number>): string {
  return dropXmlForbidden(text, (c) => {
    const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    dropped.set(code, (dropped.get(code) ?? 0) + 1);
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
