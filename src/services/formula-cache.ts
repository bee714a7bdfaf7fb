/**
 * Caches custom-function results in the document cache, so recalculation does not refetch. CacheService holds
 * at most 100 KB per value, so a result is stored as JSON in chunks under one key prefix (a hash of everything
 * that determines the result, the credentials included, so different queries or connections never collide and
 * nobody without the token can produce the key).
 */
export const CHUNK_CHARS = 25000; // ≤ 100 KB even if every character took 4 bytes in UTF-8
export const MAX_CHUNKS = 40;
export const FORMULA_CACHE_SECONDS = 30 * 60;

type Cell = string | number | boolean | Date;

function encode(grid: Cell[][]): string {
  return JSON.stringify(grid, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : value;
  });
}

function decode(json: string): Cell[][] {
  return JSON.parse(json, (_key, value) => (value && typeof value === 'object' && typeof value.$date === 'number' ? new Date(value.$date) : value));
}

export function cacheKey(parts: string[]): string {
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, JSON.stringify(parts), Utilities.Charset.UTF_8);
  return 'tcf:' + digest.map((b) => ('0' + (b & 0xff).toString(16)).slice(-2)).join('');
}

function cache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getDocumentCache() || CacheService.getScriptCache();
}

export function readCached(key: string): Cell[][] | null {
  const c = cache();
  if (!c) return null;
  const head = c.get(key);
  if (!head) return null;
  const count = Number(head);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(`${key}:${i}`);
  const chunks = c.getAll(keys);
  let json = '';
  for (const k of keys) {
    if (typeof chunks[k] !== 'string') return null; // a chunk was evicted: treat as a miss
    json += chunks[k];
  }
  return decode(json);
}

/** Stores a result unless it is too big to be worth caching. */
export function writeCached(key: string, grid: Cell[][]): void {
  const c = cache();
  if (!c) return;
  const json = encode(grid);
  const count = Math.ceil(json.length / CHUNK_CHARS);
  if (count > MAX_CHUNKS) return;
  const values: Record<string, string> = {};
  for (let i = 0; i < count; i++) values[`${key}:${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  c.putAll(values, FORMULA_CACHE_SECONDS);
  c.put(key, String(count), FORMULA_CACHE_SECONDS); // written last: a reader never sees a head without its chunks
}
