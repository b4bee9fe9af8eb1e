#!/usr/bin/env node
// Runs the CLI: npm install compiles src/ into build/ and bundles it into build/bundle/ (the prepare script).
import { main } from '../build/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
