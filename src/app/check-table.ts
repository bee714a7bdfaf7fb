/**
 * Check output tables: one check's table for one, several or all accounts, fetched in parallel and combined
 * into one table with the account id first. Also the pickers' data: rule keys (from the checks dataset) and
 * accounts (from the accounts dataset). Column names are found by rules (core/check-table.ts), never assumed.
 */
import { DATASETS, entitySetOfPath } from '../core/catalogue';
import {
  checkTableUrl,
  findIdColumn,
  findNameColumn,
  findRuleKeyColumn,
  normaliseName,
  parseAccountIds,
  parseRuleKey,
  readCheckTableRows,
  withAccountColumn,
} from '../core/check-table';
import { AddOnError, isAddOnError } from '../core/errors';
import { OutputParams, parseOutputOptions } from '../core/history/output-options';
import { CheckTableImportDefinition } from '../core/import-definition';
import { describeEntitySet } from '../core/odata/metadata';
import { ODataQuery } from '../core/odata/query';
import { buildTable } from '../core/table/build-table';
import { HttpClient } from '../services/http';
import { typingContextFor } from '../services/time-zone';
import { readODataCollection } from './collection';
import { ImportContext, ProducedTable, clientOf, report, rowBudget } from './import-context';
import { CHECK_TABLE_BATCH_SIZE, MAX_ROWS, NEW_SHEET_COLUMNS } from './limits';
import { fetchMetadata } from './metadata';
import { TargetSheet } from './target-sheet';

export interface ImportCheckTableParams extends OutputParams {
  ruleKey?: unknown;
  accountIds?: unknown;
  /** Add an AccountName column beside the account id. */
  accountNames?: unknown;
  sheetName?: unknown;
  overwrite?: unknown;
}

export function checkTableDefinition(params: ImportCheckTableParams): CheckTableImportDefinition {
  const definition: CheckTableImportDefinition = { kind: 'checkTable', ruleKey: parseRuleKey(params.ruleKey), accountIds: parseAccountIds(params.accountIds) };
  if (params.accountNames === true) definition.accountNames = true;
  const output = parseOutputOptions({ ...params, seedFrom: undefined });
  return output ? { ...definition, output } : definition;
}

export function checkTableSheetName(definition: CheckTableImportDefinition): string {
  return `TrueClicks check ${definition.ruleKey}`.slice(0, 100);
}

function datasetPath(key: string): string {
  return (DATASETS.find((d) => d.key === key) as { path: string }).path;
}

/** Columns of a catalogue dataset: from $metadata, else from its first row. */
function columnsOf(client: HttpClient, ctx: ImportContext, key: string): { columns: string[]; key: string[] } {
  const metadata = fetchMetadata(client, ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(datasetPath(key))) : null;
  if (schema) return { columns: schema.columns.map((c) => c.name), key: schema.key };
  const first = readAll(client, ctx, key, { top: 1 }, 1);
  return { columns: first.length ? Object.keys(first[0]) : [], key: [] };
}

function readAll(client: HttpClient, ctx: ImportContext, key: string, query: ODataQuery, maxRows = MAX_ROWS): Record<string, unknown>[] {
  const path = datasetPath(key);
  const metadata = fetchMetadata(client, ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(path)) : null;
  // A formula's row cap is for its result, not for the account list behind it.
  const listCtx: ImportContext = { ...ctx, maxRows: undefined, skipSupport: ctx.skipSupport || (ctx.skipSupport = {}) };
  return readODataCollection(listCtx, client, { path, query, metadata, schema, maxRows }).rows;
}

export interface AccountChoice {
  id: string | number;
  name: string | null;
}

interface AccountList {
  idColumn: string;
  accounts: AccountChoice[];
}

function accountColumns(client: HttpClient, ctx: ImportContext): { idColumn: string; nameColumn: string | null } {
  const { columns, key } = columnsOf(client, ctx, 'accounts');
  const idColumn = findIdColumn(columns, key);
  if (!idColumn) {
    throw new AddOnError('BAD_RESPONSE', `The accounts dataset has no account id column (looked for its key, then AccountId, then Id). Columns: ${columns.join(', ') || 'none'}.`);
  }
  return { idColumn, nameColumn: findNameColumn(columns) };
}

function readAccounts(client: HttpClient, ctx: ImportContext): AccountList {
  const { idColumn, nameColumn } = accountColumns(client, ctx);
  const rows = readAll(client, ctx, 'accounts', { columns: nameColumn ? [idColumn, nameColumn] : [idColumn] });
  const accounts: AccountChoice[] = [];
  for (const row of rows) {
    const id = row[idColumn];
    if (typeof id === 'string' || typeof id === 'number') accounts.push({ id, name: nameColumn && row[nameColumn] != null ? String(row[nameColumn]) : null });
  }
  return { idColumn, accounts };
}

/** Account names by id (as text), and the accounts' id column, from one listing of the accounts dataset. */
export function accountNameLookup(ctx: ImportContext): { idColumn: string; names: Record<string, string | null> } {
  const list = readAccounts(clientOf(ctx), ctx);
  const names: Record<string, string | null> = Object.create(null);
  for (const a of list.accounts) names[String(a.id)] = a.name;
  return { idColumn: list.idColumn, names };
}

/** The account picker's list. */
export function listAccounts(ctx: ImportContext): AccountChoice[] {
  return readAccounts(clientOf(ctx), ctx).accounts;
}

export interface RuleKeyChoice {
  ruleKey: string;
  name: string | null;
}

interface ChecksColumns {
  ruleKeyColumn: string;
  nameColumn: string | null;
  /** A column saying whether the check has an output table (e.g. HasOutputTable), when there is one. */
  outputTableColumn: string | null;
}

function checksColumns(client: HttpClient, ctx: ImportContext): ChecksColumns {
  const { columns } = columnsOf(client, ctx, 'checks');
  const ruleKeyColumn = findRuleKeyColumn(columns);
  if (!ruleKeyColumn) throw new AddOnError('BAD_RESPONSE', `The checks dataset has no rule key column (looked for RuleKey). Columns: ${columns.join(', ') || 'none'}.`);
  const outputTableColumn = columns.find((c) => normaliseName(c).indexOf('outputtable') >= 0) || null;
  return { ruleKeyColumn, nameColumn: findNameColumn(columns, ['checkname', 'rulename', 'name', 'title']), outputTableColumn };
}

/** Distinct rule keys of the checks dataset with their human names, sorted by name: only checks with an output table when the dataset says which. */
export function listRuleKeys(ctx: ImportContext): RuleKeyChoice[] {
  const client = clientOf(ctx);
  const { ruleKeyColumn, nameColumn, outputTableColumn } = checksColumns(client, ctx);
  const columns = nameColumn ? [ruleKeyColumn, nameColumn] : [ruleKeyColumn];
  let rows: Record<string, unknown>[];
  try {
    rows = readAll(client, ctx, 'checks', outputTableColumn ? { columns, filter: `${outputTableColumn} eq true` } : { columns });
  } catch (e) {
    // The column may not be a boolean the server can filter on: then list every rule key.
    if (!outputTableColumn || !isAddOnError(e) || e.code !== 'BAD_REQUEST') throw e;
    rows = readAll(client, ctx, 'checks', { columns });
  }
  const seen: Record<string, RuleKeyChoice> = {};
  for (const row of rows) {
    const key = row[ruleKeyColumn];
    if (typeof key === 'string' && key && !seen[key]) seen[key] = { ruleKey: key, name: nameColumn && row[nameColumn] != null ? String(row[nameColumn]) : null };
  }
  return Object.keys(seen)
    .map((k) => seen[k])
    .sort((a, b) => (a.name || a.ruleKey).localeCompare(b.name || b.ruleKey));
}

/** Whether the checks dataset knows this rule key; null when that cannot be told. */
function ruleKeyExists(client: HttpClient, ctx: ImportContext, ruleKey: string): boolean | null {
  try {
    const { ruleKeyColumn } = checksColumns(client, ctx);
    return readAll(client, ctx, 'checks', { columns: [ruleKeyColumn], filter: `${ruleKeyColumn} eq '${ruleKey.replace(/'/g, "''")}'`, top: 1 }).length > 0;
  } catch (_unknown) {
    return null;
  }
}

/** Short, plain reasons per account; failures without an HTTP status are explained in full once. */
const PLAIN_REASONS: Record<string, string> = {
  NOT_JSON: 'not data',
  TIMEOUT: 'no answer in time',
  UNSAFE_LINK: 'sent elsewhere',
  NETWORK: 'unreachable',
  BAD_RESPONSE: 'unreadable answer',
};

function failureReason(error: AddOnError): string {
  const status = error.details.status;
  return typeof status === 'number' ? `HTTP ${status}` : PLAIN_REASONS[error.code] || error.code.toLowerCase().replace(/_/g, ' ');
}

function failedAccountsError(ruleKey: string, failed: Array<{ id: string | number; error: AddOnError }>, total: number): AddOnError {
  const first = failed[0].error;
  const status = first.details.status;
  const listed = failed.slice(0, 10).map((f) => `${f.id} (${failureReason(f.error)})`).join(', ');
  const serverSays = typeof first.details.serverMessage === 'string' ? `TrueClicks says: ${first.details.serverMessage}. ` : '';
  // Passing trouble (429, 5xx): try again later. A 404 means this check has no table for those accounts. Anything
  // else (a login page, a redirect elsewhere, a time-out) comes with its own explanation and fix.
  const advice =
    first.code === 'RATE_LIMITED' || first.code === 'SERVER'
      ? 'Nothing was changed; try again later.'
      : status === 404
        ? `Nothing was changed. ${serverSays}Only some checks have an output table, and only for the accounts they apply to; the checks dataset shows which.`
        : `Nothing was changed. ${first.message}`;
  return new AddOnError(
    first.code,
    `The "${ruleKey}" table could not be loaded for ${failed.length} of ${total} accounts: ${listed}${failed.length > 10 ? ', …' : ''}. ${advice}`,
    { accounts: failed.map((f) => String(f.id)) },
  );
}

/** Which accounts to fetch, under which id column, and their names when the definition asks for an AccountName column. */
function accountsToFetch(client: HttpClient, ctx: ImportContext, definition: CheckTableImportDefinition): { idColumn: string; ids: Array<string | number>; names: Record<string, string | null> | null } {
  if (definition.accountIds && !definition.accountNames) return { idColumn: accountColumns(client, ctx).idColumn, ids: definition.accountIds, names: null };
  const list = readAccounts(client, ctx); // one listing for every account: no request per row
  const names: Record<string, string | null> = {};
  for (const a of list.accounts) names[String(a.id)] = a.name;
  return { idColumn: list.idColumn, ids: definition.accountIds || list.accounts.map((a) => a.id), names: definition.accountNames ? names : null };
}

export function fetchCheckTable(definition: CheckTableImportDefinition, target: TargetSheet | null, ctx: ImportContext, previousHeader: string[]): ProducedTable {
  const client = clientOf(ctx);
  const { ruleKey } = definition;
  const { idColumn, ids, names } = accountsToFetch(client, ctx, definition);
  report(ctx, { phase: 'fetching', pages: 0, rows: 0, accountsDone: 0, accountsTotal: ids.length });
  const results = client.getJsonAll(
    ids.map((id) => checkTableUrl(ctx.connection.baseUrl, String(id), ruleKey)),
    CHECK_TABLE_BATCH_SIZE,
  );
  report(ctx, { phase: 'fetching', pages: ids.length, rows: 0, accountsDone: ids.length, accountsTotal: ids.length });

  const failed: Array<{ id: string | number; error: AddOnError }> = [];
  ids.forEach((id, i) => {
    const result = results[i];
    if (!result.ok) failed.push({ id, error: result.error });
  });
  if (failed.length) {
    const auth = failed.find((f) => f.error.code === 'AUTH');
    if (auth) throw auth.error;
    const allNotFound = failed.length === ids.length && failed.every((f) => f.error.code === 'NOT_FOUND');
    if (allNotFound && ruleKeyExists(client, ctx, ruleKey) === false) {
      throw new AddOnError('BAD_INPUT', `"${ruleKey}" is not a known check (rule key). The checks dataset lists every rule key with its name; the sidebar's check picker shows them.`);
    }
    throw failedAccountsError(ruleKey, failed, ids.length);
  }

  const combined: Record<string, unknown>[] = [];
  ids.forEach((id, i) => {
    const result = results[i];
    const rows = result.ok ? readCheckTableRows(result.value) : null;
    if (!rows) {
      throw new AddOnError('BAD_RESPONSE', `The "${ruleKey}" table of account ${id} is not a list of rows (expected an array, or an object holding one under "value", "data", "rows", "items" or "results"). Nothing was changed.`);
    }
    for (const row of withAccountColumn(idColumn, id, rows, names ? names[String(id)] || null : undefined)) combined.push(row);
  });

  const maxRows = rowBudget(ctx, target, NEW_SHEET_COLUMNS, MAX_ROWS);
  const kept = combined.length > maxRows ? combined.slice(0, maxRows) : combined;
  const table = buildTable(kept, { previousHeader, typing: typingContextFor(ctx.spreadsheet.getSpreadsheetTimeZone()), release: true });
  if (!table.header.length) table.header.push(idColumn); // no rows at all: still show which column would lead
  const truncation =
    kept.length < combined.length
      ? { reason: 'max-rows' as const, message: `Stopped at ${kept.length} of ${combined.length} rows, the most that fits. Choose fewer accounts.` }
      : null;
  return { table, truncation, pages: ids.length, key: [idColumn] };
}
