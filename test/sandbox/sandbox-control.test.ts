/**
 * Fault injection, live config, request log, determinism and CLI behaviour of the sandbox API.
 *
 * These tests change faults/config, so they use a PRIVATE sandbox (its own child process) and reset it
 * after every test: other test files run in parallel against the shared sandbox from global-setup.js.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { basicAuth, sharedSandbox, startPrivateSandbox, PrivateSandbox } from '../support/sandbox';

type Json = any;
const json = (res: Response): Promise<Json> => res.json() as Promise<Json>;

let sb: PrivateSandbox;

beforeAll(async () => {
  sb = await startPrivateSandbox();
});
afterEach(async () => {
  await sb.control.reset();
});
afterAll(async () => {
  await sb.stop();
});

const get = (p: string, init: RequestInit = {}): Promise<Response> =>
  fetch(p.startsWith('http') ? p : `${sb.url}${p}`, { ...init, headers: { authorization: sb.authHeader, ...((init.headers as Record<string, string>) || {}) } });

async function walkLinks(start: string): Promise<{ rows: Json[]; links: string[] }> {
  let url: string | undefined = `${sb.url}${start}`;
  const rows: Json[] = [];
  const links: string[] = [];
  while (url) {
    const res = await get(url);
    expect(res.status).toBe(200);
    const body = await json(res);
    rows.push(...body.value);
    const link: string | undefined = body['@odata.nextLink'];
    if (link) links.push(link);
    url = link ? new URL(link, url).toString() : undefined;
  }
  return { rows, links };
}

describe('config', () => {
  test('relative next links (SAP CAP style) resolve against the request URL', async () => {
    await sb.control.config({ nextLinkStyle: 'relative' });
    const { rows, links } = await walkLinks('/odata/Accounts?$select=AccountId');
    expect(links[0]).toBe('Accounts?$skiptoken=50&$select=AccountId');
    expect(new Set(rows.map((r) => r.AccountId)).size).toBe(rows.length);
    expect(rows).toHaveLength((await sb.control.info()).counts.Accounts);
    const v3 = await json(await get('/odata-v3/Users'));
    expect(v3['odata.nextLink']).toBe('Users?$skiptoken=50');
    const v2 = await json(await get('/odata-v2/Users'));
    expect(v2.d.__next).toBe('Users?$skiptoken=50');
  });

  test('nextLinkOrigin rewrites the origin of absolute links', async () => {
    await sb.control.config({ nextLinkOrigin: 'http://127.0.0.2:9999' });
    const body = await json(await get('/odata/Tasks'));
    expect(body['@odata.nextLink']).toBe('http://127.0.0.2:9999/odata/Tasks?$skiptoken=50');
  });

  test('pageSize is live; reset restores the default', async () => {
    await sb.control.config({ pageSize: 20 });
    expect((await sb.control.info()).pageSize).toBe(20);
    const body = await json(await get('/odata/Accounts'));
    expect(body.value).toHaveLength(20);
    expect(body['@odata.nextLink']).toMatch(/\$skiptoken=20$/);
    await sb.control.reset();
    expect((await json(await get('/odata/Accounts'))).value).toHaveLength(50);
  });

  test('checkTableShape value / data', async () => {
    const q = '/odata/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms';
    const arr = await json(await get(q));
    await sb.control.config({ checkTableShape: 'value' });
    expect(await json(await get(q))).toEqual({ value: arr });
    await sb.control.config({ checkTableShape: 'data' });
    expect(await json(await get(q))).toEqual({ data: arr });
  });

  test('ignoreIeee754 always writes raw numbers', async () => {
    await sb.control.config({ ignoreIeee754: true });
    const res = await get('/odata/Accounts(1002)', { headers: { accept: 'application/json;IEEE754Compatible=true' } });
    expect(res.headers.get('content-type')).toContain('IEEE754Compatible=false');
    expect(await res.text()).toContain('"LifetimeImpressions":9007199254740993');
  });

  test('latencyMs delays every response', async () => {
    await sb.control.config({ latencyMs: 300 });
    const t0 = Date.now();
    expect((await get('/odata/Accounts?$top=1')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  test('invalid config and faults are rejected with 400', async () => {
    await expect(sb.control.config({ pageSize: 0 })).rejects.toThrow(/400/);
    await expect(sb.control.config({ nope: 1 } as Json)).rejects.toThrow(/unknown config field/);
    await expect(sb.control.faults([{ status: 500 } as Json])).rejects.toThrow(/match/);
  });
});

describe('faults', () => {
  test('status + retryAfter + times', async () => {
    await sb.control.faults([{ match: 'Accounts', status: 503, retryAfter: 7, times: 2 }]);
    for (let i = 0; i < 2; i++) {
      const res = await get('/odata/Accounts');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect((await json(res)).error.code).toBe('503');
    }
    expect((await get('/odata/Accounts')).status).toBe(200);
    expect((await get('/odata/Users')).status).toBe(200);
  });

  test.each([401, 403, 404, 429, 500, 502, 504])('status %i gives an OData JSON error (V2 shape on /odata-v2/)', async (status) => {
    await sb.control.faults([{ match: 'Checks', status }]);
    const v4 = await get('/odata/Checks');
    expect(v4.status).toBe(status);
    expect((await json(v4)).error.code).toBe(String(status));
    if (status === 401) expect(v4.headers.get('www-authenticate')).toContain('Basic');
    const v2 = await get('/odata-v2/Checks');
    expect(v2.status).toBe(status);
    expect((await json(v2)).error.message.lang).toBe('en');
  });

  test('retryAfter alone answers 429', async () => {
    await sb.control.faults([{ match: 'Users', retryAfter: 2, times: 1 }]);
    const res = await get('/odata/Users');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });

  test('html login page (200 by default, or the given status)', async () => {
    await sb.control.faults([{ match: 'Accounts', body: 'html', times: 1 }, { match: 'Users', body: 'html', status: 401, times: 1 }]);
    const res = await get('/odata/Accounts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/<!DOCTYPE html>[\s\S]*password/);
    expect((await get('/odata/Users')).status).toBe(401);
  });

  test('garbage: 200 with truncated JSON', async () => {
    await sb.control.faults([{ match: 'Tasks', body: 'garbage', times: 1 }]);
    const res = await get('/odata/Tasks');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text.startsWith('{"@odata.context"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  test('a literal body string', async () => {
    await sb.control.faults([{ match: 'Tasks', status: 500, body: 'upstream exploded', times: 1 }]);
    const res = await get('/odata/Tasks');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('upstream exploded');
  });

  test('page: N hits only the N-th page of a walk; match also sees the decoded query', async () => {
    await sb.control.faults([{ match: 'Checks', page: 3, status: 500, times: 1 }]);
    const first = await json(await get('/odata/Checks'));
    const second = await json(await get(first['@odata.nextLink']));
    const third = await get(second['@odata.nextLink']);
    expect(third.status).toBe(500);
    expect((await get(second['@odata.nextLink'])).status).toBe(200); // times: 1 → the retry works
    await sb.control.faults([{ match: '$skiptoken=100', status: 502, times: 1 }]);
    expect((await get('/odata/Checks?%24skiptoken=100')).status).toBe(502);
  });

  test('delayMs hangs the answer (client timeouts)', async () => {
    await sb.control.faults([{ match: 'Accounts', delayMs: 1500, times: 1 }]);
    await expect(get('/odata/Accounts', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await sb.control.faults([{ match: 'Users', delayMs: 250, times: 1 }]);
    const t0 = Date.now();
    expect((await get('/odata/Users')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  test('redirectTo answers 302 with Location', async () => {
    await sb.control.faults([{ match: 'Accounts', redirectTo: 'https://login.example/sso?return=x' }]);
    const res = await get('/odata/Accounts', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://login.example/sso?return=x');
  });

  test('first matching rule with remaining times wins; DELETE clears', async () => {
    await sb.control.faults([{ match: 'Accounts', status: 500, times: 1 }, { match: 'Accounts', status: 503, times: 1 }]);
    expect((await get('/odata/Accounts')).status).toBe(500);
    expect((await get('/odata/Accounts')).status).toBe(503);
    expect((await get('/odata/Accounts')).status).toBe(200);
    await sb.control.faults([{ match: 'Accounts', status: 500 }]);
    await sb.control.clearFaults();
    expect((await get('/odata/Accounts')).status).toBe(200);
  });

  test('faults apply to check output tables too', async () => {
    await sb.control.faults([{ match: 'CheckOutputTable', status: 429, retryAfter: 1, times: 1 }]);
    const res = await get('/odata/CheckOutputTable?accountId=1001&ruleKey=disapproved-ads');
    expect(res.status).toBe(429);
  });
});

describe('request log', () => {
  test('records method, path, username, authorized, status, at — never the token', async () => {
    await sb.control.clearRequests();
    await get('/odata/Accounts?$top=1');
    await fetch(`${sb.url}/odata/Users`, { headers: { authorization: basicAuth('intruder', 'sandbox-token-7f3a9c-wrong') } });
    await fetch(`${sb.url}/odata/Users`);
    const log = await sb.control.requests();
    expect(log).toHaveLength(3);
    expect(log[0]).toEqual({ method: 'GET', path: '/odata/Accounts?$top=1', username: 'sandbox-user', authorized: true, status: 200, at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(log[1]).toMatchObject({ username: 'intruder', authorized: false, status: 401 });
    expect(log[2]).toMatchObject({ username: null, authorized: false, status: 401 });
    const text = JSON.stringify(log);
    expect(text).not.toContain(sb.token);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain(sb.authHeader.slice(6));
    await sb.control.clearRequests();
    expect(await sb.control.requests()).toEqual([]);
  });

  test('faulted requests are logged with the status they got', async () => {
    await sb.control.faults([{ match: 'Checks', status: 503, times: 1 }]);
    await get('/odata/Checks');
    const log = await sb.control.requests();
    expect(log.map((e) => e.status)).toEqual([503]);
  });
});

describe('determinism', () => {
  test('two sandboxes serve identical data', async () => {
    const shared = sharedSandbox();
    for (const set of ['Accounts', 'AccountHistory', 'Checks', 'Users', 'Tasks', 'TargetMonitoringActive', 'TargetMonitoringAll']) {
      const fetchAll = async (url: string, auth: string) =>
        (await fetch(`${url}/odata/${set}?$count=true`, { headers: { authorization: auth, prefer: 'odata.maxpagesize=100000' } })).text();
      const [a, b] = await Promise.all([fetchAll(sb.url, sb.authHeader), fetchAll(shared.url, shared.authHeader)]);
      expect(a.length).toBeGreaterThan(1000);
      expect(a).toBe(b);
    }
    const tableA = await (await get('/odata/CheckOutputTable?accountId=1042&ruleKey=broken-landing-pages')).text();
    const tableB = await (await fetch(`${shared.url}/odata/CheckOutputTable?accountId=1042&ruleKey=broken-landing-pages`, { headers: { authorization: shared.authHeader } })).text();
    expect(tableA).toBe(tableB);
  });
});

describe('CLI (sandbox/start.js)', () => {
  const startCli = (args: string[]) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'sandbox', 'start.js'), '--json', '--port', '0', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const ready = new Promise<Json>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, ready, exited };
  };

  test('--json prints one ready line; SIGTERM exits 0', async () => {
    const { child, ready, exited } = startCli(['--page-size', '10']);
    const info = await ready;
    expect(Object.keys(info).sort()).toEqual(['port', 'token', 'url', 'username']);
    expect(info.url).toBe(`http://127.0.0.1:${info.port}`);
    expect(info.username).toBe('sandbox-user');
    const body = await json(await fetch(`${info.url}/odata/Accounts`, { headers: { authorization: basicAuth(info.username, info.token) } }));
    expect(body.value).toHaveLength(10);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  test('--json exits when its stdin closes (parent went away)', async () => {
    const { child, ready, exited } = startCli([]);
    await ready;
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
