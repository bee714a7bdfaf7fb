import { describeOutput, parseOutputOptions } from '../../../../src/core/history/output-options';
import { daysUntilFull, growthWarning, rowsPerDay, GrowthInput } from '../../../../src/core/history/growth';
import { describeSeed, findDateColumn, planSeed } from '../../../../src/core/history/seed';
import { Table } from '../../../../src/core/table/build-table';

describe('parseOutputOptions', () => {
  it('replace is the default and is not saved, so older definitions stay equal', () => {
    expect(parseOutputOptions({})).toBeUndefined();
    expect(parseOutputOptions({ mode: 'Replace' })).toBeUndefined();
  });
  it('append defaults to one snapshot a day; merge keeps the chosen key', () => {
    expect(parseOutputOptions({ mode: 'append' })).toEqual({ mode: 'append', snapshotEvery: 'day' });
    expect(parseOutputOptions({ mode: 'append', snapshotEvery: 'Week', keepSnapshots: '12' })).toEqual({ mode: 'append', snapshotEvery: 'week', keepSnapshots: 12 });
    expect(parseOutputOptions({ mode: 'merge', key: 'AccountId, RuleKey' })).toEqual({ mode: 'merge', key: ['AccountId', 'RuleKey'] });
  });
  it.each([
    [{ mode: 'upsert' }, /replace, append or merge/],
    [{ mode: 'append', snapshotEvery: 'hour' }, /run, day or week/],
    [{ mode: 'append', keepSnapshots: 0 }, /whole number from 1/],
    [{ mode: 'append', keepSnapshots: 2.5 }, /whole number from 1/],
    [{ mode: 'merge', key: 'a b' }, /is not a column name/],
  ])('rejects %p', (params, message) => {
    expect(() => parseOutputOptions(params)).toThrow(message);
  });
  it('describes the mode for the saved-import summary', () => {
    expect(describeOutput(undefined)).toBe('Replace: each run replaces the tab');
    expect(describeOutput({ mode: 'append', snapshotEvery: 'week', keepSnapshots: 52 })).toBe('Append: one snapshot a week, newest 52 kept');
    expect(describeOutput({ mode: 'merge' })).toBe('Merge by the dataset key');
  });
});

describe('growth projection', () => {
  const base: GrowthInput = { output: { mode: 'append', snapshotEvery: 'day' }, frequency: 'hourly', growthRows: 1000, rows: 10000, columns: 20, cellsNow: 1000000, limit: 10000000 };
  it('an hourly schedule with daily snapshots grows one snapshot a day; per-run snapshots grow 24', () => {
    expect(rowsPerDay(base)).toBe(1000);
    expect(rowsPerDay({ ...base, output: { mode: 'append', snapshotEvery: 'run' } })).toBe(24000);
    expect(rowsPerDay({ ...base, frequency: 'weekly' })).toBeCloseTo(1000 / 7);
    expect(rowsPerDay({ ...base, frequency: 'off' })).toBe(0);
    expect(rowsPerDay({ ...base, output: undefined })).toBe(0);
  });
  it('warns when the spreadsheet fills within 90 days, not later', () => {
    // 9,000,000 cells of room / 20 columns = 450,000 rows; at 1,000 a day: 450 days.
    expect(daysUntilFull(base)).toBe(450);
    expect(growthWarning(base)).toBeNull();
    const fast = { ...base, output: { mode: 'append' as const, snapshotEvery: 'run' as const } };
    expect(growthWarning(fast)).toMatch(/^At its current growth \(24000 rows a day\) this tab fills the spreadsheet's 10 million cells in about 18 days\./);
  });
  it('retention that caps the tab below the limit means no warning', () => {
    expect(daysUntilFull({ ...base, output: { mode: 'append', snapshotEvery: 'run', keepSnapshots: 30 } })).toBeNull();
  });
});

describe('history seed', () => {
  const history: Table = {
    header: ['HistoryId', 'CreatedOn', 'WeekStart', 'AccountId', 'Clicks'],
    values: [
      [2, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 1, 23)), 1, 5],
      [1, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 1, 16)), 1, 4],
      [3, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 2, 2)), 1, 6],
      [4, new Date(Date.UTC(2026, 0, 1)), '', 1, 7],
    ],
    formats: [],
    kinds: ['integer', 'date', 'date', 'integer', 'integer'],
    typedFrom: 'metadata',
  };
  history.formats = history.values.map(() => ['0', 'yyyy-mm-dd', 'yyyy-mm-dd', '0', '0']);
  const current: Table = { header: ['AccountId', 'Name', 'clicks'], values: [[1, 'A', 9]], formats: [['0', '@', '0']], kinds: ['integer', 'text', 'integer'], typedFrom: 'metadata' };
  const week = (ms: number) => new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86400000).toISOString().slice(0, 10);

  it('finds the date column by type, preferring a name that says week or date', () => {
    expect(findDateColumn(history)).toBe(2);
    expect(findDateColumn({ ...history, kinds: ['integer', 'text', 'text', 'integer', 'integer'] })).toBe(-1);
  });
  it('aligns by name, leaves out the current week and undated rows, oldest first', () => {
    const plan = planSeed(current, history, 2, week, week(Date.UTC(2026, 2, 4)));
    expect(plan.header).toEqual(['AccountId', 'Name', 'clicks', 'HistoryId', 'CreatedOn']);
    expect(plan.stamps.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-02-16', '2026-02-23']);
    expect(plan.history.values.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([[1, '', 4, 1], [1, '', 5, 2]]);
    expect(plan).toMatchObject({ matched: ['AccountId', 'clicks'], onlyCurrent: ['Name'], onlyHistory: ['HistoryId', 'CreatedOn'], undated: 1 });
    expect(planSeed(current, history, 2, week, week(Date.UTC(2026, 2, 4)), 2).stamps.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-02-23']);
    expect(describeSeed(plan, 'account-history', 'accounts')).toMatch(/dated by its WeekStart column[\s\S]*Only in accounts \(empty in history rows\): Name\.[\s\S]*1 history rows had no date/);
  });
});
