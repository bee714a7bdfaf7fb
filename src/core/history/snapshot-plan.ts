/**
 * Planning an append: where this run's snapshot goes, which rows of the same period it replaces, and which
 * oldest periods retention drops. Pure and bounded: the existing tab is described by runs of equal SnapshotAt
 * stamps (one run per earlier import), so the work grows with the number of runs, not with the rows.
 *
 * Rows are only written at the bottom (a replaced period is always the newest, hence the bottom one) and
 * retention deletes whole rows at the top, so nothing in between moves relative to its neighbours.
 */
export interface StampRun {
  /** The SnapshotAt instant (epoch ms) shared by these consecutive rows; NaN when the cell holds no date. */
  stamp: number;
  rows: number;
}

/**
 * Stamp of a run standing for older rows that were not read: without retention only the bottom of the tab matters
 * (the newest period may be replaced), so the rows above it are one opaque period that is never the current one.
 */
export const UNREAD = -Infinity;

/** Whether a window read from the bottom starts outside `current`: then it holds all of the current period. */
export function windowHoldsCurrent(runs: StampRun[], periodOf: (stamp: number) => string, current: string): boolean {
  const first = runs[0];
  return !!first && !isNaN(first.stamp) && periodOf(first.stamp) !== current;
}

export interface SnapshotPlanInput {
  /** The tab's data rows (below the header) as runs of equal stamps, top to bottom. */
  runs: StampRun[];
  /** Period key of a stamp (see periods.ts). */
  periodOf(stamp: number): string;
  /** Period of this run. */
  current: string;
  /** Rows this run brings. */
  newRows: number;
  /** Keep only the newest N periods. */
  keep?: number;
}

export interface SnapshotPlan {
  /** 0-based data row where the new rows start: the first row of the replaced period, or the end. */
  writeAt: number;
  /** Rows of the replaced period that are left over below the new rows and must be cleared. */
  clearAfter: number;
  /** Rows of the oldest periods to delete at the top (retention). */
  deleteTop: number;
  /** Rows of the same period that the new rows replace. */
  replacedRows: number;
  /** Data rows before and after the run. */
  existingRows: number;
  finalRows: number;
  /** Periods in the tab after the run. */
  periods: number;
}

interface Period {
  key: string;
  rows: number;
}

/** Consecutive runs of one period become one period; rows without a readable date belong to the one above. */
function periodsOf(runs: StampRun[], periodOf: (stamp: number) => string): Period[] {
  const out: Period[] = [];
  for (const run of runs) {
    const key = run.stamp === UNREAD ? '(unread)' : isNaN(run.stamp) ? (out.length ? out[out.length - 1].key : '') : periodOf(run.stamp);
    if (out.length && out[out.length - 1].key === key) out[out.length - 1].rows += run.rows;
    else out.push({ key, rows: run.rows });
  }
  return out;
}

/** Run-length encodes the SnapshotAt column as read from the tab (Dates, or anything else for "no date"). */
export function stampRuns(column: ReadonlyArray<unknown>): StampRun[] {
  const runs: StampRun[] = [];
  for (const cell of column) {
    const stamp = cell && Object.prototype.toString.call(cell) === '[object Date]' ? (cell as Date).getTime() : NaN;
    const last = runs[runs.length - 1];
    if (last && (last.stamp === stamp || (isNaN(last.stamp) && isNaN(stamp)))) last.rows++;
    else runs.push({ stamp, rows: 1 });
  }
  return runs;
}

export function planSnapshot(input: SnapshotPlanInput): SnapshotPlan {
  const periods = periodsOf(input.runs, input.periodOf);
  const existingRows = periods.reduce((sum, p) => sum + p.rows, 0);
  const last = periods[periods.length - 1];
  const replacedRows = last && last.key === input.current ? last.rows : 0;
  const before = replacedRows ? periods.slice(0, -1) : periods;
  const writeAt = existingRows - replacedRows;
  const clearAfter = Math.max(0, replacedRows - input.newRows);

  const kept = before.length + (input.newRows > 0 ? 1 : 0);
  const drop = input.keep && kept > input.keep ? Math.min(before.length, kept - input.keep) : 0;
  let deleteTop = 0;
  for (let i = 0; i < drop; i++) deleteTop += before[i].rows;
  return {
    writeAt,
    clearAfter,
    deleteTop,
    replacedRows,
    existingRows,
    finalRows: writeAt + input.newRows - deleteTop,
    periods: kept - drop,
  };
}
