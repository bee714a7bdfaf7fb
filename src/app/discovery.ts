/**
 * What the connected service offers, for the sidebar's pickers: its entity sets (service document) and a
 * dataset's columns and key ($metadata). Nothing here is hard-coded: it is read from the service.
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { normaliseName } from '../core/check-table';
import { kindOfType, friendlyTypeName, ValueKind } from '../core/odata/literals';
import { describeEntitySet, filterDialect } from '../core/odata/metadata';
import { buildCollectionUrl } from '../core/odata/query';
import { readODataPage } from '../core/odata/response';
import { StoredConnection } from '../services/connection-store';
import { HttpClient, HttpDeps, defaultHttpDeps } from '../services/http';
import { clientFor } from './connection';
import { fetchEntitySets, fetchMetadata } from './metadata';

const DISCOVERY_BUDGET_MS = 60 * 1000;

export function listEntitySets(connection: StoredConnection, deps: HttpDeps = defaultHttpDeps()): string[] {
  return fetchEntitySets(clientFor(connection, deps.now() + DISCOVERY_BUDGET_MS, deps), connection.baseUrl);
}

interface DescribedColumn {
  name: string;
  /** `$metadata` type (Edm.*), or one guessed from the sample when the service has no $metadata. */
  type: string;
  /** What the sidebar shows: Number, Date & time, Date, Text, True/false, List, Other. */
  label: string;
  kind: ValueKind;
  /** A few distinct values seen in a small sample (text, numbers, dates as text), for suggestions and examples. */
  samples?: string[];
}

export interface DatasetDescription {
  columns: DescribedColumn[];
  key: string[];
  /** Literal syntax the filter builder must write: v4, or v2 for v2/v3 services. */
  dialect: 'v4' | 'v2';
  /** A column holding an account id (…AccountId), so an AccountName column can be added; null when none. */
  accountColumn: string | null;
}

/** The dataset's own account-id column, found by name (the accounts dataset itself has its names already). */
function accountColumnOf(path: string, columns: string[]): string | null {
  if (entitySetOfPath(path).toLowerCase() === entitySetOfPath(resolveDataset('accounts').path).toLowerCase()) return null;
  return columns.find((c) => normaliseName(c).endsWith('accountid')) || null;
}

/** One small request for suggestions: this many rows, this many distinct values per column, this long at most. */
const SAMPLE_ROWS = 100;
const SAMPLES_PER_COLUMN = 12;
const MAX_SAMPLE_CHARS = 80;

function sampleValue(value: unknown): string | null {
  if (value === null || value === undefined || typeof value === 'object') return null;
  const text = String(value);
  return text.length && text.length <= MAX_SAMPLE_CHARS ? text : null;
}

function valueAt(row: Record<string, unknown>, name: string): unknown {
  let v: unknown = row;
  for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Distinct values per column, in first-seen order (the sidebar sorts what it shows). */
function distinctSamples(rows: Record<string, unknown>[], names: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const seen: string[] = [];
    for (const row of rows) {
      const v = sampleValue(valueAt(row, name));
      if (v !== null && seen.indexOf(v) < 0) seen.push(v);
      if (seen.length >= SAMPLES_PER_COLUMN) break;
    }
    out[name] = seen;
  }
  return out;
}

function guessType(value: unknown): string {
  if (typeof value === 'number') return 'Edm.Double';
  if (typeof value === 'boolean') return 'Edm.Boolean';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return 'Edm.DateTimeOffset';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Edm.Date';
  return Array.isArray(value) ? 'Collection(Edm.String)' : 'Edm.String';
}

function described(name: string, type: string, samples: string[] | undefined): DescribedColumn {
  const kind = kindOfType(type);
  const column: DescribedColumn = { name, type, label: friendlyTypeName(type), kind };
  if (samples && samples.length && kind !== 'boolean' && kind !== 'list') column.samples = samples;
  return column;
}

function sampleRows(client: HttpClient, baseUrl: string, path: string, columns: string[] | undefined): Record<string, unknown>[] {
  const query = columns && columns.length ? { columns, top: SAMPLE_ROWS } : { top: SAMPLE_ROWS };
  return readODataPage(client.getJson(buildCollectionUrl(baseUrl, path, query))).rows.slice(0, SAMPLE_ROWS);
}

/**
 * Columns (friendly types, a few sample values each) and key of a dataset: types from $metadata, samples from one
 * request of at most 100 rows. Without $metadata the sample also gives the columns; null when the service
 * describes other sets but not this one.
 */
export function describeDataset(connection: StoredConnection, dataset: unknown, deps: HttpDeps = defaultHttpDeps()): DatasetDescription | null {
  const path = resolveDataset(dataset).path;
  const client = clientFor(connection, deps.now() + DISCOVERY_BUDGET_MS, deps);
  const metadata = fetchMetadata(client, connection.baseUrl);
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(path)) : null;
  if (metadata && !schema) return null;
  const dialect = filterDialect(metadata);
  if (schema) {
    const scalar = schema.columns.filter((c) => kindOfType(c.type) !== 'list' && kindOfType(c.type) !== 'boolean').map((c) => c.name);
    // Select whole top-level properties: not every service accepts a complex member (Owner/Name) in $select.
    const selected = scalar.map((n) => n.split('.')[0]).filter((n, i, all) => all.indexOf(n) === i);
    const samples = distinctSamples(sampleRows(client, connection.baseUrl, path, selected), scalar);
    return { columns: schema.columns.map((c) => described(c.name, c.type, samples[c.name])), key: schema.key, dialect, accountColumn: accountColumnOf(path, schema.columns.map((c) => c.name)) };
  }
  const rows = sampleRows(client, connection.baseUrl, path, undefined);
  const names = rows.length ? Object.keys(rows[0]).filter((k) => k.indexOf('@') < 0 && k !== '__metadata') : [];
  const samples = distinctSamples(rows, names);
  return { columns: names.map((n) => described(n, guessType(rows[0][n]), samples[n])), key: [], dialect, accountColumn: accountColumnOf(path, names) };
}
