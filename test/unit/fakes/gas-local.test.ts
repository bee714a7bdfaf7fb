/** gas-local loads a classic script against the fakes; environments do not share state. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createGasEnvironment } from '../../fakes';

// gas-local ships no types
const gas = require('gas-local') as { require(dir: string, globals: object): Record<string, (...a: unknown[]) => unknown> };

const SCRIPT = `
var AddOn = (function () {
  function onOpen(e) {
    SpreadsheetApp.getUi().createAddonMenu().addItem('Import', 'menuImport').addToUi();
    return String(e && e.authMode);
  }
  function importRows() {
    var ss = SpreadsheetApp.getActiveSpreadsheet();
    var sheet = ss.getSheetByName('Data') || ss.insertSheet('Data');
    var rows = [['id', 'day', 'note'], ['00123', '2024-03-05', '=HYPERLINK("x")']];
    sheet.getRange(1, 1, rows.length, 3).setValues(rows);
    PropertiesService.getUserProperties().setProperty('lastImport', 'ok');
    Logger.log('imported %s rows', rows.length - 1);
    console.log('quiet');
    sheet.getRange('D2').setValue(new Date(Date.UTC(2024, 0, 2, 12)));
    var v = sheet.getDataRange().getValues();
    return {
      written: Utilities.formatDate(v[1][3], 'Etc/UTC', "yyyy-MM-dd'T'HH:mm"), writtenFormat: sheet.getRange('D2').getNumberFormat(),
      id: v[1][0], idType: typeof v[1][0], dayIsDate: v[1][1] instanceof Date, dayYear: v[1][1].getFullYear(),
      valuesIsArray: v instanceof Array, note: v[1][2],
    };
  }
  function badRange() {
    try { SpreadsheetApp.getActiveSheet().getRange(0, 1); }
    catch (e) { return { isError: e instanceof Error, name: e.name, text: String(e), message: e.message }; }
  }
  function nodeGlobals() { return [typeof require, typeof setTimeout, typeof Buffer, typeof process].join(','); }
  return { onOpen: onOpen, importRows: importRows, badRange: badRange, nodeGlobals: nodeGlobals };
})();
function onOpen(e) { return AddOn.onOpen(e); }
function importRows() { return AddOn.importRows(); }
function badRange() { return AddOn.badRange(); }
function nodeGlobals() { return AddOn.nodeGlobals(); }
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakes-gas-local-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), SCRIPT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a classic script runs against the fakes; Dates and Errors belong to the script realm', () => {
  const env = createGasEnvironment({ authMode: 'LIMITED' });
  const ctx = gas.require(dir, env.globals);
  expect(ctx).toBe(env.globals);
  expect(ctx.onOpen(env.makeEvent())).toBe('LIMITED');
  expect(env.ui.menus[0].items).toEqual([{ label: 'Import', functionName: 'menuImport' }]);

  env.setAuthMode('FULL');
  expect(ctx.importRows()).toEqual({ written: '2024-01-02T12:00', writtenFormat: 'm/d/yyyy h:mm:ss', id: 123, idType: 'number', dayIsDate: true, dayYear: 2024, valuesIsArray: true, note: '#FORMULA' });
  expect(ctx.badRange()).toEqual({
    isError: true, name: 'Exception', text: 'Exception: The starting row of the range is too small.',
    message: 'The starting row of the range is too small.',
  });
  expect(ctx.nodeGlobals()).toBe('undefined,undefined,undefined,undefined');
  expect(env.logs).toEqual(['imported 1 rows', 'quiet']);
  expect(env.properties.user()).toEqual({ lastImport: 'ok' });
});

test('two environments share nothing', () => {
  const a = createGasEnvironment({ user: 'a@x.com' });
  const b = createGasEnvironment({ user: 'a@x.com' });
  expect(a.globals).not.toBe(b.globals);
  const ctxA = gas.require(dir, a.globals);
  gas.require(dir, b.globals);
  ctxA.importRows();
  expect(a.spreadsheet.getSheetByName('Data')).not.toBeNull();
  expect(b.spreadsheet.getSheetByName('Data')).toBeNull();
  expect(b.properties.user()).toEqual({});
  expect(b.logs).toEqual([]);
  expect(a.spreadsheet.getId()).not.toBe(b.spreadsheet.getId());
});
