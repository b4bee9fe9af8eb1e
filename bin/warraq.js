#!/usr/bin/env node
// Runs the compiled CLI (npm install compiles src/ into build/ through the prepare script).
import { main } from '../build/cli.js';

process.exitCode = await main(process.argv.slice(2));
