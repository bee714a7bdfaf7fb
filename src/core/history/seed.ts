/**
 * Starting a history tab from a historical dataset (e.g. account-history, weekly for a year): which column
 * dates its rows, and how its columns line up with the current dataset's. Pure; schema-agnostic: the date
 * column is found from the column types ($metadata, else inferred), preferring a name that says week or date.
 */
import { Table } from '../table/build-table';
import { CellValue, ColumnKind } from '../table/typing';
import { alignToHeader } from './align';

const DATE_KINDS: ColumnKind[] = ['date', 'datetime', 'localdatetime'];
const DATE_NAMES = /week|period|snapshot|date/i;

/** The column that dates each history row: a date-typed column, one named like a week or date first. */
export function findDateColumn(table: Table): number {
  const dated = table.header.map((_h, i) => i).filter((i) => DATE_KINDS.indexOf(table.kinds[i]) >= 0);
  const named = dated.filter((i) => DATE_NAMES.test(table.header[i]));
  return named.length ? named[0] : dated.length ? dated[0] : -1;
}

function isDate(v: CellValue): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !isNaN((v as Date).getTime());
}

export interface SeedPlan {
  /** Union header: the current dataset's columns, then the history's own (its date column left out). */
  header: string[];
  /** History rows (oldest first) re-laid to `header`, with their dates. */
  history: Table;
  stamps: Date[];
  /** The current rows re-laid to `header`. */
  current: Table;
  matched: string[];
  onlyCurrent: string[];
  onlyHistory: string[];
  dateColumn: string;
  undated: number;
}

/** The rows (oldest first) of the newest `periods` periods. */
function newestPeriods(rows: number[], periodOf: (row: number) => string, periods: number): number[] {
  const seen: string[] = [];
  for (const r of rows) {
    const p = periodOf(r);
    if (seen[seen.length - 1] !== p) seen.push(p);
  }
  const kept = periods > 0 ? seen.slice(-periods) : [];
  return rows.filter((r) => kept.indexOf(periodOf(r)) >= 0);
}

/**
 * Aligns by column name (case-insensitive); history rows in `skipPeriod` (the live snapshot's) are left out, and
 * with `keep` only the newest keep − 1 periods stay (the live snapshot is the keep-th).
 */
export function planSeed(current: Table, history: Table, dateAt: number, periodOf: (ms: number) => string, skipPeriod: string, keep?: number): SeedPlan {
  const lower = (s: string) => s.toLowerCase();
  const dateColumn = history.header[dateAt];
  const historyColumns = history.header.filter((_h, i) => i !== dateAt);
  const currentLower = current.header.map(lower);
  const onlyHistory = historyColumns.filter((c) => currentLower.indexOf(lower(c)) < 0);
  const header = current.header.concat(onlyHistory);
  const historyLower = historyColumns.map(lower);
  let rows: number[] = [];
  let undated = 0;
  history.values.forEach((row, i) => {
    const v = row[dateAt];
    if (!isDate(v)) undated++;
    else if (periodOf(v.getTime()) !== skipPeriod) rows.push(i);
  });
  rows.sort((a, b) => (history.values[a][dateAt] as Date).getTime() - (history.values[b][dateAt] as Date).getTime() || a - b);
  if (keep) rows = newestPeriods(rows, (i) => periodOf((history.values[i][dateAt] as Date).getTime()), keep - 1);
  const picked: Table = { ...history, values: rows.map((i) => history.values[i]), formats: rows.map((i) => history.formats[i]) };
  return {
    header,
    history: alignToHeader(picked, header, true),
    stamps: rows.map((i) => history.values[i][dateAt] as Date),
    current: alignToHeader(current, header, true),
    matched: current.header.filter((c) => historyLower.indexOf(lower(c)) >= 0),
    onlyCurrent: current.header.filter((c) => historyLower.indexOf(lower(c)) < 0),
    onlyHistory,
    dateColumn,
    undated,
  };
}

function list(names: string[]): string {
  return names.length ? names.slice(0, 12).join(', ') + (names.length > 12 ? `, … (${names.length})` : '') : 'none';
}

/** How the columns were aligned, for the tab's note and the sidebar. */
export function describeSeed(plan: SeedPlan, source: string, target: string): string {
  return [
    `History started from ${source}: ${plan.history.values.length} rows dated by its ${plan.dateColumn} column (SnapshotAt).`,
    `Columns were matched by name: ${plan.matched.length} in both.`,
    `Only in ${target} (empty in history rows): ${list(plan.onlyCurrent)}.`,
    `Only in ${source} (added at the right, empty in new snapshots): ${list(plan.onlyHistory)}.`,
    plan.undated ? `${plan.undated} history rows had no date and were left out.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
