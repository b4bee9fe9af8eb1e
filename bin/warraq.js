#!/usr/bin/env node
// Runs the CLI: npm install compiles src/ into build/ and bundles it into build/bundle/ (the prepare script).
import { setFlagsFromString } from 'node:v8';

// A run over one article is over in well under a second, most of it code that runs a few times. V8's
// default optimises hot functions early, on the machine's other core, which a two-core machine needs for
// the GC and for reading files: waiting four times longer before optimising makes a cold run ~10 % faster
// (npm run bench) and changes nothing for batches and big articles, whose hot loops still get optimised.
setFlagsFromString('--interrupt-budget=270000');
// HarfBuzz's WebAssembly compiles function by function as the shaper first calls it, instead of all of
// it before the first word is shaped: a cold run uses a fraction of its code (~30 ms less; npm run bench).
setFlagsFromString('--wasm-lazy-compilation');
// A large article is rendered format after format; a full collection between them keeps its peak memory
// down (build/app/memory.js), and only the command, not the library, may change the host's flags.
setFlagsFromString('--expose-gc');

const { main } = await import('../build/bundle/cli.js');
process.exitCode = await main(process.argv.slice(2));
