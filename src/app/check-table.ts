/**
 * Check output tables: one check's table for one, several or all accounts, fetched in parallel and combined
 * into one table with the account id first. The pickers' data is in check-table-sources.ts, the wording of
 * failed accounts in check-table-errors.ts.
 */
import { checkTableUrl, parseAccountIds, parseRuleKey, readCheckTableRows, withAccountColumn } from '../core/check-table';
import { AddOnError } from '../core/errors';
import { OutputParams, parseOutputOptions } from '../core/history/output-options';
import { CheckTableImportDefinition } from '../core/import-definition';
import { buildTable } from '../core/table/build-table';
import { HttpClient } from '../services/http';
import { typingContextFor } from '../services/time-zone';
import { accountColumns, readAccounts, ruleKeyExists } from './check-table-sources';
import { failedAccountsError } from './check-table-errors';
import { ImportContext, ProducedTable, clientOf, report, rowBudget } from './import-context';
import { CHECK_TABLE_BATCH_SIZE, MAX_ROWS, NEW_SHEET_COLUMNS } from './limits';
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
