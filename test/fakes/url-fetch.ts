/**
 * UrlFetchApp fake doing REAL HTTP, synchronously, like Apps Script (tooling-notes.md §4):
 * a persistent worker thread does the I/O; the calling thread blocks in Atomics.wait and reads the
 * reply with receiveMessageOnPort. Worker and port are unref()'d; env.close() terminates the worker.
 *
 * DEADLOCK TRAP: the server under test must NOT run on the thread that calls fetch (the jest worker
 * or, when jest runs in-band, the jest process). Start it in a child process (see loopback-server.ts).
 *
 * The worker uses node:http/https rather than fetch() so that it can (a) keep response header names
 * as the server sent them (Apps Script does not lower-case them), (b) honour
 * validateHttpsCertificates, (c) follow redirects itself and record every hop with the headers sent.
 * Redirects are followed up to 10 hops with ALL request headers re-sent, Authorization included, even
 * to another origin. That is pessimistic on purpose (Apps Script's behaviour is not documented): a
 * test can then see, in env.http.requests, any credential that a redirect would carry elsewhere.
 *
 * Apps Script behaviours modelled (wording [V] from widely quoted error messages, [A] assumed):
 *  - URL must be absolute http(s) without characters that need percent-encoding (space " < > { } |
 *    \ ^ ` non-ASCII, a '%' not followed by two hex digits): "Invalid argument: <url>" [V for spaces].
 *  - URL longer than 2082 characters: "Limit Exceeded: URLFetch URL Length." [A wording].
 *  - status >= 400 without muteHttpExceptions: "Request failed for <origin> returned code <n>.
 *    Truncated server response: <first 200 chars>... (use muteHttpExceptions option to examine full
 *    response)" [V shape].
 *  - connection refused: "Address unavailable: <url>" [V]; DNS failure: "DNS error: <url>" [V];
 *    timeout (options.httpTimeoutMs): "Timeout: <url>" [V shape].
 *  - payload object -> application/x-www-form-urlencoded; string/bytes/Blob sent as is; contentType
 *    default "application/x-www-form-urlencoded" when there is a payload. GET never sends a body.
 *  - `escaping` is accepted and ignored; `method` must be get/post/put/patch/delete.
 */
import { receiveMessageOnPort, MessageChannel, MessagePort, Worker } from 'worker_threads';
import { requireAuth } from './auth';
import { decodeBytes, fromBytes, GasContext, toSignedBytes } from './context';
import { FakeBlob, isBlob } from './utilities';

interface HttpRequestRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  /** 0 for the request itself, 1.. for redirect hops */
  hop: number;
}

interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  followRedirects: boolean;
  rejectUnauthorized: boolean;
  timeoutMs: number;
}

interface WireResult {
  hops: { url: string; method: string; headers: Record<string, string>; body?: Uint8Array }[];
  status?: number;
  rawHeaders?: string[];
  body?: Uint8Array;
  error?: { kind: 'timeout' | 'address' | 'dns' | 'ssl' | 'redirects' | 'other'; url: string; detail: string };
}

const WORKER_SOURCE = String.raw`
const { workerData, parentPort } = require('worker_threads');
const http = require('http');
const https = require('https');
const flag = new Int32Array(workerData.flag);
const port = workerData.port;

function send(url, method, headers, body, req, signal) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const r = mod.request(u, { method, headers, signal, rejectUnauthorized: req.rejectUnauthorized }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (body) r.end(Buffer.from(body)); else r.end();
  });
}

function classify(err, signal) {
  const code = (err && (err.code || (err.cause && err.cause.code))) || '';
  if (signal.aborted || err.name === 'AbortError' || code === 'ABORT_ERR') return 'timeout';
  if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|ECONNRESET)$/.test(code)) return 'address';
  if (/^(ENOTFOUND|EAI_AGAIN)$/.test(code)) return 'dns';
  if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) return 'ssl';
  return 'other';
}

async function one(req) {
  const hops = [];
  let url = req.url, method = req.method, body = req.body;
  const headers = Object.assign({}, req.headers);
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    for (let i = 0; i <= 10; i++) {
      hops.push({ url, method, headers: Object.assign({}, headers), body });
      const res = await send(url, method, headers, body, req, signal);
      const loc = res.rawHeaders.find((h, j) => j % 2 === 0 && h.toLowerCase() === 'location' );
      const location = loc === undefined ? undefined : res.rawHeaders[res.rawHeaders.indexOf(loc) + 1];
      if (req.followRedirects && [301, 302, 303, 307, 308].includes(res.status) && location) {
        if (i === 10) return { hops, error: { kind: 'redirects', url: req.url, detail: 'too many redirects' } };
        url = new URL(location, url).toString();
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method !== 'GET')) {
          method = 'GET';
          body = undefined;
          for (const k of Object.keys(headers)) if (/^content-(type|length)$/i.test(k)) delete headers[k];
        }
        continue;
      }
      return { hops, status: res.status, rawHeaders: res.rawHeaders, body: res.body };
    }
  } catch (err) {
    return { hops, error: { kind: classify(err, signal), url: hops.length ? hops[hops.length - 1].url : req.url, detail: String(err && err.message) } };
  }
}

parentPort.on('message', async (msg) => {
  let results;
  try { results = await Promise.all(msg.requests.map(one)); }
  catch (err) { results = msg.requests.map((r) => ({ hops: [], error: { kind: 'other', url: r.url, detail: String(err) } })); }
  port.postMessage({ id: msg.id, results });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** The synchronous bridge: one worker per environment, created on first use. */
export class HttpBridge {
  private worker?: Worker;
  private port?: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;

  run(requests: WireRequest[], timeoutMs: number): WireResult[] {
    if (!this.worker) {
      const { port1, port2 } = new MessageChannel();
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { flag: this.flag.buffer, port: port2 }, transferList: [port2] });
      this.worker.unref();
      port1.unref();
      this.port = port1;
    }
    const id = ++this.seq;
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ id, requests });
    const deadline = Date.now() + timeoutMs * 11 + 5000;
    for (;;) {
      const msg = receiveMessageOnPort(this.port as MessagePort);
      if (msg) {
        if (msg.message.id === id) return msg.message.results as WireResult[];
        continue; // a late reply to an earlier call
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('HTTP bridge: no reply from the worker thread');
      Atomics.wait(this.flag, 0, 0, Math.min(left, 200));
      Atomics.store(this.flag, 0, 0);
    }
  }

  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = undefined;
  }
}

const MAX_URL_LENGTH = 2082;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
  useIntranet?: boolean;
}

export class FakeHttpResponse {
  constructor(
    private readonly ctx: GasContext,
    private readonly status: number,
    private readonly rawHeaders: string[],
    private readonly body: Buffer,
  ) {}

  getResponseCode(): number {
    return this.status;
  }

  private charset(): string {
    const ct = this.headerValue('content-type') ?? '';
    return /charset=([^;]+)/i.exec(ct)?.[1].trim().replace(/"/g, '') ?? 'utf-8';
  }

  private headerValue(name: string): string | undefined {
    for (let i = 0; i < this.rawHeaders.length; i += 2) if (this.rawHeaders[i].toLowerCase() === name) return this.rawHeaders[i + 1];
    return undefined;
  }

  getContentText(charset?: string): string {
    return decodeBytes(this.body, charset ?? this.charset());
  }

  getContent(): number[] {
    return toSignedBytes(this.body);
  }

  /** Header names as the server sent them; a repeated header keeps its first value. */
  getHeaders(): Record<string, string> {
    const out = new this.ctx.realm.Object() as Record<string, string>;
    const seen = new Map<string, string>();
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const lower = this.rawHeaders[i].toLowerCase();
      if (seen.has(lower)) continue;
      seen.set(lower, this.rawHeaders[i]);
      out[this.rawHeaders[i]] = this.rawHeaders[i + 1];
    }
    return out;
  }

  /** Like getHeaders, but a header sent more than once becomes an array. */
  getAllHeaders(): Record<string, string | string[]> {
    const out = new this.ctx.realm.Object() as Record<string, string | string[]>;
    const names = new Map<string, string>();
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const lower = this.rawHeaders[i].toLowerCase();
      const name = names.get(lower) ?? this.rawHeaders[i];
      names.set(lower, name);
      const prev = out[name];
      const v = this.rawHeaders[i + 1];
      out[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return out;
  }

  getBlob(): FakeBlob {
    return new FakeBlob(Buffer.from(this.body), this.headerValue('content-type') ?? null);
  }

  getAs(contentType: string): FakeBlob {
    return this.getBlob().getAs(contentType);
  }
}

export interface HttpRecorder {
  requests: HttpRequestRecord[];
  fetchCalls: number;
  fetchAllCalls: number;
}

export function createUrlFetchApp(ctx: GasContext, bridge: HttpBridge, recorder: HttpRecorder) {
  const userAgent = `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${ctx.options.scriptId})`;

  function validateUrl(url: unknown): string {
    const u = String(url);
    const invalid = () => ctx.error(`Invalid argument: ${u}`);
    if (typeof url !== 'string' || /[^\x21-\x7e]|["<>{}|\\^`]/.test(u) || /%(?![0-9A-Fa-f]{2})/.test(u)) throw invalid();
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw invalid();
    }
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) throw invalid();
    if (u.length > MAX_URL_LENGTH) throw ctx.error('Limit Exceeded: URLFetch URL Length.');
    return u;
  }

  function build(url: unknown, params: FetchParams = {}): WireRequest & { mute: boolean } {
    const u = validateUrl(url);
    const method = String(params.method ?? 'get').toLowerCase();
    if (!METHODS.includes(method)) throw ctx.error(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) {
      const value = String(v);
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) || /[\r\n\0]/.test(value)) throw ctx.error(`Invalid argument: ${k}`);
      headers[k] = value;
    }
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['User-Agent'] = userAgent;
    let body: Buffer | undefined;
    let contentType = params.contentType;
    const p = params.payload;
    if (p !== undefined && p !== null && method !== 'get') {
      if (typeof p === 'string') body = Buffer.from(p, 'utf8');
      else if (Array.isArray(p)) body = fromBytes(p as number[]);
      else if (isBlob(p)) {
        body = p._buffer();
        contentType ??= p.getContentType() ?? undefined;
      } else if (typeof p === 'object') {
        body = Buffer.from(new URLSearchParams(Object.entries(p as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)])).toString());
      } else body = Buffer.from(String(p), 'utf8');
      const ctKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
      if (contentType !== undefined) {
        if (ctKey) delete headers[ctKey];
        headers['Content-Type'] = contentType;
      } else if (!ctKey) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    return {
      url: u, method: method.toUpperCase(), headers, body, mute: params.muteHttpExceptions === true,
      followRedirects: params.followRedirects !== false,
      rejectUnauthorized: params.validateHttpsCertificates !== false,
      timeoutMs: ctx.options.httpTimeoutMs,
    };
  }

  function execute(reqs: (WireRequest & { mute: boolean })[]): FakeHttpResponse[] {
    const results = bridge.run(reqs.map(({ mute: _m, ...r }) => r), ctx.options.httpTimeoutMs);
    results.forEach((res) =>
      res.hops.forEach((h, i) =>
        recorder.requests.push({
          url: h.url, method: h.method, headers: h.headers, hop: i,
          payload: h.body ? Buffer.from(h.body).toString('utf8') : undefined,
        })));
    return results.map((res, i) => {
      if (res.error) {
        const { kind, url } = res.error;
        const prefix = { timeout: 'Timeout', address: 'Address unavailable', dns: 'DNS error', ssl: 'SSL Error', redirects: 'Too many redirects', other: 'Unexpected error' }[kind];
        throw ctx.error(`${prefix}: ${url}`);
      }
      const response = new FakeHttpResponse(ctx, res.status as number, res.rawHeaders ?? [], Buffer.from(res.body ?? new Uint8Array()));
      if ((res.status as number) >= 400 && !reqs[i].mute) {
        const text = response.getContentText();
        const origin = new URL(reqs[i].url).origin;
        const truncated = text.length > 200 ? `${text.slice(0, 200)}...` : text;
        throw ctx.error(`Request failed for ${origin} returned code ${res.status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`);
      }
      return response;
    });
  }

  return {
    fetch(url: string, params?: FetchParams): FakeHttpResponse {
      requireAuth(ctx, 'urlfetch', 'UrlFetchApp.fetch');
      recorder.fetchCalls++;
      return execute([build(url, params)])[0];
    },
    fetchAll(requests: (string | (FetchParams & { url: string }))[]): FakeHttpResponse[] {
      requireAuth(ctx, 'urlfetch', 'UrlFetchApp.fetchAll');
      recorder.fetchAllCalls++;
      if (!Array.isArray(requests)) throw ctx.error(`The parameters (${typeof requests}) don't match the method signature for UrlFetchApp.fetchAll.`);
      const built = requests.map((r) => (typeof r === 'string' ? build(r) : build(r?.url, r)));
      if (built.length === 0) return ctx.realm.Array.from([]);
      return ctx.realm.Array.from(execute(built));
    },
    getRequest(url: string, params?: FetchParams): Record<string, unknown> {
      const r = build(url, params);
      return {
        url: r.url, method: r.method.toLowerCase(), headers: r.headers,
        payload: r.body ? Buffer.from(r.body).toString('utf8') : '', contentType: r.headers['Content-Type'],
        followRedirects: r.followRedirects, validateHttpsCertificates: r.rejectUnauthorized, useIntranet: false,
      };
    },
  };
}
