// The CLI tests run the real command (bin/warraq.js → build/bundle/): compile src/ and bundle it first so
// they never test stale code. Type errors are the type-check step's business (`npm run typecheck`); tsc
// emits regardless.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT as root } from '../support/paths.js';

export default function compile(): void {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(`compile: tsc reported errors (run npm run typecheck)\n${result.stdout}`);
  const bundle = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`bundle failed:\n${bundle.stderr}`);
}
