/**
 * Reads the add-on's entry points from src/main.ts, the only place they are listed: every exported function
 * there is a name Apps Script must see as a top-level function in dist/Code.js (simple triggers, menu and
 * trigger handlers, google.script.run targets, custom functions). build.mjs renders one wrapper per entry point
 * from this; custom functions keep their JSDoc (Sheets reads `@customfunction` for autocomplete and the formula
 * help), taken from the export itself. CommonJS so that both build.mjs and the jest tests can load it.
 */
'use strict';
const { readFileSync } = require('node:fs');
const ts = require('typescript');

/** The global variable the bundle is assigned to. */
const BUNDLE_GLOBAL = 'TrueClicksForSheets';

/** The JSDoc block right above a node, as lines without the comment markers; null when there is none. */
function jsDocLines(source, node) {
  const ranges = ts.getLeadingCommentRanges(source, node.getFullStart()) || [];
  const docs = ranges.map((r) => source.slice(r.pos, r.end)).filter((text) => text.startsWith('/**'));
  if (!docs.length) return null;
  const body = docs[docs.length - 1].replace(/^\/\*\*/, '').replace(/\*\/$/, '');
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines;
}

function isExported(node) {
  return !!node.modifiers && node.modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function parameterName(fileName, fnName, param) {
  if (!ts.isIdentifier(param.name) || param.dotDotDotToken) {
    throw new Error(`${fileName}: ${fnName} must take plain named parameters (Apps Script passes positional arguments).`);
  }
  // `_e` in TypeScript (unused) is still `e` to Apps Script and in the script editor.
  return param.name.text.replace(/^_+/, '');
}

/** Fails on exports Apps Script could not see as a function (consts, re-exports, classes). */
function rejectOtherExports(fileName, statement) {
  const typeOnly = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
  if (typeOnly || ts.isFunctionDeclaration(statement) || ts.isImportDeclaration(statement)) return;
  if (ts.isExportDeclaration(statement) && statement.isTypeOnly) return;
  if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || isExported(statement)) {
    throw new Error(`${fileName}: only function declarations may be exported from the entry file (found: ${statement.getText().split('\n')[0]}).`);
  }
}

/**
 * The entry points declared in a TypeScript entry file: `[{ name, params, doc }]` in source order; `doc` (JSDoc
 * lines) only for custom functions. Throws when the file exports something that is not a function declaration.
 */
function readEntryPoints(fileName = 'src/main.ts', text = readFileSync(fileName, 'utf8')) {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2019, true, ts.ScriptKind.TS);
  const entries = [];
  for (const statement of sourceFile.statements) {
    rejectOtherExports(fileName, statement);
    if (!ts.isFunctionDeclaration(statement) || !isExported(statement) || !statement.name) continue;
    const name = statement.name.text;
    const params = statement.parameters.map((p) => parameterName(fileName, name, p));
    const lines = jsDocLines(text, statement);
    const doc = lines && lines.some((line) => line.includes('@customfunction')) ? lines : undefined;
    entries.push({ name, params, doc });
  }
  return entries;
}

/** Renders the wrapper functions appended to the bundle. */
function renderWrappers(entries, globalName = BUNDLE_GLOBAL) {
  return entries
    .map(({ name, params = [], doc }) => {
      const jsdoc = doc ? `/**\n${doc.map((line) => ` * ${line}`.trimEnd()).join('\n')}\n */\n` : '';
      const p = params.join(', ');
      return `${jsdoc}function ${name}(${p}) {\n  return ${globalName}.${name}(${p});\n}`;
    })
    .join('\n\n');
}

module.exports = { BUNDLE_GLOBAL, readEntryPoints, renderWrappers };
