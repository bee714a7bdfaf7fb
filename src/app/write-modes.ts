/**
 * Writing a finished table in the import's output mode: replace the tab, append a dated snapshot, or merge rows
 * by key. Every check that can fail (fit, key, duplicates) runs before the first write, so a refused run leaves
 * the tab exactly as it was.
 */
import { AddOnError } from '../core/errors';
import { ImportDefinition, ImportStatus } from '../core/import-definition';
import { alignToHeader, stampTable } from '../core/history/align';
import { MergePlan, planMerge } from '../core/history/merge-plan';
import { DEFAULT_SNAPSHOT_EVERY, SNAPSHOT_COLUMN } from '../core/history/output-options';
import { periodKey } from '../core/history/periods';
import { SnapshotPlan, StampRun, UNREAD, planSnapshot, stampRuns, windowHoldsCurrent } from '../core/history/snapshot-plan';
import { Table } from '../core/table/build-table';
import { FORMATS } from '../core/table/typing';
import { clearRows, deleteTopRows, ensureGrid, extendHeader, readDataColumns, setImportNote, writeBlock } from '../services/sheet-patch-writer';
import { PreviousExtent, writeTable } from '../services/sheet-writer';
import { dayInZone } from '../services/time-zone';
import { assertFits } from './fits';
import { ImportContext, ProducedTable } from './import-context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What the run knows about the tab before writing. */
export interface OutputRun {
  definition: ImportDefinition;
  /** The tab's last saved status when it holds this same source (history continues), else null. */
  previous: ImportStatus | null;
  /** The header the tab has now (for a continuing run). */
  previousHeader: string[];
  /** Where replace may clear. */
  extent: PreviousExtent;
  startedMs: number;
  ctx: ImportContext;
}

export interface Written {
  rows: number;
  columns: number;
  header: string[];
  /** Rows one run adds to the tab (append: one snapshot; merge: new keys), for the growth projection. */
  growthRows: number;
  /** What changed, in words ("3 updated, 1 added, 2 removed"), or ''. */
  summary: string;
}

function replaceAll(sheet: Sheet, run: OutputRun, table: Table, note: string, growthRows: number): Written {
  assertFits(run.ctx, sheet, table.values.length, table.header.length);
  const written = writeTable(sheet, table, note, run.extent);
  return { rows: written.rows, columns: written.columns, header: table.header, growthRows, summary: '' };
}

export function writeReplace(sheet: Sheet, run: OutputRun, produced: ProducedTable, note: string): Written {
  return replaceAll(sheet, run, produced.table, note, 0);
}

// ------------------------------------------------------------------------------------------ append

function continuesAppend(run: OutputRun): boolean {
  return !!run.previous && run.previousHeader[0] === SNAPSHOT_COLUMN && run.previous.rows !== null;
}

/** Rows read from the bottom of SnapshotAt at first: enough for a period as large as this run, twice over. */
const MIN_TAIL_ROWS = 1000;

/**
 * The SnapshotAt column as runs of equal stamps. Retention needs every period, so the whole column (one read);
 * otherwise only the bottom matters: a window of about twice this run's rows, widened (×4, at most up to the
 * whole column) in the rare case that the current period starts above it. Usually one read of O(new rows) cells.
 */
function readStampRuns(sheet: Sheet, total: number, newRows: number, periodOf: (ms: number) => string, current: string, keep: number | undefined): StampRun[] {
  const column = (from: number, rows: number) => readDataColumns(sheet, rows, 1, from).map((r) => r[0]);
  if (keep) return stampRuns(column(0, total));
  let tail = Math.min(total, Math.max(2 * newRows, MIN_TAIL_ROWS));
  for (;;) {
    const runs = stampRuns(column(total - tail, tail));
    if (tail === total) return runs;
    if (windowHoldsCurrent(runs, periodOf, current)) return [{ stamp: UNREAD, rows: total - tail }].concat(runs);
    tail = Math.min(total, tail * 4);
  }
}

function planAppend(sheet: Sheet, run: OutputRun, newRows: number): SnapshotPlan {
  const output = run.definition.output!;
  const every = output.snapshotEvery || DEFAULT_SNAPSHOT_EVERY;
  const tz = run.ctx.spreadsheet.getSpreadsheetTimeZone();
  const periodOf = (ms: number) => periodKey(every, ms, dayInZone(ms, tz));
  const current = periodOf(run.startedMs);
  const runs = readStampRuns(sheet, run.previous!.rows || 0, newRows, periodOf, current, output.keepSnapshots);
  return planSnapshot({ runs, periodOf, current, newRows, keep: output.keepSnapshots });
}

/** Appends this run's rows stamped with its start; `seed` (history rows with their own stamps) starts a fresh tab. */
export function writeAppend(sheet: Sheet, run: OutputRun, produced: ProducedTable, note: string, seed?: Table): Written {
  const started = new Date(run.startedMs);
  if (!continuesAppend(run)) {
    const fresh = stampTable(produced.table, () => started);
    const table = seed ? { ...fresh, values: seed.values.concat(fresh.values), formats: seed.formats.concat(fresh.formats) } : fresh;
    return replaceAll(sheet, run, table, note, produced.table.values.length);
  }
  const table = stampTable(alignToHeader(produced.table, run.previousHeader.slice(1)), () => started);
  const plan = planAppend(sheet, run, table.values.length);
  assertFits(run.ctx, sheet, plan.writeAt + table.values.length, table.header.length, table.values.length);
  const oldWidth = run.previousHeader.length;
  const width = table.header.length;
  ensureGrid(sheet, plan.existingRows, plan.writeAt + table.values.length, oldWidth, width);
  extendHeader(sheet, table.header, oldWidth);
  writeBlock(sheet, { start: plan.writeAt, values: table.values, formats: table.formats });
  clearRows(sheet, plan.writeAt + table.values.length, plan.clearAfter, width);
  deleteTopRows(sheet, plan.deleteTop);
  setImportNote(sheet, note);
  const replaced = plan.replacedRows ? `replaced this period's ${plan.replacedRows} rows` : 'added a new snapshot';
  const kept = run.definition.output!.keepSnapshots ? `; ${plan.periods} snapshots kept` : '';
  return { rows: plan.finalRows, columns: width, header: table.header, growthRows: table.values.length, summary: replaced + kept };
}

// ------------------------------------------------------------------------------------------ merge

/** The key columns: the user's, else the default (entity key; a check table's account id leads the user's pick). */
function mergeKey(definition: ImportDefinition, produced: ProducedTable): string[] {
  const chosen = (definition.output && definition.output.key) || [];
  if (definition.kind === 'checkTable') {
    if (!chosen.length) {
      throw new AddOnError('BAD_INPUT', 'Merging a check table needs the columns that identify a row besides the account id: pick them under "Match rows on". Nothing was changed.');
    }
    return produced.key.concat(chosen.filter((c) => produced.key.indexOf(c) < 0));
  }
  if (chosen.length) return chosen;
  if (!produced.key.length) {
    throw new AddOnError('BAD_INPUT', 'This dataset has no key in its $metadata, so merge cannot tell which rows are the same: pick the key columns under "Match rows on". Nothing was changed.');
  }
  return produced.key;
}

function positions(header: string[], key: string[]): number[] {
  const lower = header.map((h) => h.toLowerCase());
  return key.map((k) => lower.indexOf(k.toLowerCase()));
}

function requireKeyColumns(header: string[], key: string[]): number[] {
  const at = positions(header, key);
  const missing = key.filter((_k, i) => at[i] < 0);
  if (missing.length) {
    throw new AddOnError('BAD_INPUT', `The key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in the data (columns: ${header.slice(0, 20).join(', ')}). Pick key columns the import returns. Nothing was changed.`);
  }
  return at;
}

function describeMerge(plan: MergePlan): string {
  return `${plan.updated} updated, ${plan.inserted} added, ${plan.removed} removed, ${plan.unchanged} unchanged`;
}

export function writeMerge(sheet: Sheet, run: OutputRun, produced: ProducedTable, note: string): Written {
  const key = mergeKey(run.definition, produced);
  const keepMissing = produced.truncation !== null;
  const oldKey = positions(run.previousHeader, key);
  const tabRows = run.previous ? run.previous.rows : null;
  if (tabRows === null || run.previousHeader[0] === SNAPSHOT_COLUMN || oldKey.some((p) => p < 0)) {
    const table = produced.table;
    // A fresh merge tab is written whole, but duplicate keys are refused all the same.
    planMerge({ existing: [], existingKey: [], rows: table.values, formats: table.formats, key: requireKeyColumns(table.header, key), keyNames: key }, []);
    return replaceAll(sheet, run, table, note, table.values.length);
  }
  const table = alignToHeader(produced.table, run.previousHeader);
  const existing = readDataColumns(sheet, tabRows, run.previousHeader.length);
  const emptyFormats = table.kinds.map((k) => FORMATS[k]);
  const input = { existing, existingKey: oldKey, rows: table.values, formats: table.formats, key: requireKeyColumns(table.header, key), keyNames: key, keepMissing };
  const plan = planMerge(input, emptyFormats);
  assertFits(run.ctx, sheet, plan.finalRows, table.header.length, table.values.length);
  ensureGrid(sheet, tabRows, plan.finalRows, run.previousHeader.length, table.header.length);
  extendHeader(sheet, table.header, run.previousHeader.length);
  for (const block of plan.writes) writeBlock(sheet, block);
  for (const clear of plan.clears) clearRows(sheet, clear.start, clear.rows, table.header.length);
  setImportNote(sheet, note);
  const kept = keepMissing ? ' (the data was incomplete, so no row was removed)' : '';
  return { rows: plan.finalRows, columns: table.header.length, header: table.header, growthRows: plan.inserted, summary: describeMerge(plan) + kept };
}
