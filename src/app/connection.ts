/**
 * Connect, test, disconnect. The token is stored for the current user only and never sent back to the client.
 */
import { AddOnError } from '../core/errors';
import { ConnectionInput, validateConnectionInput } from '../core/connection-settings';
import { hostOf, originOf } from '../core/url';
import { ConnectionStore, StoredConnection, userConnectionStore } from '../services/connection-store';
import { HttpClient, HttpDeps, HttpHooks, RequestTimer, defaultHttpDeps } from '../services/http';
import { fetchEntitySets } from './metadata';

export interface ConnectionSummary {
  connected: boolean;
  username: string | null;
  baseUrl: string | null;
}

export function summarise(connection: StoredConnection | null): ConnectionSummary {
  return connection
    ? { connected: true, username: connection.username, baseUrl: connection.baseUrl }
    : { connected: false, username: null, baseUrl: null };
}

export function saveConnection(input: ConnectionInput, store: ConnectionStore = userConnectionStore()): ConnectionSummary {
  const valid = validateConnectionInput(input || {});
  let token = valid.token;
  if (!token) {
    // The sidebar never receives the stored token; an empty field means "keep it" for the same username.
    // Never send a stored token to a host the user has just typed: a new host needs the token again.
    const existing = store.load();
    if (!existing || existing.username !== valid.username || originOf(existing.baseUrl) !== originOf(valid.baseUrl)) {
      throw new AddOnError('BAD_INPUT', 'Enter the data connector token from TrueClicks (Reporting → Data Connector).');
    }
    token = existing.token;
  }
  const connection: StoredConnection = { username: valid.username, token, baseUrl: valid.baseUrl, savedAt: new Date(Date.now()).toISOString() };
  store.save(connection);
  return summarise(connection);
}

export function disconnect(store: ConnectionStore = userConnectionStore()): ConnectionSummary {
  store.clear();
  return summarise(null);
}

export function requireConnection(store: ConnectionStore = userConnectionStore()): StoredConnection {
  const connection = store.load();
  if (!connection) {
    throw new AddOnError('NOT_CONNECTED', 'Connect to TrueClicks first: open the add-on sidebar and enter your data connector username and token.');
  }
  return connection;
}

export function clientFor(connection: StoredConnection, deadline: number, deps: HttpDeps = defaultHttpDeps(), hooks: HttpHooks & { timer?: RequestTimer } = {}): HttpClient {
  return new HttpClient(connection, { allowedOrigin: originOf(connection.baseUrl), deadline, ...hooks }, deps);
}

export interface TestResult {
  ok: boolean;
  message: string;
  code?: string;
}

/** One cheap authenticated request: the service document at the base URL. */
export function testConnection(store: ConnectionStore = userConnectionStore(), deps: HttpDeps = defaultHttpDeps()): TestResult {
  const connection = requireConnection(store);
  const client = clientFor(connection, deps.now() + 60 * 1000, deps);
  const sets = fetchEntitySets(client, connection.baseUrl).length;
  return {
    ok: true,
    message: `Connected to ${hostOf(connection.baseUrl)} as ${connection.username}. ${sets} datasets available.`,
  };
}
