#!/usr/bin/env node
// Every field of every exported interface and object type in src/ has a doc comment (npm run lint):
// the types are how the stages hand work to each other, and a field without a sentence is a guess for
// the next reader. One line per undocumented field; any finding fails the run.
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
const files = (d) => readdirSync(d).flatMap((n) => { const f = path.join(d, n); return statSync(f).isDirectory() ? files(f) : f.endsWith('.ts') && !f.endsWith('.d.ts') ? [f] : []; });
let count = 0;
const ROOT = path.join(import.meta.dirname, '..');
for (const file of files(path.join(ROOT, 'src'))) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const report = (owner, members) => {
    for (const m of members) {
      if (!ts.isPropertySignature(m) && !ts.isMethodSignature(m)) continue;
      if (ts.getJSDocCommentsAndTags(m).length > 0) continue;
      count++;
      const { line } = sf.getLineAndCharacterOfPosition(m.getStart());
      console.log(`${path.relative(ROOT, file)}:${line + 1} ${owner}.${m.name.getText()}`);
    }
  };
  const literals = (type) => (ts.isTypeLiteralNode(type) ? [type] : ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type) ? type.types.flatMap(literals) : ts.isParenthesizedTypeNode(type) ? literals(type.type) : []);
  for (const st of sf.statements) {
    const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isInterfaceDeclaration(st)) report(st.name.text, st.members);
    if (ts.isTypeAliasDeclaration(st)) for (const lit of literals(st.type)) report(st.name.text, lit.members);
  }
}
if (count > 0) {
  console.log(`check-docs: ${count} field(s) without a doc comment`);
  process.exitCode = 1;
}
