// Bundles the compiled CLI (build/*.js) into build/bundle/: one file per lazily loaded part instead of
// ~900 small modules, which makes a cold `warraq build` ~0.3 s faster (module resolution and file reads
// dominate Node's start-up). The library API (build/index.js) stays unbundled.
//
// Left outside the bundle: harfbuzzjs, whose loader finds harfbuzz.wasm next to itself. pdfkit is inside:
// the only files it reads relative to itself are the standard-14 AFM metrics and the PDF/A ICC profile,
// neither of which warraq uses (documents are made with `font: null` and are not PDF/A).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.join(import.meta.dirname, '..');

/**
 * epub-gen-memory downloads fonts, images and covers by URL with node-fetch, whose URL parser loads a
 * 300 KB Unicode table at start-up. warraq hands it local bytes instead (render/epub/package.ts) and
 * never fetches at render time, so the bundle takes the package's own fetch-less browser build of that
 * one file (it falls back on the platform's fetch, which nothing calls).
 */
const noFetchingInEpubGen = {
  name: 'no-fetching-in-epub-gen',
  setup(build) {
    build.onResolve({ filter: /^\.\/fetchable$/ }, (args) =>
      args.importer.includes(`${path.sep}epub-gen-memory${path.sep}`) ? { path: path.join(path.dirname(args.importer), 'fetchable-browser.js') } : undefined,
    );
  },
};

/**
 * epub-gen-memory cleans each chapter's HTML with htmlparser2, css-select and entities (~30 ms to load).
 * warraq's chapters reach the templates already written, with content '' (render/epub/package.ts), for
 * which the clean-up returns ''. The bundle answers that case itself and loads the real code otherwise.
 */
const noHtmlCleanupForEmptyChapters = {
  name: 'no-html-cleanup-for-empty-chapters',
  setup(build) {
    build.onResolve({ filter: /^\.\/html$/ }, (args) =>
      args.importer.endsWith(path.join('epub-gen-memory', 'dist', 'lib', 'util', 'index.js'))
        ? { path: path.join(path.dirname(args.importer), 'html.js'), namespace: 'empty-chapters' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty-chapters' }, (args) => ({
      contents: `exports.normalizeHTML = function (index, data) {
  return data === '' ? '' : require(${JSON.stringify(args.path)}).normalizeHTML.call(this, index, data);
};`,
      resolveDir: path.dirname(args.path),
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
const noFontkitOrAesInPdfkit = {
  name: 'no-fontkit-or-aes-in-pdfkit',
  setup(build) {
    build.onResolve({ filter: /^(fontkit|@noble\/ciphers\/aes)$/ }, (args) =>
      args.importer.includes(`${path.sep}pdfkit${path.sep}`) ? { path: args.path, namespace: 'unused-in-pdfkit' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'unused-in-pdfkit' }, (args) => ({
      contents: UNUSED_IN_PDFKIT[args.path]
        .map((name) => `export function ${name}() { throw new Error(${JSON.stringify(`warraq's bundle leaves ${args.path} out of pdfkit (${name} is not used)`)}); }`)
        .join('\n'),
    }));
  },
};

const outdir = path.join(root, 'build', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'build', 'cli.js'), path.join(root, 'build', 'batch-worker.js')],
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['harfbuzzjs'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __warraqRequire } from 'node:module'; const require = __warraqRequire(import.meta.url);" },
  plugins: [noFetchingInEpubGen, noHtmlCleanupForEmptyChapters, noFontkitOrAesInPdfkit],
  logLevel: 'warning',
});
