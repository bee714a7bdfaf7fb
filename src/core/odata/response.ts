/**
 * Reads one page of an OData collection response, whatever the protocol version:
 *  - v4:            { "@odata.context", "value": [...], "@odata.nextLink", "@odata.count" }
 *  - v3 JSON light: { "odata.metadata", "value": [...], "odata.nextLink", "odata.count" }
 *  - v2 verbose:    { "d": { "results": [...], "__next", "__count" } }  or v1 style { "d": [...] }
 * Rows are returned as the server sent them; annotations (`@odata.etag`, `Name@odata.type`, `odata.type`,
 * `__metadata`) and unexpanded v2 navigation stubs are skipped by the flattener, in its single pass over the keys.
 */
import { AddOnError } from '../errors';

type ODataVersion = 'v4' | 'v3' | 'v2';

export interface ODataPage {
  rows: Record<string, unknown>[];
  nextLink: string | null;
  count: number | null;
  version: ODataVersion;
  /** `@odata.context` / `odata.metadata`: the base for relative links in the payload (OData v4 §4.3). */
  contextUrl: string | null;
}

function toCount(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return isFinite(n) ? n : null;
}

function asRows(value: unknown): Record<string, unknown>[] | null {
  if (!Array.isArray(value)) return null;
  for (let i = 0; i < value.length; i++) {
    const row = value[i];
    if (!row || typeof row !== 'object' || Array.isArray(row)) return null;
  }
  return value as Record<string, unknown>[];
}

export function readODataPage(body: unknown): ODataPage {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    const page = (o.d !== undefined ? readVerbosePage(o.d) : null) || readValuePage(o);
    if (page) return page;
  }
  throw new AddOnError(
    'BAD_RESPONSE',
    'TrueClicks answered, but not with a list of rows. Check that the dataset is a collection (for example Accounts) and that the base URL points at the OData service.',
  );
}

/** v2 verbose `{ d: { results, __next, __count } }` or v1 `{ d: [...] }`; null when `d` holds no rows. */
function readVerbosePage(d: unknown): ODataPage | null {
  const dObj = d as Record<string, unknown>;
  const rows = asRows(d) || (d && typeof d === 'object' ? asRows(dObj.results) : null);
  if (!rows) return null;
  return {
    rows,
    nextLink: typeof dObj.__next === 'string' ? dObj.__next : null,
    count: toCount(dObj.__count),
    version: 'v2',
    contextUrl: null,
  };
}

/** v4 or v3 JSON light `{ value: [...] }` with `@odata.*` or `odata.*` annotations; null when `value` holds no rows. */
function readValuePage(o: Record<string, unknown>): ODataPage | null {
  const rows = asRows(o.value);
  if (!rows) return null;
  const v4 = '@odata.context' in o || '@odata.nextLink' in o || '@odata.count' in o || !('odata.metadata' in o);
  const next = v4 ? o['@odata.nextLink'] : o['odata.nextLink'];
  const context = v4 ? o['@odata.context'] : o['odata.metadata'];
  return {
    rows,
    nextLink: typeof next === 'string' ? next : null,
    count: toCount(v4 ? o['@odata.count'] : o['odata.count']),
    version: v4 ? 'v4' : 'v3',
    contextUrl: typeof context === 'string' ? context : null,
  };
}

/** True for keys that are OData annotations or v2 metadata rather than data. */
export function isAnnotationKey(key: string): boolean {
  return key.indexOf('@') >= 0 || key.lastIndexOf('odata.', 0) === 0 || key === '__metadata';
}
