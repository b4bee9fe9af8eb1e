#!/usr/bin/env node
// Runs the CLI: npm install compiles src/ into build/ and bundles it into build/bundle/ (the prepare script).
import module from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';

const major = Number(process.versions.node.split('.')[0]);
// Node 22+ keeps V8's compiled code of the bundle on disk between runs, in warraq's cache folder (the
// disk cache's own rules: WARRAQ_CACHE_DIR, '' or off for none); it never changes output.
if (typeof module.enableCompileCache === 'function') {
  const { cacheFolder } = await import('../build/support/disk-cache.js');
  const folder = cacheFolder();
  if (folder !== undefined) module.enableCompileCache(path.join(folder, 'v8'));
}
// A run over one article is over in well under a second, most of it code that runs a few times. V8's
// default optimises hot functions early, on the machine's other core, which a two-core machine needs for
// the GC and for reading files: waiting four times longer before optimising makes a cold run ~10 % faster
// (npm run bench) and changes nothing for batches and big articles, whose hot loops still get optimised.
// V8 12 (Node 22) counts invocations instead and has no such flag: setting it would print an error.
if (major < 22) setFlagsFromString('--interrupt-budget=270000');
// HarfBuzz's WebAssembly compiles function by function as the shaper first calls it, instead of all of
// it before the first word is shaped: a cold run uses a fraction of its code (~30 ms less; npm run bench).
setFlagsFromString('--wasm-lazy-compilation');
// A large article is rendered format after format; a full collection between them keeps its peak memory
// down (build/app/memory.js), and only the command, not the library, may change the host's flags.
setFlagsFromString('--expose-gc');

const { main } = await import('../build/bundle/cli.js');
process.exitCode = await main(process.argv.slice(2));
