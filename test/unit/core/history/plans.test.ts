import { periodKey, weekStart } from '../../../../src/core/history/periods';
import { planSnapshot, stampRuns, StampRun, UNREAD, windowHoldsCurrent } from '../../../../src/core/history/snapshot-plan';
import { MAX_RUNS, MergeInput, planMerge } from '../../../../src/core/history/merge-plan';
import { alignToHeader, stampTable } from '../../../../src/core/history/align';
import { Table } from '../../../../src/core/table/build-table';
import { CellValue } from '../../../../src/core/table/typing';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026
/** Periods by UTC day, for the plan tests (the zone is the caller's business). */
const byDay = (ms: number) => periodKey('day', ms, new Date(ms).toISOString().slice(0, 10));

describe('periods', () => {
  it('weeks start on Monday (ISO), across month and year ends', () => {
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
  it('keys a run, a day or a week', () => {
    expect(periodKey('run', 5, '2026-03-04')).toBe('run:5');
    expect(periodKey('day', 5, '2026-03-04')).toBe('day:2026-03-04');
    expect(periodKey('week', 5, '2026-03-04')).toBe('week:2026-03-02');
  });
});

describe('stampRuns', () => {
  it('run-length encodes the SnapshotAt column; cells without a date form their own runs', () => {
    const a = new Date(T0);
    const b = new Date(T0 + DAY);
    expect(stampRuns([a, new Date(T0), b, '', '', b])).toEqual([
      { stamp: T0, rows: 2 },
      { stamp: T0 + DAY, rows: 1 },
      { stamp: NaN, rows: 2 },
      { stamp: T0 + DAY, rows: 1 },
    ]);
  });
});

describe('planSnapshot', () => {
  const runs = (...days: number[]): StampRun[] => days.map((d) => ({ stamp: T0 + d * DAY, rows: 10 }));
  it('a first snapshot goes at the top', () => {
    expect(planSnapshot({ runs: [], periodOf: byDay, current: byDay(T0), newRows: 5 })).toMatchObject({ writeAt: 0, clearAfter: 0, deleteTop: 0, finalRows: 5, periods: 1 });
  });
  it('a new period goes below the others', () => {
    expect(planSnapshot({ runs: runs(0, 1), periodOf: byDay, current: byDay(T0 + 2 * DAY), newRows: 7 })).toMatchObject({ writeAt: 20, replacedRows: 0, finalRows: 27, periods: 3 });
  });
  it('the same period is replaced, and leftover rows of a longer earlier run are cleared', () => {
    const plan = planSnapshot({ runs: runs(0, 1), periodOf: byDay, current: byDay(T0 + DAY + 3600000), newRows: 4 });
    expect(plan).toMatchObject({ writeAt: 10, replacedRows: 10, clearAfter: 6, finalRows: 14, periods: 2 });
  });
  it('two runs on the same day count as one period', () => {
    const two: StampRun[] = [{ stamp: T0, rows: 3 }, { stamp: T0 + 3600000, rows: 3 }];
    expect(planSnapshot({ runs: two, periodOf: byDay, current: byDay(T0 + 7200000), newRows: 3 })).toMatchObject({ writeAt: 0, replacedRows: 6, clearAfter: 3 });
  });
  it('retention deletes the oldest periods at the top', () => {
    const plan = planSnapshot({ runs: runs(0, 1, 2), periodOf: byDay, current: byDay(T0 + 3 * DAY), newRows: 10, keep: 2 });
    expect(plan).toMatchObject({ writeAt: 30, deleteTop: 20, finalRows: 20, periods: 2 });
  });
  it('older rows left unread are one period of their own, never the current one', () => {
    const window: StampRun[] = [{ stamp: UNREAD, rows: 500 }, ...runs(1)];
    expect(planSnapshot({ runs: window, periodOf: byDay, current: byDay(T0 + DAY), newRows: 3 })).toMatchObject({ writeAt: 500, replacedRows: 10, clearAfter: 7, finalRows: 503 });
    expect(windowHoldsCurrent(runs(0, 1), byDay, byDay(T0 + DAY))).toBe(true);
    expect(windowHoldsCurrent(runs(1), byDay, byDay(T0 + DAY))).toBe(false);
    expect(windowHoldsCurrent([{ stamp: NaN, rows: 1 }], byDay, byDay(T0))).toBe(false);
  });
  it('rows without a date belong to the period above them', () => {
    const mixed: StampRun[] = [{ stamp: T0, rows: 2 }, { stamp: NaN, rows: 1 }, { stamp: T0 + DAY, rows: 2 }];
    expect(planSnapshot({ runs: mixed, periodOf: byDay, current: byDay(T0 + 2 * DAY), newRows: 1, keep: 2 })).toMatchObject({ deleteTop: 3 });
  });
});

describe('planMerge', () => {
  const header = ['Id', 'Name', 'Score'];
  const input = (existing: unknown[][], rows: CellValue[][], extra: Partial<MergeInput> = {}): MergeInput => ({
    existing,
    existingKey: [0],
    rows,
    formats: rows.map(() => ['0', '@', 'General']),
    key: [0],
    keyNames: ['Id'],
    ...extra,
  });
  const empty = ['0', '@', 'General'];
  it('updates changed rows in place, adds new keys at the bottom, clears missing keys, and coalesces adjacent rows', () => {
    const existing = [[1, 'a', 10], [2, 'b', 20], [3, 'c', 30], [4, 'd', 40]];
    const plan = planMerge(input(existing, [[2, 'b', 21], [3, 'c', 31], [4, 'd', 40], [5, 'e', 50], [6, 'f', 60]]), empty);
    expect(plan).toMatchObject({ updated: 2, inserted: 2, removed: 1, unchanged: 1, finalRows: 6 });
    expect(plan.writes.map((w) => [w.start, w.values.length])).toEqual([[1, 2], [4, 2]]);
    expect(plan.writes[1].values).toEqual([[5, 'e', 50], [6, 'f', 60]]);
    expect(plan.clears).toEqual([{ start: 0, rows: 1 }]);
    expect(header).toHaveLength(3);
  });
  it('matches keys as text (a key read back as text still matches), compares cells by type, Dates by instant', () => {
    const formats = [['0', '@', 'yyyy-mm-dd'], ['0', '@', 'yyyy-mm-dd']];
    const plan = planMerge(input([['7', 'x', new Date(T0)], [8, 'y', new Date(T0)]], [[7, 'x', new Date(T0)], [8, 'y', new Date(T0)]], { formats }), empty);
    // 7 matched its row (no insert); that row is rewritten because the cell was text and is now a number
    expect(plan).toMatchObject({ updated: 1, inserted: 0, removed: 0, unchanged: 1, clears: [] });
    expect(plan.writes.map((w) => w.start)).toEqual([0]);
  });
  it('refuses duplicate source keys, naming them', () => {
    expect(() => planMerge(input([], [[1, 'a', 1], [1, 'b', 2]]), empty)).toThrow(/more than one row with Id = 1, so the key \(Id\) does not identify a row\. Nothing was changed/);
  });
  it('keeps rows with missing keys when the source was cut short', () => {
    expect(planMerge(input([[1, 'a', 1]], [], { keepMissing: true }), empty)).toMatchObject({ removed: 0, clears: [] });
  });
  it('leaves already emptied rows alone and never reuses them', () => {
    const plan = planMerge(input([['', '', ''], [2, 'b', 2]], [[2, 'b', 2], [3, 'c', 3]]), empty);
    expect(plan).toMatchObject({ removed: 0, inserted: 1, finalRows: 3, clears: [] });
    expect(plan.writes).toEqual([{ start: 2, values: [[3, 'c', 3]], formats: [empty] }]);
  });
  it(`past ${MAX_RUNS} scattered runs, writes one block in which unchanged rows keep their values`, () => {
    const existing = Array.from({ length: 400 }, (_, i) => [i, 'n', i]);
    const rows = existing.map((r, i) => (i % 2 ? [r[0], 'n', (r[2] as number) + 1] : r)) as CellValue[][];
    const plan = planMerge(input(existing, rows), empty);
    expect(plan.writes).toHaveLength(1);
    expect(plan.clears).toEqual([]);
    expect(plan.writes[0].start).toBe(1);
    expect(plan.writes[0].values).toEqual(rows.slice(1));
  });
});

describe('alignToHeader and stampTable', () => {
  const table: Table = { header: ['B', 'New', 'A'], values: [[2, 'n', 1]], formats: [['0', '@', '0']], kinds: ['integer', 'text', 'integer'], typedFrom: 'metadata' };
  it('keeps the old columns where they were, empties dropped ones, appends new ones', () => {
    expect(alignToHeader(table, ['A', 'Gone', 'B'])).toEqual({
      header: ['A', 'Gone', 'B', 'New'],
      values: [[1, '', 2, 'n']],
      formats: [['0', '@', '0', '@']],
      kinds: ['integer', 'text', 'integer', 'text'],
      typedFrom: 'metadata',
    });
  });
  it('stamps every row in a first SnapshotAt column', () => {
    const stamped = stampTable(table, () => new Date(T0));
    expect(stamped.header[0]).toBe('SnapshotAt');
    expect(stamped.values[0][0]).toEqual(new Date(T0));
    expect(stamped.formats[0][0]).toBe('yyyy-mm-dd hh:mm:ss');
  });
});
