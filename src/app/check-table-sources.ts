/**
 * The check-table pickers' data and the columns behind them, read from the catalogue's own datasets: accounts
 * (id and name) and checks (rule key and name). Column names are found by rules (core/check-table.ts), never
 * assumed.
 */
import { DATASETS, entitySetOfPath } from '../core/catalogue';
import { AddOnError, isAddOnError } from '../core/errors';
import { findIdColumn, findNameColumn, findRuleKeyColumn, normaliseName } from '../core/check-table';
import { describeEntitySet } from '../core/odata/metadata';
import { ODataQuery } from '../core/odata/query';
import { HttpClient } from '../services/http';
import { readODataCollection } from './collection';
import { ImportContext, clientOf } from './import-context';
import { MAX_ROWS } from './limits';
import { fetchMetadata } from './metadata';

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

export function accountColumns(client: HttpClient, ctx: ImportContext): { idColumn: string; nameColumn: string | null } {
  const { columns, key } = columnsOf(client, ctx, 'accounts');
  const idColumn = findIdColumn(columns, key);
  if (!idColumn) {
    throw new AddOnError('BAD_RESPONSE', `The accounts dataset has no account id column (looked for its key, then AccountId, then Id). Columns: ${columns.join(', ') || 'none'}.`);
  }
  return { idColumn, nameColumn: findNameColumn(columns) };
}

export function readAccounts(client: HttpClient, ctx: ImportContext): AccountList {
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
export function ruleKeyExists(client: HttpClient, ctx: ImportContext, ruleKey: string): boolean | null {
  try {
    const { ruleKeyColumn } = checksColumns(client, ctx);
    return readAll(client, ctx, 'checks', { columns: [ruleKeyColumn], filter: `${ruleKeyColumn} eq '${ruleKey.replace(/'/g, "''")}'`, top: 1 }).length > 0;
  } catch (_unknown) {
    return null;
  }
}
