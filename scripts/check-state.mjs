#!/usr/bin/env node
// No module-level mutable state in src/ (npm run lint): caches and lazily made values live in
// src/support/memo.ts (bounded, named, cleared by clearCaches()) and the disk cache in
// src/support/disk-cache.ts; nothing else keeps state between calls or changes it on import.
// Each finding is one line, file:line name, and any finding fails the run. Found at the top level of
// every src/**/*.ts (exported or not):
//   - a `let` or `var`;
//   - a `const` made with new Map/Set/WeakMap/WeakSet/Array (freezing one does not stop set/add);
//   - a `const` array or object literal that is neither Object.freeze(...)'d nor `as const`.
// Fine: a `const` of a primitive, a function, a regular expression, a frozen object, memo(...)/lazy(...),
// and a lookup table typed ReadonlySet/ReadonlyMap (the type forbids every change through it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const ALLOWED = new Set(['src/support/memo.ts', 'src/support/disk-cache.ts']);
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : name.endsWith('.ts') ? [file] : [];
  });
}

const isAsConst = (node) =>
  (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) &&
  ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && node.type.typeName.text === 'const';

const isFreeze = (node) =>
  ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'Object' && node.expression.name.text === 'freeze';

/** Why an initializer makes mutable state, or undefined when it does not. */
function mutable(init) {
  let node = init;
  let frozen = false;
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
    else if (isAsConst(node)) {
      frozen = true;
      node = node.expression;
    } else if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) node = node.expression;
    else if (isFreeze(node) && node.arguments[0]) {
      frozen = true;
      node = node.arguments[0];
    } else break;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && COLLECTIONS.has(node.expression.text)) return `new ${node.expression.text}`;
  if (!frozen && ts.isArrayLiteralExpression(node)) return 'array literal';
  if (!frozen && ts.isObjectLiteralExpression(node)) return 'object literal';
  return undefined;
}

const findings = [];
for (const file of sources(SRC)) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (ALLOWED.has(rel)) continue;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const keyword = list.flags & ts.NodeFlags.Let ? 'let' : list.flags & ts.NodeFlags.Const ? 'const' : 'var';
    for (const declaration of list.declarations) {
      const line = source.getLineAndCharacterOfPosition(declaration.getStart(source)).line + 1;
      const name = declaration.name.getText(source);
      if (keyword !== 'const') findings.push(`${rel}:${line} ${name} (top-level ${keyword})`);
      else if (declaration.initializer) {
        const type = declaration.type && ts.isTypeReferenceNode(declaration.type) ? declaration.type.typeName.getText(source) : '';
        if (type === 'ReadonlySet' || type === 'ReadonlyMap') continue;
        const why = mutable(declaration.initializer);
        if (why) findings.push(`${rel}:${line} ${name} (${why})`);
      }
    }
  }
}

for (const finding of findings) console.log(finding);
if (findings.length > 0) {
  console.log(`check-state: ${findings.length} finding(s): keep state in src/support/memo.ts (memo/lazy), freeze constants`);
  process.exitCode = 1;
}
