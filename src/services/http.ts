/**
 * HTTP over UrlFetchApp: Basic auth, muteHttpExceptions, bounded retries with backoff for 429/502/503/504
 * honouring Retry-After, redirects followed by hand (only on the same origin, so credentials never travel to
 * another host), and every failure turned into an AddOnError.
 */
import { AddOnError, isAddOnError, redactSecrets } from '../core/errors';
import { RETRYABLE_STATUSES, httpStatusError, notJsonError, retryAfterSeconds, transportError } from '../core/http-errors';
import { parseJsonPreservingBigNumbers } from '../core/odata/json';
import { ensureEncoded, originOf, resolveUrl, withoutQuery } from '../core/url';

export interface Credentials {
  username: string;
  token: string;
}

export interface HttpDeps {
  fetch: (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions) => GoogleAppsScript.URL_Fetch.HTTPResponse;
  sleep: (ms: number) => void;
  base64: (text: string) => string;
  now: () => number;
}

export interface HttpOptions {
  /** Requests (retries included) are only made to this origin. */
  allowedOrigin: string;
  /** No retry wait may end after this epoch ms. */
  deadline: number;
  maxAttempts?: number;
  /** Longest single wait we accept from Retry-After before giving up. */
  maxRetryWaitSeconds?: number;
}

const JSON_ACCEPT = 'application/json;odata.metadata=minimal;IEEE754Compatible=true, application/json;q=0.9';
const MAX_REDIRECTS = 5;

export function defaultHttpDeps(): HttpDeps {
  return {
    fetch: (url, params) => UrlFetchApp.fetch(url, params),
    sleep: (ms) => Utilities.sleep(ms),
    base64: (text) => Utilities.base64Encode(text, Utilities.Charset.UTF_8),
    now: () => Date.now(),
  };
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === lower) return String(headers[k]);
  return undefined;
}

export class HttpClient {
  private readonly authorization: string;
  private readonly secrets: string[];

  constructor(
    credentials: Credentials,
    private readonly options: HttpOptions,
    private readonly deps: HttpDeps = defaultHttpDeps(),
  ) {
    const encoded = deps.base64(`${credentials.username}:${credentials.token}`);
    this.authorization = 'Basic ' + encoded;
    this.secrets = [credentials.token, encoded];
  }

  /** GET a URL and return its body text for a 2xx answer; throws AddOnError otherwise. */
  getText(url: string, accept: string): string {
    try {
      return this.request(url, accept);
    } catch (e) {
      // Server text ends up in messages (an OData error body may echo what it was sent): mask the secrets.
      if (isAddOnError(e)) throw new AddOnError(e.code, redactSecrets(e.message, this.secrets), e.details);
      throw e;
    }
  }

  private request(url: string, accept: string): string {
    const maxAttempts = this.options.maxAttempts || 4;
    const maxWait = this.options.maxRetryWaitSeconds || 30;
    let current = ensureEncoded(url);
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      if (originOf(current) !== this.options.allowedOrigin) {
        throw new AddOnError('UNSAFE_LINK', `The add-on refused to send your credentials to ${originOf(current) || 'an unknown host'}, which is not the configured TrueClicks address.`, {
          url: withoutQuery(current),
        });
      }
      let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
      try {
        response = this.deps.fetch(current, {
          method: 'get',
          headers: { Authorization: this.authorization, Accept: accept },
          muteHttpExceptions: true,
          followRedirects: false,
        });
      } catch (e) {
        throw transportError(current, e);
      }
      const status = response.getResponseCode();
      if (status >= 200 && status < 300) return response.getContentText('UTF-8');

      const headers = response.getHeaders() as Record<string, unknown>;
      if (status >= 300 && status < 400 && header(headers, 'Location')) {
        if (++redirects > MAX_REDIRECTS) throw new AddOnError('SERVER', 'TrueClicks redirected too many times. Check the API base URL.');
        const target = ensureEncoded(resolveUrl(current, header(headers, 'Location') as string));
        if (originOf(target) !== this.options.allowedOrigin) {
          throw new AddOnError(
            'UNSAFE_LINK',
            `TrueClicks redirected to another host (${originOf(target)}). For your security the add-on did not follow it with your credentials; check the API base URL in the connection settings.`,
            { url: withoutQuery(target) },
          );
        }
        current = target;
        attempt--; // a redirect is not a failed attempt
        continue;
      }

      const body = response.getContentText('UTF-8');
      if (RETRYABLE_STATUSES.indexOf(status) >= 0 && attempt < maxAttempts) {
        const asked = retryAfterSeconds(header(headers, 'Retry-After'), this.deps.now());
        const waitMs = (asked !== null ? Math.min(asked, maxWait) : Math.pow(2, attempt - 1)) * 1000;
        if ((asked === null || asked <= maxWait) && this.deps.now() + waitMs < this.options.deadline) {
          this.deps.sleep(waitMs);
          continue;
        }
      }
      throw httpStatusError(status, current, body);
    }
  }

  getJson(url: string): unknown {
    const body = this.getText(url, JSON_ACCEPT);
    try {
      return parseJsonPreservingBigNumbers(body);
    } catch (_notJson) {
      throw notJsonError(url, body);
    }
  }
}
