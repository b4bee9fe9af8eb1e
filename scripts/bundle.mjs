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
import {
  epubGenBrowserVariants,
  fastBidiClassTable,
  lazyChildProcessInCommander,
  nativeInflate,
  noFontkitOrAesInPdfkit,
  noHtmlCleanupForEmptyChapters,
  noJsZipInEpubGen,
} from './bundle-plugins.mjs';

const root = path.join(import.meta.dirname, '..');

const outdir = path.join(root, 'build', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'build', 'cli.js'), path.join(root, 'build', 'app', 'batch', 'worker.js'), path.join(root, 'build', 'serve', 'render-worker.js')],
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // fastify and its plugins load only for `warraq serve`, a long-running process: their start-up cost
  // does not matter there, and they stay as their authors publish them.
  external: ['harfbuzzjs', 'fastify', '@fastify/multipart', '@fastify/rate-limit'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __warraqRequire } from 'node:module'; const require = __warraqRequire(import.meta.url);" },
  plugins: [epubGenBrowserVariants, noHtmlCleanupForEmptyChapters, noJsZipInEpubGen, noFontkitOrAesInPdfkit, nativeInflate, fastBidiClassTable, lazyChildProcessInCommander],
  logLevel: 'warning',
});
