/**
 * Reports stay live and safe: refreshing the data tabs with other data changes the report without a rebuild
 * (rows added and removed, new weeks), renaming a data tab is followed, a deleted one is reported, a tab the user
 * made is never replaced, and hostile tab and column names neither break nor inject a formula.
 */
import { loadAddOn, AddOn, errorOf } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import { fetchAllRaw } from '../support/oracle';
import { evaluateWorkbook, Workbook } from '../fakes/formula-engine';
import { evaluatePivot } from '../fakes/pivots';
import { describeRef } from '../fakes/grid-ref';
import type { GasEnvironment } from '../fakes';

type Row = Record<string, unknown>;
const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;
let accounts: Row[];
let checks: Row[];

beforeAll(async () => {
  accounts = await fetchAllRaw(`${sb.url}/odata/`, 'Accounts', sb.authHeader);
  checks = await fetchAllRaw(`${sb.url}/odata/`, 'Checks', sb.authHeader);
});
beforeEach(() => {
  ({ env, addOn } = loadAddOn());
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

const ids = (wb: Workbook, tab: string) => {
  const out: unknown[] = [];
  for (let r = 2; wb.value(tab, r, 2) !== '' && wb.value(tab, r, 2) !== null; r++) out.push(wb.value(tab, r, 2));
  return out;
};
const byScore = (rows: Row[]) => rows.slice().sort((a, b) => Number(a.AuditScore) - Number(b.AuditScore)).map((a) => a.AccountId);
const sheet = (name: string) => env.spreadsheet.getSheetByName(name)!;

describe('refreshing the sources updates the report without a rebuild', () => {
  it('follows the accounts tab as it grows and shrinks, and says when it outgrows the board', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts', top: 20 });
    addOn.importDataset({ dataset: 'checks', sheetName: 'Checks', filter: 'AccountId le 1010' });
    const board = addOn.createReport({ template: 'account-health' }).sheetName;
    const formulasBefore = sheet(board).getRange(1, 1, 80, 10).getFormulas();
    let wb = evaluateWorkbook(env.spreadsheet);
    expect(ids(wb, board)).toEqual(byScore(accounts.slice(0, 20)));
    const failing = (id: unknown, upTo: number) => checks.filter((c) => c.AccountId === id && c.Status === 'Failed' && Number(c.AccountId) <= upTo).length;
    const rowOf = (wb2: Workbook, id: unknown) => ids(wb2, board).indexOf(id) + 2;
    const late = accounts.find((a) => a.AccountId === 1015)!;
    expect(wb.value(board, rowOf(wb, 1015), 6)).toBe(0);

    // Refresh with other data: every account, checks of every account.
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts' });
    addOn.importDataset({ dataset: 'checks', sheetName: 'Checks' });
    wb = evaluateWorkbook(env.spreadsheet);
    expect(ids(wb, board)).toEqual(byScore(accounts));
    expect(wb.value(board, rowOf(wb, late.AccountId), 6)).toBe(failing(late.AccountId, Infinity));
    expect(wb.value(board, rowOf(wb, late.AccountId), 6)).toBeGreaterThan(0);
    expect(wb.value(board, 1, 10)).toBe('');

    // Shrink: five accounts left; the rows below are empty, not errors.
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts', top: 5 });
    wb = evaluateWorkbook(env.spreadsheet);
    expect(ids(wb, board)).toEqual(byScore(accounts.slice(0, 5)));
    for (let r = 7; r < 30; r++) for (let c = 1; c <= 8; c++) expect(['', null]).toContain(wb.value(board, r, c));
    // Nothing was rebuilt: the same formulas all along.
    expect(sheet(board).getRange(1, 1, 80, 10).getFormulas()).toEqual(formulasBefore);
  });

  it('says in the header when more accounts arrive than the board has rows', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts', top: 3 });
    const board = addOn.createReport({ template: 'account-health' }).sheetName;
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts' });
    const wb = evaluateWorkbook(env.spreadsheet);
    expect(wb.value(board, 1, 10)).toBe('More accounts than this board has rows: click Rebuild in the sidebar.');
    expect(ids(wb, board)).toHaveLength(53); // 3 accounts + 50 rows of headroom
    addOn.rebuildReport(board);
    expect(ids(evaluateWorkbook(env.spreadsheet), board)).toEqual(byScore(accounts));
  });

  it('pivot tables read whole columns: new rows of a refreshed tab are counted', () => {
    addOn.importDataset({ dataset: 'checks', sheetName: 'Checks', filter: 'AccountId le 1010' });
    const report = addOn.createReport({ template: 'check-status' }).sheetName;
    const total = () => evaluatePivot(sheet(report)._pivots[0]).slice(2).reduce((s, line) => s + line.slice(1).reduce((a: number, v) => a + Number(v || 0), 0), 0);
    expect(total()).toBe(checks.filter((c) => Number(c.AccountId) <= 1010).length);
    addOn.importDataset({ dataset: 'checks', sheetName: 'Checks' });
    expect(total()).toBe(checks.length);
    expect(describeRef(sheet(report)._pivots[0].source)).toBe("'Checks'!A1:M");
  });
});

describe('renamed and deleted data tabs', () => {
  it('follows a renamed data tab and reports a deleted one', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts' });
    addOn.importDataset({ dataset: 'checks', sheetName: 'Checks' });
    const board = addOn.createReport({ template: 'account-health' }).sheetName;
    sheet('Accounts').setName("Clients' Q4");
    const wb = evaluateWorkbook(env.spreadsheet);
    expect(ids(wb, board)).toEqual(byScore(accounts));
    expect(sheet(board).getRange(2, 3).getFormula()).toContain("'Clients'' Q4'!$");
    expect(addOn.listReports().find((r) => r.sheetName === board)!.sources).toContainEqual({ dataset: 'accounts', sheetName: "Clients' Q4" });
    env.spreadsheet.deleteSheet(sheet('Checks'));
    expect(addOn.listReports().find((r) => r.sheetName === board)!.problem).toMatch(/A data tab it used is gone \(checks\)/);
  });

  it('explains a missing source dataset instead of building half a report', () => {
    expect(errorOf(() => addOn.createReport({ template: 'check-status' }))).toMatch(/The Check status report cannot be built yet: import the checks dataset first/);
    expect(env.spreadsheet.getSheetByName('Check status')).toBeNull();
  });
});

describe('choosing columns', () => {
  it('uses the column the user chose for a role, saves it with the report, and refuses a column the tab lacks', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts' });
    const proposed = addOn.describeReport({ template: 'account-scores' }).roles.find((r) => r.key === 'score')!;
    expect(proposed).toMatchObject({ column: 'AuditScore', reason: 'name' });
    expect(proposed.candidates).toContain('OptimizationScore');
    const r = addOn.createReport({ template: 'account-scores', roles: { score: 'OptimizationScore' } });
    const value = () => sheet(r.sheetName)._pivots[0].values[0];
    expect(value()).toMatchObject({ sourceColumn: 7, displayName: 'AVERAGE of OptimizationScore' });
    addOn.rebuildReport(r.sheetName);
    expect(value()).toMatchObject({ sourceColumn: 7 });
    expect(errorOf(() => addOn.createReport({ template: 'account-scores', roles: { score: 'Nope' } }))).toMatch(/the column "Nope" chosen for "Score" is not in Accounts any more: choose another/);
    expect(value()).toMatchObject({ sourceColumn: 7 });
  });
});

describe('tabs the user made', () => {
  it('never replaces a tab the add-on did not make, and replaces its own report tab in place', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'Accounts' });
    const mine = env.spreadsheet.insertSheet('Account health');
    mine.getRange(1, 1).setValue('my own notes');
    expect(errorOf(() => addOn.createReport({ template: 'account-health', sheetName: 'Account health' }))).toMatch(/was not made by a TrueClicks report, so it was left alone/);
    const made = addOn.createReport({ template: 'account-health' });
    expect(made.sheetName).toBe('Account health 2');
    expect(mine.getRange(1, 1).getValue()).toBe('my own notes');
    const again = addOn.createReport({ template: 'account-health' });
    expect(again.sheetName).toBe('Account health 2');
    expect(env.spreadsheet.getSheets().map((s) => s.getName()).filter((n) => n.startsWith('Account health'))).toEqual(['Account health', 'Account health 2']);
    expect(sheet('Account health 2')._conditionalRules).toHaveLength(4);
  });
});

describe('hostile names', () => {
  it('quotes a tab called It\'s "Q4" in every formula and still computes the board', () => {
    addOn.importDataset({ dataset: 'accounts', sheetName: 'It\'s "Q4"' });
    addOn.importDataset({ dataset: 'account-history', sheetName: '=SUM(A1)' });
    addOn.importDataset({ dataset: 'checks', sheetName: "'quoted'" });
    const board = addOn.createReport({ template: 'account-health' }).sheetName;
    const f = sheet(board).getRange(2, 3).getFormula();
    expect(f).toBe(`=IFERROR(SMALL('It''s "Q4"'!$H$2:$H,1),"")`);
    expect(sheet(board).getRange(2, 4).getFormula()).toContain("'=SUM(A1)'!$B$2:$B");
    expect(sheet(board).getRange(2, 6).getFormula()).toContain("'''quoted'''!$B$2:$B");
    const wb = evaluateWorkbook(env.spreadsheet);
    expect(ids(wb, board)).toEqual(byScore(accounts));
    for (let r = 2; r < 62; r++) for (let c = 1; c <= 8; c++) expect(String(wb.value(board, r, c))).not.toMatch(/^#/);
  });

  it('charts a check table whose columns are named like formulas, without writing a single formula', () => {
    addOn.importCheckTable({ ruleKey: 'hostile-corpus', accountIds: ['1001'], sheetName: 'It\'s "Q4"' });
    const column = '=HYPERLINK("http://evil.example","x")';
    const r = addOn.createCustomChart({ source: 'It\'s "Q4"', x: 'Case', y: 'Count', aggregate: 'SUM', series: column, sheetName: '=SUM(A1)' });
    expect(r.sheetName).toBe('=SUM(A1)');
    const tab = sheet('=SUM(A1)');
    expect(tab.getRange(1, 1, 50, 20).getFormulas().flat().filter(Boolean)).toEqual([]);
    const out = evaluatePivot(tab._pivots[0]);
    expect(out[0]).toEqual(['SUM of Count', column, ...out[0].slice(2)]);
    expect(tab._charts.list[0].options['vAxis.title']).toBe('Count');
    expect(describeRef(tab._pivots[0].source)).toMatch(/^'It''s "Q4"'!A1:[A-Z]+$/);
  });
});
