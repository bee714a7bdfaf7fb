/**
 * How imports treat tabs (ownership, shrinking, column order, size limits, bounded range calls), the connection
 * entry points, status and the menu — all through the built bundle.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeEach(() => {
  ({ env, addOn } = loadAddOn());
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

describe('tabs', () => {
  it('never replaces a tab it did not create unless told to', () => {
    const mine = env.spreadsheet.insertSheet('Budget');
    mine.getRange(1, 1, 2, 2).setValues([['my', 'notes'], [1, 2]]);
    const message = errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Budget' }));
    expect(message).toMatch(/The tab "Budget" holds data that the add-on did not import/);
    expect(env.sheetSnapshot('Budget').values).toEqual([['my', 'notes'], [1, 2]]);
    expect(addOn.importDataset({ dataset: 'users', sheetName: 'Budget', overwrite: true }).rows).toBe(64);
  });
  it('writes into an empty tab the user made, and creates a tab only when the import succeeds', () => {
    env.spreadsheet.insertSheet('Empty');
    expect(addOn.importDataset({ dataset: 'users', sheetName: 'Empty' }).rows).toBe(64);
    errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Never', filter: 'nonsense ((' }));
    expect(env.spreadsheet.getSheetByName('Never')).toBeNull();
  });
  it('clears leftover rows and columns when a refresh returns less', () => {
    addOn.importDataset({ dataset: 'tasks', sheetName: 'T' });
    const wide = env.sheetSnapshot('T');
    expect(wide.values.length).toBe(241);
    addOn.importDataset({ dataset: 'tasks', sheetName: 'T', columns: 'TaskId,Title', top: 10 });
    const sheet = env.spreadsheet.getSheetByName('T')!;
    expect(sheet.getLastRow()).toBe(11);
    expect(sheet.getLastColumn()).toBe(2);
    expect(sheet.getRange(12, 1, 230, 9).getValues().flat().every((v) => v === '')).toBe(true);
  });
  it('keeps columns and notes the user added beside the data on refresh', () => {
    addOn.importDataset({ dataset: 'users', sheetName: 'U', columns: 'UserId,Email,Role' });
    const sheet = env.spreadsheet.getSheetByName('U')!;
    sheet.getRange(1, 5, 3, 1).setValues([['My check'], ['=A2'], ['=A3']]);
    sheet.getRange(70, 1).setValue('total below the data');
    addOn.importDataset({ dataset: 'users', sheetName: 'U', columns: 'UserId,Email', top: 10 });
    expect(sheet.getRange(1, 5, 3, 1).getFormulas()).toEqual([[''], ['=A2'], ['=A3']]);
    expect(sheet.getRange(1, 5).getValue()).toBe('My check');
    expect(sheet.getRange(70, 1).getValue()).toBe('total below the data');
    // what the previous import wrote and this one did not is cleared
    expect(sheet.getRange(12, 1, 54, 3).getValues().flat().every((v) => v === '')).toBe(true);
    expect(sheet.getRange(1, 3, 11, 1).getValues().flat().every((v) => v === '')).toBe(true);
  });
  it('removes a tab it created when writing fails, so a retry is not refused', () => {
    const anyRange = env.spreadsheet.getSheets()[0].getRange(1, 1) as unknown as { constructor: { prototype: { setValues: unknown } } };
    const proto = anyRange.constructor.prototype;
    const original = proto.setValues;
    proto.setValues = () => {
      throw new Error('Service Spreadsheets failed while accessing document');
    };
    try {
      expect(errorOf(() => addOn.importDataset({ dataset: 'users' }))).toMatch(/Something went wrong/);
    } finally {
      proto.setValues = original;
    }
    expect(env.spreadsheet.getSheetByName('TrueClicks users')).toBeNull();
    expect(addOn.importDataset({ dataset: 'users' }).rows).toBe(64);
    expect(env.logs.join('\n')).toContain('Service Spreadsheets failed');
  });
  it('keeps existing columns in place on refresh and appends new ones', () => {
    addOn.importDataset({ dataset: 'users', sheetName: 'U' });
    const sheet = env.spreadsheet.getSheetByName('U')!;
    const header = env.sheetSnapshot('U').values[0] as string[];
    // As if an earlier run had seen the columns in another order, and without "Role".
    const earlier = [header[3], header[0], header[2], header[1], ...header.slice(4)].filter((h) => h !== 'Role');
    const status = (sheet.getDeveloperMetadata() as GoogleAppsScript.Spreadsheet.DeveloperMetadata[]).find((m) => m.getKey() === 'trueclicks.status')!;
    status.setValue(JSON.stringify({ ...JSON.parse(status.getValue()!), header: earlier }));
    addOn.refreshAll();
    expect(env.sheetSnapshot('U').values[0]).toEqual([...earlier, 'Role']);
  });
  it('when the saved header was too wide to store, refresh reads the column order back from row 1', () => {
    addOn.importDataset({ dataset: 'users', sheetName: 'W' });
    const sheet = env.spreadsheet.getSheetByName('W')!;
    const header = env.sheetSnapshot('W').values[0] as string[];
    const reordered = [header[2], header[0], header[1], ...header.slice(3)];
    sheet.getRange(1, 1, 1, reordered.length).setValues([reordered]); // the order a previous run wrote
    const status = (sheet.getDeveloperMetadata() as GoogleAppsScript.Spreadsheet.DeveloperMetadata[]).find((m) => m.getKey() === 'trueclicks.status')!;
    status.setValue(JSON.stringify({ ...JSON.parse(status.getValue()!), header: [] })); // as stored for a very wide table
    addOn.refreshAll();
    expect(env.sheetSnapshot('W').values[0]).toEqual(reordered);
  });
  it('refuses a result that would exceed the 10-million-cell spreadsheet limit, before writing', () => {
    const big = env.spreadsheet.insertSheet('Big');
    big.insertRowsAfter(1000, 383500 - 1000);
    const message = errorOf(() => addOn.importDataset({ dataset: 'accounts' }));
    expect(message).toMatch(/does not fit in this spreadsheet: Google Sheets allows 10 million cells/);
    expect(env.spreadsheet.getSheetByName('TrueClicks accounts')).toBeNull();
  });
  it('writes with a fixed number of range calls, whatever the number of rows', () => {
    env.resetStats();
    addOn.importDataset({ dataset: 'users' }); // 64 rows
    const small = env.stats.rangeCalls;
    env.resetStats();
    addOn.importDataset({ dataset: 'account-history' }); // 3,120 rows
    expect(env.stats.rangeCalls).toBe(small);
    expect(env.stats.setValuesCalls).toBe(1);
  });
});

describe('connection', () => {
  it('tests the connection with a plain-language result', () => {
    expect(addOn.testConnection()).toEqual({ ok: true, message: 'Connected to 127.0.0.1 as sandbox-user. 7 datasets available.' });
    addOn.saveConnection({ username: sb.username, token: 'nope-nope', baseUrl: `${sb.url}/odata/` });
    const r = addOn.testConnection();
    expect(r).toMatchObject({ ok: false, code: 'AUTH' });
    expect(r.message).toMatch(/did not accept your username and token/);
  });
  it('stores credentials for the current user only and never returns the token', () => {
    const saved = addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata` });
    expect(saved).toEqual({ connected: true, username: sb.username, baseUrl: `${sb.url}/odata/` });
    expect(JSON.stringify(env.properties.user())).toContain(sb.token);
    expect(JSON.stringify(env.properties.document())).not.toContain(sb.token);
    expect(JSON.stringify(env.properties.script())).not.toContain(sb.token);
    env.setUser('editor@example.com');
    expect(addOn.getStatus().connection.connected).toBe(false);
    expect(errorOf(() => addOn.importDataset({ dataset: 'users' }))).toMatch(/Connect to TrueClicks first/);
  });
  it('keeps the saved token when the form is re-saved with an empty token field', () => {
    addOn.saveConnection({ username: sb.username, token: '', baseUrl: `${sb.url}/odata/` });
    expect(addOn.testConnection().ok).toBe(true);
    expect(errorOf(() => addOn.saveConnection({ username: 'someone-else', token: '' }))).toMatch(/Enter the data connector token/);
    // a stored token never goes to a host the user has just typed
    expect(errorOf(() => addOn.saveConnection({ username: sb.username, token: '', baseUrl: 'https://api.trueclicks.example/odata/' }))).toMatch(/Enter the data connector token/);
    expect(addOn.getStatus().connection.baseUrl).toBe(`${sb.url}/odata/`);
  });
  it.each([
    [{ username: '', token: 'x' }, /Enter the data connector username/],
    [{ username: 'u', token: 'x', baseUrl: 'http://api.example.com/' }, /must start with https:\/\//],
    [{ username: 'u', token: 'x', baseUrl: 'not a url' }, /full address/],
  ])('rejects bad input %p', (input, message) => {
    expect(errorOf(() => addOn.saveConnection(input))).toMatch(message);
  });
  it('disconnect removes the token', () => {
    addOn.disconnect();
    expect(JSON.stringify(env.properties.user())).not.toContain(sb.token);
    expect(addOn.getStatus().connection).toEqual({ connected: false, username: null, baseUrl: null });
  });
});

describe('input errors are short and readable', () => {
  it.each([
    [{ dataset: '' }, /Choose a dataset/],
    [{ dataset: 'https://evil.example/x' }, /is not a dataset/],
    [{ dataset: 'accounts', top: -3 }, /Row limit must be a positive whole number/],
    [{ dataset: 'accounts', columns: 'Name; x' }, /is not a column name/],
    [{ dataset: 'NoSuchSet' }, /Nothing was found at .*NoSuchSet \(HTTP 404(: [^)]*)?\)/],
  ])('%p', (params, message) => {
    const text = errorOf(() => addOn.importDataset(params));
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('status and catalogue', () => {
  it('lists the seven datasets', () => {
    expect(addOn.listDatasets().map((d) => d.key)).toEqual(['accounts', 'account-history', 'checks', 'users', 'tasks', 'targets-active', 'targets-all']);
  });
  it('reports each saved import with its last run', () => {
    addOn.importDataset({ dataset: 'targets-active' });
    const status = addOn.getStatus();
    expect(status.connection).toEqual({ connected: true, username: sb.username, baseUrl: `${sb.url}/odata/` });
    expect(status.imports).toEqual([
      expect.objectContaining({ sheetName: 'TrueClicks targets-active', dataset: 'targets-active', rows: 131, lastError: null, truncated: null }),
    ]);
    expect(Date.parse(status.imports[0].lastSuccess!)).not.toBeNaN();
  });
  it('saved imports live on their tab: a renamed tab (or a copied spreadsheet) still knows what to refresh', () => {
    addOn.importDataset({ dataset: 'users', columns: 'UserId,Email', top: 5 });
    const sheet = env.spreadsheet.getSheetByName('TrueClicks users')!;
    sheet.setName('Team');
    const summary = addOn.refreshAll();
    expect(summary.outcomes).toEqual([expect.objectContaining({ sheetName: 'Team', ok: true, rows: 5 })]);
    expect(env.sheetSnapshot('Team').values[0]).toEqual(['UserId', 'Email']);
  });
});

describe('menu and sidebar', () => {
  it('"Refresh all imports now" reports the outcome in one plain alert', () => {
    addOn.importDataset({ dataset: 'users', top: 3 });
    addOn.menuRefreshAll();
    addOn.disconnect();
    addOn.menuRefreshAll();
    const alerts = JSON.stringify(env.ui);
    expect(alerts).toContain('Refreshed 1 of 1 imports.');
    expect(alerts).toContain('Connect to TrueClicks first');
    expect(alerts).not.toContain('Something went wrong');
  });
  it('builds the add-on menu in AuthMode.NONE without touching properties or the network', () => {
    const fresh = loadAddOn({ authMode: 'NONE' });
    try {
      fresh.addOn.onOpen(fresh.env.makeEvent() as unknown as GoogleAppsScript.Events.SheetsOnOpen);
      expect(JSON.stringify(fresh.env.ui.menus)).toContain('Open TrueClicks');
      expect(fresh.env.http.requests).toEqual([]);
    } finally {
      fresh.env.close();
    }
  });
  it('opens the sidebar from the built HTML', () => {
    addOn.showSidebar();
    const shown = JSON.stringify(env.ui);
    expect(shown).toContain('TrueClicks');
    expect(shown).toContain('Save and test');
  });
});
