/**
 * Every name Apps Script must see as a top-level function in dist/Code.js, with its parameters (named, so the
 * script editor and Sheets' formula help show them) and, for custom functions, the JSDoc Sheets reads for
 * autocomplete (`@customfunction`). build.mjs generates the wrappers from this list and fails when the bundle's
 * exports differ from it; test/unit/build.test.ts checks the generated file. CommonJS so that both build.mjs
 * and the jest tests can load it.
 */
'use strict';
const ENTRY_POINTS = [
  // Simple triggers and menu handlers
  { name: 'onOpen', params: ['e'] },
  { name: 'onInstall', params: ['e'] },
  { name: 'showSidebar', params: [] },
  { name: 'menuRefreshAll', params: [] },
  { name: 'showHelp', params: [] },
  // google.script.run targets of the sidebar
  { name: 'saveConnection', params: ['input'] },
  { name: 'testConnection', params: [] },
  { name: 'disconnect', params: [] },
  { name: 'listDatasets', params: [] },
  { name: 'importDataset', params: ['params'] },
  { name: 'getProgress', params: ['progressId'] },
  { name: 'refreshAll', params: [] },
  { name: 'refreshImport', params: ['sheetName'] },
  { name: 'removeImport', params: ['sheetName'] },
  { name: 'goToSheet', params: ['sheetName'] },
  { name: 'getStatus', params: [] },
  { name: 'listEntitySets', params: [] },
  { name: 'describeDataset', params: ['dataset'] },
];

/** The global variable the bundle is assigned to. */
const BUNDLE_GLOBAL = 'TrueClicksForSheets';

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

module.exports = { ENTRY_POINTS, BUNDLE_GLOBAL, renderWrappers };
