/**
 * =TRUECLICKS() and =TRUECLICKS_TABLE(): a header row and typed rows, within a custom function's 30 seconds.
 * Results are cached so recalculation does not refetch; a result too large for a formula fails fast and points
 * to the sidebar import. Formulas use the spreadsheet owner's connection, only where the owner allowed it.
 */
import { AddOnError } from '../core/errors';
import { formatCount } from '../core/format';
import { ImportDefinition } from '../core/import-definition';
import { Table } from '../core/table/build-table';
import { CellValue } from '../core/table/typing';
import { StoredConnection, userConnectionStore } from '../services/connection-store';
import { formulasAllowed } from '../services/formula-access';
import { cacheKey, readCached, writeCached } from '../services/formula-cache';
import { RequestTimer } from '../services/http';
import { checkTableDefinition, fetchCheckTable } from './check-table';
import { datasetDefinition, fetchDatasetTable } from './dataset-table';
import { ImportContext, ProducedTable } from './import-context';

/** Custom functions must answer within 30 s; keep a margin for writing the result. */
const FORMULA_BUDGET_MS = 22 * 1000;
/** Beyond this many rows a formula is the wrong tool: the sidebar import handles any size. */
const FORMULA_MAX_ROWS = 5000;

function formulaConnection(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredConnection {
  // In a custom function, user properties are the spreadsheet owner's.
  const connection = userConnectionStore().load();
  if (!connection) {
    throw new AddOnError(
      'NOT_CONNECTED',
      "TrueClicks formulas use the spreadsheet owner's connection, and the owner has not connected. The owner can connect in Extensions → TrueClicks for Sheets → Open TrueClicks.",
    );
  }
  if (!formulasAllowed(spreadsheet.getId())) {
    throw new AddOnError(
      'NOT_CONNECTED',
      'The spreadsheet owner has not allowed TrueClicks formulas in this spreadsheet. The owner can allow them in the TrueClicks sidebar of this spreadsheet.',
    );
  }
  return connection;
}

function asGrid(table: Table): CellValue[][] {
  return [table.header as CellValue[]].concat(table.values);
}

function tooLargeForFormula(what: string): AddOnError {
  return new AddOnError(
    'TOO_LARGE',
    `${what} is too large for a cell formula. Use a filter, fewer columns or a row limit, or import it into a tab from the TrueClicks sidebar.`,
  );
}

function evaluate(definition: ImportDefinition, produce: (ctx: ImportContext) => ProducedTable): CellValue[][] {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const connection = formulaConnection(spreadsheet);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const key = cacheKey([connection.baseUrl, connection.username, connection.token, timeZone, JSON.stringify(definition)]);
  const cached = readCached(key);
  if (cached) return cached;

  // A request in flight cannot be cancelled and the cell dies at 30 s: each request must fit before it starts.
  const requestTimer = new RequestTimer();
  const ctx: ImportContext = { spreadsheet, connection, deadline: Date.now() + FORMULA_BUDGET_MS, maxRows: FORMULA_MAX_ROWS, metadataCache: {}, requestTimer };
  const { table, truncation } = produce(ctx);
  if (truncation) {
    throw tooLargeForFormula(truncation.reason === 'deadline' ? 'This result takes too long to load and' : `This result (more than ${formatCount(FORMULA_MAX_ROWS)} rows)`);
  }
  const grid = asGrid(table);
  writeCached(key, grid);
  return grid;
}

export function trueclicks(dataset: unknown, columns?: unknown, filter?: unknown, orderby?: unknown, top?: unknown): CellValue[][] {
  const definition = datasetDefinition({ dataset, columns, filter, orderby, top });
  return evaluate(definition, (ctx) => fetchDatasetTable(definition, null, ctx, []));
}

export function trueclicksTable(ruleKey: unknown, accountIds?: unknown): CellValue[][] {
  const definition = checkTableDefinition({ ruleKey, accountIds });
  return evaluate(definition, (ctx) => fetchCheckTable(definition, null, ctx, []));
}
