/**
 * Every fault the sandbox can inject, through the built bundle: the user gets a clear message, the tab keeps
 * its previous data untouched, the failure is recorded on the saved import, and the token appears nowhere.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox, FaultRule } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const SHEET = 'TrueClicks accounts';
let sb: PrivateSandbox;
let env: GasEnvironment;
let addOn: AddOn;
let before: ReturnType<GasEnvironment['sheetSnapshot']>;

beforeAll(async () => {
  sb = await startPrivateSandbox({ pageSize: 25, maxPageSize: 25 }); // pages of 25 even when the add-on asks for more
});
afterAll(() => sb.stop());

beforeEach(() => {
  // sleepScale shortens real waits of Utilities.sleep (Retry-After, backoff); env.sleeps records what was asked.
  ({ env, addOn } = loadAddOn({ sleepScale: 0.01, httpTimeoutMs: 1500 }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
  expect(addOn.importDataset({ dataset: 'accounts' }).rows).toBe(60);
  before = env.sheetSnapshot(SHEET);
});
afterEach(async () => {
  env.close();
  await sb.control.reset();
});

/** The data, formats and layout are exactly as before; only the A1 note may now explain the failed refresh. */
function expectUntouchedAndSecret(message: string) {
  const after = env.sheetSnapshot(SHEET);
  expect({ ...after, notes: null }).toEqual({ ...before, notes: null });
  const note = after.notes[0][0];
  if (note !== before.notes[0][0]) expect(note).toContain(`failed, so this tab still shows that data:\n${message}`);
  expect(JSON.stringify(after.notes)).not.toContain(sb.token);
  expect(message).not.toContain(sb.token);
  expect(env.logs.join('\n')).not.toContain(sb.token);
  expect(JSON.stringify(addOn.getStatus())).not.toContain(sb.token);
}

function refreshFails(faults: FaultRule[] | null, expected: RegExp, code: string) {
  return async () => {
    if (faults) await sb.control.faults(faults);
    const message = errorOf(() => addOn.importDataset({ dataset: 'accounts' }));
    expect(message).toMatch(expected);
    expectUntouchedAndSecret(message);
    const status = addOn.getStatus().imports.find((i) => i.sheetName === SHEET)!;
    expect(status.lastError).toEqual({ code, message });
    expect(status.rows).toBe(60); // the last good run is still described
  };
}

it('401: credentials rejected', async () => {
  addOn.saveConnection({ username: sb.username, token: 'wrong-token-999', baseUrl: `${sb.url}/odata/` });
  const message = errorOf(() => addOn.importDataset({ dataset: 'accounts' }));
  expect(message).toMatch(/did not accept your username and token \(HTTP 401\).*Reporting → Data Connector/);
  expectUntouchedAndSecret(message);
  expect(message).not.toContain('wrong-token-999');
});
it('403', refreshFails([{ match: 'Accounts', status: 403 }], /This data connector key has no access to this data \(HTTP 403/, 'FORBIDDEN'));
it('404 on the dataset path', refreshFails([{ match: '/odata/Accounts', status: 404 }], /Nothing was found at http:\/\/127\.0\.0\.1:\d+\/odata\/Accounts \(HTTP 404(: [^)]*)?\)/, 'NOT_FOUND'));
it('500 is not retried', async () => {
  await refreshFails([{ match: '/odata/Accounts', status: 500 }], /problem answering \(HTTP 500/, 'SERVER')();
  expect(env.sleeps).toEqual([]);
});
it('503 on page 2, every time: retried, then fails without touching the tab', async () => {
  await refreshFails([{ match: '/odata/Accounts', page: 2, status: 503 }], /problem answering \(HTTP 503/, 'SERVER')();
  expect(env.sleeps).toEqual([1000, 2000, 4000]);
});
it('429 with Retry-After, every time', async () => {
  await refreshFails([{ match: '/odata/Accounts', status: 429, retryAfter: 2 }], /limiting requests/, 'RATE_LIMITED')();
  expect(env.sleeps).toEqual([2000, 2000, 2000]);
});
it('an HTML login page instead of JSON', refreshFails([{ match: '/odata/Accounts', body: 'html' }], /web page \(probably a login page\)/, 'NOT_JSON'));
it('a truncated JSON body', refreshFails([{ match: '/odata/Accounts', page: 3, body: 'garbage' }], /not JSON data/, 'NOT_JSON'));
it('a request that times out', refreshFails([{ match: '/odata/Accounts', page: 2, delayMs: 4000 }], /did not answer in time/, 'TIMEOUT'));
it('a redirect to another host is not followed with the credentials', async () => {
  await refreshFails([{ match: '/odata/Accounts', redirectTo: 'http://127.0.0.2:9/steal' }], /redirected to another host \(http:\/\/127\.0\.0\.2:9\)/, 'UNSAFE_LINK')();
  expect(env.http.requests.some((r) => r.url.includes('127.0.0.2'))).toBe(false);
});
it('a next link to another host is not followed with the credentials', async () => {
  // Sequential paging follows next links; parallel windows only follow one inside a short window (paging.test.ts).
  await sb.control.config({ nextLinkOrigin: 'http://127.0.0.2:9', rejectSkip: true });
  await refreshFails(null, /next page on another host \(http:\/\/127\.0\.0\.2:9\)/, 'UNSAFE_LINK')();
  expect(env.http.requests.some((r) => r.url.includes('127.0.0.2'))).toBe(false);
});

describe('transient faults are retried and the import succeeds', () => {
  it.each([429, 502, 503, 504])('%i once', async (status) => {
    await sb.control.faults([{ match: '/odata/Accounts', page: 2, status, retryAfter: status === 429 ? 1 : undefined, times: 1 }]);
    expect(addOn.importDataset({ dataset: 'accounts' }).rows).toBe(60);
    expect(env.sleeps).toEqual([1000]);
    const status2 = addOn.getStatus().imports.find((i) => i.sheetName === SHEET)!;
    expect(status2.lastError).toBeNull();
  });
});

it('a bad filter shows the server message and keeps the tab', () => {
  const message = errorOf(() => addOn.importDataset({ dataset: 'accounts', filter: "Nope eq 'x'" }));
  expect(message).toMatch(/^TrueClicks rejected the query: .*Nope.*Check the column names, filter and sort\.$/);
  expectUntouchedAndSecret(message);
});

it('an unreachable host', () => {
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: 'http://127.0.0.1:9/odata/' });
  const message = errorOf(() => addOn.importDataset({ dataset: 'accounts' }));
  expect(message).toMatch(/Could not reach 127\.0\.0\.1/);
  expectUntouchedAndSecret(message);
});

it('refreshAll: one failing import does not stop the others', async () => {
  addOn.importDataset({ dataset: 'users' });
  addOn.importDataset({ dataset: 'tasks', top: 30 });
  await sb.control.faults([{ match: '/odata/Users', status: 503 }]);
  const summary = addOn.refreshAll();
  expect(summary).toMatchObject({ refreshed: 2, failed: 1, skipped: 0 });
  expect(summary.outcomes.map((o) => [o.sheetName, o.ok])).toEqual([
    [SHEET, true],
    ['TrueClicks users', false],
    ['TrueClicks tasks', true],
  ]);
  expect(summary.outcomes[1].error!.code).toBe('SERVER');
  expect(env.sheetSnapshot('TrueClicks users').values.length).toBe(65);
  expect(env.sheetSnapshot('TrueClicks tasks').values.length).toBe(31);
});

describe('$metadata', () => {
  it('a failing $metadata fails the import instead of silently changing column types', async () => {
    await refreshFails([{ match: '$metadata', status: 503 }], /problem answering \(HTTP 503/, 'SERVER')();
  });
  it('a service without $metadata still imports, with types inferred and said so in the tab note', async () => {
    await sb.control.faults([{ match: '$metadata', status: 404 }]);
    const r = addOn.importDataset({ dataset: 'users', sheetName: 'Inferred' });
    expect(r).toMatchObject({ rows: 64, typedFrom: 'values' });
    expect(env.sheetSnapshot('Inferred').notes[0][0]).toMatch(/types were inferred from the values/);
  });
  it('is fetched once per refresh run, not once per import', async () => {
    addOn.importDataset({ dataset: 'users' });
    addOn.importDataset({ dataset: 'tasks', top: 10 });
    await sb.control.clearRequests();
    expect(addOn.refreshAll().refreshed).toBe(3);
    const log = await sb.control.requests();
    expect(log.filter((r) => r.path.includes('$metadata'))).toHaveLength(1);
  });
});

it('a 503 whose text says the query cannot be parsed is a rejected query: the server text, and no retries', async () => {
  await refreshFails(
    [{ match: '/odata/Accounts', status: 503, body: 'Syntax error: the $filter expression could not be parsed at position 7', contentType: 'text/plain' }],
    /^TrueClicks rejected the query: Syntax error: the \$filter expression could not be parsed at position 7\. Check the column names, filter and sort\.$/,
    'BAD_REQUEST',
  )();
  expect(env.sleeps).toEqual([]);
});

describe('the service document (testConnection, the entity-set list)', () => {
  const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<service xml:base="${'http://example.test/odata/'}" xmlns="http://www.w3.org/2007/app" xmlns:atom="http://www.w3.org/2005/Atom">
  <workspace><atom:title>Default</atom:title>
    <collection href="Accounts"><atom:title>Accounts</atom:title></collection>
    <collection href="Tasks"><atom:title>Tasks</atom:title></collection>
    <collection href="Check&amp;Output"><atom:title>Check&amp;Output</atom:title></collection>
  </workspace>
</service>`;
  it('asks for JSON, and reads the XML form some servers send anyway', async () => {
    await sb.control.faults([{ match: '/odata/', body: ATOM, contentType: 'application/atomsvc+xml;charset=utf-8', times: 1 }]);
    expect(addOn.testConnection()).toMatchObject({ ok: true, message: expect.stringMatching(/3 datasets available/) });
    await sb.control.faults([{ match: '/odata/', body: ATOM, contentType: 'application/xml', times: 1 }]);
    expect(addOn.listEntitySets()).toEqual(['Accounts', 'Tasks', 'Check&Output']);
    const accept = env.http.requests.filter((r) => /\/odata\/$/.test(r.url)).map((r) => String((r.headers as Record<string, string>).Accept));
    expect(accept.every((a) => a.startsWith('application/json'))).toBe(true);
  });
  it('a service document in a shape it cannot read: the entity sets come from $metadata', async () => {
    await sb.control.faults([{ match: '/odata/', body: '{"hello":"world"}', times: 1 }]);
    const sets = addOn.listEntitySets();
    expect(sets).toEqual(expect.arrayContaining(['Accounts', 'Tasks', 'Users']));
  });
});
