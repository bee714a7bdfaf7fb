/**
 * UrlFetchApp fake: real, synchronous HTTP against a loopback server that runs in a CHILD PROCESS
 * (a server in this process would deadlock — the fake blocks this thread while waiting).
 */
import * as net from 'net';
import { createGasEnvironment, GasEnvironment, LoopbackServer, startLoopbackServer } from '../../fakes';

type Any = any;

let server: LoopbackServer;
let env: GasEnvironment;
let F: Any;

beforeAll(async () => {
  server = await startLoopbackServer();
});

beforeEach(() => {
  env?.close();
  env = createGasEnvironment({ httpTimeoutMs: 500 });
  F = (env.globals as Any).UrlFetchApp;
});

afterAll(async () => {
  env?.close();
  await server.stop();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('requests', () => {
  test('GET: response, and the request as sent is recorded (headers included)', () => {
    const auth = 'Basic ' + Buffer.from('alice:secret').toString('base64');
    const res = F.fetch(`${server.url}/echo?q=1`, { headers: { Authorization: auth, Accept: 'application/json' } });
    expect(res.getResponseCode()).toBe(200);
    const echo = JSON.parse(res.getContentText());
    expect(echo).toMatchObject({ method: 'GET', url: '/echo?q=1', body: '' });
    expect(echo.headers.Authorization).toBe(auth);
    expect(echo.headers['User-Agent']).toMatch(/Google-Apps-Script/);
    expect(env.http.requests).toEqual([
      { url: `${server.url}/echo?q=1`, method: 'GET', headers: expect.objectContaining({ Authorization: auth, Accept: 'application/json' }), hop: 0, payload: undefined },
    ]);
    expect(env.http.fetchCalls).toBe(1);
  });

  test('payloads: object as a form, string with contentType; GET sends no body', () => {
    let echo = JSON.parse(F.fetch(`${server.url}/echo`, { method: 'post', payload: { a: 'x y', b: 2 } }).getContentText());
    expect(echo.body).toBe('a=x+y&b=2');
    expect(echo.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    echo = JSON.parse(F.fetch(`${server.url}/echo`, { method: 'put', contentType: 'application/json', payload: '{"k":1}' }).getContentText());
    expect([echo.method, echo.body, echo.headers['Content-Type']]).toEqual(['PUT', '{"k":1}', 'application/json']);
    echo = JSON.parse(F.fetch(`${server.url}/echo`, { payload: 'ignored' }).getContentText());
    expect(echo.body).toBe('');
    expect(() => F.fetch(`${server.url}/echo`, { method: 'head' })).toThrow('Invalid argument: method');
  });

  test.each([
    'http://127.0.0.1/a b', 'http://127.0.0.1/a"b', 'http://127.0.0.1/<b>', 'http://127.0.0.1/?q={x}', 'http://127.0.0.1/a|b',
    'http://127.0.0.1/a\\b', 'http://127.0.0.1/a^b', 'http://127.0.0.1/a`b', 'http://127.0.0.1/café', 'http://127.0.0.1/?q=100%',
    'ftp://127.0.0.1/x', 'not a url', '/relative/path',
  ])('rejects %j like Apps Script, before sending anything', (url) => {
    expect(() => F.fetch(url)).toThrow(`Invalid argument: ${url}`);
    expect(env.http.requests).toHaveLength(0);
  });

  test('accepts a correctly encoded URL; rejects one longer than 2082 characters', () => {
    expect(F.fetch(`${server.url}/echo?filter=${encodeURIComponent("name eq 'a b'")}&x=%C3%A9`).getResponseCode()).toBe(200);
    expect(() => F.fetch(`${server.url}/echo?x=${'a'.repeat(2100)}`)).toThrow('Limit Exceeded: URLFetch URL Length.');
  });
});

describe('HTTP errors', () => {
  test('status >= 400 throws with the Apps Script message unless muted', () => {
    const url = `${server.url}/status/404`;
    expect(() => F.fetch(url)).toThrow(
      `Request failed for ${server.url} returned code 404. Truncated server response: ${'E'.repeat(150)}${'F'.repeat(50)}... (use muteHttpExceptions option to examine full response)`,
    );
    const res = F.fetch(url, { muteHttpExceptions: true });
    expect(res.getResponseCode()).toBe(404);
    expect(res.getContentText()).toHaveLength(300);
    expect(() => F.fetch(`${server.url}/status/500?body=boom`)).toThrow('returned code 500. Truncated server response: boom (use');
  });

  test('timeout', () => {
    const url = `${server.url}/slow?ms=3000`;
    const t0 = Date.now();
    expect(() => F.fetch(url)).toThrow(`Timeout: ${url}`);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  test('connection refused', async () => {
    const url = `http://127.0.0.1:${await freePort()}/x`;
    expect(() => F.fetch(url)).toThrow(`Address unavailable: ${url}`);
    expect(env.http.requests).toHaveLength(1);
  });
});

describe('redirects', () => {
  test('followed by default, every hop recorded with the headers re-sent (credentials included)', () => {
    const target = `http://localhost:${server.port}/echo`;
    const res = F.fetch(`${server.url}/redirect?to=${encodeURIComponent(target)}`, { headers: { Authorization: 'Bearer t' } });
    expect(JSON.parse(res.getContentText()).url).toBe('/echo');
    expect(env.http.requests.map((r) => [r.hop, r.url, r.headers.Authorization])).toEqual([
      [0, `${server.url}/redirect?to=${encodeURIComponent(target)}`, 'Bearer t'],
      [1, target, 'Bearer t'],
    ]);
  });

  test('followRedirects: false returns the 3xx response', () => {
    const res = F.fetch(`${server.url}/redirect?to=%2Fecho&code=301`, { followRedirects: false });
    expect(res.getResponseCode()).toBe(301);
    expect(res.getHeaders().Location).toBe('/echo');
    expect(env.http.requests).toHaveLength(1);
  });

  test('a 303 after POST becomes a GET without the body', () => {
    const res = F.fetch(`${server.url}/redirect?to=%2Fecho&code=303`, { method: 'post', payload: 'x=1' });
    const echo = JSON.parse(res.getContentText());
    expect([echo.method, echo.body]).toEqual(['GET', '']);
  });
});

describe('responses', () => {
  test('header names as sent by the server; repeated headers as arrays in getAllHeaders', () => {
    const res = F.fetch(`${server.url}/headers`);
    expect(res.getHeaders()['X-Mixed-Case']).toBe('yes');
    expect(res.getHeaders()['x-mixed-case']).toBeUndefined();
    expect(res.getAllHeaders()['Set-Cookie']).toEqual(['a=1', 'b=2']);
  });

  test('bytes are signed; text honours the response charset', () => {
    const bytes = F.fetch(`${server.url}/bytes`).getContent();
    expect(bytes).toHaveLength(256);
    expect([bytes[0], bytes[127], bytes[128], bytes[255]]).toEqual([0, 127, -128, -1]);
    expect(F.fetch(`${server.url}/latin1`).getContentText()).toBe('café');
    expect(F.fetch(`${server.url}/latin1`).getBlob().getContentType()).toBe('text/plain; charset=ISO-8859-1');
  });
});

describe('fetchAll', () => {
  test('runs the requests concurrently and returns them in order', () => {
    F.fetch(`${server.url}/reset`);
    const t0 = Date.now();
    const responses = F.fetchAll([0, 1, 2, 3, 4].map((i) => `${server.url}/slow?ms=300&i=${i}`));
    const elapsed = Date.now() - t0;
    expect(responses.map((r: Any) => r.getContentText())).toEqual(['slow', 'slow', 'slow', 'slow', 'slow']);
    expect(JSON.parse(F.fetch(`${server.url}/stats`).getContentText()).maxConcurrent).toBe(5);
    expect(elapsed).toBeLessThan(1200);
    const ordered = F.fetchAll([2, 0, 1].map((i) => ({ url: `${server.url}/echo?i=${i}`, method: 'post', payload: String(i) })));
    expect(ordered.map((r: Any) => JSON.parse(r.getContentText()).body)).toEqual(['2', '0', '1']);
    expect(env.http.fetchAllCalls).toBe(2);
  });

  test('one failure throws for the whole call; an invalid URL throws before anything is sent', () => {
    expect(() => F.fetchAll([`${server.url}/echo`, `${server.url}/status/503`])).toThrow('returned code 503');
    const muted = F.fetchAll([`${server.url}/echo`, { url: `${server.url}/status/503`, muteHttpExceptions: true }]);
    expect(muted.map((r: Any) => r.getResponseCode())).toEqual([200, 503]);
    const before = env.http.requests.length;
    expect(() => F.fetchAll([`${server.url}/echo`, `${server.url}/a b`])).toThrow('Invalid argument');
    expect(env.http.requests).toHaveLength(before);
  });
});
