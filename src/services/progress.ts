/**
 * Import progress and cancellation for the sidebar. google.script.run calls run as separate executions, so the
 * import writes its progress to the user cache and the sidebar polls getProgress(progressId) while it runs;
 * cancelImport(progressId) leaves a flag there that the import reads between pages and batches.
 */
export interface Progress {
  phase: 'fetching' | 'writing' | 'done';
  pages: number;
  rows: number;
  /** How many rows the whole result has, when the service said (@odata.count). */
  totalRows?: number;
  /** Check tables: accounts fetched so far, of how many. */
  accountsDone?: number;
  accountsTotal?: number;
  /** TrueClicks asked us to wait (429/503): the next attempt starts in this many ms. */
  retryInMs?: number;
}

const PREFIX = 'progress:';
const CANCEL_PREFIX = 'cancel:';
const TTL_SECONDS = 15 * 60;

type CacheSource = () => GoogleAppsScript.Cache.Cache;
const userCache: CacheSource = () => CacheService.getUserCache();

function validId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

/** A reporter for one import, or a no-op when the caller did not ask for progress. */
export function progressReporter(progressId: unknown, cache: CacheSource = userCache) {
  if (!validId(progressId)) return (_p: Progress) => undefined;
  return (p: Progress) => cache().put(PREFIX + progressId, JSON.stringify(p), TTL_SECONDS);
}

export function readProgress(progressId: unknown, cache: GoogleAppsScript.Cache.Cache = CacheService.getUserCache()): Progress | null {
  if (!validId(progressId)) return null;
  const raw = cache.get(PREFIX + progressId);
  return raw ? (JSON.parse(raw) as Progress) : null;
}

/** Asks the import running under this id to stop at its next page or batch. */
export function requestCancel(progressId: unknown, cache: GoogleAppsScript.Cache.Cache = CacheService.getUserCache()): boolean {
  if (!validId(progressId)) return false;
  cache.put(CANCEL_PREFIX + progressId, '1', TTL_SECONDS);
  return true;
}

/** Whether the user cancelled the import running under this id (always false without an id). */
export function cancelCheck(progressId: unknown, cache: CacheSource = userCache): () => boolean {
  if (!validId(progressId)) return () => false;
  return () => cache().get(CANCEL_PREFIX + progressId) === '1';
}
