// Text normalisation that preserves what the author wrote: NFC and line endings only; letters, digits,
// ZWNJ/ZWJ and bidi marks are kept. Controls that no document format can carry are dropped with a warning.
import type { Diagnostics } from '../support/errors.js';

// C0 controls except tab and newline, DEL, C1 controls, and the non-characters U+FFFE/U+FFFF.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/gu;

export function normalizeText(text: string, file: string, diagnostics: Diagnostics): string {
  const unified = text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
  const dropped = unified.match(FORBIDDEN);
  const clean = dropped ? unified.replace(FORBIDDEN, '') : unified;
  if (dropped) {
    const kinds = [...new Set(dropped.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))];
    diagnostics.warn(`${file}: dropped ${dropped.length} control character(s) (${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', …' : ''})`);
  }
  return clean.normalize('NFC');
}
