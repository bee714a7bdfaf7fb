/**
 * Caches custom-function results in the document cache, so recalculation does not refetch. A result is stored as
 * JSON, gzip-compressed (Utilities.gzip) and base64-encoded, in chunks under one key prefix: CacheService holds at
 * most 100 KB per value. The key is a hash of everything that determines the result, the credentials included, so
 * different queries or connections never collide and nobody without the token can produce the key.
 */
/** base64 is ASCII: one byte per character, so a chunk stays under the 100 KB value limit with room to spare. */
const CHUNK_CHARS = 90000;
/**
 * Up to about 5 MB compressed (a 5,000-row formula of long texts; typical results take a few chunks). The cache
 * keeps at most 1,000 items, so one result never takes more than a tenth of it.
 */
const MAX_CHUNKS = 60;
const FORMULA_CACHE_SECONDS = 30 * 60;
/** Marks the compressed format in the head entry; entries written in another format read as a miss. */
const FORMAT = 'gz1:';

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

function compress(json: string): string {
  return Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(json, 'application/json')).getBytes());
}

function decompress(base64: string): string {
  return Utilities.ungzip(Utilities.newBlob(Utilities.base64Decode(base64), 'application/x-gzip')).getDataAsString('UTF-8');
}

export function readCached(key: string): Cell[][] | null {
  const c = cache();
  if (!c) return null;
  const head = c.get(key);
  if (!head || head.lastIndexOf(FORMAT, 0) !== 0) return null;
  const count = Number(head.slice(FORMAT.length));
  if (!(count >= 1 && count <= MAX_CHUNKS)) return null;
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(`${key}:${i}`);
  const chunks = c.getAll(keys);
  const parts: string[] = [];
  for (const k of keys) {
    if (typeof chunks[k] !== 'string') return null; // a chunk was evicted: treat as a miss
    parts.push(chunks[k]);
  }
  try {
    return decode(decompress(parts.join('')));
  } catch (_damaged) {
    return null; // not what we wrote (another version, a damaged entry): fetch again
  }
}

/** Stores a result unless, compressed, it is still too big to be worth caching. */
export function writeCached(key: string, grid: Cell[][]): void {
  const c = cache();
  if (!c) return;
  const packed = compress(encode(grid));
  const count = Math.max(1, Math.ceil(packed.length / CHUNK_CHARS));
  if (count > MAX_CHUNKS) return;
  const values: Record<string, string> = {};
  for (let i = 0; i < count; i++) values[`${key}:${i}`] = packed.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  c.putAll(values, FORMULA_CACHE_SECONDS);
  c.put(key, FORMAT + count, FORMULA_CACHE_SECONDS); // written last: a reader never sees a head without its chunks
}
