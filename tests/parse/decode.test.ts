import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/parse/decode.js';
import { normalizeText } from '../../src/parse/normalize.js';
import { parseString } from '../../src/parse/index.js';
import { UserError } from '../../src/support/errors.js';
import { collector } from '../support/context.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decoding', () => {
  it('strips a UTF-8 BOM and reads UTF-16 LE and BE with BOM', () => {
    const text = 'عنوان\nنص';
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'a.txt')).toBe(text);
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]), 'a.txt')).toBe(text);
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]), 'a.txt')).toBe(text);
  });

  it('refuses empty, blank, binary and invalid UTF-8 with the file named and the place given', () => {
    expect(() => decodeText(new Uint8Array(), 'e.txt')).toThrow(/^e\.txt: the file is empty$/);
    expect(() => decodeText(utf8(' \n\t \n'), 'b.txt')).toThrow(/^b\.txt: the file holds only whitespace$/);
    expect(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), 'i.txt')).toThrow(/^i\.txt: binary data/);
    const bad = new Uint8Array([...utf8('سطر\nسطر'), 0xc3, 0x28]);
    expect(() => decodeText(bad, 'u.txt')).toThrow(/^u\.txt: invalid UTF-8 at byte 13 \(line 2\)$/);
    try {
      decodeText(bad, 'u.txt');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
    }
  });

  it('finds the first invalid byte: overlong, surrogate, truncated', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x42, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(utf8('سلام 😀'))).toBe(utf8('سلام 😀').length);
  });
});

describe('normalisation', () => {
  it('applies NFC, keeps ZWNJ, ZWJ and bidi marks, drops C0 controls with one warning', () => {
    const diagnostics = collector();
    const out = normalizeText('می\u200Cخواهم\u200D \u200F\u202Bx\u202C a\u0007b\r\nA\u030A', 'n.txt', diagnostics);
    expect(out).toBe('می\u200Cخواهم\u200D \u200F\u202Bx\u202C ab\n\u00C5');
    expect(diagnostics.messages).toEqual(['n.txt: dropped 1 control character(s) (U+0007)']);
  });

  it('never changes Arabic letters, harakat or digits', async () => {
    const text = 'عنوان\nإِنَّ ٱلْعِلْمَ نُورٌ ١٢٣ ۴۵۶ 789 ﻻ';
    const article = await parseString(text, 'txt');
    expect(JSON.stringify(article)).toContain('إِنَّ ٱلْعِلْمَ نُورٌ ١٢٣ ۴۵۶ 789 ﻻ'.normalize('NFC'));
  });
});

describe('binary or text', () => {
  it('reads a real text with one stray NUL as text, dropping the NUL with a warning', async () => {
    const body = 'عنوان الخبر\nفقرة أولى من الخبر فيها كلمات كثيرة تكفي لتكون فقرة حقيقية من مقال منشور.\u0000\nفقرة ثانية.\n';
    const bytes = new TextEncoder().encode(body);
    const text = decodeText(bytes, 'n.txt');
    const diagnostics = collector();
    const article = await parseString(text, 'txt', { file: 'n.txt', diagnostics });
    expect(article.meta.title).toBe('عنوان الخبر');
    expect(diagnostics.messages.join('\n')).toMatch(/n\.txt: dropped 1 control character\(s\) \(U\+0000/);
  });

  it('still refuses a file with a binary signature, or mostly controls', () => {
    expect(() => decodeText(new TextEncoder().encode('%PDF-1.7\nعربي'), 'p.txt')).toThrow(/^p\.txt: binary data/);
    expect(() => decodeText(new Uint8Array(400).fill(1), 'c.txt')).toThrow(/^c\.txt: binary data/);
  });
});
