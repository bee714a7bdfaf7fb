/**
 * Server-driven paging: follows next links until the collection ends, and is always bounded — by a page cap,
 * a row cap, a deadline (Apps Script stops every run at 6 minutes) and loop detection. Stopping early is never
 * silent: the result says why it is incomplete. The page fetcher is injected, so this loop is pure.
 */
import { AddOnError } from '../errors';
import { formatCount } from '../format';
import { ensureEncoded, originOf, resolveUrl } from '../url';
import { readODataPage } from './response';

export interface PagingOptions {
  /** Only links on this origin are followed: they are the only ones that may receive the credentials. */
  allowedOrigin: string;
  /** The user's row limit: stop once reached, even if the server sends more than asked. */
  top?: number;
  maxPages: number;
  maxRows: number;
  /** Epoch ms after which no further page is requested. */
  deadline: number;
  now: () => number;
  onPage?: (pages: number, rows: number, totalRows?: number) => void;
}

type TruncationReason = 'max-pages' | 'max-rows' | 'deadline';

export interface Truncation {
  reason: TruncationReason;
  message: string;
}

export interface FetchedCollection {
  rows: Record<string, unknown>[];
  pages: number;
  truncation: Truncation | null;
}

export function nextPageUrl(requestUrl: string, nextLink: string, contextUrl: string | null): string {
  // OData v4 §4.3: relative URLs in a payload are relative to the context URL when there is one.
  const base = contextUrl ? resolveUrl(requestUrl, contextUrl) : requestUrl;
  return ensureEncoded(resolveUrl(base, nextLink));
}

/** Why rows beyond the row cap were left out. */
export function rowCapTruncation(rows: number): Truncation {
  return {
    reason: 'max-rows',
    message: `Stopped at ${formatCount(rows)} rows, the most that fits in this spreadsheet. Add a filter, choose fewer columns or set a row limit to import the rest.`,
  };
}

export function deadlineTruncation(pages: number, rows: number): Truncation {
  return {
    reason: 'deadline',
    message: `Stopped after ${pages} pages (${formatCount(rows)} rows) to stay within Google's time limit for one run. Add a filter or a row limit to import the rest.`,
  };
}

/** Next links travel with the credentials: only ever to the configured origin. */
export function assertSameOrigin(next: string, allowedOrigin: string): void {
  if (originOf(next) !== allowedOrigin) {
    throw new AddOnError(
      'UNSAFE_LINK',
      `The server sent the next page on another host (${originOf(next) || 'unknown'}). For your security the add-on did not send your TrueClicks credentials there; check the base URL in the connection settings.`,
      { origin: originOf(next) },
    );
  }
}

export function fetchAllPages(firstUrl: string, fetchPage: (url: string) => unknown, options: PagingOptions): FetchedCollection {
  const rows: Record<string, unknown>[] = [];
  const seen: Record<string, true> = {};
  let url: string | null = firstUrl;
  let pages = 0;
  let truncation: Truncation | null = null;
  const limit = options.top !== undefined ? Math.min(options.top, options.maxRows) : options.maxRows;

  while (url) {
    seen[url] = true;
    const page = readODataPage(fetchPage(url));
    pages++;
    const room = limit - rows.length;
    for (let i = 0; i < page.rows.length && i < room; i++) rows.push(page.rows[i]);
    if (options.onPage) options.onPage(pages, rows.length);

    const reachedTop = options.top !== undefined && rows.length >= options.top;
    if (reachedTop) break;
    if (page.rows.length > room) {
      truncation = rowCapTruncation(rows.length); // rows were dropped because of the row cap, not the user's limit
      break;
    }
    const next: string | null = page.nextLink ? nextPageUrl(url, page.nextLink, page.contextUrl) : null;
    if (!next) break;
    if (rows.length >= options.maxRows) {
      truncation = rowCapTruncation(rows.length);
      break;
    }
    if (pages >= options.maxPages) {
      truncation = {
        reason: 'max-pages',
        message: `Stopped after ${pages} pages (${formatCount(rows.length)} rows). Add a filter or a row limit to import the rest.`,
      };
      break;
    }
    if (options.now() >= options.deadline) {
      truncation = deadlineTruncation(pages, rows.length);
      break;
    }
    assertSameOrigin(next, options.allowedOrigin);
    if (seen[next]) {
      throw new AddOnError(
        'PAGING_LOOP',
        'The server sent the same next page twice, so the import stopped instead of looping. Nothing was changed; please try again later or contact TrueClicks support.',
      );
    }
    url = next;
  }
  return { rows, pages, truncation };
}
