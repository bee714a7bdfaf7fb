/**
 * Validation of what the user types into the connection form. Pure.
 */
import { DEFAULT_BASE_URL } from './catalogue';
import { AddOnError } from './errors';
import { isAbsoluteUrl, isLoopbackUrl, parseUrl } from './url';

export interface ConnectionInput {
  username?: unknown;
  token?: unknown;
  baseUrl?: unknown;
}

export interface ValidConnection {
  username: string;
  /** Empty when the user left it blank to keep the stored token. */
  token: string;
  baseUrl: string;
}

/** Checks the base URL and normalises it to a service root ending in "/" (paths resolve below it). */
export function normaliseBaseUrl(input: unknown): string {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return DEFAULT_BASE_URL;
  if (!isAbsoluteUrl(text)) throw new AddOnError('BAD_INPUT', 'The API base URL must be a full address starting with https://.');
  const p = parseUrl(text);
  if (p.scheme !== 'https' && !(p.scheme === 'http' && isLoopbackUrl(text))) {
    throw new AddOnError('BAD_INPUT', 'The API base URL must start with https:// (plain http is allowed only for localhost, for the local sandbox).');
  }
  if (p.authority.indexOf('@') >= 0) throw new AddOnError('BAD_INPUT', 'Put the username and token in their own fields, not in the base URL.');
  if (!p.authority) throw new AddOnError('BAD_INPUT', 'The API base URL has no host name.');
  if (p.query !== null || p.fragment !== null) throw new AddOnError('BAD_INPUT', 'The API base URL must not contain "?" or "#".');
  const path = p.path.endsWith('/') ? p.path : p.path + '/';
  return `${p.scheme}://${p.authority}${path}`;
}

export function validateConnectionInput(input: ConnectionInput): ValidConnection {
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const token = typeof input.token === 'string' ? input.token.trim() : '';
  if (!username) throw new AddOnError('BAD_INPUT', 'Enter the data connector username from TrueClicks (Reporting → Data Connector).');
  if (username.length > 200 || /[:\s]/.test(username)) {
    throw new AddOnError('BAD_INPUT', 'The username cannot contain spaces or ":". Copy it exactly as TrueClicks shows it.');
  }
  if (token.length > 2000) throw new AddOnError('BAD_INPUT', 'That token is far longer than a TrueClicks token. Copy it exactly as TrueClicks shows it.');
  if (/\s/.test(token)) throw new AddOnError('BAD_INPUT', 'The token cannot contain spaces. Copy it exactly as TrueClicks shows it.');
  return { username, token, baseUrl: normaliseBaseUrl(input.baseUrl) };
}
