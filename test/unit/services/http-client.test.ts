/**
 * The HTTP adapter with scripted responses (no network): retries, Retry-After, redirects, error mapping and
 * secrecy. Real HTTP against the sandbox is covered by the integration tests.
 */
import { HttpClient, HttpDeps, RequestTimer } from '../../../src/services/http';

interface Scripted {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  throws?: string;
}

const ORIGIN = 'https://api.trueclicks.com';
const URL = `${ORIGIN}/odata/Accounts`;
const TOKEN = 'tok-SECRET-123';

/** `costMs`: how long each request takes on the simulated clock; `timer`: the formula path's start guard. */
function client(script: Scripted[], deadline = Infinity, opts: { costMs?: number; timer?: RequestTimer; fetchAllThrows?: boolean } = {}) {
  const calls: Array<{ url: string; params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions }> = [];
  const batches: string[][] = [];
  const sleeps: number[] = [];
  let now = 0;
  const ended: number[] = [];
  const respond = (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions) => {
    calls.push({ url, params });
    now += opts.costMs || 0;
    ended.push(now);
    const next = script.shift();
    if (!next) throw new Error('no more scripted responses');
    if (next.throws) throw new Error(next.throws);
    return {
      getResponseCode: () => next.status,
      getContentText: () => next.body || '',
      getHeaders: () => next.headers || {},
    } as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
  };
  const deps: HttpDeps = {
    fetch: respond,
    fetchAll: (requests) => {
      batches.push(requests.map((r) => r.url));
      if (opts.fetchAllThrows) throw new Error('Address unavailable: one of the requests failed');
      return requests.map((r) => respond(r.url, r));
    },
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    base64: (t) => Buffer.from(t, 'utf8').toString('base64'),
    now: () => now,
  };
  return { http: new HttpClient({ username: 'agency', token: TOKEN }, { allowedOrigin: ORIGIN, deadline, timer: opts.timer }, deps), calls, sleeps, batches, ended };
}

describe('HttpClient', () => {
  it('sends Basic auth, mutes HTTP exceptions and does not let UrlFetchApp follow redirects', () => {
    const { http, calls } = client([{ status: 200, body: '{"value":[]}' }]);
    expect(http.getJson(URL)).toEqual({ value: [] });
    expect(calls[0].params.headers).toMatchObject({ Authorization: 'Basic ' + Buffer.from(`agency:${TOKEN}`).toString('base64') });
    expect(calls[0].params.muteHttpExceptions).toBe(true);
    expect(calls[0].params.followRedirects).toBe(false);
  });
  it('withHeaders sends extra headers on single and parallel requests, never in place of the credentials', () => {
    const { http, calls } = client([{ status: 200, body: '{"value":[]}' }, { status: 200, body: '{"value":[]}' }, { status: 200, body: '{"value":[]}' }]);
    const paged = http.withHeaders({ Prefer: 'odata.maxpagesize=1000', Authorization: 'Basic forged' });
    paged.getJson(URL);
    paged.getJsonAll([URL], 1);
    http.getJson(URL);
    const auth = 'Basic ' + Buffer.from(`agency:${TOKEN}`).toString('base64');
    expect(calls.map((c) => (c.params.headers as Record<string, string>).Prefer)).toEqual(['odata.maxpagesize=1000', 'odata.maxpagesize=1000', undefined]);
    expect(calls.every((c) => (c.params.headers as Record<string, string>).Authorization === auth)).toBe(true);
  });
  it('retries 429/502/503/504 with backoff, honouring Retry-After', () => {
    const { http, sleeps, calls } = client([
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 503 },
      { status: 502 },
      { status: 200, body: '{"value":[1]}' },
    ]);
    expect(http.getJson(URL)).toEqual({ value: [1] });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([3000, 2000, 4000]);
  });
  it('gives up after the attempt limit with a plain message', () => {
    const { http, calls } = client([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    expect(() => http.getJson(URL)).toThrow(/problem answering \(HTTP 503\)/);
    expect(calls).toHaveLength(4);
  });
  it('does not wait past the deadline or for an unreasonable Retry-After', () => {
    expect(() => client([{ status: 429, headers: { 'Retry-After': '3600' } }]).http.getJson(URL)).toThrow(/limiting requests/);
    const late = client([{ status: 503 }], 500);
    expect(() => late.http.getJson(URL)).toThrow(/HTTP 503/);
    expect(late.sleeps).toEqual([]);
  });
  it.each([
    [401, /did not accept your username and token \(HTTP 401\)/],
    [403, /HTTP 403/],
    [404, /Nothing was found at https:\/\/api\.trueclicks\.com\/odata\/Accounts \(HTTP 404(: [^)]*)?\)/],
    [500, /HTTP 500/],
  ])('maps HTTP %i', (status, message) => {
    expect(() => client([{ status, body: 'x' }]).http.getJson(URL)).toThrow(message);
  });
  it('shows the OData error message of a 400 (v4 and v2 shapes)', () => {
    expect(() => client([{ status: 400, body: '{"error":{"code":"400","message":"Property Foo not found"}}' }]).http.getJson(URL)).toThrow(
      /rejected the query: Property Foo not found/,
    );
    expect(() => client([{ status: 400, body: '{"error":{"code":"1","message":{"lang":"en","value":"Bad filter"}}}' }]).http.getJson(URL)).toThrow(/Bad filter/);
  });
  it('never puts the token in a message, even when the server echoes it', () => {
    const { http } = client([{ status: 400, body: `{"error":{"message":"token ${TOKEN} is not valid"}}` }]);
    try {
      http.getJson(URL);
      throw new Error('expected a failure');
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(TOKEN);
      expect(String((e as Error).message)).toContain('•••');
    }
  });
  it('reports an HTML login page as such', () => {
    expect(() => client([{ status: 200, body: '<!DOCTYPE html><html><body>Sign in</body></html>' }]).http.getJson(URL)).toThrow(/web page \(probably a login page\)/);
  });
  it('explains a host outside the manifest allowlist', () => {
    expect(() => client([{ status: 0, throws: 'Exception: https://evil.example/ is not allowed by the URL allowlist' }]).http.getJson(URL)).toThrow(
      /may only call TrueClicks' own API addresses, and api\.trueclicks\.com is not one of them/,
    );
  });
  it('maps transport failures', () => {
    expect(() => client([{ status: 0, throws: `Timeout: ${URL}` }]).http.getJson(URL)).toThrow(/did not answer in time/);
    expect(() => client([{ status: 0, throws: 'Address unavailable' }]).http.getJson(URL)).toThrow(/Could not reach api\.trueclicks\.com/);
  });
  it('follows a same-origin redirect with credentials, refuses another origin', () => {
    const ok = client([{ status: 302, headers: { Location: '/odata/v2/Accounts' } }, { status: 200, body: '{"value":[]}' }]);
    ok.http.getJson(URL);
    expect(ok.calls[1].url).toBe(`${ORIGIN}/odata/v2/Accounts`);
    const evil = client([{ status: 302, headers: { Location: 'https://evil.example/steal' } }]);
    expect(() => evil.http.getJson(URL)).toThrow(/redirected to another host \(https:\/\/evil\.example\)/);
    expect(evil.calls).toHaveLength(1);
  });
  it('refuses to send credentials to a URL outside the allowed origin', () => {
    const c = client([]);
    expect(() => c.http.getJson('https://other.example/odata/Accounts')).toThrow(/refused to send your credentials/);
    expect(c.calls).toHaveLength(0);
  });
});

describe('HttpClient.getJsonAll (UrlFetchApp.fetchAll in batches)', () => {
  const urls = [1, 2, 3, 4, 5].map((i) => `${URL}?id=${i}`);
  it('fetches in batches and returns results in order', () => {
    const c = client([1, 2, 3, 4, 5].map((i) => ({ status: 200, body: `{"n":${i}}` })));
    expect(c.http.getJsonAll(urls, 2)).toEqual([1, 2, 3, 4, 5].map((n) => ({ ok: true, value: { n } })));
    expect(c.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(c.calls.every((call) => call.params.muteHttpExceptions === true && call.params.followRedirects === false)).toBe(true);
  });
  it('retries only the retryable failures, together, after the longest Retry-After', () => {
    const c = client([
      { status: 200, body: '{"n":1}' },
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 503, headers: { 'Retry-After': '5' } },
      { status: 404, body: 'nope' },
      { status: 200, body: '{"n":5}' },
      { status: 200, body: '{"n":2}' },
      { status: 200, body: '{"n":3}' },
    ]);
    const results = c.http.getJsonAll(urls, 5);
    expect(c.sleeps).toEqual([5000]);
    expect(c.batches).toEqual([urls, [urls[1], urls[2]]]);
    expect(results.map((r) => (r.ok ? r.value : r.error.code))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, 'NOT_FOUND', { n: 5 }]);
  });
  it('reports what still fails after the last attempt, with secrets masked', () => {
    const c = client(Array.from({ length: 4 }, () => ({ status: 503, body: `{"error":{"message":"bad ${TOKEN}"}}` })));
    const [result] = c.http.getJsonAll([urls[0]], 5);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/HTTP 503/);
    expect(!result.ok && result.error.message).not.toContain(TOKEN);
    expect(c.sleeps).toEqual([1000, 2000, 4000]);
  });
  it('starts no new batch once the deadline has passed, and says so for each URL left', () => {
    let now = 0;
    const batches: number[] = [];
    const ok = { getResponseCode: () => 200, getContentText: () => '{"n":1}', getHeaders: () => ({}) } as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
    const deps: HttpDeps = {
      fetch: () => ok,
      fetchAll: (requests) => {
        batches.push(requests.length);
        now += 1000; // each batch takes a second
        return requests.map(() => ok);
      },
      sleep: () => undefined,
      base64: (t) => Buffer.from(t).toString('base64'),
      now: () => now,
    };
    const http = new HttpClient({ username: 'agency', token: TOKEN }, { allowedOrigin: ORIGIN, deadline: 1500 }, deps);
    const results = http.getJsonAll(urls, 2);
    expect(batches).toEqual([2, 2]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'TIMEOUT']);
  });
  it('refuses every URL outside the allowed origin before sending anything', () => {
    const c = client([]);
    expect(() => c.http.getJsonAll(['https://evil.example/x'], 5)).toThrow(/refused to send your credentials/);
    expect(c.calls).toHaveLength(0);
  });

  it('the one-by-one fallback after a failed fetchAll stops at the deadline like every other path', () => {
    const ok = { status: 200, body: '{"value":[]}' };
    const { http, calls } = client([ok, ok, ok, ok, ok], 25000, { costMs: 10000, fetchAllThrows: true });
    const urls = [1, 2, 3, 4, 5].map((n) => `${URL}?n=${n}`);
    const results = http.getJsonAll(urls, 5);
    // Requests start at 0, 10 s and 20 s; at 30 s the deadline (25 s) has passed: no more are started.
    expect(calls).toHaveLength(3);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'ok', 'TIMEOUT', 'TIMEOUT']);
    expect(results[4].ok ? '' : results[4].error.message).toMatch(/not enough time left/);
  });
  it('with a request timer, starts a request only when twice the slowest one so far still fits before the deadline', () => {
    const ok = { status: 200, body: '{"value":[]}' };
    const { http, ended } = client([ok, ok, ok, ok], 22000, { costMs: 8000, timer: new RequestTimer() });
    const results: string[] = [];
    for (let n = 0; n < 4; n++) {
      try {
        http.getJson(`${URL}?page=${n}`);
        results.push('ok');
      } catch (e) {
        results.push((e as { code: string }).code);
      }
    }
    // 0–8 s, then 8 s + 2 × 8 s = 24 s > 22 s: the second request is not started.
    expect(results).toEqual(['ok', 'TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
    expect(Math.max(...ended)).toBeLessThanOrEqual(22000);
  });
  it('without a timer (the 6-minute run keeps its own budget) only the deadline itself stops a request', () => {
    const ok = { status: 200, body: '{"value":[]}' };
    const { http, calls } = client([ok, ok], 22000, { costMs: 8000 });
    http.getJson(URL);
    http.getJson(URL);
    expect(calls).toHaveLength(2);
  });
});
