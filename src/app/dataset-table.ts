/**
 * Dataset imports: fetch every page of an OData collection (bounded), read $metadata for types and column
 * order, and build the table in memory. Touches no sheet (run-import.ts writes).
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { OutputParams, parseOutputOptions } from '../core/history/output-options';
import { DatasetImportDefinition } from '../core/import-definition';
import { describeEntitySet } from '../core/odata/metadata';
import { ODataQuery, parseQuery } from '../core/odata/query';
import { buildTable } from '../core/table/build-table';
import { typingContextFor } from '../services/time-zone';
import { readODataCollection } from './collection';
import { ImportContext, ProducedTable, clientOf, report, rowBudget } from './import-context';
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
  /** Allow replacing a tab the add-on did not create. */
  overwrite?: unknown;
}

export function datasetSheetName(definition: DatasetImportDefinition): string {
  const resolved = resolveDataset(definition.dataset);
  return resolved.key ? `TrueClicks ${resolved.key}` : `TrueClicks ${resolved.title}`.slice(0, 90);
}

export function datasetDefinition(params: ImportDatasetParams): DatasetImportDefinition {
  const dataset = resolveDataset(params.dataset);
  const query: ODataQuery = parseQuery(params);
  const output = parseOutputOptions(params);
  return output ? { kind: 'dataset', dataset: dataset.key || dataset.path, query, output } : { kind: 'dataset', dataset: dataset.key || dataset.path, query };
}

export function fetchDatasetTable(definition: DatasetImportDefinition, target: TargetSheet | null, ctx: ImportContext, previousHeader: string[]): ProducedTable {
  const dataset = resolveDataset(definition.dataset);
  const client = clientOf(ctx);
  const metadata = fetchMetadata(client, ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(dataset.path)) : null;

  // Stop fetching once the rows could no longer fit the spreadsheet, instead of failing after the last page.
  const expectedWidth = definition.query.columns ? definition.query.columns.length : schema ? schema.columns.length : 1;
  const collection = readODataCollection(ctx, client, {
    path: dataset.path,
    query: definition.query,
    metadata,
    schema,
    maxRows: rowBudget(ctx, target, expectedWidth, MAX_ROWS),
    onPage: (pages, rows, totalRows) => report(ctx, totalRows === undefined ? { phase: 'fetching', pages, rows } : { phase: 'fetching', pages, rows, totalRows }),
  });
  const table = buildTable(collection.rows, {
    release: true, // the entities are not needed once flattened: let them go while the table is built
    schema,
    selected: definition.query.columns,
    previousHeader,
    typing: typingContextFor(ctx.spreadsheet.getSpreadsheetTimeZone()),
  });
  return { table, truncation: collection.truncation, pages: collection.pages, key: schema ? schema.key : [] };
}
