/**
 * Reading one OData collection for an import, a formula or a picker: the query ordered by the entity key, the
 * count asked for on the first page, big pages asked for with `Prefer: odata.maxpagesize`, and the rest fetched
 * in parallel windows when the service allows it (core/odata/collection.ts). Without $metadata (no key, so no
 * stable order) it pages sequentially, as before.
 */
import { ReadCollection, readCollection } from '../core/odata/collection';
import { EntitySetSchema, ServiceMetadata } from '../core/odata/metadata';
import { ODataQuery, buildCollectionUrl, withKeyOrder } from '../core/odata/query';
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

export function readODataCollection(ctx: ImportContext, client: HttpClient, read: CollectionRead): ReadCollection {
  const baseUrl = ctx.connection.baseUrl;
  const ordered = read.schema && read.schema.key.length > 0;
  const query = ordered ? withKeyOrder(read.query, (read.schema as EntitySetSchema).key) : read.query;
  const count = read.metadata ? read.metadata.version : undefined;
  const paged = client.withHeaders({ Prefer: `odata.maxpagesize=${PREFERRED_PAGE_SIZE}` });
  return readCollection(
    {
      url: (w) => buildCollectionUrl(baseUrl, read.path, query, w ? { skip: w.skip, top: w.top } : { count }),
      fetchPage: (url) => paged.getJson(url),
      fetchBatch: (urls) => paged.getJsonAll(urls, urls.length),
    },
    {
      allowedOrigin: originOf(baseUrl),
      top: read.query.top,
      maxPages: MAX_PAGES,
      maxRows: read.maxRows,
      deadline: ctx.deadline,
      now: httpDeps(ctx).now,
      onPage: read.onPage,
      windows: !!ordered && !!count,
      batchSize: PAGE_WINDOW_BATCH_SIZE,
      skipSupport: skipSupportOf(ctx),
      stopWhenOverCap: ctx.maxRows !== undefined,
    },
  );
}
