/**
 * Runs a saved or new import into a tab: produce the whole table in memory (dataset or check table), check it
 * fits, and only then replace the tab's contents. Any failure before the write leaves the tab exactly as it
 * was; the failure is recorded on the saved import so the sidebar can show it.
 */
import { AddOnError, describeError, redactSecrets } from '../core/errors';
import { formatCount } from '../core/format';
import { ImportDefinition, ImportStatus, sameDefinition } from '../core/import-definition';
import { Truncation } from '../core/odata/paging';
import { Table } from '../core/table/build-table';
import { readImport, writeImport, writeStatus } from '../services/import-store';
import { PreviousExtent, writeTable } from '../services/sheet-writer';
import { formatInZone } from '../services/time-zone';
import { fetchCheckTable } from './check-table';
import { fetchDatasetTable } from './dataset-table';
import { ImportContext, ImportResult, ProducedTable, cellsOutside, gridColumns, report, stopIfCancelled } from './import-context';
import { NEW_SHEET_ROWS, SPREADSHEET_CELL_LIMIT } from './limits';
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

/** Runs an import definition into a tab; records the outcome on the tab's saved import. */
export function runImport(definition: ImportDefinition, target: TargetSheet, ctx: ImportContext): ImportResult {
  const previous = target.sheet ? readImport(target.sheet) : null;
  const same = !!previous && sameDefinition(previous.definition, definition);
  const startedMs = Date.now();
  const startedAt = new Date(startedMs).toISOString();
  let created: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  try {
    const previousHeader = same && previous && target.sheet ? headerOf(target.sheet, previous.status) : [];
    const { table, truncation, pages } = produce(definition, target, ctx, previousHeader);
    if (truncation && truncation.reason === 'deadline' && same && previous && previous.status.lastSuccess) {
      // Never replace complete data with a part of it just because this run ran out of time.
      throw new AddOnError(
        'TIMEOUT',
        'This refresh ran out of time for one run and stopped before writing, so the tab keeps its previous data. Scheduled refreshes take it first next time; a filter or row limit makes it faster.',
      );
    }
    assertFits(ctx, target, table);
    stopIfCancelled(ctx); // the last moment a cancel can still leave the tab untouched
    report(ctx, { phase: 'writing', pages, rows: table.values.length });

    // Only the area the last import wrote is ours to clear; a tab the user asked to replace is cleared whole.
    const extent: PreviousExtent =
      previous && previous.status.rows !== null ? { rows: previous.status.rows + 1, columns: Math.max(previous.status.columns || 0, 1) } : 'whole-sheet';
    const sheet = target.sheet || (created = ctx.spreadsheet.insertSheet(target.name));
    const written = writeTable(sheet, table, importNote(formatInZone(startedMs, ctx.spreadsheet.getSpreadsheetTimeZone()), definition, table, truncation), extent);
    const status: ImportStatus = {
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
    writeImport(sheet, definition, status);
    report(ctx, { phase: 'done', pages, rows: written.rows });
    return { sheetName: sheet.getName(), rows: written.rows, columns: written.columns, truncated: status.truncated, typedFrom: table.typedFrom };
  } catch (e) {
    // A tab created for this import and left half-written would later count as "not ours": remove it.
    if (created) ctx.spreadsheet.deleteSheet(created);
    // Keep the tab's data; remember what went wrong where the user will look (status, sidebar).
    const error = describeError(e);
    // A cancelled run is the user's choice, not a failure: the tab, its note and its status stay exactly as they were.
    if (previous && target.sheet && same && error.code !== 'CANCELLED') {
      const message = redactSecrets(error.message, [ctx.connection.token]);
      const tz = ctx.spreadsheet.getSpreadsheetTimeZone();
      // A run that ran out of time tells the scheduler how long this import really needs now.
      const durationMs = error.code === 'TIMEOUT' ? Math.max(previous.status.durationMs || 0, Date.now() - startedMs) : previous.status.durationMs;
      writeStatus(target.sheet, { ...previous.status, lastRun: startedAt, durationMs, lastError: { code: error.code, message } });
      target.sheet
        .getRange(1, 1)
        .setNote(
          `Last successful import from TrueClicks: ${previous.status.lastSuccess ? formatInZone(Date.parse(previous.status.lastSuccess), tz) : 'never'}.\n` +
            `The refresh at ${formatInZone(startedMs, tz)} failed, so this tab still shows that data:\n${message}`,
        );
    }
    throw e;
  }
}
