/**
 * Reading one OData collection for an import, a formula or a picker: the query ordered by the entity key, the
 * count asked for on the first page, big pages asked for with `Prefer: odata.maxpagesize`, and the rest fetched
 * in parallel windows when the service allows it (core/odata/collection.ts). Without $metadata (no key, so no
 * stable order) it pages sequentially, as before; so it does, with the user's query untouched, when the service
 * rejects the added order or count (HTTP 400).
 */
import { isAddOnError } from '../core/errors';
import { ReadCollection, readCollection } from '../core/odata/collection';
import { EntitySetSchema, ServiceMetadata } from '../core/odata/metadata';
import { CountStyle, ODataQuery, buildCollectionUrl, withKeyOrder } from '../core/odata/query';
import { originOf } from '../core/url';
import { HttpClient } from '../services/http';
import { ImportContext, httpDeps } from './import-context';
import { MAX_PAGES, PAGE_WINDOW_BATCH_SIZE, PREFERRED_PAGE_SIZE } from './limits';

export interface CollectionRead {
  path: string;
  query: ODataQuery;
  metadata: ServiceMetadata | null;
  schema: EntitySetSchema | null;
  maxRows: number;
  onPage?: (pages: number, rows: number, totalRows?: number) => void;
}

/** Whether a service honours `$skip`, per base URL, for the rest of the run. */
function skipSupportOf(ctx: ImportContext): { known?: boolean } {
  const all = ctx.skipSupport || (ctx.skipSupport = {});
  return all[ctx.connection.baseUrl] || (all[ctx.connection.baseUrl] = {});
}

function read(ctx: ImportContext, client: HttpClient, request: CollectionRead, query: ODataQuery, count: CountStyle | undefined, windows: boolean): ReadCollection {
  const baseUrl = ctx.connection.baseUrl;
  return readCollection(
    {
      url: (w) => buildCollectionUrl(baseUrl, request.path, query, w ? { skip: w.skip, top: w.top } : { count }),
      fetchPage: (url) => client.getJson(url),
      fetchBatch: (urls) => client.getJsonAll(urls, urls.length),
    },
    {
      allowedOrigin: originOf(baseUrl),
      top: request.query.top,
      maxPages: MAX_PAGES,
      maxRows: request.maxRows,
      deadline: ctx.deadline,
      now: httpDeps(ctx).now,
      onPage: request.onPage,
      windows,
      batchSize: PAGE_WINDOW_BATCH_SIZE,
      skipSupport: skipSupportOf(ctx),
      stopWhenOverCap: ctx.maxRows !== undefined,
    },
  );
}

export function readODataCollection(ctx: ImportContext, client: HttpClient, request: CollectionRead): ReadCollection {
  const paged = client.withHeaders({ Prefer: `odata.maxpagesize=${PREFERRED_PAGE_SIZE}` });
  const key = request.schema ? request.schema.key : [];
  const count = request.metadata ? request.metadata.version : undefined;
  if (!key.length || !count) return read(ctx, paged, request, request.query, undefined, false);
  try {
    return read(ctx, paged, request, withKeyOrder(request.query, key), count, true);
  } catch (e) {
    // A service that refuses the key order or the count we added still gets the query exactly as the user wrote it.
    if (!isAddOnError(e) || e.code !== 'BAD_REQUEST') throw e;
    return read(ctx, paged, request, request.query, undefined, false);
  }
}
