// The one XML escaper of the three formats: markup escaped, what XML 1.0 forbids removed, nothing else
// touched; what it writes parses back, strictly, to the text less the forbidden characters.
import { describe, expect, it } from 'vitest';
import { dropXmlForbidden, escapeXml } from '../../src/support/xml.js';
import { parseXml } from './zip.js';

/** The text an XML parser reads back from `escaped` as element content and as an attribute value. */
function readBack(escaped: string): { content: string; attribute: string } {
  const doc = parseXml(`<r a="${escaped}" b='${escaped}'>${escaped}</r>`, 'the escaped text');
  const root = doc.documentElement!;
  expect(root.getAttribute('b')).toBe(root.getAttribute('a'));
  return { content: root.textContent ?? '', attribute: root.getAttribute('a') ?? '' };
}

describe('escapeXml', () => {
  it('escapes & < > and both quotes, in content and in either kind of attribute', () => {
    expect(escapeXml(`a & b < c > d "e" 'f' &amp; ]]> <!-- x -->`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; &amp;amp; ]]&gt; &lt;!-- x --&gt;');
    const text = `</r><injected a="1"/>'&"`;
    expect(readBack(escapeXml(text))).toEqual({ content: text, attribute: text });
  });

  it('removes C0 controls but tab, newline and CR; U+FFFE and U+FFFF; lone surrogates of either half', () => {
    const c0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    expect(escapeXml(c0)).toBe('\t\n\r');
    expect(escapeXml('a\uFFFEb\uFFFFc')).toBe('abc');
    expect(escapeXml('lone high \uD83D. lone low \uDE00. reversed \uDE00\uD83D. at the end \uD83D')).toBe('lone high . lone low . reversed . at the end ');
  });

  it('keeps everything XML 1.0 allows: pairs above U+FFFF, the edges of the ranges, DEL and C1, bidi controls', () => {
    const allowed = '😀 𝕏 \uD7FF\uE000\uFFFD \u007F\u0080\u009F \u200F\u202B\u2066 عربي';
    expect(escapeXml(allowed)).toBe(allowed);
    expect(readBack(escapeXml(allowed)).content).toBe(allowed);
  });

  it('what it writes always parses, to the text less the forbidden characters (attribute values normalise whitespace)', () => {
    const hostile = 'عنوان \uFFFF & <b>\u0000\u0008\u000B\u000C "x" \uD800\'y\'\u001F\uFFFE]]>';
    const { content, attribute } = readBack(escapeXml(hostile));
    expect(content).toBe('عنوان  & <b> "x" \'y\']]>');
    expect(attribute).toBe(content);
  });
});

describe('dropXmlForbidden', () => {
  it('reports each character it removes, once, and leaves the rest (markup included) as it is', () => {
    const heard: string[] = [];
    expect(dropXmlForbidden('a\u0001<b>\uFFFF&\uDC00😀', (c) => heard.push(c))).toBe('a<b>&😀');
    expect(heard).toEqual(['\u0001', '\uFFFF', '\uDC00']);
  });
});
