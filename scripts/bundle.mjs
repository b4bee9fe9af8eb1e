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
 * zod's namespace export carries all ~50 of its message locales (a third of its code), which the bundle
 * would then parse at every start. warraq never switches locale: zod sets English itself, from en.js.
 */
/**
 * fontkit loads brotli (for WOFF2) at start-up, and brotli's Node build inlines its dictionary as 1.2 MB
 * of source. Its browser build (the package's own "browser" field) ships it compressed and unpacks it
 * only when a WOFF2 font is actually decoded.
 */
const compactBrotliDictionary = {
  name: 'compact-brotli-dictionary',
  setup(build) {
    build.onResolve({ filter: /^\.\/dictionary-data(\.js)?$/ }, (args) =>
      args.importer.includes(`${path.sep}brotli${path.sep}`) ? { path: path.join(path.dirname(args.importer), 'dictionary-browser.js') } : undefined,
    );
  },
};

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
 * pdfkit imports fontkit (for fonts given to doc.font) and AES (for encrypted PDFs) at start-up; fontkit
 * alone unpacks a brotli dictionary and Unicode tables on load (~60 ms). warraq embeds its fonts itself
 * (render/pdf/font-embed.ts) and never encrypts, so in the bundle those imports become functions that
 * load the real module on first call.
 */
const LAZY_IN_PDFKIT = { fontkit: ['create'], '@noble/ciphers/aes': ['cbc', 'ecb'] };
const lazyPdfkitExtras = {
  name: 'lazy-pdfkit-extras',
  setup(build) {
    build.onResolve({ filter: /^(fontkit|@noble\/ciphers\/aes)$/ }, (args) =>
      args.importer.includes(`${path.sep}pdfkit${path.sep}`) ? { path: args.path, namespace: 'lazy-pdfkit-extras', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-pdfkit-extras' }, (args) => ({
      contents: LAZY_IN_PDFKIT[args.path].map((name) => `export function ${name}(...args) { return require(${JSON.stringify(args.path)}).${name}(...args); }`).join('\n'),
      resolveDir: args.pluginData,
    }));
  },
};

const englishZodLocaleOnly = {
  name: 'english-zod-locale-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: args.importer, namespace: 'zod-locales' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), '..', 'locales', 'en.js'))};`,
      resolveDir: path.dirname(args.path),
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
  plugins: [englishZodLocaleOnly, compactBrotliDictionary, noFetchingInEpubGen, lazyPdfkitExtras],
  logLevel: 'warning',
});
