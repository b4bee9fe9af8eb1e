// The CLI bundle swaps two dependencies' start-up work for native equivalents (scripts/bundle-plugins.mjs).
// They must answer exactly as the published code does, for every input the command can give them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fastBidiClasses, NATIVE_INFLATE } from '../scripts/bundle-plugins.mjs';

const require = createRequire(import.meta.url);

/** Evaluates CommonJS (or UMD) source the way the bundle's wrapper does, with Node's require. */
function evaluate<T>(source: string): T {
  const module = { exports: {} as unknown };
  vm.runInThisContext(`(function (module, exports, require) {${source}\n})`)(module, module.exports, require);
  return module.exports as T;
}

interface Bidi {
  getBidiCharType(char: string): number;
  getEmbeddingLevels(text: string, direction: 'rtl' | 'ltr'): { levels: Uint8Array; paragraphs: unknown[] };
}
type BidiFactory = () => Bidi;

describe('bidi-js with a byte table of bidi classes', () => {
  const source = readFileSync(require.resolve('bidi-js'), 'utf8');
  const published = evaluate<BidiFactory>(source)();
  const patched = evaluate<BidiFactory>(fastBidiClasses(source))();

  it('gives every code point the class the published table gives it', () => {
    const differing: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const char = String.fromCodePoint(cp);
      if (patched.getBidiCharType(char) !== published.getBidiCharType(char)) differing.push(cp);
    }
    expect(differing).toEqual([]);
  });

  it('resolves the same embedding levels', () => {
    for (const text of ['قال "hello (world)" ١٢٣ 45.6% — نعم', 'abc \u202Eמלא\u202C 12 [ج]', '\u2067سلام\u2069 a\u200Fb']) {
      for (const dir of ['rtl', 'ltr'] as const) {
        expect([...patched.getEmbeddingLevels(text, dir).levels]).toEqual([...published.getEmbeddingLevels(text, dir).levels]);
      }
    }
  });

  it('refuses to build when bidi-js no longer has the code it patches', () => {
    expect(() => fastBidiClasses(source.replace('map.set(j,', 'map.put(j,'))).toThrow(/bidi-js has changed/);
  });
});

describe('tiny-inflate through node:zlib', () => {
  type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
  const tinyInflate = require('tiny-inflate') as Inflate;
  const nativeInflate = evaluate<Inflate>(NATIVE_INFLATE);

  it("inflates linebreak's twice-deflated table to the same bytes", () => {
    const module = readFileSync(path.join(path.dirname(require.resolve('linebreak')), 'module.mjs'), 'utf8');
    const data = Buffer.from(/toByteArray\("([^"]+)"\)/.exec(module)?.[1] ?? '', 'base64');
    expect(data.length).toBeGreaterThan(1000);
    const length = data.readUInt32LE(8);
    const twice = (inflate: Inflate): Uint8Array => inflate(inflate(data.subarray(12), new Uint8Array(length)), new Uint8Array(length));
    const expected = twice(tinyInflate);
    expect(expected.length).toBe(length);
    expect(Buffer.from(twice(nativeInflate)).equals(Buffer.from(expected))).toBe(true);
  });

  it('fills the destination and returns only the inflated part when it is shorter', () => {
    const text = Buffer.from('warraq '.repeat(100));
    const result = nativeInflate(deflateRawSync(text), new Uint8Array(text.length + 50));
    expect(Buffer.from(result).equals(text)).toBe(true);
    expect(Buffer.from(tinyInflate(deflateRawSync(text), new Uint8Array(text.length + 50))).equals(text)).toBe(true);
  });
});
