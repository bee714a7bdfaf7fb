/**
 * An OData query kept as data, validated once and turned into a URL in exactly one place (`buildCollectionUrl`).
 */
import { AddOnError } from '../errors';
import { appendQuery, encodeQueryComponent, ensureEncoded, resolveUrl } from '../url';

export interface ODataQuery {
  /** Column names as the user wrote them (`Owner.Name` and `Owner/Name` both mean the nested property). */
  columns?: string[];
  filter?: string;
  orderby?: string;
  top?: number;
}

/** UrlFetchApp refuses URLs longer than about 2 KB (quotas page: "URL Fetch URL length 2 KB"). */
const MAX_URL_LENGTH = 2000;

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*([./][A-Za-z_][A-Za-z0-9_]*)*$/;

/** Accepts a comma-separated string, an array, or a 2-D range of names; returns trimmed, de-duplicated names. */
export function parseColumns(input: unknown): string[] | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const flat: unknown[] = Array.isArray(input) ? ([] as unknown[]).concat(...(input as unknown[])) : [input];
  const names: string[] = [];
  for (const item of flat) {
    if (item === undefined || item === null) continue;
    for (const part of String(item).split(',')) {
      const name = part.trim();
      if (!name) continue;
      if (!COLUMN_NAME.test(name)) {
        throw new AddOnError('BAD_INPUT', `"${name}" is not a column name. Use names such as AccountId or Owner.Name, separated by commas.`);
      }
      if (names.indexOf(name) < 0) names.push(name);
    }
  }
  return names.length ? names : undefined;
}

/** `top` must be a positive whole number; strings from the sidebar or a cell are accepted. */
export function parseTop(input: unknown): number | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const n = typeof input === 'number' ? input : Number(String(input).trim());
  if (!isFinite(n) || n < 1 || Math.floor(n) !== n) {
    throw new AddOnError('BAD_INPUT', `Row limit must be a positive whole number (got "${String(input)}").`);
  }
  return n;
}

function parseText(input: unknown, label: string): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'string') throw new AddOnError('BAD_INPUT', `${label} must be text.`);
  const text = input.trim();
  return text ? text : undefined;
}

export function parseQuery(input: { columns?: unknown; filter?: unknown; orderby?: unknown; top?: unknown }): ODataQuery {
  const query: ODataQuery = {};
  const columns = parseColumns(input.columns);
  if (columns) query.columns = columns;
  const filter = parseText(input.filter, 'Filter');
  if (filter) query.filter = filter;
  const orderby = parseText(input.orderby, 'Sort');
  if (orderby) query.orderby = orderby;
  const top = parseTop(input.top);
  if (top !== undefined) query.top = top;
  return query;
}

/** `$select` uses `/` between a complex property and its member; our column headers use `.`. */
export function toSelectPath(column: string): string {
  return column.replace(/\./g, '/');
}

/** How a service asks for the total row count alongside the first page. */
export type CountStyle = 'v4' | 'legacy';

/** Options the add-on adds to the user's query for one request: a window of rows, a count. */
export interface RequestOptions {
  /** Rows to skip (`$skip`); `top` then replaces the user's row limit for this request. */
  skip?: number;
  top?: number;
  count?: CountStyle;
}

/**
 * The user's sort with the entity key appended (or the key alone): windows fetched with `$skip` in parallel
 * only line up with one another when the order is total. Key columns the user already sorts on are not repeated.
 */
export function withKeyOrder(query: ODataQuery, key: string[]): ODataQuery {
  if (!key.length) return query;
  const used = (query.orderby || '').split(',').map((part) => part.trim().split(/\s+/)[0]);
  const added = key.filter((k) => used.indexOf(k) < 0);
  if (!added.length) return query;
  return { ...query, orderby: (query.orderby ? query.orderby + ',' : '') + added.join(',') };
}

/** The URL of a collection request: base URL + dataset path + encoded system query options. */
export function buildCollectionUrl(baseUrl: string, path: string, query: ODataQuery, request: RequestOptions = {}): string {
  const pairs: string[] = [];
  if (query.columns && query.columns.length) {
    pairs.push('$select=' + encodeQueryComponent(query.columns.map(toSelectPath).join(',')));
  }
  if (query.filter) pairs.push('$filter=' + encodeQueryComponent(query.filter));
  if (query.orderby) pairs.push('$orderby=' + encodeQueryComponent(query.orderby));
  if (request.skip !== undefined) pairs.push('$skip=' + request.skip);
  const top = request.top !== undefined ? request.top : query.top;
  if (top !== undefined) pairs.push('$top=' + top);
  if (request.count === 'v4') pairs.push('$count=true');
  if (request.count === 'legacy') pairs.push('$inlinecount=allpages');
  const url = appendQuery(ensureEncoded(resolveUrl(baseUrl, path)), pairs);
  if (url.length > MAX_URL_LENGTH) {
    throw new AddOnError('BAD_INPUT', 'The query is too long for a web request. Shorten the filter or choose fewer columns.');
  }
  return url;
}

/** `$metadata` lives at the service root, which is the base URL. */
export function metadataUrl(baseUrl: string): string {
  return resolveUrl(baseUrl, '$metadata');
}
