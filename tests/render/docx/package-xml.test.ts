// The XML fixes docx cannot express must land where the schema's sequences put them, or Word reports
// the file as damaged.
import { describe, expect, it } from 'vitest';
import { insertBidi } from '../../../src/render/docx/package.js';

describe('insertBidi', () => {
  it('puts w:bidi after numbering and borders and before spacing, indents and alignment', () => {
    const pPr = '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:after="0"/><w:ind w:start="720"/><w:jc w:val="both"/>';
    expect(insertBidi(pPr, '<w:bidi/>')).toBe(
      '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:bidi/><w:spacing w:after="0"/><w:ind w:start="720"/><w:jc w:val="both"/>',
    );
  });

  it('appends when nothing that follows it is there, and leaves an existing w:bidi alone', () => {
    expect(insertBidi('<w:keepNext/>', '<w:bidi/>')).toBe('<w:keepNext/><w:bidi/>');
    expect(insertBidi('<w:bidi w:val="0"/><w:jc w:val="left"/>', '<w:bidi/>')).toBe('<w:bidi w:val="0"/><w:jc w:val="left"/>');
    // Elements that come before w:bidi in the sequence stay before it.
    expect(insertBidi('<w:suppressAutoHyphens/><w:jc w:val="both"/>', '<w:bidi/>')).toBe('<w:suppressAutoHyphens/><w:bidi/><w:jc w:val="both"/>');
  });
});
