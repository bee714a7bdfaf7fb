/**
 * HTTP over UrlFetchApp (one request, or many in parallel with fetchAll): Basic auth, muteHttpExceptions, bounded retries with backoff for 429/502/503/504
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

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: AddOnError };

type Outcome =
  | { kind: 'ok'; body: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'retry'; waitMs: number; error: AddOnError }
  | { kind: 'error'; error: AddOnError };

export interface HttpDeps {
  fetch: (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions) => GoogleAppsScript.URL_Fetch.HTTPResponse;
  fetchAll: (requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]) => GoogleAppsScript.URL_Fetch.HTTPResponse[];
  sleep: (ms: number) => void;
  base64: (text: string) => string;
  now: () => number;
}

/**
 * A request in flight cannot be cancelled (UrlFetchApp has no time-out option), so where overrunning the
 * deadline is fatal (a custom function is killed at 30 s) a request is only started when the time left still
 * covers a pessimistic estimate of its duration: twice the slowest request of this execution so far.
 */
export class RequestTimer {
  private slowestMs = 0;

  constructor(private readonly factor = 2) {}

  record(ms: number): void {
    this.slowestMs = Math.max(this.slowestMs, ms);
  }

  estimateMs(): number {
    return this.slowestMs * this.factor;
  }
}

/** Optional observers of a client's work: for progress and cancellation. */
export interface HttpHooks {
  /** Told before sleeping for a retry (429/5xx), with the wait. */
  onRetryWait?: (waitMs: number) => void;
  /** Called before each batch of a parallel fetch with the requests done so far; may throw to stop. */
  beforeBatch?: (done: number, total: number) => void;
}

export interface HttpOptions extends HttpHooks {
  /** Requests (retries included) are only made to this origin. */
  allowedOrigin: string;
  /** No retry wait may end after this epoch ms, and no request starts after it. */
  deadline: number;
  /** When set, a request starts only if its estimated duration still fits before the deadline. */
  timer?: RequestTimer;
  maxAttempts?: number;
  /** Longest single wait we accept from Retry-After before giving up. */
  maxRetryWaitSeconds?: number;
}

const JSON_ACCEPT = 'application/json;odata.metadata=minimal;IEEE754Compatible=true, application/json;q=0.9';
const OUT_OF_TIME =
  "There was not enough time left to load this within Google's time limit. Use a filter, a row limit or fewer accounts, or import it into a tab from the TrueClicks sidebar.";
const MAX_REDIRECTS = 5;

export function defaultHttpDeps(): HttpDeps {
  return {
    fetch: (url, params) => UrlFetchApp.fetch(url, params),
    fetchAll: (requests) => UrlFetchApp.fetchAll(requests),
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
  /** Extra request headers of this client (see withHeaders). */
  private extraHeaders: Record<string, string> = {};

  constructor(
    credentials: Credentials,
    private readonly options: HttpOptions,
    private readonly deps: HttpDeps = defaultHttpDeps(),
  ) {
    const encoded = deps.base64(`${credentials.username}:${credentials.token}`);
    this.authorization = 'Basic ' + encoded;
    this.secrets = [credentials.token, encoded];
  }

  /**
   * The same client sending extra headers with every request (e.g. `Prefer: odata.maxpagesize` for OData
   * collections). Authorization and Accept cannot be overridden.
   */
  withHeaders(headers: Record<string, string>): HttpClient {
    const copy = Object.create(HttpClient.prototype) as HttpClient;
    Object.assign(copy, this);
    copy.extraHeaders = { ...this.extraHeaders, ...headers };
    return copy;
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

  /** Whether a request may still start: before the deadline, with room for its estimated duration. */
  private hasTimeFor(): boolean {
    const estimate = this.options.timer ? this.options.timer.estimateMs() : 0;
    return this.deps.now() + estimate < this.options.deadline;
  }

  private outOfTime(url: string): AddOnError {
    return new AddOnError('TIMEOUT', OUT_OF_TIME, { url: withoutQuery(url) });
  }

  private timed<T>(fn: () => T): T {
    const started = this.deps.now();
    try {
      return fn();
    } finally {
      if (this.options.timer) this.options.timer.record(this.deps.now() - started);
    }
  }

  private checkOrigin(url: string): void {
    if (originOf(url) !== this.options.allowedOrigin) {
      throw new AddOnError('UNSAFE_LINK', `The add-on refused to send your credentials to ${originOf(url) || 'an unknown host'}, which is not the configured TrueClicks address.`, {
        url: withoutQuery(url),
      });
    }
  }

  private params(accept: string): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions {
    const headers: Record<string, string> = { ...this.extraHeaders, Authorization: this.authorization, Accept: accept };
    return { method: 'get', headers, muteHttpExceptions: true, followRedirects: false };
  }

  /** What to do with one response: the same rules for single requests and for batches. */
  private judge(url: string, response: GoogleAppsScript.URL_Fetch.HTTPResponse, attempt: number): Outcome {
    const status = response.getResponseCode();
    if (status >= 200 && status < 300) return { kind: 'ok', body: response.getContentText('UTF-8') };
    const headers = response.getHeaders() as Record<string, unknown>;
    const location = header(headers, 'Location');
    if (status >= 300 && status < 400 && location) return this.redirectTo(ensureEncoded(resolveUrl(url, location)));
    const error = httpStatusError(status, url, response.getContentText('UTF-8'));
    // A rejected query (even one a server reports as 5xx) fails the same way however often it is sent.
    const retryable = RETRYABLE_STATUSES.indexOf(status) >= 0 && error.code !== 'BAD_REQUEST' && attempt < (this.options.maxAttempts || 4);
    const waitMs = retryable ? this.retryWaitMs(headers, attempt) : null;
    return waitMs !== null ? { kind: 'retry', waitMs, error } : { kind: 'error', error };
  }

  /** A redirect is followed only within the configured origin: credentials never go to another host. */
  private redirectTo(target: string): Outcome {
    if (originOf(target) === this.options.allowedOrigin) return { kind: 'redirect', url: target };
    return {
      kind: 'error',
      error: new AddOnError(
        'UNSAFE_LINK',
        `TrueClicks redirected to another host (${originOf(target)}). For your security the add-on did not follow it with your credentials; check the API base URL in the connection settings.`,
        { url: withoutQuery(target) },
      ),
    };
  }

  /** How long to wait before a retry (Retry-After, else exponential backoff), or null when it would not fit. */
  private retryWaitMs(headers: Record<string, unknown>, attempt: number): number | null {
    const maxWait = this.options.maxRetryWaitSeconds || 30;
    const asked = retryAfterSeconds(header(headers, 'Retry-After'), this.deps.now());
    if (asked !== null && asked > maxWait) return null;
    const waitMs = (asked !== null ? asked : Math.pow(2, attempt - 1)) * 1000;
    return this.deps.now() + waitMs < this.options.deadline ? waitMs : null;
  }

  private request(url: string, accept: string): string {
    let current = ensureEncoded(url);
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      this.checkOrigin(current);
      if (this.options.timer && !this.hasTimeFor()) throw this.outOfTime(current);
      let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
      try {
        response = this.timed(() => this.deps.fetch(current, this.params(accept)));
      } catch (e) {
        throw transportError(current, e);
      }
      const outcome = this.judge(current, response, attempt);
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'error') throw outcome.error;
      if (outcome.kind === 'redirect') {
        if (++redirects > MAX_REDIRECTS) throw new AddOnError('SERVER', 'TrueClicks redirected too many times. Check the API base URL.');
        current = outcome.url;
        attempt--; // a redirect is not a failed attempt
      } else {
        if (this.options.onRetryWait) this.options.onRetryWait(outcome.waitMs);
        this.deps.sleep(outcome.waitMs);
      }
    }
  }

  /**
   * GET many URLs in parallel (UrlFetchApp.fetchAll) in batches of `batchSize`, with the same retry and error
   * rules as single requests: retryable failures are retried together after the longest wait any of them
   * asked for. Returns one result per URL, in order; never throws for a single URL's failure.
   */
  getJsonAll(urls: string[], batchSize: number): JsonResult[] {
    const results: JsonResult[] = new Array(urls.length);
    const encoded = urls.map((u) => ensureEncoded(u));
    encoded.forEach((u) => this.checkOrigin(u));
    let pending = encoded.map((_, i) => i);
    for (let attempt = 1; pending.length; attempt++) {
      const retry: number[] = [];
      let waitMs = 0;
      for (let start = 0; start < pending.length; start += batchSize) {
        const batch = pending.slice(start, start + batchSize);
        if (this.options.beforeBatch) this.options.beforeBatch(urls.length - pending.length + start, urls.length);
        if (!this.hasTimeFor()) {
          // Out of time (a cell formula has 30 s): do not start another batch; say so for each one left.
          for (const i of pending.slice(start)) results[i] = { ok: false, error: this.outOfTime(encoded[i]) };
          retry.length = 0;
          break;
        }
        let responses: GoogleAppsScript.URL_Fetch.HTTPResponse[] | null = null;
        try {
          responses = this.timed(() => this.deps.fetchAll(batch.map((i) => ({ url: encoded[i], ...this.params(JSON_ACCEPT) }))));
        } catch (_oneFailed) {
          responses = null; // fetchAll throws when any request fails at transport level: redo them one by one
        }
        batch.forEach((i, k) => {
          if (!responses) {
            // One by one, but never past the deadline: each URL left gets the same "out of time" answer.
            results[i] = this.hasTimeFor() ? this.settle(() => this.getJson(encoded[i])) : { ok: false, error: this.outOfTime(encoded[i]) };
            return;
          }
          const outcome = this.judge(encoded[i], responses[k], attempt);
          if (outcome.kind === 'retry') {
            retry.push(i);
            waitMs = Math.max(waitMs, outcome.waitMs);
            results[i] = { ok: false, error: this.redacted(outcome.error) };
          } else if (outcome.kind === 'redirect') {
            results[i] = this.settle(() => this.getJson(outcome.url));
          } else if (outcome.kind === 'error') {
            results[i] = { ok: false, error: this.redacted(outcome.error) };
          } else {
            results[i] = this.settle(() => this.parseJson(encoded[i], outcome.body));
          }
        });
      }
      if (!retry.length || this.deps.now() + waitMs >= this.options.deadline) break;
      if (this.options.onRetryWait) this.options.onRetryWait(waitMs);
      this.deps.sleep(waitMs);
      pending = retry;
    }
    return results;
  }

  private redacted(error: AddOnError): AddOnError {
    return new AddOnError(error.code, redactSecrets(error.message, this.secrets), error.details);
  }

  private settle(fn: () => unknown): JsonResult {
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      if (isAddOnError(e)) return { ok: false, error: this.redacted(e) };
      throw e;
    }
  }

  private parseJson(url: string, body: string): unknown {
    try {
      return parseJsonPreservingBigNumbers(body);
    } catch (_notJson) {
      throw notJsonError(url, body);
    }
  }

  getJson(url: string): unknown {
    const body = this.getText(url, JSON_ACCEPT);
    try {
      return this.parseJson(url, body);
    } catch (e) {
      throw isAddOnError(e) ? this.redacted(e) : e;
    }
  }
}
