/**
 * Import progress for the sidebar. google.script.run calls run as separate executions, so the import writes
 * its progress to the user cache and the sidebar polls getProgress(progressId) while the import runs.
 */
export interface Progress {
  phase: 'fetching' | 'writing' | 'done';
  pages: number;
  rows: number;
  /** The collection's row count, when the server told it (`@odata.count`). */
  totalRows?: number;
}

const PREFIX = 'progress:';
const TTL_SECONDS = 15 * 60;

function validId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

/** A reporter for one import, or a no-op when the caller did not ask for progress. */
export function progressReporter(progressId: unknown, cache: () => GoogleAppsScript.Cache.Cache = () => CacheService.getUserCache()) {
  if (!validId(progressId)) return (_p: Progress) => undefined;
  return (p: Progress) => cache().put(PREFIX + progressId, JSON.stringify(p), TTL_SECONDS);
}

export function readProgress(progressId: unknown, cache: GoogleAppsScript.Cache.Cache = CacheService.getUserCache()): Progress | null {
  if (!validId(progressId)) return null;
  const raw = cache.get(PREFIX + progressId);
  return raw ? (JSON.parse(raw) as Progress) : null;
}
