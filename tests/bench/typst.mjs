// The Typst peer of `npm run bench` (peers.ts): one whole process that compiles a .typ file to a PDF with
// Typst's Node compiler (@myriaddreamin/typst-ts-node-compiler, Typst 0.14), fonts from one folder only,
// as `typst compile --font-path fonts` does. Plain Node, like warm.mjs.
// Arguments: the package's resolved entry (peers.ts finds it), the .typ file, the PDF to write, the fonts
// folder. Any warning (an unknown font family above all) fails the run: a fallback face is no fair race.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const [entry, main, out, fonts] = process.argv.slice(2);
const { NodeCompiler } = createRequire(import.meta.url)(entry);
const compiler = NodeCompiler.create({ workspace: path.dirname(main), fontArgs: [{ fontPaths: [fonts] }] });
const compiled = compiler.compile({ mainFilePath: main });
const problems = [compiled.takeError(), compiled.takeWarnings()].flatMap((e) => e?.shortDiagnostics ?? []);
if (problems.length > 0 || !compiled.result) {
  process.stderr.write(`typst: ${problems.map((d) => d.message).join('; ') || 'no document'}\n`);
  process.exit(1);
}
writeFileSync(out, compiler.pdf(compiled.result));
