/**
 * Dataset imports: fetch every page of an OData collection (bounded), read $metadata for types and column
 * order, and build the table in memory. Touches no sheet (run-import.ts writes).
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { AddOnError } from '../core/errors';
import { OutputParams, parseOutputOptions } from '../core/history/output-options';
import { DatasetImportDefinition } from '../core/import-definition';
import { DateWindow, dateWindowFilter, localDay, parseDateWindow, windowStart } from '../core/odata/date-window';
import { andFilters } from '../core/odata/filter-builder';
import { EntitySetSchema, ServiceMetadata, describeEntitySet, filterDialect } from '../core/odata/metadata';
import { ODataQuery, parseQuery } from '../core/odata/query';
import { buildTable } from '../core/table/build-table';
import { offsetMinutesAt, typingContextFor } from '../services/time-zone';
import { withAccountNames } from './account-names';
import { readODataCollection } from './collection';
import { ImportContext, ProducedTable, clientOf, httpDeps, report, rowBudget, stopIfCancelled } from './import-context';
import { MAX_ROWS } from './limits';
import { fetchMetadata } from './metadata';
import { TargetSheet } from './target-sheet';

export interface ImportDatasetParams extends OutputParams {
  dataset?: unknown;
  columns?: unknown;
  filter?: unknown;
  orderby?: unknown;
  top?: unknown;
  sheetName?: unknown;
  /** Allow replacing a tab that holds other data or another saved import. */
  overwrite?: unknown;
  /** `{ column, last, unit }`: only rows in the last N days/weeks/months, resolved at every run (validated, as all of these). */
  dateWindow?: DateWindow;
  /** Add an AccountName column after the account id. */
  accountNames?: unknown;
}

export function datasetSheetName(definition: DatasetImportDefinition): string {
  const resolved = resolveDataset(definition.dataset);
  return resolved.key ? `TrueClicks ${resolved.key}` : `TrueClicks ${resolved.title}`.slice(0, 90);
}

export function datasetDefinition(params: ImportDatasetParams): DatasetImportDefinition {
  const dataset = resolveDataset(params.dataset);
  const query: ODataQuery = parseQuery(params);
  const definition: DatasetImportDefinition = { kind: 'dataset', dataset: dataset.key || dataset.path, query };
  const output = parseOutputOptions(params);
  if (output) definition.output = output;
  const dateWindow = parseDateWindow(params.dateWindow);
  if (dateWindow) definition.dateWindow = dateWindow;
  if (params.accountNames === true) definition.accountNames = true;
  return definition;
}

/** The window's `$filter` term for a run now, from the first day in the spreadsheet's time zone. */
export function resolveDateWindow(window: DateWindow, schema: EntitySetSchema | null, metadata: ServiceMetadata | null, timeZone: string, nowMs: number): string {
  const column = schema ? schema.columns.find((c) => c.name.toLowerCase() === window.column.toLowerCase()) : null;
  if (schema && !column) {
    throw new AddOnError('BAD_INPUT', `The date range uses the column "${window.column}", which this dataset does not have. Edit the import and choose one of its date columns.`);
  }
  const zone = typingContextFor(timeZone);
  const start = windowStart(window, localDay(nowMs, offsetMinutesAt(nowMs, timeZone)));
  const resolved = column ? { ...window, column: column.name } : window;
  return dateWindowFilter(resolved, start, column ? column.type : 'Edm.DateTimeOffset', filterDialect(metadata), (d) => zone.wallClockInZone(d.year, d.month, d.day).getTime());
}

export function fetchDatasetTable(definition: DatasetImportDefinition, target: TargetSheet | null, ctx: ImportContext, previousHeader: string[]): ProducedTable {
  const dataset = resolveDataset(definition.dataset);
  const client = clientOf(ctx);
  const metadata = fetchMetadata(client, ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(dataset.path)) : null;

  // Stop fetching once the rows could no longer fit the spreadsheet, instead of failing after the last page.
  const expectedWidth = definition.query.columns ? definition.query.columns.length : schema ? schema.columns.length : 1;
  const query: ODataQuery = definition.dateWindow
    ? { ...definition.query, filter: andFilters(definition.query.filter, resolveDateWindow(definition.dateWindow, schema, metadata, ctx.spreadsheet.getSpreadsheetTimeZone(), httpDeps(ctx).now())) }
    : definition.query;
  const top = definition.query.top;
  stopIfCancelled(ctx); // a cancel before the first page: nothing of the collection is requested
  const collection = readODataCollection(ctx, client, {
    path: dataset.path,
    query,
    metadata,
    schema,
    maxRows: rowBudget(ctx, target, expectedWidth, MAX_ROWS),
    onPage: (pages, rows, totalRows) => {
      report(ctx, totalRows === undefined ? { phase: 'fetching', pages, rows } : { phase: 'fetching', pages, rows, totalRows: Math.min(totalRows, top || totalRows) });
      stopIfCancelled(ctx); // between pages: a cancelled import fetches nothing more
    },
  });
  const named = definition.accountNames ? withAccountNames(collection.rows, schema, definition.query.columns, ctx) : { rows: collection.rows, schema, selected: definition.query.columns };
  const table = buildTable(named.rows, {
    release: true, // the entities are not needed once flattened: let them go while the table is built
    schema: named.schema,
    selected: named.selected,
    previousHeader,
    typing: typingContextFor(ctx.spreadsheet.getSpreadsheetTimeZone()),
  });
  return { table, truncation: collection.truncation, pages: collection.pages, key: schema ? schema.key : [] };
}
