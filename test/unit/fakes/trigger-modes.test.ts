/**
 * The two ways the fakes can treat an add-on's clock trigger, other spreadsheets of the same user, and a
 * simulated kill of an execution.
 */
import { createGasEnvironment } from '../../fakes';

type Any = any;

function handlerSees(env: ReturnType<typeof createGasEnvironment>) {
  const g = env.globals as Any;
  const seen: Any = {};
  g.probe = () => {
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    seen.active = ss ? ss.getId() : null;
    seen.docProps = g.PropertiesService.getDocumentProperties() !== null;
    seen.docCache = g.CacheService.getDocumentCache() !== null;
    seen.docLock = g.LockService.getDocumentLock() !== null;
    seen.opened = g.SpreadsheetApp.openById(env.spreadsheet._id).getId();
  };
  return seen;
}

test("'document': getUserTriggers lists the clock trigger and its handler runs with the spreadsheet active", () => {
  const env = createGasEnvironment({ clockTriggers: 'document' });
  const g = env.globals as Any;
  const seen = handlerSees(env);
  g.ScriptApp.newTrigger('probe').timeBased().everyHours(1).create();
  expect(g.ScriptApp.getUserTriggers(env.spreadsheet)).toHaveLength(1);
  env.runTrigger(env.triggers[0].id);
  expect(seen).toEqual({ active: env.spreadsheet._id, docProps: true, docCache: true, docLock: true, opened: env.spreadsheet._id });
});

test("'project': only getProjectTriggers lists it; its handler has no active spreadsheet or document stores, and opens by id", () => {
  const env = createGasEnvironment({ clockTriggers: 'project' });
  const g = env.globals as Any;
  const seen = handlerSees(env);
  g.ScriptApp.newTrigger('probe').timeBased().everyHours(1).create();
  expect(g.ScriptApp.getUserTriggers(env.spreadsheet)).toHaveLength(0);
  expect(g.ScriptApp.getProjectTriggers()).toHaveLength(1);
  env.runTrigger(env.triggers[0].id);
  expect(seen).toEqual({ active: null, docProps: false, docCache: false, docLock: false, opened: env.spreadsheet._id });
  expect(env.activeSpreadsheet).toBe(env.spreadsheet); // restored after the run
});

test('another spreadsheet has its own document properties; a lost one cannot be opened', () => {
  const env = createGasEnvironment();
  const g = env.globals as Any;
  g.PropertiesService.getDocumentProperties().setProperty('k', 'first');
  const other = env.openAnotherSpreadsheet('Other');
  expect(g.SpreadsheetApp.getActiveSpreadsheet().getName()).toBe('Other');
  expect(g.PropertiesService.getDocumentProperties().getProperty('k')).toBeNull();
  env.loseSpreadsheet(env.spreadsheet);
  expect(() => g.SpreadsheetApp.openById(env.spreadsheet._id)).toThrow(/openById/);
  expect(g.SpreadsheetApp.openById(other._id).getName()).toBe('Other');
  env.activate(env.spreadsheet);
  expect(g.PropertiesService.getDocumentProperties().getProperty('k')).toBe('first');
  env.setAuthMode('CUSTOM_FUNCTION');
  expect(() => g.SpreadsheetApp.openById(other._id)).toThrow(/You do not have permission to call SpreadsheetApp.openById/);
});

test('killAfterSetValues: after N writes every spreadsheet call fails, until revive()', () => {
  const env = createGasEnvironment();
  const sheet = env.spreadsheet.getSheets()[0];
  env.killAfterSetValues(1);
  sheet.getRange(1, 1).setValues([['a']]);
  expect(() => sheet.getRange(2, 1).setValues([['b']])).toThrow('Exceeded maximum execution time');
  expect(() => env.spreadsheet.insertSheet('More')).toThrow('Exceeded maximum execution time');
  env.revive();
  expect(env.sheetSnapshot(sheet.getName()).values).toEqual([['a']]);
});
