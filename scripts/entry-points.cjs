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
  { name: 'showRunLog', params: [] },
  // Time-driven trigger handler
  { name: 'scheduledRefresh', params: ['e'] },
  { name: 'showHelp', params: [] },
  // google.script.run targets of the sidebar
  { name: 'saveConnection', params: ['input'] },
  { name: 'testConnection', params: [] },
  { name: 'disconnect', params: [] },
  { name: 'listDatasets', params: [] },
  { name: 'importDataset', params: ['params'] },
  { name: 'importCheckTable', params: ['params'] },
  { name: 'listRuleKeys', params: [] },
  { name: 'listAccounts', params: [] },
  { name: 'getProgress', params: ['progressId'] },
  { name: 'cancelImport', params: ['progressId'] },
  { name: 'insertFormula', params: ['params'] },
  { name: 'refreshAll', params: [] },
  { name: 'refreshImport', params: ['sheetName'] },
  { name: 'removeImport', params: ['sheetName'] },
  { name: 'goToSheet', params: ['sheetName'] },
  { name: 'getStatus', params: [] },
  { name: 'setFormulasAllowed', params: ['allowed'] },
  { name: 'setSchedule', params: ['input'] },
  { name: 'getRunLog', params: [] },
  { name: 'listEntitySets', params: [] },
  { name: 'describeDataset', params: ['dataset'] },
  // Custom functions: Sheets reads this JSDoc for autocomplete and the formula help.
  {
    name: 'TRUECLICKS',
    params: ['dataset', 'columns', 'filter', 'orderby', 'top'],
    doc: [
      'Loads a TrueClicks dataset: a header row, then one row per record. Uses the spreadsheet owner\'s TrueClicks connection.',
      '',
      '@param {string} dataset accounts, account-history, checks, users, tasks, targets-active or targets-all (or an OData entity set name). Example: "accounts"',
      '@param {string|Array<Array<string>>} columns [optional] Columns, comma-separated or a range of names. Example: "AccountId,Name,AuditScore"',
      '@param {string} filter [optional] An OData filter. Example: "AuditScore lt 60 and IsActive eq true"',
      '@param {string} orderby [optional] Sort order. Example: "AuditScore desc"',
      '@param {number} top [optional] Row limit, a positive whole number. Example: 100',
      '@return The data with a header row.',
      '@customfunction',
    ],
  },
  {
    name: 'TRUECLICKS_TABLE',
    params: ['ruleKey', 'accountIds'],
    doc: [
      'Loads one check\'s output table for your accounts: a header row (account id first), then the rows of every account.',
      '',
      '@param {string} ruleKey The check\'s rule key (the checks dataset lists them). Example: "wasted-search-terms"',
      '@param {string|Array<Array<string>>} accountIds [optional] One account id, comma-separated ids or a range; all accounts when omitted. Example: "1001,1002"',
      '@return The combined table with a header row.',
      '@customfunction',
    ],
  },
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
