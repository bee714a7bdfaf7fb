/**
 * What the connected service offers, for the sidebar's pickers: its entity sets (service document) and a
 * dataset's columns and key ($metadata). Nothing here is hard-coded: it is read from the service.
 */
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { describeEntitySet } from '../core/odata/metadata';
import { StoredConnection } from '../services/connection-store';
import { HttpDeps, defaultHttpDeps } from '../services/http';
import { clientFor } from './connection';
import { fetchEntitySets, fetchMetadata } from './metadata';

const DISCOVERY_BUDGET_MS = 60 * 1000;

export function listEntitySets(connection: StoredConnection, deps: HttpDeps = defaultHttpDeps()): string[] {
  return fetchEntitySets(clientFor(connection, deps.now() + DISCOVERY_BUDGET_MS, deps), connection.baseUrl);
}

export interface DatasetDescription {
  columns: Array<{ name: string; type: string }>;
  key: string[];
}

/** Columns and key of a dataset from $metadata, or null when the service does not describe it. */
export function describeDataset(connection: StoredConnection, dataset: unknown, deps: HttpDeps = defaultHttpDeps()): DatasetDescription | null {
  const path = resolveDataset(dataset).path;
  const metadata = fetchMetadata(clientFor(connection, deps.now() + DISCOVERY_BUDGET_MS, deps), connection.baseUrl);
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(path)) : null;
  return schema ? { columns: schema.columns.map((c) => ({ name: c.name, type: c.type })), key: schema.key } : null;
}
