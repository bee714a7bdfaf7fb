/**
 * Reads a whole OData collection: in parallel `$skip`/`$top` windows when the service counts and honours `$skip`,
 * else by following next links (paging.ts). Both give the same rows in the same order: the caller orders the
 * query by the entity key, and window answers are completed and trimmed to their window (windows.ts).
 * The first page asks for the count; whether `$skip` works is probed once per service (one `$skip=1&$top=1`
 * request compared with the first page's second row) and remembered for the run. Pure: I/O is injected.
 */
import { isAddOnError } from '../errors';
import { FetchedCollection, PagingOptions, Truncation, assertSameOrigin, deadlineTruncation, fetchAllPages, nextPageUrl, rowCapTruncation } from './paging';
import { ODataPage, readODataPage } from './response';
import { RowWindow, WindowIo, completeWindow, planWindows } from './windows';

export type BatchResult = { ok: true; value: unknown } | { ok: false; error: Error };

export interface CollectionSource {
  /** The first page's URL (with a count request) for `null`, else the URL of one window. */
  url(window: RowWindow | null): string;
  fetchPage(url: string): unknown;
  /** Several URLs at once (UrlFetchApp.fetchAll), one result per URL, in order. */
  fetchBatch(urls: string[]): BatchResult[];
}

export interface CollectionOptions extends PagingOptions {
  /** Windows keep the order only when the query is ordered by the key: the caller says whether it is. */
  windows: boolean;
  /** Windows per fetchAll call. */
  batchSize: number;
  /** Whether this service honours `$skip`, once known; shared by the run's imports from one service. */
  skipSupport: { known?: boolean };
  /** Stop after the first page when the count is already over the row cap (formulas fail at once). */
  stopWhenOverCap?: boolean;
}

export interface ReadCollection extends FetchedCollection {
  /** `@odata.count` of the first page, when the server sent one. */
  totalRows: number | null;
  parallel: boolean;
}

/** Statuses that mean "this server does not do `$skip`", as opposed to trouble that fails any request. */
function refusesSkip(error: unknown): boolean {
  if (!isAddOnError(error)) return false;
  const status = error.details.status;
  if (typeof status === 'number') return status >= 400 && status < 500 && [401, 403, 408, 429].indexOf(status) < 0;
  return error.code === 'BAD_RESPONSE' || error.code === 'NOT_JSON';
}

/** Whether `$skip` works, asked with `$skip=1&$top=1` and compared with the first page's second row. */
function probeSkip(source: CollectionSource, first: ODataPage): boolean {
  try {
    const rows = readODataPage(source.fetchPage(source.url({ skip: 1, top: 1 }))).rows;
    return rows.length >= 1 && JSON.stringify(rows[0]) === JSON.stringify(first.rows[1]);
  } catch (e) {
    if (refusesSkip(e)) return false;
    throw e;
  }
}

/** True when the row cap, not the user's own row limit, decides where the rows stop. */
function capBinds(options: PagingOptions): boolean {
  return options.top === undefined || options.top > options.maxRows;
}

function limitOf(options: PagingOptions): number {
  return options.top !== undefined ? Math.min(options.top, options.maxRows) : options.maxRows;
}

/** Sequential paging from an already fetched first page (it is handed back instead of fetched again). */
function sequential(firstUrl: string, firstBody: unknown, source: CollectionSource, options: CollectionOptions, totalRows: number | null): ReadCollection {
  let replayed = false;
  const fetchPage = (url: string) => {
    if (!replayed && url === firstUrl) {
      replayed = true;
      return firstBody;
    }
    return source.fetchPage(url);
  };
  const onPage = options.onPage;
  const withTotal = { ...options, onPage: onPage ? (pages: number, rows: number) => onPage(pages, rows, totalRows === null ? undefined : totalRows) : undefined };
  return { ...fetchAllPages(firstUrl, fetchPage, withTotal), totalRows, parallel: false };
}

interface WindowRun {
  rows: Record<string, unknown>[];
  pages: number;
  ended: boolean;
  more: boolean;
}

function windowIo(source: CollectionSource, options: CollectionOptions): WindowIo {
  return { windowUrl: (w) => source.url(w), fetchPage: (u) => source.fetchPage(u), checkLink: (u) => assertSameOrigin(u, options.allowedOrigin) };
}

/** Fetches planned windows batch by batch, in order; one failing window fails the whole read. */
function fetchWindows(plan: RowWindow[], source: CollectionSource, options: CollectionOptions, run: WindowRun, totalRows: number): Truncation | null {
  const io = windowIo(source, options);
  for (let start = 0; start < plan.length && !run.ended; start += options.batchSize) {
    if (options.now() >= options.deadline) return deadlineTruncation(run.pages, run.rows.length);
    const batch = plan.slice(start, start + options.batchSize);
    const urls = batch.map((w) => source.url(w));
    const results = source.fetchBatch(urls);
    batch.forEach((w, i) => {
      const result = results[i];
      if (!result.ok) throw result.error;
      if (run.ended) return; // the collection ended in an earlier window: later ones can only be empty
      const done = completeWindow(w, urls[i], result.value, io);
      for (let r = 0; r < done.rows.length; r++) run.rows.push(done.rows[r]);
      run.pages += 1 + done.extraRequests;
      run.ended = done.ended;
      run.more = done.more;
    });
    if (options.onPage) options.onPage(run.pages, run.rows.length, totalRows);
  }
  return null;
}

/** The count was low (rows were added meanwhile): go on one window at a time until the server runs out. */
function fetchTail(size: number, limit: number, source: CollectionSource, options: CollectionOptions, run: WindowRun): Truncation | null {
  const io = windowIo(source, options);
  while (run.more && !run.ended && run.rows.length < limit) {
    if (options.now() >= options.deadline) return deadlineTruncation(run.pages, run.rows.length);
    const w = { skip: run.rows.length, top: Math.min(size, limit - run.rows.length) };
    const url = source.url(w);
    const done = completeWindow(w, url, source.fetchPage(url), io);
    for (let r = 0; r < done.rows.length; r++) run.rows.push(done.rows[r]);
    run.pages += 1 + done.extraRequests;
    run.ended = done.ended;
    run.more = done.more;
  }
  return null;
}

function windowed(first: ODataPage, totalRows: number, source: CollectionSource, options: CollectionOptions): ReadCollection {
  const limit = limitOf(options);
  const size = first.rows.length;
  const run: WindowRun = { rows: first.rows.slice(), pages: 1, ended: false, more: true };
  if (options.onPage) options.onPage(1, run.rows.length, totalRows);
  let truncation = fetchWindows(planWindows(size, Math.min(totalRows, limit), size), source, options, run, totalRows);
  if (!truncation) truncation = fetchTail(size, limit, source, options, run);
  const cutByCap = run.rows.length >= options.maxRows && capBinds(options) && (totalRows > run.rows.length || run.more);
  if (!truncation && cutByCap) truncation = rowCapTruncation(run.rows.length);
  return { rows: run.rows, pages: run.pages, truncation, totalRows, parallel: true };
}

/** Windows are worth it when the query is ordered, the server counted, and rows are left after a non-empty page. */
function windowsApply(first: ODataPage, options: CollectionOptions): boolean {
  if (!options.windows || first.count === null || !first.nextLink || first.rows.length === 0) return false;
  return first.rows.length < Math.min(first.count, limitOf(options));
}

export function readCollection(source: CollectionSource, options: CollectionOptions): ReadCollection {
  const firstUrl = source.url(null);
  const firstBody = source.fetchPage(firstUrl);
  const first = readODataPage(firstBody);
  const totalRows = first.count;
  if (options.stopWhenOverCap && totalRows !== null && totalRows > options.maxRows && capBinds(options)) {
    return { rows: first.rows.slice(0, options.maxRows), pages: 1, truncation: rowCapTruncation(options.maxRows), totalRows, parallel: false };
  }
  if (!windowsApply(first, options)) return sequential(firstUrl, firstBody, source, options, totalRows);
  // Sequential paging would refuse a next link to another host; windows refuse it too, so both paths agree.
  assertSameOrigin(nextPageUrl(firstUrl, first.nextLink as string, first.contextUrl), options.allowedOrigin);
  // A first page of one row (a page size of 1) cannot tell; such a read pages by next links and decides nothing.
  if (first.rows.length < 2) return sequential(firstUrl, firstBody, source, options, totalRows);
  if (options.skipSupport.known === undefined) options.skipSupport.known = probeSkip(source, first);
  if (!options.skipSupport.known) return sequential(firstUrl, firstBody, source, options, totalRows);
  return windowed(first, totalRows as number, source, options);
}
