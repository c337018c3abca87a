#!/usr/bin/env node
// node scripts/count-casts.mjs [folder ...] — counts type assertions (`x as T` and `<T>x`) in the
// TypeScript sources of app, lib and db (or the folders named), per folder, leaving out `as const`
// (which narrows a literal rather than overriding a type). It parses each file on its own with the
// TypeScript compiler, so comments and strings never count and the figure is the same on every run.
// `--files` also lists each file with its count, most first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const listFiles = args.includes('--files');
const folders = args.filter((a) => !a.startsWith('--'));
const roots = folders.length > 0 ? folders : ['app', 'lib', 'db'];

function sourceFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function isAsConst(node) {
  const type = node.type;
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';
}

function countCasts(path) {
  const text = readFileSync(path, 'utf8');
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  let count = 0;
  const visit = (node) => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isAsConst(node)) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

let total = 0;
const perFile = [];
for (const root of roots) {
  let folderTotal = 0;
  for (const path of sourceFiles(root)) {
    const count = countCasts(path);
    folderTotal += count;
    if (count > 0) perFile.push([relative(process.cwd(), path), count]);
  }
  console.log(`${root}: ${folderTotal}`);
  total += folderTotal;
}
console.log(`total: ${total}`);
if (listFiles) {
  perFile.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [path, count] of perFile) console.log(`  ${count}\t${path}`);
}
