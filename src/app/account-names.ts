/**
 * The optional AccountName column of a dataset import (e.g. account history): names looked up once from the
 * accounts dataset — one listing, never a request per row — and placed right after the account id column.
 */
import { ACCOUNT_NAME_COLUMN } from '../core/check-table';
import { AddOnError } from '../core/errors';
import { EntitySetSchema } from '../core/odata/metadata';
import { accountNameLookup } from './check-table-sources';
import { ImportContext } from './import-context';

export interface NamedRows {
  rows: Record<string, unknown>[];
  schema: EntitySetSchema | null;
  selected: string[] | undefined;
}

function insertAfter(list: string[], after: string, name: string): string[] {
  if (list.indexOf(name) >= 0) return list;
  const i = list.indexOf(after);
  return i < 0 ? list.concat(name) : list.slice(0, i + 1).concat(name, list.slice(i + 1));
}

/** Adds AccountName to every row (null when the id is unknown), and to the column order after the id. */
export function withAccountNames(rows: Record<string, unknown>[], schema: EntitySetSchema | null, selected: string[] | undefined, ctx: ImportContext): NamedRows {
  const { idColumn, names } = accountNameLookup(ctx);
  const columns = schema ? schema.columns.map((c) => c.name) : rows.length ? Object.keys(rows[0]) : [];
  const id = columns.find((c) => c.toLowerCase() === idColumn.toLowerCase());
  if (!id) {
    throw new AddOnError('BAD_INPUT', `This dataset has no ${idColumn} column to look account names up by. Untick "Add an AccountName column".`);
  }
  for (const row of rows) {
    if (!(ACCOUNT_NAME_COLUMN in row)) row[ACCOUNT_NAME_COLUMN] = names[String(row[id])] ?? null;
  }
  const named = schema ? { ...schema, columns: insertAfter(columns, id, ACCOUNT_NAME_COLUMN).map((n) => schema.columns.find((c) => c.name === n) || { name: n, type: 'Edm.String' }) } : null;
  return { rows, schema: named, selected: selected && selected.length ? insertAfter(selected, id, ACCOUNT_NAME_COLUMN) : selected };
}
