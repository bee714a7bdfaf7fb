/**
 * Maps an HTTP outcome to the add-on's error with a plain-language message. Pure: the HTTP adapter calls it.
 */
import { AddOnError } from './errors';
import { hostOf, withoutQuery } from './url';

/** Statuses worth retrying with backoff: the server or a proxy asks us to come back later. */
export const RETRYABLE_STATUSES = [429, 502, 503, 504];

/** The message of an OData error body (v4: error.message; v2: error.message.value), if there is one. */
function odataErrorMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } } | null;
    const m = parsed && parsed.error ? parsed.error.message : undefined;
    const text = typeof m === 'string' ? m : m && typeof m === 'object' ? (m as { value?: unknown }).value : undefined;
    return typeof text === 'string' && text.trim() ? text.trim().slice(0, 300) : null;
  } catch (_notJson) {
    return null;
  }
}

/** What the server said, for messages: the OData error message, else a short plain-text body (never a web page). */
function serverText(body: string): string | null {
  const odata = odataErrorMessage(body);
  if (odata) return odata;
  const text = body.trim();
  if (!text || looksLikeHtml(text) || /^[[{<]/.test(text)) return null;
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * Some OData servers answer a query they cannot parse (an unknown column, a malformed $filter) with a 500
 * instead of a 400. Waiting does not help such a request: it is a rejected query.
 */
const QUERY_REJECTED = /\b(pars(e|ing|er)|syntax( error)?|invalid (query|filter|\$\w+|expression|property|token)|unknown (property|column|field|function)|could not find (a )?property|not a valid|malformed|unexpected (token|character|end))\b/i;

function isQueryRejection(status: number, text: string | null): boolean {
  return status >= 500 && !!text && QUERY_REJECTED.test(text);
}

export function looksLikeHtml(body: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(body);
}

export function httpStatusError(status: number, url: string, body: string): AddOnError {
  const where = withoutQuery(url);
  const details = { status, url: where };
  const serverMessage = odataErrorMessage(body);
  if (status === 401) {
    return new AddOnError(
      'AUTH',
      `TrueClicks did not accept your username and token (HTTP ${status}). In TrueClicks go to Reporting → Data Connector, create a new key, and reconnect in the add-on.`,
      details,
    );
  }
  if (status === 403) {
    return new AddOnError(
      'FORBIDDEN',
      `This data connector key has no access to this data (HTTP 403${serverMessage ? `: ${serverMessage}` : ''}). Your username and token are fine; ask a TrueClicks admin to give the key access to it, or connect with a key that has access.`,
      { ...details, serverMessage },
    );
  }
  if (status === 404) {
    return new AddOnError(
      'NOT_FOUND',
      `Nothing was found at ${where} (HTTP 404${serverMessage ? `: ${serverMessage}` : ''}). Check the dataset name, and the API base URL in the connection settings.`,
      { ...details, serverMessage },
    );
  }
  const text = serverText(body);
  if (status === 400 || isQueryRejection(status, text)) {
    const said = status === 400 ? serverMessage : text;
    return new AddOnError('BAD_REQUEST', `TrueClicks rejected the query${said ? `: ${said}` : ''}. Check the column names, filter and sort.`, details);
  }
  if (status === 429) {
    return new AddOnError('RATE_LIMITED', 'TrueClicks is limiting requests right now (HTTP 429). Wait a few minutes and try again.', details);
  }
  if (status >= 500) {
    return new AddOnError(
      'SERVER',
      `TrueClicks had a problem answering (HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}). Try again in a few minutes.`,
      details,
    );
  }
  return new AddOnError('SERVER', `TrueClicks answered with an unexpected HTTP status ${status}. Try again later.`, details);
}

export function notJsonError(url: string, body: string): AddOnError {
  const html = looksLikeHtml(body);
  return new AddOnError(
    'NOT_JSON',
    html
      ? 'TrueClicks answered with a web page (probably a login page) instead of data. Check the API base URL in the connection settings, then reconnect.'
      : 'TrueClicks answered with something that is not JSON data. Check the API base URL in the connection settings.',
    { url: withoutQuery(url) },
  );
}

/** UrlFetchApp throws for transport failures; its message says "Timeout" for time-outs. */
export function transportError(url: string, error: unknown): AddOnError {
  const text = error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
  if (/allowlist|whitelist|not allowed/i.test(text)) {
    return new AddOnError(
      'NETWORK',
      `The add-on may only call TrueClicks' own API addresses, and ${hostOf(url)} is not one of them. Check the API base URL in the connection settings.`,
      { url: withoutQuery(url) },
    );
  }
  if (/timeout|timed out/i.test(text)) {
    return new AddOnError(
      'TIMEOUT',
      'TrueClicks did not answer in time. Try again; if it keeps happening, import fewer rows with a filter or row limit.',
      { url: withoutQuery(url) },
    );
  }
  return new AddOnError('NETWORK', `Could not reach ${hostOf(url)}. Check the API base URL in the connection settings and your network.`, {
    url: withoutQuery(url),
  });
}

/** Seconds to wait from a Retry-After header (seconds or HTTP date), or null. */
export function retryAfterSeconds(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const t = Date.parse(value);
  return isNaN(t) ? null : Math.max(0, Math.ceil((t - nowMs) / 1000));
}
