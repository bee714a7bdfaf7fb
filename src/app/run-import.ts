/**
 * Runs a saved or new import into a tab: produce the whole table in memory (dataset or check table), check it
 * fits, and only then replace the tab's contents. Any failure before the write leaves the tab exactly as it
 * was; the failure is recorded on the saved import so the sidebar can show it.
 */
import { AddOnError, describeError, redactSecrets } from '../core/errors';
import { formatCount } from '../core/format';
import { EMPTY_STATUS, ImportDefinition, ImportStatus, sameDefinition } from '../core/import-definition';
import { Truncation } from '../core/odata/paging';
import { Table } from '../core/table/build-table';
import { SavedImport, assertStorable, readImport, storableStatus, writeImport, writeStatus } from '../services/import-store';
import { PreviousExtent, writeTable } from '../services/sheet-writer';
import { formatInZone } from '../services/time-zone';
import { fetchCheckTable } from './check-table';
import { fetchDatasetTable } from './dataset-table';
import { ImportContext, ImportResult, ProducedTable, cellsOutside, gridColumns, report } from './import-context';
import { NEW_SHEET_ROWS, SPREADSHEET_CELL_LIMIT, WRITE_FIXED_MS, WRITE_MS_PER_CELL } from './limits';
import { TargetSheet } from './target-sheet';

function produce(definition: ImportDefinition, target: TargetSheet, ctx: ImportContext, previousHeader: string[]): ProducedTable {
  return definition.kind === 'checkTable'
    ? fetchCheckTable(definition, target, ctx, previousHeader)
    : fetchDatasetTable(definition, target, ctx, previousHeader);
}

function assertFits(ctx: ImportContext, target: TargetSheet, table: Table): void {
  const width = Math.max(table.header.length, 1);
  const gridRows = Math.max(target.sheet ? target.sheet.getMaxRows() : NEW_SHEET_ROWS, table.values.length + 1);
  if (cellsOutside(ctx.spreadsheet, target.sheet) + gridRows * gridColumns(target, width) > SPREADSHEET_CELL_LIMIT) {
    throw new AddOnError(
      'TOO_LARGE',
      `The result (${formatCount(table.values.length)} rows × ${width} columns) does not fit in this spreadsheet: Google Sheets allows 10 million cells. Add a filter, choose fewer columns or set a row limit.`,
    );
  }
}

function importNote(when: string, definition: ImportDefinition, table: Table, truncation: Truncation | null): string {
  return [
    `Imported from TrueClicks by TrueClicks for Sheets on ${when}.`,
    // Check tables are REST and have no $metadata by design; a dataset without it is worth a word.
    definition.kind === 'dataset' && table.typedFrom === 'values' ? 'Column types were inferred from the values: the service did not provide $metadata.' : '',
    truncation ? `Incomplete: ${truncation.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const MAX_STORED_HEADER_CHARS = 10000;

/** The column order the last run wrote: from the saved status, or from row 1 when it was too wide to save. */
function headerOf(sheet: GoogleAppsScript.Spreadsheet.Sheet, status: ImportStatus): string[] {
  if (status.header.length || !status.columns) return status.header;
  return sheet.getRange(1, 1, 1, status.columns).getDisplayValues()[0];
}

/** Time to write a table of this many cells, pessimistically (see limits.ts). */
export function writeEstimateMs(cells: number): number {
  return WRITE_FIXED_MS + cells * WRITE_MS_PER_CELL;
}

/** The run must still have time to write what it fetched: Apps Script kills it at 6 minutes, mid-write or not. */
function assertTimeToWrite(ctx: ImportContext, table: Table): void {
  if (!ctx.runEndsAt) return;
  const cells = (table.values.length + 1) * Math.max(table.header.length, 1);
  if (Date.now() + writeEstimateMs(cells) > ctx.runEndsAt) {
    throw new AddOnError(
      'TIMEOUT',
      `This import ran out of time: writing its ${formatCount(table.values.length)} rows would not finish within Google's 6-minute limit, so nothing was written and the tab keeps its previous data. Scheduled refreshes take it first next time; a filter or row limit makes it faster.`,
    );
  }
}

/**
 * Before any cell is written, the tab is marked with this import's definition and a status saying a write is in
 * progress, covering both the previous and the new area. If Apps Script kills the run between the cells and the
 * final status, the tab is still this import (not "data the add-on did not write", not another import), the
 * next refresh clears everything this one may have written, and the sidebar says the write was interrupted.
 */
function claimTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, definition: ImportDefinition, previous: SavedImport | null, same: boolean, table: Table, startedAt: string): ImportStatus {
  const base = previous && same ? previous.status : EMPTY_STATUS;
  const oldRows = previous && previous.status.rows !== null ? previous.status.rows : Math.max(sheet.getLastRow() - 1, 0);
  const oldColumns = previous && previous.status.columns !== null ? previous.status.columns : sheet.getLastColumn();
  const pending: ImportStatus = {
    ...base,
    lastRun: startedAt,
    rows: Math.max(oldRows, table.values.length),
    columns: Math.max(oldColumns, table.header.length),
    header: same ? base.header : [],
    lastError: { code: 'INTERRUPTED', message: 'The last refresh was stopped by Google while it was writing this tab, so the data may be incomplete. Refresh it again.' },
  };
  writeImport(sheet, definition, storableStatus(definition, pending));
  return pending;
}

/** Keeps the tab's data and says what went wrong where the user will look (status, sidebar, tab note). */
function recordFailure(sheet: GoogleAppsScript.Spreadsheet.Sheet, status: ImportStatus, e: unknown, ctx: ImportContext, startedMs: number): void {
  const error = describeError(e);
  const message = redactSecrets(error.message, [ctx.connection.token]);
  const tz = ctx.spreadsheet.getSpreadsheetTimeZone();
  // A run that ran out of time tells the scheduler how long this import really needs now.
  const durationMs = error.code === 'TIMEOUT' ? Math.max(status.durationMs || 0, Date.now() - startedMs) : status.durationMs;
  writeStatus(sheet, { ...status, lastRun: new Date(startedMs).toISOString(), durationMs, lastError: { code: error.code, message } });
  sheet
    .getRange(1, 1)
    .setNote(
      `Last successful import from TrueClicks: ${status.lastSuccess ? formatInZone(Date.parse(status.lastSuccess), tz) : 'never'}.\n` +
        `The refresh at ${formatInZone(startedMs, tz)} failed, so this tab still shows that data:\n${message}`,
    );
}

function refuseTimeoutOverwrite(truncation: Truncation | null, previous: SavedImport | null, same: boolean): void {
  if (truncation && truncation.reason === 'deadline' && same && previous && previous.status.lastSuccess) {
    // Never replace complete data with a part of it just because this run ran out of time.
    throw new AddOnError(
      'TIMEOUT',
      'This refresh ran out of time for one run and stopped before writing, so the tab keeps its previous data. Scheduled refreshes take it first next time; a filter or row limit makes it faster.',
    );
  }
}

function finalStatus(startedAt: string, startedMs: number, written: { rows: number; columns: number }, table: Table, truncation: Truncation | null): ImportStatus {
  return {
    lastRun: startedAt,
    lastSuccess: startedAt,
    rows: written.rows,
    columns: written.columns,
    // Developer metadata is limited in size: a very wide header is read back from row 1 instead.
    header: JSON.stringify(table.header).length <= MAX_STORED_HEADER_CHARS ? table.header : [],
    lastError: null,
    truncated: truncation ? truncation.message : null,
    durationMs: Date.now() - startedMs,
  };
}

/** Runs an import definition into a tab; records the outcome on the tab's saved import. */
export function runImport(definition: ImportDefinition, target: TargetSheet, ctx: ImportContext): ImportResult {
  assertStorable(definition);
  const previous = target.sheet ? readImport(target.sheet) : null;
  const same = !!previous && sameDefinition(previous.definition, definition);
  const startedMs = Date.now();
  const startedAt = new Date(startedMs).toISOString();
  let created: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  let pending: ImportStatus | null = null;
  try {
    const previousHeader = same && previous && target.sheet ? headerOf(target.sheet, previous.status) : [];
    const { table, truncation, pages } = produce(definition, target, ctx, previousHeader);
    refuseTimeoutOverwrite(truncation, previous, same);
    assertFits(ctx, target, table);
    assertTimeToWrite(ctx, table);
    report(ctx, { phase: 'writing', pages, rows: table.values.length });

    // Only the area the last import wrote is ours to clear; a tab the user asked to replace is cleared whole.
    const extent: PreviousExtent =
      previous && previous.status.rows !== null ? { rows: previous.status.rows + 1, columns: Math.max(previous.status.columns || 0, 1) } : 'whole-sheet';
    const sheet = target.sheet || (created = ctx.spreadsheet.insertSheet(target.name));
    pending = claimTab(sheet, definition, previous, same, table, startedAt);
    const written = writeTable(sheet, table, importNote(formatInZone(startedMs, ctx.spreadsheet.getSpreadsheetTimeZone()), definition, table, truncation), extent);
    const status = finalStatus(startedAt, startedMs, written, table, truncation);
    writeImport(sheet, definition, storableStatus(definition, status));
    report(ctx, { phase: 'done', pages, rows: written.rows });
    return { sheetName: sheet.getName(), rows: written.rows, columns: written.columns, truncated: status.truncated, typedFrom: table.typedFrom };
  } catch (e) {
    // A tab created for this import and left half-written would later count as "not ours": remove it.
    if (created) ctx.spreadsheet.deleteSheet(created);
    else if (target.sheet && pending) recordFailure(target.sheet, pending, e, ctx, startedMs);
    else if (target.sheet && previous && same) recordFailure(target.sheet, previous.status, e, ctx, startedMs);
    throw e;
  }
}
