/**
 * Where server code meets its callers (sidebar, menu, triggers). Errors leave as a plain Error with a short
 * message — never a stack trace, never the token — and unexpected ones are logged with their stack for us.
 */
import { AddOnError, isAddOnError, redactSecrets } from '../core/errors';
import { StoredConnection, userConnectionStore } from '../services/connection-store';

function currentSecrets(): string[] {
  let connection: StoredConnection | null;
  try {
    connection = userConnectionStore().load();
  } catch (_noAccess) {
    connection = null;
  }
  return connection ? [connection.token] : [];
}

export function publicMessage(error: unknown): string {
  if (isAddOnError(error)) return redactSecrets(error.message, currentSecrets());
  const raw = error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
  return redactSecrets(`Something went wrong in TrueClicks for Sheets: ${raw.split('\n')[0]}. Please try again; if it keeps happening, contact support.`, currentSecrets());
}

/** Logs a bug with its stack for us (Stackdriver), secrets masked. */
export function logUnexpected(error: unknown, secrets: string[] = currentSecrets()): void {
  const stack = error && typeof error === 'object' && 'stack' in error ? String((error as Error).stack) : String(error);
  console.error(redactSecrets(`Unexpected error: ${stack}`, secrets));
}

/** Runs a public entry point and converts whatever it throws into a user-readable Error. */
export function publicCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!isAddOnError(e)) logUnexpected(e);
    // eslint-disable-next-line preserve-caught-error -- deliberately no cause: only the public message may cross to the sidebar or a cell
    throw new Error(publicMessage(e));
  }
}

/**
 * The document lock; inside a clock trigger that runs with no active spreadsheet there is none (null or a
 * throw), and the user's lock at least keeps that user's scheduled runs from overlapping.
 */
function writerLock(): GoogleAppsScript.Lock.Lock | null {
  try {
    const lock = LockService.getDocumentLock();
    if (lock) return lock;
  } catch (_noDocument) {
    // fall through
  }
  return LockService.getUserLock();
}

/** Serialises writers to this spreadsheet: a scheduled refresh and a sidebar import never write at once. */
export function withDocumentLock<T>(waitMs: number, fn: () => T): T {
  const lock = writerLock();
  if (!lock) return fn();
  if (!lock.tryLock(waitMs)) {
    throw new AddOnError('BUSY', 'Another TrueClicks import is still writing to this spreadsheet. Try again in a minute.');
  }
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
