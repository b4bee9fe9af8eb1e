#!/usr/bin/env node
// The architecture as rules a machine checks (npm run lint): each finding is one line, file and rule,
// and any finding fails the run. Import cycles are madge's to find (the same lint step).
//   - src/render/pdf/ holds only index.ts beside its sub-folders;
//   - no source file is longer than MAX_LINES;
//   - paragraph/ and blocks/ of the PDF renderer never import its output/, and only output/ imports pdfkit;
//   - no renderer imports another; the renderers and the readers never import the doors (cli, index, app/);
//   - support/ imports nothing else of src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const MAX_LINES = 450;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : name.endsWith('.ts') ? [file] : [];
  });
}

/** The module specifiers a file imports, statically or with import(). */
function importsOf(text) {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const findings = [];
const inside = (file, folder) => file.startsWith(path.join(SRC, folder) + path.sep);

for (const name of readdirSync(path.join(SRC, 'render', 'pdf'))) {
  const file = path.join(SRC, 'render', 'pdf', name);
  if (!statSync(file).isDirectory() && name !== 'index.ts') findings.push(`src/render/pdf/${name}: only index.ts may sit beside the stage folders`);
}

for (const file of sources(SRC)) {
  const rel = path.relative(ROOT, file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) findings.push(`${rel}: ${lines} lines, more than ${MAX_LINES}`);
  for (const spec of importsOf(text)) {
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
    const says = (rule) => findings.push(`${rel}: imports ${spec}: ${rule}`);
    if ((inside(file, 'render/pdf/paragraph') || inside(file, 'render/pdf/blocks')) && inside(target, 'render/pdf/output')) says('paragraph/ and blocks/ never import output/');
    if (spec === 'pdfkit' && !inside(file, 'render/pdf/output')) says('pdfkit lives behind render/pdf/output/');
    for (const renderer of ['pdf', 'epub', 'docx']) {
      if (inside(target, `render/${renderer}`) && inside(file, 'render') && !inside(file, `render/${renderer}`)) says('no renderer imports another');
    }
    const door = target === path.join(SRC, 'cli.js') || target === path.join(SRC, 'index.js') || inside(target, 'app');
    if (door && (inside(file, 'render') || inside(file, 'parse') || inside(file, 'model'))) says('readers, the model and renderers never import the doors (cli, index, app/)');
    if (inside(file, 'support') && spec.startsWith('.') && !inside(target, 'support')) says('support/ imports nothing else of src/');
  }
}

for (const finding of findings) console.log(finding);
if (findings.length > 0) {
  console.log(`check-structure: ${findings.length} finding(s)`);
  process.exitCode = 1;
}
