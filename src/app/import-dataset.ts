/**
 * Import one dataset into a tab: fetch every page (bounded), read $metadata for types and column order, build
 * the whole table in memory, and only then replace the tab's contents. Any failure before the write leaves the
 * tab exactly as it was; the failure is recorded on the saved import so the sidebar can show it.
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { AddOnError, describeError, redactSecrets } from '../core/errors';
import { formatCount } from '../core/format';
import { DatasetImportDefinition, ImportStatus, sameDefinition } from '../core/import-definition';
import { ServiceMetadata, describeEntitySet } from '../core/odata/metadata';
import { Truncation, fetchAllPages } from '../core/odata/paging';
import { ODataQuery, buildCollectionUrl, parseQuery } from '../core/odata/query';
import { Table, buildTable } from '../core/table/build-table';
import { originOf } from '../core/url';
import { StoredConnection } from '../services/connection-store';
import { HttpClient, HttpDeps, defaultHttpDeps } from '../services/http';
import { readImport, writeImport, writeStatus } from '../services/import-store';
import { PreviousExtent, writeTable } from '../services/sheet-writer';
import { Progress } from '../services/progress';
import { typingContextFor } from '../services/time-zone';
import { fetchMetadata } from './metadata';
import { MAX_PAGES, MAX_ROWS, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, SPREADSHEET_CELL_LIMIT } from './limits';
import { checkSheetName, prepareTarget, TargetSheet } from './target-sheet';

export interface ImportDatasetParams {
  dataset?: unknown;
  columns?: unknown;
  filter?: unknown;
  orderby?: unknown;
  top?: unknown;
  sheetName?: unknown;
  /** Allow replacing a tab the add-on did not create. */
  overwrite?: unknown;
}

export interface ImportResult {
  sheetName: string;
  rows: number;
  columns: number;
  /** Why the data is incomplete (page cap, row cap or time limit), or null. */
  truncated: string | null;
  /** 'metadata' when column types came from $metadata, 'values' when inferred. */
  typedFrom: 'metadata' | 'values';
}

export interface ImportContext {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  connection: StoredConnection;
  /** Epoch ms after which no new request starts (shared by all imports of one run). */
  deadline: number;
  http?: HttpDeps;
  /** $metadata per base URL, fetched once per run (refreshAll imports many sets from one service). */
  metadataCache?: Record<string, ServiceMetadata | null>;
  /** Told after every page and before/after writing, for the sidebar's progress display. */
  onProgress?: (progress: Progress) => void;
}

export function defaultSheetName(datasetKey: string | null, title: string): string {
  return datasetKey ? `TrueClicks ${datasetKey}` : `TrueClicks ${title}`.slice(0, 90);
}

export function definitionFrom(params: ImportDatasetParams): DatasetImportDefinition {
  const dataset = resolveDataset(params.dataset);
  const query: ODataQuery = parseQuery(params);
  return { kind: 'dataset', dataset: dataset.key || dataset.path, query };
}

function cellsOutside(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, target: GoogleAppsScript.Spreadsheet.Sheet | null): number {
  let total = 0;
  for (const s of spreadsheet.getSheets()) {
    if (!target || s.getSheetId() !== target.getSheetId()) total += s.getMaxRows() * s.getMaxColumns();
  }
  return total;
}

/** Columns the tab will have: it grows to fit the table; a new tab starts with Sheets' default grid. */
function gridColumns(target: TargetSheet, width: number): number {
  return Math.max(target.sheet ? target.sheet.getMaxColumns() : NEW_SHEET_COLUMNS, width);
}

function tooLarge(rows: number, width: number): AddOnError {
  return new AddOnError(
    'TOO_LARGE',
    `The result (${formatCount(rows)} rows × ${width} columns) does not fit in this spreadsheet: Google Sheets allows 10 million cells. Add a filter, choose fewer columns or set a row limit.`,
  );
}

/** Fetches and builds the table for a definition into a target; touches no sheet. */
export function fetchDatasetTable(definition: DatasetImportDefinition, target: TargetSheet, ctx: ImportContext, previousHeader: string[]) {
  const dataset = resolveDataset(definition.dataset);
  const deps = ctx.http || defaultHttpDeps();
  const client = new HttpClient(ctx.connection, { allowedOrigin: originOf(ctx.connection.baseUrl), deadline: ctx.deadline }, deps);
  const metadata = fetchMetadata(client, ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(dataset.path)) : null;

  // Stop fetching once the rows could no longer fit the spreadsheet, instead of failing after the last page.
  const cellBudget = SPREADSHEET_CELL_LIMIT - cellsOutside(ctx.spreadsheet, target.sheet);
  const expectedWidth = definition.query.columns ? definition.query.columns.length : schema ? schema.columns.length : 1;
  const maxRows = Math.max(0, Math.min(MAX_ROWS, Math.floor(cellBudget / gridColumns(target, expectedWidth)) - 1));

  const collection = fetchAllPages(buildCollectionUrl(ctx.connection.baseUrl, dataset.path, definition.query), (url) => client.getJson(url), {
    allowedOrigin: originOf(ctx.connection.baseUrl),
    top: definition.query.top,
    maxPages: MAX_PAGES,
    maxRows,
    deadline: ctx.deadline,
    now: deps.now,
    onPage: (pages, rows) => report(ctx, { phase: 'fetching', pages, rows }),
  });
  const table = buildTable(collection.rows, {
    schema,
    selected: definition.query.columns,
    previousHeader,
    typing: typingContextFor(ctx.spreadsheet.getSpreadsheetTimeZone()),
  });

  const width = Math.max(table.header.length, 1);
  const height = table.values.length + 1;
  const gridRows = Math.max(target.sheet ? target.sheet.getMaxRows() : NEW_SHEET_ROWS, height);
  if (cellsOutside(ctx.spreadsheet, target.sheet) + gridRows * gridColumns(target, width) > SPREADSHEET_CELL_LIMIT) throw tooLarge(table.values.length, width);
  return { table, truncation: collection.truncation, pages: collection.pages };
}

function report(ctx: ImportContext, progress: Progress): void {
  if (ctx.onProgress) ctx.onProgress(progress);
}

function importNote(startedAt: string, table: Table, truncation: Truncation | null): string {
  return [
    `Imported from TrueClicks by TrueClicks for Sheets on ${startedAt}.`,
    table.typedFrom === 'values' ? 'Column types were inferred from the values: the service did not provide $metadata.' : '',
    truncation ? `Incomplete: ${truncation.message}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Runs an import definition into a tab; records the outcome on the tab's saved import. */
export function runImport(definition: DatasetImportDefinition, target: TargetSheet, ctx: ImportContext): ImportResult {
  const previous = target.sheet ? readImport(target.sheet) : null;
  const same = !!previous && sameDefinition(previous.definition, definition);
  const startedAt = new Date().toISOString();
  let created: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  try {
    const { table, truncation, pages } = fetchDatasetTable(definition, target, ctx, same && previous ? previous.status.header : []);
    report(ctx, { phase: 'writing', pages, rows: table.values.length });

    // Only the area the last import wrote is ours to clear; a tab the user asked to replace is cleared whole.
    const extent: PreviousExtent =
      previous && previous.status.rows !== null ? { rows: previous.status.rows + 1, columns: Math.max(previous.status.columns || 0, 1) } : 'whole-sheet';
    const sheet = target.sheet || (created = ctx.spreadsheet.insertSheet(target.name));
    const written = writeTable(sheet, table, importNote(startedAt, table, truncation), extent);
    const status: ImportStatus = {
      lastRun: startedAt,
      lastSuccess: startedAt,
      rows: written.rows,
      columns: written.columns,
      header: table.header,
      lastError: null,
      truncated: truncation ? truncation.message : null,
    };
    writeImport(sheet, definition, status);
    report(ctx, { phase: 'done', pages, rows: written.rows });
    return { sheetName: sheet.getName(), rows: written.rows, columns: written.columns, truncated: status.truncated, typedFrom: table.typedFrom };
  } catch (e) {
    // A tab created for this import and left half-written would later count as "not ours": remove it.
    if (created) ctx.spreadsheet.deleteSheet(created);
    // Keep the tab's data; remember what went wrong where the user will look (status, sidebar).
    if (previous && target.sheet && same) {
      const error = describeError(e);
      writeStatus(target.sheet, { ...previous.status, lastRun: startedAt, lastError: { code: error.code, message: redactSecrets(error.message, [ctx.connection.token]) } });
    }
    throw e;
  }
}

/** The sidebar's and the surface's `importDataset`. */
export function importDataset(params: ImportDatasetParams, ctx: ImportContext): ImportResult {
  const p = params || {};
  const definition = definitionFrom(p);
  const resolved = resolveDataset(definition.dataset);
  const name = p.sheetName !== undefined && p.sheetName !== null && p.sheetName !== '' ? checkSheetName(p.sheetName) : defaultSheetName(resolved.key, resolved.title);
  const target = prepareTarget(ctx.spreadsheet, name, p.overwrite === true);
  return runImport(definition, target, ctx);
}
