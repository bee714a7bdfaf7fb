/** What each authorization mode may call (test/fakes/auth.ts). */
import { createGasEnvironment } from '../../fakes';

type Any = any;

describe("AuthMode.NONE (onOpen before the add-on is used in this document)", () => {
  const env = createGasEnvironment({ authMode: 'NONE' });
  const g = env.globals as Any;

  test('services needing authorization throw; building the add-on menu works', () => {
    expect(() => g.PropertiesService.getUserProperties()).toThrow(
      'You do not have permission to call PropertiesService.getUserProperties. Required permissions: https://www.googleapis.com/auth/script.storage',
    );
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow('You do not have permission to call');
    expect(() => g.UrlFetchApp.fetch('https://example.com/')).toThrow('You do not have permission to call UrlFetchApp.fetch');
    expect(() => g.CacheService.getUserCache()).toThrow('You do not have permission to call');
    expect(() => g.LockService.getDocumentLock()).toThrow('You do not have permission to call');
    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => env.spreadsheet.getActiveSheet().getRange('A1').getValue()).toThrow('You do not have permission to call');
    expect(() => g.ScriptApp.newTrigger('x').timeBased().everyHours(1).create()).toThrow('You do not have permission to call');

    g.SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    expect(env.ui.menus).toEqual([{ name: 'TrueClicks for Sheets', addon: true, items: [{ label: 'Open', functionName: 'showSidebar' }] }]);
    expect(() => g.SpreadsheetApp.getUi().showSidebar(g.HtmlService.createHtmlOutput('x'))).toThrow('You do not have permission to call Ui.showSidebar');
    expect(g.Session.getActiveUser().getEmail()).toBe('');
    expect(String(env.makeEvent().authMode)).toBe('NONE');
    expect(env.makeEvent().authMode).toBe(g.ScriptApp.AuthMode.NONE);
  });
});

describe('AuthMode.LIMITED (simple triggers in an enabled document)', () => {
  test('document, properties and menus work; UrlFetch, dialogs and triggers do not', () => {
    const env = createGasEnvironment({ authMode: 'LIMITED' });
    const g = env.globals as Any;
    g.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').setValue('x');
    g.PropertiesService.getDocumentProperties().setProperty('k', 'v');
    g.SpreadsheetApp.getUi().createMenu('Custom').addItem('Go', 'go').addToUi();
    expect(() => g.UrlFetchApp.fetch('https://example.com/')).toThrow('You do not have permission to call UrlFetchApp.fetch');
    expect(() => g.SpreadsheetApp.getUi().alert('hi')).toThrow('You do not have permission to call Ui.alert');
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow('You do not have permission to call ScriptApp.getProjectTriggers');
  });
});

describe('AuthMode.CUSTOM_FUNCTION', () => {
  function setup() {
    const env = createGasEnvironment({ user: 'owner@example.com' });
    const g = env.globals as Any;
    g.PropertiesService.getUserProperties().setProperty('token', 'owner-token');
    g.PropertiesService.getDocumentProperties().setProperty('imports', '[1]');
    env.setUser('editor@example.com');
    g.PropertiesService.getUserProperties().setProperty('token', 'editor-token');
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    sheet.getRange('A1').setValue(42);
    env.setAuthMode('CUSTOM_FUNCTION');
    return { env, g, sheet };
  }

  test("getUserProperties() is the spreadsheet OWNER's store, read-only for an editor", () => {
    const { g } = setup();
    const props = g.PropertiesService.getUserProperties();
    expect(props.getProperty('token')).toBe('owner-token');
    expect(() => props.setProperty('token', 'x')).toThrow('You do not have permission to call Properties.setProperty');
    expect(g.PropertiesService.getDocumentProperties().getProperty('imports')).toBe('[1]');
  });

  test('Spreadsheet is read-only', () => {
    const { g, sheet } = setup();
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    expect(sheet.getRange('A1').getValue()).toBe(42);
    expect(() => sheet.getRange('A1').setValue(1)).toThrow('You do not have permission to call Range.setValue');
    expect(() => sheet.getRange('A1').setValues([[1]])).toThrow('You do not have permission to call Range.setValues');
    expect(() => sheet.getRange('A1').setNumberFormat('@')).toThrow('You do not have permission to call');
    expect(() => sheet.getRange('A1').clear()).toThrow('You do not have permission to call');
    expect(() => sheet.insertRowsAfter(1, 1)).toThrow('You do not have permission to call Sheet.insertRowsAfter');
    expect(() => ss.insertSheet('X')).toThrow('You do not have permission to call Spreadsheet.insertSheet');
    expect(() => ss.addDeveloperMetadata('k', 'v')).toThrow('You do not have permission to call Spreadsheet.addDeveloperMetadata');
    expect(sheet.getRange('A1').getValue()).toBe(42);
  });

  test('Lock, Cache and UrlFetch are allowed; UI and triggers are not; no user e-mail', () => {
    const { g } = setup();
    expect(g.LockService.getScriptLock().tryLock(10)).toBe(true);
    g.CacheService.getScriptCache().put('k', 'v');
    expect(() => g.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => g.ScriptApp.newTrigger('x').timeBased().everyHours(1).create()).toThrow('You do not have permission to call');
    expect(g.Session.getActiveUser().getEmail()).toBe('');
    expect(g.Utilities.base64Encode('a')).toBe('YQ==');
  });

  test('runCustomFunction switches mode and user, then restores them', () => {
    const env = createGasEnvironment({ user: 'owner@example.com' });
    const g = env.globals as Any;
    g.PropertiesService.getUserProperties().setProperty('token', 'owner-token');
    g.MYFN = () => [[g.PropertiesService.getUserProperties().getProperty('token'), g.Session.getActiveUser().getEmail()]];
    expect(env.runCustomFunction('MYFN', [], 'editor@example.com')).toEqual([['owner-token', '']]);
    expect(env.authMode).toBe('FULL');
    expect(env.user).toBe('owner@example.com');
  });
});

describe('AuthMode.FULL', () => {
  test('Session knows the user', () => {
    const env = createGasEnvironment({ user: 'alice@example.com' });
    expect((env.globals as Any).Session.getActiveUser().getEmail()).toBe('alice@example.com');
  });
});
