/**
 * Check output tables (REST, one request per account and rule key; every check has its own columns) and the
 * rules that find the columns we need in TrueClicks' datasets without hard-coding their spelling. Pure.
 */
import { AddOnError } from './errors';
import { resolveUrl, appendQuery, encodeQueryComponent } from './url';

/** REST endpoint for check output tables, relative to the API base URL. */
const CHECK_TABLE_PATH = 'CheckOutputTable';

export function checkTableUrl(baseUrl: string, accountId: string, ruleKey: string): string {
  return appendQuery(resolveUrl(baseUrl, CHECK_TABLE_PATH), ['accountId=' + encodeQueryComponent(accountId), 'ruleKey=' + encodeQueryComponent(ruleKey)]);
}

function isRowArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.every((r) => !!r && typeof r === 'object' && !Array.isArray(r));
}

/**
 * The rows of one check table response. Accepted: a bare array of row objects, or an object holding one under
 * `value` (OData style), `data`, `rows`, `items` or `results` (also inside OData v2's `d`).
 */
export function readCheckTableRows(body: unknown): Record<string, unknown>[] | null {
  if (isRowArray(body)) return body;
  if (!body || typeof body !== 'object') return null;
  const o = body as Record<string, unknown>;
  for (const key of ['value', 'data', 'rows', 'items', 'results']) if (isRowArray(o[key])) return o[key] as Record<string, unknown>[];
  if (o.d && typeof o.d === 'object') return readCheckTableRows(o.d);
  return null;
}

/** Keys compared ignoring case, spaces, `_` and `-`: AccountId, account_id and "Account ID" are one name. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

/**
 * The column that identifies an account: the entity key from $metadata when there is exactly one, else the
 * first column named (normalised) `accountid`, then `id`, then one ending in `accountid`.
 */
export function findIdColumn(columns: string[], key: string[] = []): string | null {
  if (key.length === 1 && columns.indexOf(key[0]) >= 0) return key[0];
  const n = columns.map(normaliseName);
  for (const want of ['accountid', 'id']) {
    const i = n.indexOf(want);
    if (i >= 0) return columns[i];
  }
  const i = n.findIndex((c) => c.endsWith('accountid'));
  return i >= 0 ? columns[i] : null;
}

/** A human-readable name column: `accountname`, `name`, then any column containing `name`. */
export function findNameColumn(columns: string[], preferred: string[] = ['accountname', 'name']): string | null {
  const n = columns.map(normaliseName);
  for (const want of preferred) {
    const i = n.indexOf(want);
    if (i >= 0) return columns[i];
  }
  const i = n.findIndex((c) => c.indexOf('name') >= 0);
  return i >= 0 ? columns[i] : null;
}

/** In the checks dataset: the rule key column (`rulekey`, then any containing `rulekey`, then `key`). */
export function findRuleKeyColumn(columns: string[]): string | null {
  const n = columns.map(normaliseName);
  let i = n.indexOf('rulekey');
  if (i < 0) i = n.findIndex((c) => c.indexOf('rulekey') >= 0);
  if (i < 0) i = n.indexOf('key');
  return i >= 0 ? columns[i] : null;
}

/** Account ids from the sidebar (array) or a formula (one id, comma-separated text, or a range). */
export function parseAccountIds(input: unknown): string[] | null {
  if (input === undefined || input === null || input === '') return null;
  const flat: unknown[] = Array.isArray(input) ? ([] as unknown[]).concat(...(input as unknown[])) : [input];
  const ids: string[] = [];
  for (const item of flat) {
    if (item === undefined || item === null || item === '') continue;
    for (const part of String(item).split(',')) {
      const id = part.trim();
      if (!id) continue;
      if (id.length > 100 || /[\s"'\\]/.test(id)) throw new AddOnError('BAD_INPUT', `"${id}" is not an account id. Use ids as TrueClicks shows them, separated by commas.`);
      if (ids.indexOf(id) < 0) ids.push(id);
    }
  }
  return ids.length ? ids : null;
}

export function parseRuleKey(input: unknown): string {
  const key = typeof input === 'string' ? input.trim() : '';
  if (!key) throw new AddOnError('BAD_INPUT', 'Choose a check (rule key). The checks dataset lists every rule key with its name.');
  if (key.length > 200 || /[\s"'\\]/.test(key)) throw new AddOnError('BAD_INPUT', `"${key}" is not a rule key. The checks dataset lists every rule key with its name.`);
  return key;
}

/** Plain whole-number ids are written as numbers, so they match the accounts tab in lookups; others as text. */
function accountIdCell(id: string | number): string | number {
  if (typeof id === 'number') return id;
  return /^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id;
}

/** One row per table row, the account id column first; a table column with the same name is kept beside it. */
/** The column the add-on adds beside the account id when asked for account names (not a TrueClicks field). */
export const ACCOUNT_NAME_COLUMN = 'AccountName';

export function withAccountColumn(idColumn: string, accountId: string | number, rows: Record<string, unknown>[], accountName?: string | null): Record<string, unknown>[] {
  return rows.map((row) => {
    // No prototype: a column named __proto__ or constructor is data like any other.
    const out: Record<string, unknown> = Object.create(null);
    out[idColumn] = accountIdCell(accountId);
    if (accountName !== undefined && !(ACCOUNT_NAME_COLUMN in row)) out[ACCOUNT_NAME_COLUMN] = accountName;
    for (const k in row) out[k === idColumn && String(row[k]) !== String(accountId) ? `${k} (table)` : k] = row[k];
    return out;
  });
}
