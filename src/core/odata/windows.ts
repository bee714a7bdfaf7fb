/**
 * Window planning for parallel paging: once the first page says how many rows there are (`@odata.count`) and how
 * many the server sends per page, the rest of the collection is cut into `$skip`/`$top` windows of that size, which
 * can be fetched side by side and joined in order. A window can come back short (the server pages it again, or
 * silently sends fewer), over-deliver (the server ignores `$top`) or carry its own next link; `completeWindow` turns
 * each of those into exactly the window's rows, so the joined result is what sequential paging returns. Pure.
 */
import { nextPageUrl } from './paging';
import { ODataPage, readODataPage } from './response';

/** Rows [skip, skip + top) of the ordered collection. */
export interface RowWindow {
  skip: number;
  top: number;
}

/** The windows after the first page: rows [start, end) in steps of `size`, the last one possibly shorter. */
export function planWindows(start: number, end: number, size: number): RowWindow[] {
  const windows: RowWindow[] = [];
  if (!(size >= 1)) return windows;
  for (let skip = start; skip < end; skip += size) windows.push({ skip, top: Math.min(size, end - skip) });
  return windows;
}

/** How the rest of a short window is fetched: its next link, or a smaller window. */
export interface WindowIo {
  windowUrl(window: RowWindow): string;
  fetchPage(url: string): unknown;
  /** Throws when a next link leaves the configured origin. */
  checkLink(url: string): void;
}

export interface CompletedWindow {
  rows: Record<string, unknown>[];
  /** Requests beyond the window's own. */
  extraRequests: number;
  /** The collection ended inside this window (an empty answer). */
  ended: boolean;
  /** The server had rows past this window (a next link, or more rows than asked). */
  more: boolean;
}

function followUpUrl(window: RowWindow, got: number, requestUrl: string, page: ODataPage, io: WindowIo): string {
  if (!page.nextLink) return io.windowUrl({ skip: window.skip + got, top: window.top - got });
  const next = nextPageUrl(requestUrl, page.nextLink, page.contextUrl);
  io.checkLink(next);
  return next;
}

/**
 * Exactly the rows of `window`, starting from the answer to its own request: rows beyond `top` are dropped;
 * missing rows are fetched through the answer's next link, or else as a smaller window, until the window is full
 * or the server has nothing more. Every extra request must bring a row, so the loop ends.
 */
export function completeWindow(window: RowWindow, url: string, body: unknown, io: WindowIo): CompletedWindow {
  let page = readODataPage(body);
  let requestUrl = url;
  const rows = page.rows.slice(0, window.top);
  let more = page.rows.length > window.top || (rows.length === window.top && !!page.nextLink);
  let extraRequests = 0;
  while (rows.length < window.top && page.rows.length > 0 && extraRequests < window.top) {
    requestUrl = followUpUrl(window, rows.length, requestUrl, page, io);
    page = readODataPage(io.fetchPage(requestUrl));
    extraRequests++;
    const room = window.top - rows.length;
    for (let i = 0; i < page.rows.length && i < room; i++) rows.push(page.rows[i]);
    more = page.rows.length > room || (rows.length === window.top && !!page.nextLink);
  }
  return { rows, extraRequests, ended: rows.length < window.top, more };
}
