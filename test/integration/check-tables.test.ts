/**
 * Check output tables through the built bundle: all accounts or a subset in parallel (UrlFetchApp.fetchAll),
 * the union of columns with the account id first, every response shape, unknown rule keys and accounts that
 * fail — with the tab's previous data kept.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const LATENCY_MS = 300;
let sb: PrivateSandbox;
let env: GasEnvironment;
let addOn: AddOn;

beforeAll(async () => {
  sb = await startPrivateSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => {
  ({ env, addOn } = loadAddOn({ sleepScale: 0.01 }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(async () => {
  env.close();
  await sb.control.reset();
});

async function rawTable(accountId: number, ruleKey: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${sb.url}/odata/CheckOutputTable?accountId=${accountId}&ruleKey=${ruleKey}`, { headers: { Authorization: sb.authHeader } });
  return (await res.json()) as Array<Record<string, unknown>>;
}

it('lists the rule keys of checks with an output table (with their names), and accounts, from the datasets', async () => {
  const keys = addOn.listRuleKeys();
  const res = await fetch(`${sb.url}/odata/Checks?$select=RuleKey&$filter=HasOutputTable eq true`, { headers: { Authorization: sb.authHeader } });
  let body = (await res.json()) as { value: Array<{ RuleKey: string }>; '@odata.nextLink'?: string };
  const expected = new Set(body.value.map((r) => r.RuleKey));
  while (body['@odata.nextLink']) {
    body = (await (await fetch(body['@odata.nextLink'], { headers: { Authorization: sb.authHeader } })).json()) as typeof body;
    body.value.forEach((r) => expected.add(r.RuleKey));
  }
  expect(new Set(keys.map((k) => k.ruleKey))).toEqual(expected);
  expect(expected.size).toBeGreaterThan(1);
  expect(keys).toContainEqual({ ruleKey: 'wasted-search-terms', name: expect.any(String) });
  const accounts = addOn.listAccounts();
  expect(accounts).toHaveLength(60);
  expect(accounts[0]).toEqual({ id: 1001, name: expect.any(String) });
});

it('imports one check for every account into one tab, account id first, in parallel batches', async () => {
  const accountIds = addOn.listAccounts().map((a) => a.id as number);
  let expectedRows = 0;
  for (const id of accountIds) expectedRows += (await rawTable(id, 'wasted-search-terms')).length;

  const before = env.http.fetchAllCalls;
  const r = addOn.importCheckTable({ ruleKey: 'wasted-search-terms' });
  expect(r).toMatchObject({ sheetName: 'TrueClicks check wasted-search-terms', rows: expectedRows });
  expect(env.http.fetchAllCalls - before).toBe(Math.ceil(60 / 20));

  const snap = env.sheetSnapshot(r.sheetName);
  expect(snap.values[0][0]).toBe('AccountId');
  expect(snap.values[0]).toEqual(expect.arrayContaining(['SearchTerm', 'Clicks', 'Cost', 'CostPerConversion']));
  // typed like datasets: numbers as numbers, formula-looking search terms as literal text
  const header = snap.values[0] as string[];
  const clicks = header.indexOf('Clicks');
  const term = header.indexOf('SearchTerm');
  expect(snap.values.slice(1).every((row) => typeof row[0] === 'number' && typeof row[clicks] === 'number')).toBe(true);
  expect(snap.formulas.flat().every((f) => f === '')).toBe(true);
  expect(snap.values.slice(1).some((row) => /^[@+=-]/.test(String(row[term])))).toBe(true);
});

it('imports a subset of accounts; nested objects become Parent.Child columns; the union covers every row', async () => {
  const r = addOn.importCheckTable({ ruleKey: 'broken-landing-pages', accountIds: ['1001', '1002', '1003'] });
  const counts: Record<number, number> = {};
  for (const id of [1001, 1002, 1003]) counts[id] = (await rawTable(id, 'broken-landing-pages')).length;
  expect(r.rows).toBe(counts[1001] + counts[1002] + counts[1003]);
  const header = env.sheetSnapshot(r.sheetName).values[0] as string[];
  expect(header[0]).toBe('AccountId');
  expect(header).toEqual(expect.arrayContaining(['FinalUrl', 'HttpStatus', 'Ad.AdId']));
  const withRows = [1001, 1002, 1003].filter((id) => counts[id] > 0);
  expect(withRows.length).toBeGreaterThan(1);
  expect(new Set(env.sheetSnapshot(r.sheetName).values.slice(1).map((row) => row[0]))).toEqual(new Set(withRows));
});

it('different checks have different columns', () => {
  const a = env.sheetSnapshot(addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001'] }).sheetName).values[0];
  const b = env.sheetSnapshot(addOn.importCheckTable({ ruleKey: 'budget-limited-campaigns', accountIds: ['1001'] }).sheetName).values[0];
  expect(a).not.toEqual(b);
  expect(b).toEqual(expect.arrayContaining(['AccountId', 'DailyBudget', 'Period.Start', 'Period.End']));
});

it.each(['value', 'data'] as const)('accepts rows wrapped in an object under "%s"', async (shape) => {
  const bare = env.sheetSnapshot(addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002'], sheetName: 'bare' }).sheetName);
  await sb.control.config({ checkTableShape: shape });
  const wrapped = env.sheetSnapshot(addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002'], sheetName: shape }).sheetName);
  expect(wrapped.values).toEqual(bare.values);
});

it('an unknown response shape is a clear error, not a blank tab', async () => {
  await sb.control.faults([{ match: 'CheckOutputTable', body: '{"result":"ok","count":3}' }]);
  expect(errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001'] }))).toMatch(/table of account 1001 is not a list of rows/);
  expect(env.spreadsheet.getSheetByName('TrueClicks check wasted-search-terms')).toBeNull();
});

it('a known check without an output table says so, not "try again later"', () => {
  const message = errorOf(() => addOn.importCheckTable({ ruleKey: 'auto-tagging-enabled', accountIds: ['1001', '1002'] }));
  expect(message).toMatch(/^The "auto-tagging-enabled" table could not be loaded for 2 of 2 accounts: 1001 \(HTTP 404\), 1002 \(HTTP 404\)\. Nothing was changed\. TrueClicks says: .*output table.*\. Only some checks have an output table/);
});

it('an unknown rule key says so and where to find valid ones', () => {
  const message = errorOf(() => addOn.importCheckTable({ ruleKey: 'no-such-check', accountIds: ['1001', '1002'] }));
  expect(message).toMatch(/"no-such-check" is not a known check \(rule key\)\. The checks dataset lists every rule key/);
});

it('accounts that still fail after retries are named, and the tab keeps its previous data', async () => {
  const r = addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002', '1003', '1004'] });
  const before = env.sheetSnapshot(r.sheetName);
  await sb.control.faults([
    { match: 'accountId=1002', status: 503 },
    { match: 'accountId=1004', status: 500 },
    { match: 'accountId=1003', status: 429, retryAfter: 1, times: 1 }, // transient: retried and fine
  ]);
  const message = errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ['1001', '1002', '1003', '1004'] }));
  expect(message).toBe('The "wasted-search-terms" table could not be loaded for 2 of 4 accounts: 1002 (HTTP 503), 1004 (HTTP 500). Nothing was changed; try again later.');
  const after = env.sheetSnapshot(r.sheetName);
  expect({ ...after, notes: null }).toEqual({ ...before, notes: null }); // the data is untouched…
  expect(after.notes[0][0]).toContain(`failed, so this tab still shows that data:\n${message}`); // …and the note says why
  expect(message).not.toContain(sb.token);
  const status = addOn.getStatus().imports.find((i) => i.sheetName === r.sheetName)!;
  expect(status.lastError!.message).toBe(message);
});

it('is a saved import: refreshAll re-runs it and keeps its column order', () => {
  const r = addOn.importCheckTable({ ruleKey: 'budget-limited-campaigns', accountIds: ['1001', '1002'] });
  const header = env.sheetSnapshot(r.sheetName).values[0];
  const summary = addOn.refreshAll();
  expect(summary.outcomes).toEqual([expect.objectContaining({ sheetName: r.sheetName, dataset: 'check:budget-limited-campaigns', ok: true, rows: r.rows })]);
  expect(env.sheetSnapshot(r.sheetName).values[0]).toEqual(header);
  expect(addOn.getStatus().imports[0]).toMatchObject({ kind: 'checkTable', ruleKey: 'budget-limited-campaigns', accountIds: ['1001', '1002'] });
});

it('requests go out in parallel: each batch arrives at the server together (request log), ratio printed', async () => {
  await sb.control.config({ latencyMs: LATENCY_MS });
  await sb.control.clearRequests();
  const ids = Array.from({ length: 40 }, (_, i) => String(1001 + i));
  const started = Date.now();
  addOn.importCheckTable({ ruleKey: 'negative-keyword-conflicts', accountIds: ids });
  const elapsed = Date.now() - started;
  const log = (await sb.control.requests()).filter((r) => r.path.includes('CheckOutputTable'));
  expect(log).toHaveLength(40);
  const arrivals = log.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  // Sequential requests would arrive at least LATENCY_MS apart; each batch of 20 arrives within one latency.
  expect(arrivals[19] - arrivals[0]).toBeLessThan(LATENCY_MS);
  expect(arrivals[39] - arrivals[20]).toBeLessThan(LATENCY_MS);
  const sequentialEstimate = 40 * LATENCY_MS;
  console.log(`check tables: 40 accounts at ${LATENCY_MS} ms latency took ${elapsed} ms with fetchAll batches of 20; sequential ≥ ${sequentialEstimate} ms (ratio ≈ ${(sequentialEstimate / elapsed).toFixed(1)}×)`);
});
