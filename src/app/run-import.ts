/**
 * Runs a saved or new import into a tab: produce the whole table in memory (dataset or check table), check it
 * fits, and only then write it in the import's output mode (replace, append or merge; see write-modes.ts). Any
 * failure before the write leaves the tab exactly as it was; the failure is recorded on the saved import so the
 * sidebar can show it, and the saved definition stays as it was.
 */
import { AddOnError, describeError, redactSecrets } from '../core/errors';
import { formatCount } from '../core/format';
import { EMPTY_STATUS, ImportDefinition, ImportStatus, sameDefinition, sameSource } from '../core/import-definition';
import { OutputMode, SNAPSHOT_COLUMN, modeOf } from '../core/history/output-options';
import { Truncation } from '../core/odata/paging';
import { Table } from '../core/table/build-table';
import { SavedImport, assertStorable, readImport, storableStatus, writeImport, writeStatus } from '../services/import-store';
import { PreviousExtent } from '../services/sheet-writer';
import { formatInZone } from '../services/time-zone';
import { fetchCheckTable } from './check-table';
import { fetchDatasetTable } from './dataset-table';
import { assertFits } from './fits';
import { HistorySeed, fetchHistorySeed } from './history-seed';
import { ImportContext, ImportResult, ProducedTable, report, stopIfCancelled } from './import-context';
import { WRITE_FIXED_MS, WRITE_MS_PER_CELL } from './limits';
import { TargetSheet } from './target-sheet';
import { OutputRun, Written, writeAppend, writeMerge, writeReplace } from './write-modes';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One run of one import: what was there before, and when it started. */
interface Run {
  definition: ImportDefinition;
  target: TargetSheet;
  ctx: ImportContext;
  previous: SavedImport | null;
  /** The tab holds this same source: its history and column order continue. */
  continuing: boolean;
  startedMs: number;
  created: Sheet | null;
}

function importNote(when: string, definition: ImportDefinition, table: Table, truncation: Truncation | null, extra: string): string {
  return [
    `Imported from TrueClicks by TrueClicks for Sheets on ${when}.`,
    // Check tables are REST and have no $metadata by design; a dataset without it is worth a word.
    definition.kind === 'dataset' && table.typedFrom === 'values' ? 'Column types were inferred from the values: the service did not provide $metadata.' : '',
    extra,
    truncation ? `Incomplete: ${truncation.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const MAX_STORED_HEADER_CHARS = 10000;

/** The column order the last run wrote: from the saved status, or from row 1 when it was too wide to save. */
function headerOf(sheet: Sheet, status: ImportStatus): string[] {
  if (status.header.length || !status.columns) return status.header;
  return sheet.getRange(1, 1, 1, status.columns).getDisplayValues()[0];
}

function beginRun(definition: ImportDefinition, target: TargetSheet, ctx: ImportContext): Run {
  const previous = target.sheet ? readImport(target.sheet) : null;
  const continuing = !!previous && sameSource(previous.definition, definition) && previous.status.lastSuccess !== null;
  return { definition, target, ctx, previous, continuing, startedMs: Date.now(), created: null };
}

/** The header a new table should keep: replace keeps it for the same definition; append and merge for the same source. */
function keptHeader(run: Run): string[] {
  const { previous, target } = run;
  if (!previous || !target.sheet) return [];
  const mode = modeOf(run.definition.output);
  if (mode === 'replace' ? !sameDefinition(previous.definition, run.definition) : !run.continuing) return [];
  return headerOf(target.sheet, previous.status);
}

/**
 * The data columns a new table keeps in order: after SnapshotAt in an append tab (the stamp is added when
 * writing). A tab switching between append and another mode starts its columns afresh.
 */
function dataColumnsOf(previousHeader: string[], mode: OutputMode): string[] {
  const stamped = previousHeader[0] === SNAPSHOT_COLUMN;
  if (mode === 'append') return stamped ? previousHeader.slice(1) : [];
  return stamped ? [] : previousHeader;
}

function produce(run: Run, previousHeader: string[]): ProducedTable {
  const { definition, target, ctx } = run;
  const dataHeader = dataColumnsOf(previousHeader, modeOf(definition.output));
  const produced =
    definition.kind === 'checkTable' ? fetchCheckTable(definition, target, ctx, dataHeader) : fetchDatasetTable(definition, target, ctx, dataHeader);
  if (produced.truncation && produced.truncation.reason === 'deadline' && run.continuing) {
    // Never replace (or extend) complete data with a part of it just because this run ran out of time.
    throw new AddOnError(
      'TIMEOUT',
      'This refresh ran out of time for one run and stopped before writing, so the tab keeps its previous data. Scheduled refreshes take it first next time; a filter or row limit makes it faster.',
    );
  }
  return produced;
}

/** The run must still have time to write what it fetched: Apps Script kills it at 6 minutes, mid-write or not. */
function assertTimeToWrite(ctx: ImportContext, table: Table): void {
  if (!ctx.runEndsAt) return;
  const cells = (table.values.length + 1) * Math.max(table.header.length, 1);
  // A pessimistic estimate (see limits.ts): writing may not start unless it ends before Google ends the run.
  if (Date.now() + WRITE_FIXED_MS + cells * WRITE_MS_PER_CELL > ctx.runEndsAt) {
    throw new AddOnError(
      'TIMEOUT',
      `This import ran out of time: writing its ${formatCount(table.values.length)} rows would not finish within Google's 6-minute limit, so nothing was written and the tab keeps its previous data. Scheduled refreshes take it first next time; a filter or row limit makes it faster.`,
    );
  }
}

/**
 * Before any cell is written, the tab is marked with this import's definition and a status saying a write is in
 * progress, covering the previous area and everything this run may add. If Apps Script kills the run between the
 * cells and the final status, the tab is still this import (not "data the add-on did not write", not another
 * import), the next refresh clears everything this one may have written, and the sidebar says the write was
 * interrupted.
 */
function claimTab(run: Run, sheet: Sheet, table: Table): ImportStatus {
  const { previous, definition } = run;
  const base = previous && run.continuing ? previous.status : EMPTY_STATUS;
  const oldRows = previous && previous.status.rows !== null ? previous.status.rows : Math.max(sheet.getLastRow() - 1, 0);
  const oldColumns = previous && previous.status.columns !== null ? previous.status.columns : sheet.getLastColumn();
  // Replace rewrites the area; append and merge may add every new row below the old ones (and a stamp column).
  const replacing = modeOf(definition.output) === 'replace';
  const pending: ImportStatus = {
    ...base,
    lastRun: new Date(run.startedMs).toISOString(),
    rows: replacing ? Math.max(oldRows, table.values.length) : oldRows + table.values.length,
    columns: Math.max(oldColumns, table.header.length + (replacing ? 0 : 1)),
    header: run.continuing ? base.header : [],
    lastError: { code: 'INTERRUPTED', message: 'The last refresh was stopped by Google while it was writing this tab, so the data may be incomplete. Refresh it again.' },
  };
  writeImport(sheet, definition, storableStatus(definition, pending));
  return pending;
}

function extentOf(previous: SavedImport | null): PreviousExtent {
  // Only the area the last import wrote is ours to clear; a tab the user asked to replace is cleared whole.
  return previous && previous.status.rows !== null ? { rows: previous.status.rows + 1, columns: Math.max(previous.status.columns || 0, 1) } : 'whole-sheet';
}

/** Everything the write needs, fetched and decided before the tab is touched (the history seed included). */
interface WritePlan {
  output: OutputRun;
  mode: OutputMode;
  seed: HistorySeed | null;
  note: string;
}

function planWrite(run: Run, produced: ProducedTable, previousHeader: string[]): WritePlan {
  const { definition, ctx } = run;
  const output: OutputRun = {
    definition,
    previous: run.continuing && run.previous ? run.previous.status : null,
    previousHeader,
    extent: extentOf(run.previous),
    startedMs: run.startedMs,
    ctx,
  };
  const mode = modeOf(definition.output);
  const fresh = mode === 'append' && !(output.previous && previousHeader.length);
  const seed = fresh && definition.output && definition.output.seedFrom ? fetchHistorySeed(definition, produced, ctx, run.startedMs) : null;
  const note = importNote(formatInZone(run.startedMs, ctx.spreadsheet.getSpreadsheetTimeZone()), definition, produced.table, produced.truncation, seed ? seed.alignment : '');
  return { output, mode, seed, note };
}

function write(run: Run, sheet: Sheet, produced: ProducedTable, plan: WritePlan): Written {
  const { output, mode, seed, note } = plan;
  report(run.ctx, { phase: 'writing', pages: produced.pages, rows: produced.table.values.length });
  if (mode === 'append') return writeAppend(sheet, output, seed ? { ...produced, table: seed.current } : produced, note, seed ? seed.history : undefined);
  if (mode === 'merge') return writeMerge(sheet, output, produced, note);
  return writeReplace(sheet, output, produced, note);
}

function succeed(run: Run, sheet: Sheet, produced: ProducedTable, written: Written): ImportResult {
  const startedAt = new Date(run.startedMs).toISOString();
  const status: ImportStatus = {
    lastRun: startedAt,
    lastSuccess: startedAt,
    rows: written.rows,
    columns: written.columns,
    // Developer metadata is limited in size: a very wide header is read back from row 1 instead.
    header: JSON.stringify(written.header).length <= MAX_STORED_HEADER_CHARS ? written.header : [],
    lastError: null,
    truncated: produced.truncation ? produced.truncation.message : null,
    durationMs: Date.now() - run.startedMs,
    growthRows: modeOf(run.definition.output) === 'replace' ? null : written.growthRows,
  };
  writeImport(sheet, run.definition, storableStatus(run.definition, status));
  report(run.ctx, { phase: 'done', pages: produced.pages, rows: written.rows });
  const result: ImportResult = { sheetName: sheet.getName(), rows: written.rows, columns: written.columns, truncated: status.truncated, typedFrom: produced.table.typedFrom };
  if (written.summary) result.changes = written.summary;
  return result;
}

/**
 * Keeps the tab's data and saved definition; remembers what went wrong where the user will look (status, sidebar,
 * A1 note). A failure after the tab was claimed (during the write) records itself on the claimed status.
 */
function recordFailure(run: Run, e: unknown, pending: ImportStatus | null): void {
  // A tab created for this import and left half-written would later count as "not ours": remove it.
  if (run.created) {
    run.ctx.spreadsheet.deleteSheet(run.created);
    return;
  }
  const { target, ctx } = run;
  const previous = pending ? { definition: run.definition, status: pending } : run.previous;
  if (!previous || !target.sheet || !sameSource(previous.definition, run.definition)) return;
  const error = describeError(e);
  // A cancelled run is the user's choice, not a failure: the tab, its note and its status stay exactly as they were.
  if (error.code === 'CANCELLED') return;
  const message = redactSecrets(error.message, [ctx.connection.token]);
  const tz = ctx.spreadsheet.getSpreadsheetTimeZone();
  // A run that ran out of time tells the scheduler how long this import really needs now.
  const durationMs = error.code === 'TIMEOUT' ? Math.max(previous.status.durationMs || 0, Date.now() - run.startedMs) : previous.status.durationMs;
  writeStatus(target.sheet, { ...previous.status, lastRun: new Date(run.startedMs).toISOString(), durationMs, lastError: { code: error.code, message } });
  target.sheet
    .getRange(1, 1)
    .setNote(
      `Last successful import from TrueClicks: ${previous.status.lastSuccess ? formatInZone(Date.parse(previous.status.lastSuccess), tz) : 'never'}.\n` +
        `The refresh at ${formatInZone(run.startedMs, tz)} failed, so this tab still shows that data:\n${message}`,
    );
}

/** Runs an import definition into a tab; records the outcome on the tab's saved import. */
export function runImport(definition: ImportDefinition, target: TargetSheet, ctx: ImportContext): ImportResult {
  assertStorable(definition);
  const run = beginRun(definition, target, ctx);
  let pending: ImportStatus | null = null;
  try {
    const previousHeader = keptHeader(run);
    const produced = produce(run, previousHeader);
    // A new tab is only created for a result that fits (the writers check again with the tab's real grid).
    if (!target.sheet) assertFits(ctx, null, produced.table.values.length, produced.table.header.length);
    const plan = planWrite(run, produced, previousHeader);
    assertTimeToWrite(ctx, produced.table);
    stopIfCancelled(ctx); // the last moment a cancel can still leave the tab untouched
    const sheet = target.sheet || (run.created = ctx.spreadsheet.insertSheet(target.name));
    pending = claimTab(run, sheet, produced.table);
    const written = write(run, sheet, produced, plan);
    return succeed(run, sheet, produced, written);
  } catch (e) {
    recordFailure(run, e, pending);
    throw e;
  }
}
