/**
 * Second-round server contracts behind Sidebar 2.0, through the built bundle against the sandbox: no silent
 * replacement (overwrite), relative date windows, cancel, richer progress, described datasets, insert as formula.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeEach(() => {
  ({ env, addOn } = loadAddOn({ timeZone: 'America/New_York' }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

function savedOf(sheetName: string) {
  return addOn.getStatus().imports.find((i) => i.sheetName === sheetName) as unknown as Record<string, unknown>;
}

describe('overwrite', () => {
  it('refuses to put another source into a tab holding a saved import, says both in words, and changes nothing', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Data', filter: "Platform eq 'Meta Ads'" });
    const before = env.sheetSnapshot('Data');
    const statusBefore = savedOf('Data');
    const message = errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Data' }));
    expect(message).toMatch(/The tab "Data" holds the saved import of Accounts \(current\), only rows where Platform eq 'Meta Ads'\. Importing Users there would replace it\. Nothing was changed/);
    expect(env.sheetSnapshot('Data')).toEqual(before);
    expect(savedOf('Data')).toEqual(statusBefore);
    const checkMessage = errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001'], sheetName: 'Data' }));
    expect(checkMessage).toMatch(/Importing the output table of the check "wasted-search-terms" for 1 chosen account there would replace it/);
    expect(env.sheetSnapshot('Data')).toEqual(before);

    const replaced = addOn.importDataset({ dataset: 'users', sheetName: 'Data', overwrite: true });
    expect(replaced.rows).toBe(64);
    expect(savedOf('Data').dataset).toBe('users');
  });

  it('an edit of the same source (filter, columns, window) needs no confirmation', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Data' });
    const edited = addOn.importDataset({ dataset: 'accounts', sheetName: 'Data', columns: 'AccountId, Name', filter: "Platform eq 'Meta Ads'" });
    expect(edited).toMatchObject({ rows: 6, columns: 2 });
  });

  it('refuses a tab with data the add-on did not write, naming its size; a cell formula or value stays', () => {
    const sheet = env.spreadsheet.insertSheet('Mine');
    sheet.getRange(1, 1, 2, 2).setValues([['a', 'b'], [1, 2]]);
    const message = errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Mine' }));
    expect(message).toMatch(/The tab "Mine" holds data that the add-on did not import \(2 rows × 2 columns\)\. Importing Users there would replace it\. Nothing was changed/);
    expect(env.sheetSnapshot('Mine').values).toEqual([['a', 'b'], [1, 2]]);
  });
});

describe('date windows', () => {
  it('are pushed into $filter from the first day in the spreadsheet zone, saved relative, and said in words', () => {
    env.http.requests.length = 0;
    const result = addOn.importDataset({ dataset: 'account-history', sheetName: 'Recent', dateWindow: { column: 'WeekStart', last: 12, unit: 'weeks' } });
    const urls = env.http.requests.map((r) => decodeURIComponent(r.url)).filter((u) => u.includes('AccountHistory'));
    expect(urls[0]).toMatch(/\$filter=WeekStart ge \d{4}-\d{2}-\d{2}/);
    const first = /WeekStart ge (\d{4}-\d{2}-\d{2})/.exec(urls[0])![1];
    // the first day is 12 weeks back from today in New York (today counted in)
    const nyToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const expected = new Date(Date.parse(`${nyToday}T00:00:00Z`) - (12 * 7 - 1) * 86400000).toISOString().slice(0, 10);
    expect(first).toBe(expected);
    expect(result.rows).toBeGreaterThan(0);
    expect(result.rows).toBeLessThan(3120);
    const saved = savedOf('Recent');
    expect(saved.dateWindow).toEqual({ column: 'WeekStart', last: 12, unit: 'weeks' });
    expect(saved.description).toBe('Accounts (history), WeekStart in the last 12 weeks');
  });

  it('is ANDed with the user filter and refuses a column the dataset does not have', () => {
    addOn.importDataset({ dataset: 'account-history', sheetName: 'H', filter: 'AccountId eq 1001 or AccountId eq 1002', dateWindow: { column: 'WeekStart', last: 4, unit: 'weeks' } });
    const url = decodeURIComponent(env.http.requests.map((r) => r.url).filter((u) => u.includes('AccountHistory')).pop()!);
    expect(url).toMatch(/\$filter=\(AccountId eq 1001 or AccountId eq 1002\) and \(WeekStart ge \d{4}-\d{2}-\d{2}\)/);
    expect(errorOf(() => addOn.importDataset({ dataset: 'accounts', sheetName: 'X', dateWindow: { column: 'Nope', last: 4, unit: 'weeks' } }))).toMatch(/does not have/);
  });
});

describe('cancel', () => {
  it('ends the import with a readable "cancelled" error and leaves the tab, its status and note as they were', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Data' });
    const before = env.sheetSnapshot('Data');
    const statusBefore = savedOf('Data');
    expect(addOn.cancelImport('run-9')).toEqual({ cancelled: true });
    env.http.requests.length = 0;
    const message = errorOf(() => addOn.importDataset({ dataset: 'accounts', sheetName: 'Data', filter: "Platform eq 'Meta Ads'", progressId: 'run-9' }));
    expect(message).toBe('Import cancelled. Nothing was written: the tab is as it was.');
    // it stopped before the next page: not one page of the collection was requested
    expect(env.http.requests.filter((r) => /\/Accounts\?/.test(r.url))).toHaveLength(0);
    expect(env.sheetSnapshot('Data')).toEqual(before);
    expect(savedOf('Data')).toEqual(statusBefore);
    expect(addOn.cancelImport('../bad')).toEqual({ cancelled: false });
  });

  it('stops a check table between batches', () => {
    addOn.cancelImport('run-c');
    env.http.requests.length = 0;
    expect(errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', progressId: 'run-c' }))).toMatch(/cancelled/);
    expect(env.spreadsheet.getSheetByName('TrueClicks check wasted-search-terms')).toBeNull();
    expect(env.http.requests.filter((r) => /ruleKey=/.test(r.url))).toHaveLength(0);
  });
});

describe('progress and descriptions', () => {
  it('check tables report accounts done of total', () => {
    addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002', '1003'], progressId: 'run-a' });
    expect(addOn.getProgress('run-a')).toMatchObject({ phase: 'done' });
    // the last fetching report said 3 of 3 accounts; "done" keeps the row count
    expect(addOn.getProgress('run-a')!.rows).toBeGreaterThan(0);
  });

  it('describeDataset gives friendly types and distinct sample values, in one small request', () => {
    env.http.requests.length = 0;
    const d = addOn.describeDataset('accounts')!;
    expect(d.dialect).toBe('v4');
    const col = (n: string) => d.columns.find((c) => c.name === n)!;
    expect(col('Platform')).toMatchObject({ label: 'Text', kind: 'text' });
    expect(col('Platform').samples).toEqual(expect.arrayContaining(['Google Ads', 'Meta Ads']));
    expect(new Set(col('Platform').samples).size).toBe(col('Platform').samples!.length);
    expect(col('AuditScore').label).toBe('Number');
    expect(col('LastUpdated').label).toBe('Date & time');
    expect(col('CreatedOn').label).toBe('Date');
    expect(col('IsActive')).toMatchObject({ label: 'True/false' });
    expect(col('IsActive').samples).toBeUndefined();
    const dataRequests = env.http.requests.filter((r) => /\/Accounts\?/.test(r.url));
    expect(dataRequests).toHaveLength(1);
    expect(decodeURIComponent(dataRequests[0].url)).toMatch(/\$top=100/);
  });

  it('names the account-id column a dataset has (for an AccountName column); none for accounts itself', () => {
    expect(addOn.describeDataset('account-history')!.accountColumn).toBe('AccountId');
    expect(addOn.describeDataset('accounts')!.accountColumn).toBeNull();
    expect(addOn.describeDataset('users')!.accountColumn).toBeNull();
  });

  it('the v2 service is described with the v2 dialect', () => {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata-v2/` });
    expect(addOn.describeDataset('accounts')!.dialect).toBe('v2');
  });
});

describe('account names', () => {
  it('a history import can add AccountName right after the account id, from one accounts listing', () => {
    env.http.requests.length = 0;
    addOn.importDataset({ dataset: 'account-history', sheetName: 'Named', columns: 'AccountId, WeekStart, AuditScore', top: 120, accountNames: true });
    // one listing of the 60 accounts (one page where the service honours Prefer: odata.maxpagesize, else two of
    // 50), not a request per row
    expect(env.http.requests.filter((r) => /\/Accounts\?/.test(r.url)).length).toBeLessThanOrEqual(2);
    const snap = env.sheetSnapshot('Named');
    expect(snap.values[0]).toEqual(['AccountId', 'AccountName', 'WeekStart', 'AuditScore']);
    const accounts = addOn.listAccounts();
    const nameOf = (id: unknown) => accounts.find((a) => String(a.id) === String(id))!.name;
    for (const row of snap.values.slice(1)) expect(row[1]).toBe(nameOf(row[0]));
    expect(savedOf('Named').description).toBe('Accounts (history), columns AccountId, WeekStart, AuditScore, with account names, first 120 rows');
  });

  it('check tables can add it too', () => {
    addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002'], accountNames: true, sheetName: 'Checks named' });
    const header = env.sheetSnapshot('Checks named').values[0];
    expect(header.slice(0, 2)).toEqual(['AccountId', 'AccountName']);
  });
});

describe('insert as formula', () => {
  it('writes =TRUECLICKS(...) for the query into the selected cell, and asks before replacing a value', () => {
    env.spreadsheet._select('Sheet1', 2, 3);
    const inserted = addOn.insertFormula({ dataset: 'accounts', columns: 'AccountId, Name', filter: "Platform eq 'Meta Ads'", orderby: 'Name asc' });
    expect(inserted).toEqual({ cell: 'Sheet1!C2', formula: `=TRUECLICKS("accounts", "AccountId,Name", "Platform eq 'Meta Ads'", "Name asc")`, note: null });
    expect(env.sheetSnapshot('Sheet1').formulas[1][2]).toBe(inserted.formula);
    expect(errorOf(() => addOn.insertFormula({ dataset: 'users' }))).toMatch(/already holds .*Nothing was changed/);
    expect(addOn.insertFormula({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002'], overwrite: true }).formula).toBe('=TRUECLICKS_TABLE("wasted-search-terms", "1001,1002")');
  });

  it('a date range becomes fixed dates, with a note saying so', () => {
    const inserted = addOn.insertFormula({ dataset: 'account-history', dateWindow: { column: 'WeekStart', last: 30, unit: 'days' } });
    expect(inserted.formula).toMatch(/^=TRUECLICKS\("account-history", "", "WeekStart ge \d{4}-\d{2}-\d{2}"\)$/);
    expect(inserted.note).toMatch(/fixed dates/);
  });
});
