/** ScriptApp triggers, Ui, HtmlService, Session, Logger/console. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createGasEnvironment } from '../../fakes';

type Any = any;

describe('ScriptApp triggers', () => {
  test('an hourly/daily/weekly clock trigger, visible only to its owner', () => {
    const env = createGasEnvironment({ user: 'alice@example.com' });
    const g = env.globals as Any;
    const S = g.ScriptApp;
    const t = S.newTrigger('refreshAll').timeBased().everyDays(1).atHour(6).nearMinute(30).inTimezone('Europe/Amsterdam').create();
    expect(t.getHandlerFunction()).toBe('refreshAll');
    expect(t.getEventType()).toBe(S.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(S.TriggerSource.CLOCK);
    expect(env.triggers).toEqual([
      expect.objectContaining({ id: t.getUniqueId(), handler: 'refreshAll', owner: 'alice@example.com', schedule: { everyDays: 1, atHour: 6, nearMinute: 30, timeZone: 'Europe/Amsterdam' } }),
    ]);
    expect(S.getProjectTriggers().map((x: Any) => x.getUniqueId())).toEqual([t.getUniqueId()]);
    expect(S.getUserTriggers(g.SpreadsheetApp.getActiveSpreadsheet())).toHaveLength(1);

    expect(() => S.newTrigger('refreshAll').timeBased().everyHours(1).create()).toThrow('An add-on can only have one time-based trigger per user per document.');

    env.setUser('bob@example.com');
    expect(S.getProjectTriggers()).toHaveLength(0);
    S.newTrigger('refreshAll').timeBased().everyWeeks(1).onWeekDay(S.WeekDay.MONDAY).atHour(7).create();
    expect(env.triggers).toHaveLength(2);
    S.deleteTrigger(S.getProjectTriggers()[0]);
    expect(env.triggers.map((x) => x.owner)).toEqual(['alice@example.com']);

    env.setUser('alice@example.com');
    expect(env.deleteTriggerOutside(t.getUniqueId())).toBe(true);
    expect(S.getProjectTriggers()).toHaveLength(0);
  });

  test('builder validation and the add-on hourly minimum', () => {
    const S = (createGasEnvironment().globals as Any).ScriptApp;
    const tb = () => S.newTrigger('f').timeBased();
    expect(() => tb().everyMinutes(5).create()).toThrow('Add-ons can only create time-based triggers that run at most once per hour.');
    expect(() => tb().everyMinutes(7)).toThrow('The number of minutes must be 1, 5, 10, 15 or 30.');
    expect(() => tb().everyHours(0)).toThrow('The number of hours must be 1, 2, 4, 6, 8 or 12.');
    expect(() => tb().everyHours(3)).toThrow('The number of hours must be 1, 2, 4, 6, 8 or 12.');
    expect(() => tb().everyHours(1).atHour(5).create()).toThrow('atHour() can only be used with everyDays() or everyWeeks().');
    expect(() => tb().everyDays(1).onWeekDay(S.WeekDay.MONDAY).create()).toThrow('onWeekDay() can only be used with everyWeeks().');
    expect(() => tb().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => tb().everyDays(1).inTimezone('Mars/Base')).toThrow('Invalid argument: timezone');
    expect(() => tb().create()).toThrow('The trigger needs a schedule');
  });

  test('at most 20 triggers per user', () => {
    const env = createGasEnvironment({ addOn: false });
    const S = (env.globals as Any).ScriptApp;
    for (let i = 0; i < 20; i++) S.newTrigger(`f${i}`).timeBased().everyMinutes(1).create();
    expect(() => S.newTrigger('f').timeBased().everyHours(1).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });

  test('runTrigger runs the handler as its owner, in FULL mode, without UI', () => {
    const env = createGasEnvironment({ user: 'alice@example.com' });
    const g = env.globals as Any;
    g.ScriptApp.newTrigger('refresh').timeBased().everyHours(1).create();
    env.setUser('bob@example.com');
    env.setAuthMode('LIMITED');
    g.refresh = (e: Any) => {
      let ui = 'available';
      try {
        g.SpreadsheetApp.getUi();
      } catch (err) {
        ui = (err as Error).message;
      }
      return { user: g.Session.getActiveUser().getEmail(), mode: String(e.authMode), ui, uid: e.triggerUid };
    };
    expect(env.runTrigger(env.triggers[0])).toEqual({
      user: 'alice@example.com', mode: 'FULL', ui: 'Cannot call SpreadsheetApp.getUi() from this context.', uid: env.triggers[0].id,
    });
    expect([env.user, env.authMode]).toEqual(['bob@example.com', 'LIMITED']);
  });

  test('getAuthorizationInfo', () => {
    const env = createGasEnvironment();
    const S = (env.globals as Any).ScriptApp;
    expect(S.getAuthorizationInfo(S.AuthMode.FULL).getAuthorizationStatus()).toBe(S.AuthorizationStatus.NOT_REQUIRED);
    env.setAuthorizationRequired(true);
    const info = S.getAuthorizationInfo(S.AuthMode.FULL);
    expect(String(info.getAuthorizationStatus())).toBe('REQUIRED');
    expect(info.getAuthorizationUrl()).toMatch(/^https:\/\/script\.google\.com\//);
  });
});

describe('Ui', () => {
  test('menus, sidebars, dialogs, alerts, prompts and toasts are recorded', () => {
    const env = createGasEnvironment();
    const g = env.globals as Any;
    const ui = g.SpreadsheetApp.getUi();
    const sub = ui.createMenu('More').addItem('About', 'showAbout');
    ui.createAddonMenu().addItem('Import…', 'showSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(env.ui.menus[0]).toEqual({
      name: 'TrueClicks for Sheets', addon: true,
      items: [{ label: 'Import…', functionName: 'showSidebar' }, { separator: true }, { subMenu: { name: 'More', addon: false, items: [{ label: 'About', functionName: 'showAbout' }] } }],
    });
    ui.showSidebar(g.HtmlService.createHtmlOutput('<p>hi</p>').setTitle('TrueClicks'));
    expect(env.ui.sidebars).toEqual([{ kind: 'sidebar', title: 'TrueClicks', html: '<p>hi</p>', width: undefined, height: undefined }]);
    ui.showModalDialog(g.HtmlService.createHtmlOutput('d').setWidth(400).setHeight(300), 'Dialog');
    expect(env.ui.dialogs[0]).toMatchObject({ kind: 'modal', title: 'Dialog', width: 400, height: 300 });
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(ui.alert('Sure?', 'Delete it?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    env.ui.responses.push('NO', { text: 'abc', button: 'CANCEL' });
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    const p = ui.prompt('Name?', ui.ButtonSet.OK_CANCEL);
    expect([p.getResponseText(), p.getSelectedButton()]).toEqual(['abc', ui.Button.CANCEL]);
    expect(env.ui.alerts.map((a) => a.prompt)).toEqual(['Done', 'Delete it?', 'Sure?']);
    g.SpreadsheetApp.getActiveSpreadsheet().toast('Imported 12 rows', 'TrueClicks', 5);
    expect(env.ui.toasts).toEqual([{ message: 'Imported 12 rows', title: 'TrueClicks', timeoutSeconds: 5 }]);
  });
});

describe('HtmlService', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fakes-html-'));
  fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<h1>Sidebar</h1>');
  fs.writeFileSync(path.join(dir, 'Page.html'), '<title><?= title ?></title><? for (var i = 0; i < 2; i++) { ?><i><?= i ?></i><? } ?><?!= include("Sidebar") ?>');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('files from htmlDir; missing files throw like Apps Script', () => {
    const g = createGasEnvironment({ htmlDir: dir }).globals as Any;
    expect(g.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<h1>Sidebar</h1>');
    expect(() => g.HtmlService.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  test('templates: escaped and raw printing, code, and the script\'s globals', () => {
    const g = createGasEnvironment({ htmlDir: dir }).globals as Any;
    g.include = (name: string) => g.HtmlService.createHtmlOutputFromFile(name).getContent();
    const t = g.HtmlService.createTemplateFromFile('Page');
    t.title = '<Ta & Co>';
    expect(t.evaluate().getContent()).toBe('<title>&lt;Ta &amp; Co&gt;</title><i>0</i><i>1</i><h1>Sidebar</h1>');
  });

  test('HtmlOutput builders', () => {
    const out = (createGasEnvironment().globals as Any).HtmlService.createHtmlOutput('a').append('b').appendUntrusted('<c>');
    expect(out.getContent()).toBe('ab&lt;c&gt;');
  });
});

describe('Session, Logger and console', () => {
  test('Session', () => {
    const env = createGasEnvironment({ user: 'a@x.com', scriptTimeZone: 'Europe/Amsterdam' });
    const S = (env.globals as Any).Session;
    expect(S.getScriptTimeZone()).toBe('Europe/Amsterdam');
    const keyA = S.getTemporaryActiveUserKey();
    expect(S.getTemporaryActiveUserKey()).toBe(keyA);
    env.setUser('b@x.com');
    expect(S.getTemporaryActiveUserKey()).not.toBe(keyA);
    expect(S.getEffectiveUser().getEmail()).toBe('b@x.com');
  });

  test('Logger and console record quietly', () => {
    const env = createGasEnvironment();
    const g = env.globals as Any;
    const spy = jest.spyOn(process.stdout, 'write');
    g.Logger.log('Imported %s rows into %s', 12, 'Accounts');
    g.Logger.log({ a: 1 });
    g.console.warn('careful', { b: 2 });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(env.logs).toEqual(['Imported 12 rows into Accounts', '{ a: 1 }', 'careful { b: 2 }']);
    expect(env.logEntries[2]).toEqual({ source: 'console', level: 'warn', message: 'careful { b: 2 }' });
  });
});
