// esbuild plugins for the CLI bundle (scripts/bundle.mjs). Each keeps code that the command never runs
// out of a cold start, or swaps a dependency's start-up work for a native equivalent with the same result.
// The library build (build/index.js) is not bundled and uses every package exactly as published.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const inPackage = (file, name) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`);

/**
 * Applies edits to a dependency's source, each of which must match exactly once: a release that moves the
 * code fails the build here rather than bundling the package unpatched.
 */
function patchSource(source, what, edits) {
  let patched = source;
  for (const [pattern, replacement] of edits) {
    const matches = typeof pattern === 'string' ? patched.split(pattern).length - 1 : (patched.match(pattern) ?? []).length;
    if (matches !== 1) throw new Error(`bundle: ${what} has changed, ${pattern} does not match once; update its patch in scripts/bundle-plugins.mjs`);
    patched = patched.replace(pattern, replacement);
  }
  return patched;
}

/**
 * epub-gen-memory ships browser variants of two files, chosen through its package.json "browser" field:
 * - fetchable: downloads fonts, images and covers with node-fetch, whose URL parser loads a 300 KB
 *   Unicode table at start-up. warraq hands the library local bytes (render/epub/package.ts) and never
 *   fetches at render time; the browser variant falls back on the platform's fetch, which nothing calls.
 * - predicates: validates the options with `ow` (~150 KB with its dependencies, ~10 ms to load). warraq
 *   builds those options itself, always the same shape; the browser variant is the library's no-op.
 */
export const epubGenBrowserVariants = {
  name: 'epub-gen-browser-variants',
  setup(build) {
    const variants = { './fetchable': 'fetchable-browser.js', './predicates': 'predicates-nop.js' };
    build.onResolve({ filter: /^\.\/(fetchable|predicates)$/ }, (args) =>
      inPackage(args.importer, 'epub-gen-memory') ? { path: path.join(path.dirname(args.importer), variants[args.path]) } : undefined,
    );
  },
};

/**
 * epub-gen-memory cleans each chapter's HTML with htmlparser2, css-select and entities. warraq's chapters
 * reach the templates already written, with content '' (render/epub/package.ts), for which the clean-up
 * returns ''. The bundle answers that case itself; any other input loads the library's own file from
 * node_modules at run time (outside the bundle, so its ~300 KB are not read on every start).
 */
export const noHtmlCleanupForEmptyChapters = {
  name: 'no-html-cleanup-for-empty-chapters',
  setup(build) {
    build.onResolve({ filter: /^\.\/html$/ }, (args) =>
      args.importer.endsWith(path.join('epub-gen-memory', 'dist', 'lib', 'util', 'index.js')) ? { path: 'epub-gen-memory-html', namespace: 'empty-chapters' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty-chapters' }, () => ({
      contents: `const load = require;
exports.normalizeHTML = function (index, data) {
  return data === '' ? '' : load('epub-gen-memory/dist/lib/util/html.js').normalizeHTML.call(this, index, data);
};`,
    }));
  },
};

/**
 * epub-gen-memory creates a JSZip in its constructor and writes `mimetype` into it; warraq replaces that
 * zip with its own recorder straight away and writes the package with its own zip writer
 * (render/epub/package.ts), so JSZip, pako and readable-stream (~300 KB) need not load. The stand-in
 * refuses to produce a zip, should the library ever be asked to.
 */
export const noJsZipInEpubGen = {
  name: 'no-jszip-in-epub-gen',
  setup(build) {
    build.onResolve({ filter: /^jszip$/ }, (args) => (inPackage(args.importer, 'epub-gen-memory') ? { path: 'jszip', namespace: 'replaced-zip' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'replaced-zip' }, () => ({
      contents: `module.exports = class ReplacedZip {
  file() { return this; }
  folder() { return this; }
  generateAsync() { throw new Error("warraq's bundle replaces epub-gen-memory's JSZip: write the package with warraq's zip writer"); }
};`,
    }));
  },
};

/**
 * pdfkit imports fontkit (to load fonts given to doc.font) and AES (to encrypt). warraq embeds its fonts
 * itself (render/pdf/font-embed.ts) and never encrypts, so the bundle leaves both out: ~0.8 MB (fontkit,
 * brotli, their tables) that every PDF run would otherwise read and compile. The functions pdfkit imports
 * throw if anything ever calls them.
 */
const UNUSED_IN_PDFKIT = { fontkit: ['create'], '@noble/ciphers/aes': ['cbc', 'ecb'] };
export const noFontkitOrAesInPdfkit = {
  name: 'no-fontkit-or-aes-in-pdfkit',
  setup(build) {
    build.onResolve({ filter: /^(fontkit|@noble\/ciphers\/aes)$/ }, (args) => (inPackage(args.importer, 'pdfkit') ? { path: args.path, namespace: 'unused-in-pdfkit' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'unused-in-pdfkit' }, (args) => ({
      contents: UNUSED_IN_PDFKIT[args.path]
        .map((name) => `export function ${name}() { throw new Error(${JSON.stringify(`warraq's bundle leaves ${args.path} out of pdfkit (${name} is not used)`)}); }`)
        .join('\n'),
    }));
  },
};

/**
 * commander loads node:child_process (~8 ms) at start-up for executable subcommands, which warraq does
 * not have: the bundle gives it the module on first use instead.
 */
export const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => ({
      contents: patchSource(await readFile(args.path, 'utf8'), 'commander', [
        ["const childProcess = require('node:child_process');", "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"],
      ]),
      loader: 'js',
    }));
  },
};

/**
 * linebreak's Unicode table is deflated twice; unicode-trie inflates it at load with tiny-inflate, a
 * JavaScript inflater that takes ~10 ms in a cold process where node:zlib takes 0.5 ms. Same bytes out
 * (tests/bundle-plugins.test.ts); tiny-inflate's contract kept: fill `dest`, return the filled part.
 */
export const NATIVE_INFLATE = `const { inflateRawSync } = require('node:zlib');
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};`;
export const nativeInflate = {
  name: 'native-inflate',
  setup(build) {
    build.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: 'tiny-inflate', namespace: 'native-inflate' }));
    build.onLoad({ filter: /.*/, namespace: 'native-inflate' }, () => ({ contents: NATIVE_INFLATE }));
  },
};

/**
 * bidi-js expands its table of bidi classes into a Map with one entry per code point on first use: ~15 ms
 * in a cold process. The same table as a byte per code point, filled range by range with the native
 * TypedArray.fill, takes ~1 ms and answers the same for every code point (tests/bundle-plugins.test.ts).
 * Each class is stored as the bit position of its flag (L, the default, is flag 1: position 0).
 */
export function fastBidiClasses(source) {
  return patchSource(source, 'bidi-js', [
    [/(if \(!map\) \{\s*(?:\/\/[^\n]*\s*)?)map = new Map\(\);/g, '$1map = new Uint8Array(0x110000);'],
    [/map\.set\(j, TYPES\[type\]\);/g, 'map.fill(Math.log2(TYPES[type]), j, end + 1); break;'],
    [/return map\.get\(char\.codePointAt\(0\)\) \|\| TYPES\.L/g, 'return 1 << map[char.codePointAt(0)]'],
  ]);
}
export const fastBidiClassTable = {
  name: 'fast-bidi-class-table',
  setup(build) {
    build.onLoad({ filter: /[\\/]bidi-js[\\/]dist[\\/]bidi\.m?js$/ }, async (args) => ({ contents: fastBidiClasses(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};
