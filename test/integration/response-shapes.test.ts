/**
 * The same data served as OData v4, v3 JSON light and v2 verbose, with absolute and relative next links and
 * with Int64/Decimal as raw number tokens, lands in the sheet as the same typed cells.
 */
import { loadAddOn } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox } from '../support/sandbox';

let sb: PrivateSandbox;
beforeAll(async () => {
  sb = await startPrivateSandbox({ pageSize: 25, maxPageSize: 25 });
});
afterEach(() => sb.control.reset());
afterAll(() => sb.stop());

function importVia(root: string, dataset: string) {
  const { env, addOn } = loadAddOn({ timeZone: 'Asia/Kolkata' });
  try {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/${root}/` });
    const result = addOn.importDataset({ dataset });
    const snap = env.sheetSnapshot(result.sheetName);
    const pageRequests = env.http.requests.filter((r) => !r.url.includes('$metadata')).length;
    return { result, snap, pageRequests };
  } finally {
    env.close();
  }
}

/** Values by column name, so tables with a different column set can be compared. */
function byColumn(values: unknown[][]): Record<string, unknown[]> {
  const header = values[0] as string[];
  const out: Record<string, unknown[]> = {};
  header.forEach((h, c) => (out[h] = values.slice(1).map((row) => (row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]))));
  return out;
}

describe.each(['accounts', 'tasks'])('%s over every protocol version', (dataset) => {
  it('v3 JSON light and v2 verbose give the same cells as v4', async () => {
    const v4 = importVia('odata', dataset);
    const v3 = importVia('odata-v3', dataset);
    const v2 = importVia('odata-v2', dataset);
    expect(v4.result.rows).toBeGreaterThan(25);
    for (const other of [v3, v2]) {
      expect(other.result.rows).toBe(v4.result.rows);
      // Every version counts and windows the same way: the pages, plus the one-off $skip probe.
      expect(other.pageRequests).toBe(Math.ceil(v4.result.rows / 25) + 1);
      expect(other.pageRequests).toBe(v4.pageRequests);
      const expected = byColumn(v4.snap.values);
      const actual = byColumn(other.snap.values);
      // OData v2 has no primitive collections: the sandbox leaves Labels out there.
      for (const column of Object.keys(actual)) expect([column, actual[column]]).toEqual([column, expected[column]]);
      expect(Object.keys(expected).filter((c) => !(c in actual))).toEqual(other === v2 && dataset === 'accounts' ? ['Labels'] : []);
    }
  });
});

it('follows relative next links (SAP CAP style)', async () => {
  await sb.control.config({ nextLinkStyle: 'relative', rejectSkip: true }); // sequential paging: next links only
  const { result, pageRequests } = importVia('odata', 'users');
  expect(result.rows).toBe(64);
  expect(pageRequests).toBe(4);
  const log = await sb.control.requests();
  expect(log.filter((r) => r.path.startsWith('/odata/Users')).map((r) => r.status)).toEqual([200, 400, 200, 200]); // the $skip probe is refused
});

it('keeps big numbers exact when the server ignores IEEE754Compatible and sends raw number tokens', async () => {
  await sb.control.config({ ignoreIeee754: true });
  const raw = await (await fetch(`${sb.url}/odata/Accounts?$filter=AccountId eq 1002`, { headers: { Authorization: sb.authHeader } })).text();
  expect(raw).toContain('"LifetimeImpressions":9007199254740993');
  const { snap } = importVia('odata', 'accounts');
  const cols = byColumn(snap.values);
  const row = cols.AccountId.indexOf(1002);
  expect(cols.LifetimeImpressions[row]).toBe('9007199254740993');
  expect(cols.Spend30d[row]).toBe('12345678901234567.891');
});

it('honours a row limit across pages without fetching more than needed', async () => {
  const { env, addOn } = loadAddOn();
  try {
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    const r = addOn.importDataset({ dataset: 'checks', top: 60, columns: 'CheckId, RuleKey,Score', filter: "CheckType eq 'Auditing'", orderby: 'Score desc' });
    expect(r).toMatchObject({ rows: 60, columns: 3 });
    const snap = env.sheetSnapshot(r.sheetName);
    expect(snap.values[0]).toEqual(['CheckId', 'RuleKey', 'Score']);
    const scores = snap.values.slice(1).map((row) => row[2] as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // 25 + 25 + 10 rows, plus the one-off $skip probe; never a page past the 60th row.
    expect(env.http.requests.filter((q) => q.url.includes('/odata/Checks')).length).toBe(4);
  } finally {
    env.close();
  }
});
