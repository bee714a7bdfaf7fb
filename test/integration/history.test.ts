/**
 * Output modes (issue 11) through the built bundle against a private sandbox: append snapshots (same period
 * replaced, new periods added, retention, a column added and one dropped), merge by key (update in place, insert
 * at the bottom, clear removed keys in place, user columns stay aligned), duplicate keys refused, the history
 * starter for accounts, and a daily schedule appending for a simulated 30 days.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox } from '../support/sandbox';
import { controlBundleClock, BundleClock } from '../support/clock';
import type { GasEnvironment } from '../fakes';

const SHEET = 'TrueClicks accounts';
const ACCOUNTS = 60;
let sb: PrivateSandbox;
let env: GasEnvironment;
let addOn: AddOn;
let clock: BundleClock;

beforeAll(async () => {
  sb = await startPrivateSandbox({ pageSize: 25 });
});
afterAll(() => sb.stop());
beforeEach(() => {
  ({ env, addOn } = loadAddOn());
  clock = controlBundleClock(env, '2026-03-02T09:00:00Z'); // a Monday, 10:00 in Amsterdam
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(async () => {
  env.close();
  // After a long test the control connection may have idled past the server's keep-alive: one retry.
  await sb.control.reset().catch(() => sb.control.reset());
});

const tab = () => env.sheetSnapshot(SHEET);
const column = (name: string) => {
  const snap = tab();
  const c = snap.values[0].indexOf(name);
  if (c < 0) throw new Error(`no column ${name} in ${snap.values[0].join(', ')}`);
  return snap.values.slice(1).map((row) => row[c]);
};
const stamps = () => column('SnapshotAt').map((v) => (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString() : String(v)));
const distinct = <T>(xs: T[]) => xs.filter((x, i) => xs.indexOf(x) === i);
const append = (extra: Record<string, unknown> = {}) => addOn.importDataset({ dataset: 'accounts', mode: 'append', ...extra });

describe('append', () => {
  it('stamps each row with the run start in a first SnapshotAt column, and a rerun the same day replaces that day', () => {
    append();
    expect(tab().values[0][0]).toBe('SnapshotAt');
    expect(tab().formats[1][0]).toBe('yyyy-mm-dd hh:mm:ss');
    expect(distinct(stamps())).toEqual(['2026-03-02T09:00:00.000Z']);
    clock.now += 5 * 3600 * 1000; // later the same day
    const second = append();
    expect(second.changes).toMatch(/replaced this period's 60 rows/);
    expect(tab().values.length).toBe(ACCOUNTS + 1);
    expect(distinct(stamps())).toEqual(['2026-03-02T14:00:00.000Z']);
  });

  it('adds a snapshot per day below the earlier ones, never touching them', () => {
    append();
    const first = tab();
    clock.advanceDays(1);
    append();
    const after = tab();
    expect(after.values.length).toBe(2 * ACCOUNTS + 1);
    expect(after.values.slice(0, ACCOUNTS + 1)).toEqual(first.values);
    expect(after.formats.slice(0, ACCOUNTS + 1)).toEqual(first.formats);
    expect(distinct(stamps())).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-03T09:00:00.000Z']);
    expect(addOn.getStatus().imports[0]).toMatchObject({ mode: 'append', output: 'Append: one snapshot a day', rows: 2 * ACCOUNTS });
  });

  it('snapshotEvery week: a run later in the same week replaces the week; the next week adds', () => {
    append({ snapshotEvery: 'week' });
    clock.advanceDays(4); // Friday
    append({ snapshotEvery: 'week' });
    expect(distinct(stamps())).toEqual(['2026-03-06T09:00:00.000Z']);
    clock.advanceDays(3); // next Monday
    append({ snapshotEvery: 'week' });
    expect(distinct(stamps())).toEqual(['2026-03-06T09:00:00.000Z', '2026-03-09T09:00:00.000Z']);
  });

  it('keepSnapshots keeps only the newest periods (whole rows deleted at the top, user columns go with them)', () => {
    let mine = 0;
    for (let day = 0; day < 4; day++) {
      if (day) clock.advanceDays(1);
      append({ keepSnapshots: 2 });
      const sheet = env.spreadsheet.getSheetByName(SHEET)!;
      mine = mine || sheet.getLastColumn() + 2;
      // the user's own note beside the first row of this day's snapshot (the newest rows are at the bottom)
      sheet.getRange(sheet.getLastRow() - ACCOUNTS + 1, mine).setValue(`note on day ${day + 1}`);
    }
    expect(distinct(stamps())).toEqual(['2026-03-04T09:00:00.000Z', '2026-03-05T09:00:00.000Z']);
    expect(tab().values.length).toBe(2 * ACCOUNTS + 1);
    expect(tab().values.map((r) => r[mine - 1]).filter(Boolean)).toEqual(['note on day 3', 'note on day 4']);
    expect(tab().values[1][mine - 1]).toBe('note on day 3'); // still beside the first row of its day
  });

  it('a column the source adds goes at the right (earlier rows empty); a dropped column stays, empty from then on', async () => {
    append();
    const before = tab();
    const header = before.values[0] as string[];
    clock.advanceDays(1);
    await sb.control.config({ drift: { add: 'NewScore', drop: ['Currency'] } });
    append();
    const after = tab();
    expect(after.values[0]).toEqual(header.concat(['NewScore']));
    // nothing that was there moved or changed
    expect(after.values.slice(0, ACCOUNTS + 1).map((r) => r.slice(0, header.length))).toEqual(before.values);
    expect(after.formats.slice(0, ACCOUNTS + 1).map((r) => r.slice(0, header.length))).toEqual(before.formats);
    expect(column('NewScore').slice(0, ACCOUNTS).every((v) => v === '')).toBe(true);
    expect(column('NewScore').slice(ACCOUNTS).every((v) => v === 1)).toBe(true);
    expect(column('Currency').slice(ACCOUNTS).every((v) => v === '')).toBe(true);
    expect(column('Currency').slice(0, ACCOUNTS).every((v) => typeof v === 'string' && v.length === 3)).toBe(true);
  });

  it('finds a large current period above the rows it reads first, and replaces all of it', () => {
    const history = (top?: number) => addOn.importDataset({ dataset: 'account-history', mode: 'append', sheetName: 'H', top });
    history();
    clock.advanceDays(1);
    const full = history().rows; // two days of the whole dataset
    const perDay = full / 2;
    clock.now += 3600 * 1000;
    env.resetStats();
    const again = history(100); // the same day, far fewer rows: the first window (1,000 rows) lies inside today
    expect(again.changes).toBe(`replaced this period's ${perDay} rows`);
    expect(again.rows).toBe(perDay + 100);
    expect(env.stats.getValuesCalls).toBe(2); // the window, then one wider window
    const snap = env.sheetSnapshot('H');
    expect(snap.values.length).toBe(perDay + 101);
  });

  it('something the user keeps below the data moves down instead of being overwritten', () => {
    append();
    const sheet = env.spreadsheet.getSheetByName(SHEET)!;
    sheet.getRange(ACCOUNTS + 4, 2).setValue('my total');
    clock.advanceDays(1);
    append();
    expect(tab().values.length).toBe(2 * ACCOUNTS + 4);
    expect(sheet.getRange(2 * ACCOUNTS + 4, 2).getValue()).toBe('my total');
    expect(column('AccountId').slice(ACCOUNTS, 2 * ACCOUNTS).every((v) => typeof v === 'number')).toBe(true);
  });

  it('"Keep weekly history" starts from account-history, stamped with its own weeks, then appends weekly', () => {
    const result = append({ snapshotEvery: 'week', seedFrom: 'account-history' });
    const weeks = distinct(stamps());
    expect(weeks.length).toBeGreaterThan(10);
    expect(weeks[weeks.length - 1]).toBe('2026-03-02T09:00:00.000Z'); // the live snapshot is the newest
    expect(weeks.slice(0, -1).every((w, i, all) => i === 0 || w > all[i - 1])).toBe(true);
    expect(tab().notes[0][0]).toMatch(/History started from account-history: \d+ rows dated by its WeekStart column/);
    expect(tab().notes[0][0]).toMatch(/Columns were matched by name/);
    expect(result.rows).toBe(tab().values.length - 1);
    clock.advanceDays(7);
    const rows = tab().values.length;
    append({ snapshotEvery: 'week', seedFrom: 'account-history' });
    expect(tab().values.length).toBe(rows + ACCOUNTS);
  });

  it('a history starter whose history cannot be read changes nothing: not the cells, not the saved import', async () => {
    addOn.importDataset({ dataset: 'users', sheetName: SHEET }); // the tab holds another import
    const before = tab();
    const savedBefore = addOn.getStatus().imports[0];
    await sb.control.faults([{ match: '/odata/AccountHistory', status: 503 }]);
    expect(errorOf(() => append({ snapshotEvery: 'week', seedFrom: 'account-history', sheetName: SHEET, overwrite: true }))).toMatch(/HTTP 503/);
    expect(tab().values).toEqual(before.values);
    expect(tab().formats).toEqual(before.formats);
    expect(addOn.getStatus().imports[0]).toMatchObject({ dataset: savedBefore.dataset, mode: 'replace', rows: savedBefore.rows, lastSuccess: savedBefore.lastSuccess });
  });

  it('a daily schedule appends one snapshot a day for 30 simulated days', () => {
    append();
    addOn.setSchedule({ frequency: 'hourly' });
    const [trigger] = env.triggers.filter((t) => t.eventType === 'CLOCK');
    for (let hour = 1; hour <= 30 * 24; hour += 6) {
      clock.now += 6 * 3600 * 1000;
      env.runTrigger(trigger.id);
    }
    const days = distinct(stamps().map((s) => s.slice(0, 10)));
    expect(days.length).toBe(31);
    expect(tab().values.length).toBe(31 * ACCOUNTS + 1);
    expect(addOn.getStatus().imports[0].lastError).toBeNull();
  });
});

describe('growth', () => {
  it('warns in the status when the schedule would fill the 10 million cells within 90 days, not when it would not', () => {
    addOn.importDataset({ dataset: 'account-history', mode: 'append', snapshotEvery: 'run', sheetName: 'Fast' });
    addOn.importDataset({ dataset: 'account-history', mode: 'append', snapshotEvery: 'day', sheetName: 'Daily' });
    const status = () => Object.fromEntries(addOn.getStatus().imports.map((i) => [i.sheetName, i.growthWarning]));
    expect(status()).toEqual({ Fast: null, Daily: null }); // no schedule: nothing grows
    addOn.setSchedule({ frequency: 'hourly' });
    const warned = status();
    expect(warned.Fast).toMatch(/^At its current growth \(74,?880 rows a day\) this tab fills the spreadsheet's 10 million cells in about \d+ days\./);
    expect(warned.Daily).toBeNull();
  });

  it('refresh keeps the mode: refreshing an append tab adds a snapshot', () => {
    append();
    clock.advanceDays(1);
    addOn.refreshImport(SHEET);
    expect(distinct(stamps())).toHaveLength(2);
  });
});

describe('merge', () => {
  const merge = (filter: string, extra: Record<string, unknown> = {}) => addOn.importDataset({ dataset: 'accounts', mode: 'merge', filter, ...extra });

  it('updates in place, adds new keys at the bottom, clears removed keys in place; user columns stay aligned', async () => {
    merge('AccountId le 1010');
    const sheet = env.spreadsheet.getSheetByName(SHEET)!;
    const width = tab().values[0].length;
    const ids = column('AccountId');
    // the user's own column beside the data: the key again, and a formula reading it
    sheet.getRange(1, width + 1, 11, 1).setValues([['Mine']].concat(ids.map((id) => [`mine ${id}`])));
    await sb.control.config({ drift: { bump: 'MonitoringIssues' } });
    env.resetStats();
    const result = merge('AccountId ge 1003 and AccountId le 1012');
    expect(result.changes).toMatch(/^\d+ updated, 2 added, 2 removed, \d+ unchanged$/);
    const after = column('AccountId');
    expect(after.slice(0, 2)).toEqual(['', '']); // 1001, 1002 cleared in place
    expect(after.slice(2, 10)).toEqual(ids.slice(2, 10)); // the rest stayed where they were
    expect(after.slice(10)).toEqual([1011, 1012]);
    const mine = sheet.getRange(2, width + 1, 12, 1).getValues().map((r) => r[0]);
    expect(mine.slice(2, 10)).toEqual(ids.slice(2, 10).map((id) => `mine ${id}`));
    expect(mine.slice(0, 2)).toEqual(['mine 1001', 'mine 1002']); // the user's own cells are never cleared
    // writes grow with what changed: a bounded number of range calls
    expect(env.stats.getValuesCalls).toBeLessThanOrEqual(2);
    expect(env.stats.setValuesCalls).toBeLessThanOrEqual(12);
  });

  it('refuses duplicate keys in the source, naming the key, and changes nothing', () => {
    merge('AccountId le 1010');
    const before = tab();
    const message = errorOf(() => merge('AccountId le 1010', { key: 'Currency' }));
    expect(message).toMatch(/^Merge stopped: TrueClicks returned more than one row with Currency = \w{3}, so the key \(Currency\) does not identify a row\. Nothing was changed\./);
    const withoutNote = (snap: ReturnType<typeof tab>) => ({ ...snap, notes: snap.notes.slice(1) });
    expect(withoutNote(tab())).toEqual(withoutNote(before)); // only the A1 note may say that the run failed
  });

  it('a dataset without a key, and a check table without picked columns, ask for the key', () => {
    const message = errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001'], mode: 'merge' }));
    expect(message).toMatch(/needs the columns that identify a row besides the account id/);
    expect(env.spreadsheet.getSheetByName('TrueClicks check wasted-search-terms')).toBeNull();
  });
});
