/**
 * runDiagnostics / "Check this spreadsheet" through the built bundle, against the fakes: every check passes
 * where the fakes behave as we believe Google does, each assumption made false is reported, checks that do not
 * apply yet say so (ok: null), and the user's data is never touched.
 */
import { loadAddOn, AddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

function connect() {
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
}
const byCheck = (results: ReturnType<AddOn['runDiagnostics']>) => Object.fromEntries(results.map((r) => [r.check, r]));

afterEach(() => env.close());

describe.each(['document', 'project'] as const)('clock triggers belong to the %s', (clockTriggers) => {
  beforeEach(() => {
    ({ env, addOn } = loadAddOn({ clockTriggers }));
    connect();
  });

  it("every check passes (bar the sandbox parser's quotes limitation), the scheduled run is reported as it ran, and no tab or cell changes", () => {
    addOn.importDataset({ dataset: 'users', top: 5 });
    addOn.setSchedule({ frequency: 'hourly' });
    env.runTrigger(env.triggers[0].id);
    const tabs = env.spreadsheet.getSheets().map((s) => s.getName());
    const before = env.sheetSnapshot('TrueClicks users');

    const results = addOn.runDiagnostics();
    expect(results.every((r) => typeof r.check === 'string' && typeof r.detail === 'string' && r.detail.length > 0)).toBe(true);
    // The sandbox's OData parser (fe-mockserver-core) cannot parse a doubled apostrophe or a double quote inside a
    // string literal, which OData allows: the quotes check reports exactly that, and everything else passes.
    expect(results.filter((r) => r.ok !== true)).toEqual([
      { check: 'Filters with quotes in a value are accepted', ok: false, detail: expect.stringMatching(/^TrueClicks rejected the filter \w+ eq 'Zoë''s "diagnostic" test'\. This server does not accept quotes inside filter values/) },
    ]);
    const checks = byCheck(results);
    expect(checks['Scheduled refresh finds its spreadsheet'].detail).toMatch(clockTriggers === 'document' ? /with its spreadsheet active/ : /with no active spreadsheet, so it opened the spreadsheet by id/);
    expect(checks['The schedule trigger can be found'].detail).toMatch(clockTriggers === 'document' ? /for this spreadsheet \(getUserTriggers\)/ : /only for the script \(getProjectTriggers\)/);
    expect(checks['Filters with accents and symbols reach TrueClicks intact'].detail).toMatch(/accepted the filter \w+ eq 'Zoë & Jürgen #1 \+ 50% \/ ok\? – 日本'/);

    expect(env.spreadsheet.getSheets().map((s) => s.getName())).toEqual(tabs);
    expect(env.sheetSnapshot('TrueClicks users')).toEqual(before);
  });
});

describe('checks that do not apply yet, and assumptions made false', () => {
  beforeEach(() => {
    ({ env, addOn } = loadAddOn());
  });

  it('before any scheduled run and before connecting, those checks say so with ok: null', () => {
    const checks = byCheck(addOn.runDiagnostics());
    expect(checks['Scheduled refresh finds its spreadsheet']).toMatchObject({ ok: null, detail: expect.stringMatching(/No scheduled refresh has run/) });
    expect(checks['The schedule trigger can be found'].ok).toBeNull();
    expect(checks['Filters with accents and symbols reach TrueClicks intact']).toMatchObject({ ok: null, detail: expect.stringMatching(/Not connected/) });
    expect(checks['Filters with quotes in a value are accepted'].ok).toBeNull();
    expect(checks['Plain-text cells keep text as written'].ok).toBe(true);
  });

  it('a Sheets that parses text in plain-text cells is reported, and the temporary tab is still removed', () => {
    connect();
    // The assumption made false: setValues ignores the "@" format and parses strings as Sheets does elsewhere.
    const ss = env.spreadsheet as unknown as { insertSheet: (...a: unknown[]) => GoogleAppsScript.Spreadsheet.Sheet };
    const insert = ss.insertSheet.bind(ss);
    ss.insertSheet = (...a: unknown[]) => {
      const sheet = insert(...a);
      const getRange = sheet.getRange.bind(sheet) as (...r: unknown[]) => GoogleAppsScript.Spreadsheet.Range;
      (sheet as unknown as { getRange: unknown }).getRange = (...r: unknown[]) => {
        const range = getRange(...r);
        const setValues = range.setValues.bind(range);
        range.setValues = (values: unknown[][]) => {
          range.setNumberFormat('General');
          return setValues(values);
        };
        return range;
      };
      return sheet;
    };
    const tabs = env.spreadsheet.getSheets().length;
    const checks = byCheck(addOn.runDiagnostics());
    expect(checks['Plain-text cells keep text as written']).toMatchObject({ ok: false, detail: expect.stringMatching(/^Sheets changed "007" into 7, "=1\+1" into .*, "TRUE" into true, "2024-01-02" into .*: imported text such as ids with leading zeros could change\.$/) });
    expect(env.spreadsheet.getSheets().length).toBe(tabs);
  });

  it('a cache that forgets is reported; a scheduled run that could not open its spreadsheet is reported', () => {
    const cache = env.globals.CacheService as { getDocumentCache: () => unknown; getScriptCache: () => unknown };
    const forgetful = { put: () => undefined, get: () => null, remove: () => undefined };
    cache.getDocumentCache = () => forgetful;
    connect();
    addOn.setSchedule({ frequency: 'hourly' });
    env.loseSpreadsheet(env.spreadsheet);
    env.runTrigger(env.triggers[0].id);
    const other = env.openAnotherSpreadsheet('Other');
    expect(other).toBeDefined();
    const checks = byCheck(addOn.runDiagnostics());
    expect(checks['The cache keeps what it is given']).toMatchObject({ ok: false, detail: expect.stringMatching(/did not come back/) });
    expect(checks['Scheduled refresh finds its spreadsheet']).toMatchObject({ ok: false, detail: expect.stringMatching(/could not open it/) });
  });

  it('the menu item shows the list', () => {
    connect();
    addOn.showDiagnostics();
    expect(JSON.stringify(env.ui)).toMatch(/Plain-text cells keep text as written/);
  });
});
