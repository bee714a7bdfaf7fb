/**
 * Import one dataset into a tab: fetch every page (bounded), read $metadata for types and column order, build
 * the whole table in memory, and only then replace the tab's contents. Any failure before the write leaves the
 * tab exactly as it was; the failure is recorded on the saved import so the sidebar can show it.
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { AddOnError, isAddOnError } from '../core/errors';
import { formatCount } from '../core/format';
import { DatasetImportDefinition, ImportStatus, sameDefinition } from '../core/import-definition';
import { EntitySetSchema, describeEntitySet, parseMetadata } from '../core/odata/metadata';
import { fetchAllPages } from '../core/odata/paging';
import { ODataQuery, buildCollectionUrl, metadataUrl, parseQuery } from '../core/odata/query';
import { buildTable } from '../core/table/build-table';
import { originOf } from '../core/url';
import { StoredConnection } from '../services/connection-store';
import { HttpClient, HttpDeps, defaultHttpDeps } from '../services/http';
import { readImport, writeImport, writeStatus } from '../services/import-store';
import { writeTable } from '../services/sheet-writer';
import { typingContextFor } from '../services/time-zone';
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
}

export function defaultSheetName(datasetKey: string | null, title: string): string {
  return datasetKey ? `TrueClicks ${datasetKey}` : `TrueClicks ${title}`.slice(0, 90);
}

export function definitionFrom(params: ImportDatasetParams): DatasetImportDefinition {
  const dataset = resolveDataset(params.dataset);
  const query: ODataQuery = parseQuery(params);
  return { kind: 'dataset', dataset: dataset.key || dataset.path, query };
}

/** Best effort: servers without $metadata (or with one we cannot read) get types inferred from values. */
function loadSchema(client: HttpClient, baseUrl: string, entitySet: string): EntitySetSchema | null {
  try {
    return describeEntitySet(parseMetadata(client.getText(metadataUrl(baseUrl), 'application/xml')), entitySet);
  } catch (e) {
    if (isAddOnError(e) && (e.code === 'AUTH' || e.code === 'UNSAFE_LINK' || e.code === 'TIMEOUT' || e.code === 'NETWORK')) throw e;
    return null;
  }
}

/** Fetches and builds the table for a definition; touches no sheet. */
export function fetchDatasetTable(definition: DatasetImportDefinition, ctx: ImportContext, previousHeader: string[], timeZone: string) {
  const dataset = resolveDataset(definition.dataset);
  const deps = ctx.http || defaultHttpDeps();
  const client = new HttpClient(ctx.connection, { allowedOrigin: originOf(ctx.connection.baseUrl), deadline: ctx.deadline }, deps);
  const schema = loadSchema(client, ctx.connection.baseUrl, entitySetOfPath(dataset.path));
  const collection = fetchAllPages(buildCollectionUrl(ctx.connection.baseUrl, dataset.path, definition.query), (url) => client.getJson(url), {
    allowedOrigin: originOf(ctx.connection.baseUrl),
    top: definition.query.top,
    maxPages: MAX_PAGES,
    maxRows: MAX_ROWS,
    deadline: ctx.deadline,
    now: deps.now,
  });
  const table = buildTable(collection.rows, {
    schema,
    selected: definition.query.columns,
    previousHeader,
    typing: typingContextFor(timeZone),
  });
  return { table, truncation: collection.truncation, title: dataset.title };
}

function cellsOutside(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, target: GoogleAppsScript.Spreadsheet.Sheet | null): number {
  let total = 0;
  for (const s of spreadsheet.getSheets()) {
    if (!target || s.getSheetId() !== target.getSheetId()) total += s.getMaxRows() * s.getMaxColumns();
  }
  return total;
}

/** Runs an import definition into a tab; records the outcome on the tab's saved import. */
export function runImport(definition: DatasetImportDefinition, target: TargetSheet, ctx: ImportContext): ImportResult {
  const previous = target.sheet ? readImport(target.sheet) : null;
  const previousHeader = previous && sameDefinition(previous.definition, definition) ? previous.status.header : [];
  const startedAt = new Date().toISOString();
  try {
    const { table, truncation } = fetchDatasetTable(definition, ctx, previousHeader, ctx.spreadsheet.getSpreadsheetTimeZone());

    const width = Math.max(table.header.length, 1);
    const height = table.values.length + 1;
    // The tab grows to fit the table; a new tab starts with Sheets' default grid.
    const gridRows = Math.max(target.sheet ? target.sheet.getMaxRows() : NEW_SHEET_ROWS, height);
    const gridColumns = Math.max(target.sheet ? target.sheet.getMaxColumns() : NEW_SHEET_COLUMNS, width);
    if (cellsOutside(ctx.spreadsheet, target.sheet) + gridRows * gridColumns > SPREADSHEET_CELL_LIMIT) {
      throw new AddOnError(
        'TOO_LARGE',
        `The result (${formatCount(table.values.length)} rows × ${width} columns) does not fit in this spreadsheet: Google Sheets allows 10 million cells. Add a filter, choose fewer columns or set a row limit.`,
      );
    }

    const sheet = target.sheet || ctx.spreadsheet.insertSheet(target.name);
    const note = `Imported from TrueClicks by TrueClicks for Sheets on ${startedAt}.${truncation ? `\nIncomplete: ${truncation.message}` : ''}`;
    const written = writeTable(sheet, table, note);
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
    return {
      sheetName: sheet.getName(),
      rows: written.rows,
      columns: written.columns,
      truncated: status.truncated,
      typedFrom: table.typedFrom,
    };
  } catch (e) {
    // Keep the tab's data; remember what went wrong where the user will look (status, sidebar).
    if (previous && target.sheet && sameDefinition(previous.definition, definition)) {
      const code = isAddOnError(e) ? e.code : 'INTERNAL';
      const message = e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
      writeStatus(target.sheet, { ...previous.status, lastRun: startedAt, lastError: { code, message } });
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
