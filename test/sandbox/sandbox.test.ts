/**
 * Tests of the sandbox API against the SHARED sandbox started by test/support/global-setup.js.
 * Everything here is read-only (no faults, no config changes): other test files run in parallel
 * against the same sandbox. Fault/config/request-log tests live in sandbox-control.test.ts and use
 * a private sandbox.
 */
import { basicAuth, sharedSandbox, SandboxHandle } from '../support/sandbox';

type Json = any;
const json = (res: Response): Promise<Json> => res.json() as Promise<Json>;

const SETS = ['Accounts', 'AccountHistory', 'Checks', 'Users', 'Tasks', 'TargetMonitoringActive', 'TargetMonitoringAll'];
const KEYS: Record<string, string> = {
  Accounts: 'AccountId',
  AccountHistory: 'HistoryId',
  Checks: 'CheckId',
  Users: 'UserId',
  Tasks: 'TaskId',
  TargetMonitoringActive: 'TargetId',
  TargetMonitoringAll: 'TargetId',
};
const OUTPUT_RULES = ['negative-keyword-conflicts', 'wasted-search-terms', 'broken-landing-pages', 'budget-limited-campaigns', 'disapproved-ads'];

let sb: SandboxHandle;
let counts: Record<string, number>;

beforeAll(async () => {
  sb = sharedSandbox();
  counts = (await sb.control.info()).counts;
});

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${sb.url}${path}`, { headers: { authorization: sb.authHeader, ...headers } });
}
async function getJson(path: string, headers: Record<string, string> = {}): Promise<Json> {
  const res = await get(path, headers);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

interface Walk {
  rows: Json[];
  pages: number;
  links: string[];
  first: Json;
}
/** Follows next links (V4 @odata.nextLink, V3 odata.nextLink, V2 d.__next); relative links resolve against the request URL. */
async function walk(startPath: string, version: 'v4' | 'v3' | 'v2' = 'v4', headers: Record<string, string> = {}): Promise<Walk> {
  let url: string | undefined = new URL(startPath, sb.url).toString();
  const rows: Json[] = [];
  const links: string[] = [];
  let pages = 0;
  let first: Json;
  while (url) {
    const body = await getJson(url, headers);
    if (pages === 0) first = body;
    pages++;
    const pageRows = version === 'v2' ? body.d.results : body.value;
    rows.push(...pageRows);
    const link: string | undefined = version === 'v4' ? body['@odata.nextLink'] : version === 'v3' ? body['odata.nextLink'] : body.d.__next;
    if (link) links.push(link);
    url = link ? new URL(link, url).toString() : undefined;
    if (pages > 10000) throw new Error('runaway walk');
  }
  return { rows, pages, links, first };
}

describe('auth', () => {
  test('no credentials → 401 with WWW-Authenticate and an OData JSON error', async () => {
    const res = await fetch(`${sb.url}/odata/Accounts`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="TrueClicks sandbox"');
    const body = await json(res);
    expect(body.error.code).toBe('401');
    expect(typeof body.error.message).toBe('string');
  });

  test('wrong token, wrong user → 401; the token never appears in the answer', async () => {
    for (const auth of [basicAuth(sb.username, 'nope'), basicAuth('someone', sb.token), 'Bearer ' + sb.token]) {
      const res = await fetch(`${sb.url}/odata/Accounts`, { headers: { authorization: auth } });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(sb.token);
    }
  });

  test('right credentials → 200; $metadata, V2, V3 and check tables are protected too', async () => {
    expect((await get('/odata/Accounts?$top=1')).status).toBe(200);
    for (const p of ['/odata/$metadata', '/odata-v2/Accounts', '/odata-v3/Accounts', '/odata/CheckOutputTable?accountId=1001&ruleKey=disapproved-ads', '/odata/']) {
      expect((await fetch(`${sb.url}${p}`)).status).toBe(401);
    }
  });

  test('V2 401 uses the V2 error shape', async () => {
    const res = await fetch(`${sb.url}/odata-v2/Accounts`);
    expect(res.status).toBe(401);
    const body = await json(res);
    expect(body.error.code).toBe('401');
    expect(body.error.message.lang).toBe('en');
    expect(typeof body.error.message.value).toBe('string');
  });
});

describe('service documents and $metadata', () => {
  test('V4 service document is JSON (fe-mockserver would answer Atom)', async () => {
    const res = await get('/odata/');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('odata-version')).toBe('4.0');
    const body = await json(res);
    expect(body.value.map((s: Json) => s.name)).toEqual(SETS);
    expect(body.value[0]).toEqual({ name: 'Accounts', kind: 'EntitySet', url: 'Accounts' });
  });

  test('V2 and V3 service documents', async () => {
    expect((await getJson('/odata-v2/')).d.EntitySets).toEqual(SETS);
    const v3 = await getJson('/odata-v3/');
    expect(v3['odata.metadata']).toBe(`${sb.url}/odata-v3/$metadata`);
    expect(v3.value.map((s: Json) => s.url)).toEqual(SETS);
  });

  test('V4 $metadata is EDMX 4.0 with the 7 sets and the interesting types', async () => {
    const res = await get('/odata/$metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const xml = await res.text();
    expect(xml).toContain('<edmx:Edmx Version="4.0"');
    for (const s of SETS) expect(xml).toContain(`<EntitySet Name="${s}"`);
    expect(xml).toContain('<Property Name="LifetimeImpressions" Type="Edm.Int64" Nullable="false"/>');
    expect(xml).toContain('Name="Spend30d" Type="Edm.Decimal"');
    expect(xml).toContain('<Property Name="Labels" Type="Collection(Edm.String)"/>');
    expect(xml).toContain('<Property Name="Owner" Type="TrueClicks.AccountOwner"/>');
    expect(xml).toContain('<Property Name="CreatedOn" Type="Edm.Date" Nullable="false"/>');
  });

  test('V2 $metadata is EDMX 1.0 / DataServiceVersion 2.0 (no Edm.Date, no collections)', async () => {
    const xml = await (await get('/odata-v2/$metadata')).text();
    expect(xml).toContain('<edmx:Edmx Version="1.0"');
    expect(xml).toContain('m:DataServiceVersion="2.0"');
    expect(xml).toContain('Name="CreatedOn" Type="Edm.DateTime"');
    expect(xml).not.toContain('Edm.Date"');
    expect(xml).not.toContain('Collection(');
  });

  test('V3 $metadata is EDMX 1.0 / DataServiceVersion 3.0', async () => {
    const res = await get('/odata-v3/$metadata');
    expect(res.headers.get('dataserviceversion')).toBe('3.0');
    const xml = await res.text();
    expect(xml).toContain('m:DataServiceVersion="3.0"');
    expect(xml).toContain('Collection(Edm.String)');
  });
});

describe('query options (done by fe-mockserver-core)', () => {
  test('$select returns the selected properties plus the key', async () => {
    const body = await getJson('/odata/Accounts?$select=Name,Platform&$top=3');
    expect(body.value).toHaveLength(3);
    for (const row of body.value) expect(Object.keys(row).sort()).toEqual(['AccountId', 'Name', 'Platform']);
  });

  test('$filter + $count agree with a full walk', async () => {
    const all = (await walk('/odata/Accounts')).rows;
    const meta = all.filter((a) => a.Platform === 'Meta Ads').length;
    const body = await getJson(`/odata/Accounts?$filter=${encodeURIComponent("Platform eq 'Meta Ads'")}&$count=true`);
    expect(body['@odata.count']).toBe(meta);
    expect(body.value.every((a: Json) => a.Platform === 'Meta Ads')).toBe(true);
    const nulls = await getJson('/odata/Accounts?$filter=Owner%20eq%20null&$select=AccountId');
    expect(nulls.value.map((a: Json) => a.AccountId)).toContain(1004);
    const contains = await getJson(`/odata/Accounts?$filter=${encodeURIComponent("contains(Name,'HYPERLINK')")}&$select=Name`);
    expect(contains.value.map((a: Json) => a.AccountId)).toEqual([1007]);
  });

  test('$filter on Edm.Date and Edm.DateTimeOffset (offsets compared as instants)', async () => {
    const dates = await getJson('/odata/Tasks?$filter=DueDate%20ge%202026-12-01&$select=DueDate&$top=500');
    expect(dates.value.length).toBeGreaterThan(0);
    expect(dates.value.every((t: Json) => t.DueDate >= '2026-12-01')).toBe(true);
    const before = await getJson('/odata/Accounts?$filter=LastUpdated%20lt%202026-11-21T00:00:00Z&$select=LastUpdated');
    for (const a of before.value) expect(Date.parse(a.LastUpdated)).toBeLessThan(Date.parse('2026-11-21T00:00:00Z'));
  });

  test('V2/V3 typed literals (datetime, datetimeoffset, L, M, substringof) give the same rows as V4', async () => {
    const ids = (rows: Json[]) => rows.map((r) => r.AccountId);
    const v4 = await walk(`/odata/Accounts?$select=AccountId&$filter=${encodeURIComponent("LastUpdated lt 2026-11-21T12:00:00Z and Spend30d gt 100000 and CreatedOn lt 2024-01-01 and LifetimeImpressions gt 1000")}`);
    const legacy = encodeURIComponent("LastUpdated lt datetimeoffset'2026-11-21T12:00:00Z' and Spend30d gt 100000M and CreatedOn lt datetime'2024-01-01T00:00:00' and LifetimeImpressions gt 1000L");
    expect(v4.rows.length).toBeGreaterThan(0);
    expect(ids((await walk(`/odata-v2/Accounts?$select=AccountId&$filter=${legacy}`, 'v2')).rows)).toEqual(ids(v4.rows));
    expect(ids((await walk(`/odata-v3/Accounts?$select=AccountId&$filter=${legacy}`, 'v3')).rows)).toEqual(ids(v4.rows));
    const sub = encodeURIComponent("substringof('Contoso',Name) eq true");
    expect(ids((await getJson(`/odata-v2/Accounts?$filter=${sub}`)).d.results).length).toBeGreaterThan(0);
  });

  test('$orderby desc is monotonic across pages', async () => {
    const { rows, pages } = await walk('/odata/Checks?$orderby=CheckId%20desc&$select=CheckId');
    expect(pages).toBeGreaterThan(1);
    const ids = rows.map((r) => r.CheckId);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  test('$top without paging, and /$count', async () => {
    const body = await getJson('/odata/Tasks?$top=5');
    expect(body.value).toHaveLength(5);
    expect(body['@odata.nextLink']).toBeUndefined();
    expect(body['@odata.count']).toBeUndefined();
    const res = await get('/odata/Accounts/$count');
    expect(await res.text()).toBe(String(counts.Accounts));
  });

  test('single entity by key (Int32 and String keys)', async () => {
    const a = await getJson('/odata/Accounts(1002)');
    expect(a['@odata.context']).toBe('$metadata#Accounts/$entity');
    expect(a.AccountId).toBe(1002);
    const u = await getJson("/odata/Users('U0003')");
    expect(u.Name).toBe('דנה כהן');
  });
});

describe('errors are OData JSON', () => {
  test('bad $filter → 400 with the parse message (fe answers 500 text/plain)', async () => {
    const res = await get(`/odata/Accounts?$filter=${encodeURIComponent("Name eqq 'x'")}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await json(res);
    expect(body.error.code).toBe('400');
    expect(body.error.message).toMatch(/Parsing errors detected/);
  });

  test('bad $filter on V2 → 400 with the V2 error shape', async () => {
    const res = await get(`/odata-v2/Accounts?$filter=${encodeURIComponent("Name eqq 'x'")}`);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.message.value).toMatch(/Parsing errors detected/);
  });

  test('unknown property in $select/$filter/$orderby → 400 (fe would ignore it)', async () => {
    for (const q of ['$select=Nope', '$filter=Nope%20eq%201', '$orderby=Nope']) {
      const res = await get(`/odata/Accounts?${q}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toContain("Property 'Nope' not found");
    }
  });

  test('unknown entity set and missing key → 404 JSON', async () => {
    for (const p of ['/odata/Nope', '/odata/Accounts(999999)', '/odata-v3/Nope']) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('404');
    }
    const v2 = await get('/odata-v2/Nope');
    expect(v2.status).toBe(404);
    expect((await json(v2)).error.message.value).toContain('Nope');
  });

  test('writes are blocked with 405', async () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      const res = await fetch(`${sb.url}/odata/Accounts(1001)`, { method, headers: { authorization: sb.authHeader, 'content-type': 'application/json' }, body: method === 'DELETE' ? undefined : '{"Name":"x"}' });
      expect(res.status).toBe(405);
      expect((await json(res)).error.code).toBe('405');
    }
    const after = await getJson('/odata/Accounts(1001)?$select=Name');
    expect(after.Name).not.toBe('x');
  });

  test('invalid $skiptoken / $top → 400', async () => {
    const res = await get('/odata/Accounts?$skiptoken=abc');
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: { code: '400', message: "Invalid $skiptoken 'abc'" } });
    expect((await get('/odata/Accounts?$top=-1')).status).toBe(400);
  });
});

describe('server-driven paging', () => {
  test.each(SETS)('V4 walk of %s: absolute links, full count, unique keys, ≥ 2 pages', async (set) => {
    const { rows, pages, links } = await walk(`/odata/${set}`);
    expect(counts[set]).toBeGreaterThanOrEqual(51);
    expect(rows).toHaveLength(counts[set]);
    expect(new Set(rows.map((r) => r[KEYS[set]])).size).toBe(counts[set]);
    expect(pages).toBe(Math.ceil(counts[set] / 50));
    expect(links[0]).toBe(`${sb.url}/odata/${set}?$skiptoken=50`);
  });

  test.each(SETS)('V2 walk of %s: d.__next, __metadata, /Date()/, __count on request', async (set) => {
    const { rows, first, links } = await walk(`/odata-v2/${set}?$inlinecount=allpages`, 'v2');
    expect(first.d.__count).toBe(String(counts[set]));
    expect(rows).toHaveLength(counts[set]);
    expect(new Set(rows.map((r) => r[KEYS[set]])).size).toBe(counts[set]);
    expect(links[0]).toBe(`${sb.url}/odata-v2/${set}?$inlinecount=allpages&$skiptoken=50`);
    expect(rows[0].__metadata.uri).toMatch(new RegExp(`^${sb.url}/odata-v2/${set}\\(`));
    const dateValues = rows.flatMap((r) => Object.values(r)).filter((v) => typeof v === 'string' && v.startsWith('/Date('));
    expect(dateValues.length).toBeGreaterThan(0);
  });

  test.each(SETS)('V3 walk of %s: odata.nextLink, odata.count', async (set) => {
    const { rows, first, links } = await walk(`/odata-v3/${set}?$inlinecount=allpages`, 'v3');
    expect(first['odata.metadata']).toBe(`${sb.url}/odata-v3/$metadata#${set}`);
    expect(first['odata.count']).toBe(String(counts[set]));
    expect(rows).toHaveLength(counts[set]);
    expect(new Set(rows.map((r) => r[KEYS[set]])).size).toBe(counts[set]);
    expect(links[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/odata-v3\//);
  });

  test('count annotations only when asked', async () => {
    expect((await getJson('/odata/Accounts'))['@odata.count']).toBeUndefined();
    expect((await getJson('/odata/Accounts?$count=true'))['@odata.count']).toBe(counts.Accounts);
    expect((await getJson('/odata-v2/Accounts')).d.__count).toBeUndefined();
    expect((await getJson('/odata-v3/Accounts'))['odata.count']).toBeUndefined();
  });

  test('a client $top is honoured across pages, with $skip', async () => {
    const w = await walk('/odata/Checks?$top=120&$skip=10&$select=CheckId');
    expect(w.rows.map((r) => r.CheckId)).toEqual(Array.from({ length: 120 }, (_, i) => i + 11));
    expect(w.pages).toBe(3);
    expect(w.links[0]).toBe(`${sb.url}/odata/Checks?$top=120&$skip=10&$select=CheckId&$skiptoken=50`);
    expect((await walk('/odata/Checks?$top=50')).pages).toBe(1);
    const w51 = await walk('/odata/Checks?$top=51');
    expect([w51.pages, w51.rows.length]).toEqual([2, 51]);
    const encoded = await walk('/odata/Checks?%24top=75&%24count=true');
    expect([encoded.pages, encoded.rows.length, encoded.first['@odata.count']]).toEqual([2, 75, counts.Checks]);
  });

  test('filters survive in next links and exactly-full pages end without an empty page', async () => {
    const f = encodeURIComponent('CheckId le 100');
    const w = await walk(`/odata/Checks?$filter=${f}&$count=true`);
    expect([w.pages, w.rows.length, w.first['@odata.count']]).toEqual([2, 100, 100]);
    expect(w.links[0]).toContain(`$filter=${f}`);
  });

  test('Prefer: odata.maxpagesize is honoured', async () => {
    const res = await get('/odata/Accounts?$select=AccountId', { prefer: 'odata.maxpagesize=7' });
    expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=7');
    expect((await json(res)).value).toHaveLength(7);
  });
});

describe('Int64 / Decimal fidelity', () => {
  const select = '/odata/Accounts?$filter=AccountId%20le%201006&$select=AccountId,LifetimeImpressions,Spend30d,AuditScore';

  test('default: exact raw JSON number tokens', async () => {
    const res = await get(select);
    expect(res.headers.get('content-type')).toContain('IEEE754Compatible=false');
    const raw = await res.text();
    expect(raw).toContain('"LifetimeImpressions":9007199254740993');
    expect(raw).toContain('"LifetimeImpressions":9223372036854775807');
    expect(raw).toContain('"LifetimeImpressions":12345678901234567');
    expect(raw).toContain('"Spend30d":12345678901234567.891');
    expect(raw).toContain('"Spend30d":99999999999999999.999');
    expect(typeof JSON.parse(raw).value[0].LifetimeImpressions).toBe('number');
  });

  test('IEEE754Compatible=true in Accept or $format → Int64 and Decimal as strings', async () => {
    const viaAccept = await get(select, { accept: 'application/json;odata.metadata=minimal;IEEE754Compatible=true' });
    expect(viaAccept.headers.get('content-type')).toContain('IEEE754Compatible=true');
    const raw = await viaAccept.text();
    expect(raw).toContain('"LifetimeImpressions":"9007199254740993"');
    expect(raw).toContain('"Spend30d":"12345678901234567.891"');
    const rows = JSON.parse(raw).value;
    expect(rows.every((r: Json) => typeof r.LifetimeImpressions === 'string' && typeof r.AuditScore === 'string')).toBe(true);
    const viaFormat = await (await get(`${select}&$format=${encodeURIComponent('application/json;IEEE754Compatible=true')}`)).text();
    expect(viaFormat).toBe(raw);
  });

  test('single entity and property value are exact too', async () => {
    expect(await (await get('/odata/Accounts(1002)')).text()).toContain('"LifetimeImpressions":9007199254740993');
    expect(await (await get('/odata/Accounts(1002)/LifetimeImpressions')).text()).toContain('"value":9007199254740993');
  });

  test('V2 and V3 always write Int64/Decimal as strings', async () => {
    const v2 = await (await get('/odata-v2/Accounts(1002)')).text();
    expect(v2).toContain('"LifetimeImpressions":"9007199254740993"');
    expect(v2).toContain('"Spend30d":"12345678901234567.891"');
    const v3 = await (await get('/odata-v3/Accounts?$filter=AccountId%20eq%201003&$select=LifetimeImpressions')).text();
    expect(v3).toContain('"LifetimeImpressions":"9223372036854775807"');
  });

  test('$orderby on Int64 sorts numerically', async () => {
    const body = await getJson('/odata/Accounts?$orderby=LifetimeImpressions%20desc&$top=3&$select=AccountId', { accept: 'application/json;IEEE754Compatible=true' });
    expect(body.value.map((a: Json) => a.AccountId)).toEqual([1003, 1004, 1002]);
  });
});

describe('check output tables (REST)', () => {
  let checks: Json[];
  beforeAll(async () => {
    checks = (await walk('/odata/Checks')).rows;
  });

  test('the rule keys with tables appear in Checks with a name and HasOutputTable', () => {
    const withTable = new Set(checks.filter((c) => c.HasOutputTable).map((c) => c.RuleKey));
    expect([...withTable].sort()).toEqual([...OUTPUT_RULES].sort());
    expect(checks.some((c) => !c.HasOutputTable)).toBe(true);
    expect(checks.every((c) => typeof c.CheckName === 'string' && c.CheckName.length > 0)).toBe(true);
  });

  test('columns differ per rule key; default shape is a bare array', async () => {
    const columnSets = new Set<string>();
    for (const rule of OUTPUT_RULES) {
      const rows = await getJson(`/odata/CheckOutputTable?accountId=1001&ruleKey=${rule}`);
      expect(Array.isArray(rows)).toBe(true);
      const nonEmpty = rows.length ? rows : await getJson(`/odata/CheckOutputTable?accountId=1002&ruleKey=${rule}`);
      expect(nonEmpty.length).toBeGreaterThan(0);
      columnSets.add(Object.keys(nonEmpty[0]).sort().join(','));
    }
    expect(columnSets.size).toBe(OUTPUT_RULES.length);
  });

  test('row counts match Checks.OutputRowCount; some accounts have 0 rows', async () => {
    const sample = checks.filter((c) => c.HasOutputTable && c.AccountId <= 1006);
    let zeros = 0;
    for (const c of sample) {
      const rows = await getJson(`/odata/CheckOutputTable?accountId=${c.AccountId}&ruleKey=${c.RuleKey}`);
      expect(rows).toHaveLength(c.OutputRowCount);
      if (rows.length === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(0);
    expect(await getJson('/odata/CheckOutputTable?accountId=1005&ruleKey=negative-keyword-conflicts')).toEqual([]);
  });

  test('nested objects, arrays and nulls; the same table under every root', async () => {
    const pages = await getJson('/odata/CheckOutputTable?accountId=1001&ruleKey=broken-landing-pages');
    expect(typeof pages[0].Ad).toBe('object');
    expect(pages.some((r: Json) => r.RedirectsTo === null)).toBe(true);
    expect(pages.every((r: Json) => /^https:\/\//.test(r.FinalUrl))).toBe(true);
    const ads = await getJson('/odata/CheckOutputTable?accountId=1002&ruleKey=disapproved-ads');
    expect(Array.isArray(ads[0].PolicyTopics)).toBe(true);
    const budget = await getJson('/odata/CheckOutputTable?accountId=1001&ruleKey=budget-limited-campaigns');
    expect(budget[0].LimitedSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(budget[0].Period).toEqual({ Start: expect.any(String), End: expect.any(String) });
    const v4 = await (await get('/odata/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms')).text();
    expect(await (await get('/odata-v2/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms')).text()).toBe(v4);
    expect(await (await get('/odata-v3/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms')).text()).toBe(v4);
  });

  test('404 / 400 errors', async () => {
    const unknownRule = await get('/odata/CheckOutputTable?accountId=1001&ruleKey=x');
    expect(unknownRule.status).toBe(404);
    expect(await json(unknownRule)).toEqual({ error: { code: 'UnknownRuleKey', message: "Unknown ruleKey 'x'" } });
    const unknownAccount = await get('/odata/CheckOutputTable?accountId=999&ruleKey=disapproved-ads');
    expect(unknownAccount.status).toBe(404);
    expect(await json(unknownAccount)).toEqual({ error: { code: 'UnknownAccount', message: "Unknown accountId '999'" } });
    for (const q of ['accountId=1001', 'ruleKey=disapproved-ads', '']) {
      const res = await get(`/odata/CheckOutputTable?${q}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('MissingParameter');
    }
    const noTable = await get('/odata/CheckOutputTable?accountId=1001&ruleKey=auto-tagging-enabled');
    expect(noTable.status).toBe(404);
    expect((await json(noTable)).error.code).toBe('NoOutputTable');
  });
});

describe('hostile values sit where README.md says', () => {
  test('Accounts', async () => {
    const byId = new Map((await walk('/odata/Accounts')).rows.map((a) => [a.AccountId, a]));
    expect(byId.get(1007).Name).toBe('=HYPERLINK("http://evil.example","click")');
    expect(byId.get(1008).Name.startsWith('+')).toBe(true);
    expect(byId.get(1009).Name.startsWith('-')).toBe(true);
    expect(byId.get(1010).Name.startsWith('@')).toBe(true);
    expect([byId.get(1011).Name, byId.get(1012).Name, byId.get(1013).Name, byId.get(1014).Name]).toEqual(['TRUE', 'FALSE', '1e5', '50%']);
    expect(byId.get(1003).ExternalCode).toBe('007');
    expect(byId.get(1025).ExternalCode).toBe('000123');
    expect(byId.get(1005).CustomerId).toBe('123-456-7890');
    expect(byId.get(1015).Name).toContain('🍕');
    expect(byId.get(1016).Name).toMatch(/[\u0600-\u06FF]/);
    expect(byId.get(1004).Owner).toBeNull();
    expect(byId.get(1022).Labels).toEqual([]);
    expect(byId.get(1001).LastUpdated).toMatch(/\+05:30$/);
    expect(byId.get(1003).LastUpdated).toMatch(/\+02:00$/);
    expect(byId.get(1005).LastUpdated).toMatch(/-05:00$/);
    expect(byId.get(1002).LastUpdated).toMatch(/Z$/);
  });

  test('Tasks: formula-looking titles and the 60,000-character description', async () => {
    const titles = await getJson('/odata/Tasks?$filter=TaskId%20le%2016&$select=Title');
    const t = new Map(titles.value.map((x: Json) => [x.TaskId, x.Title]));
    expect([t.get(3), t.get(4), t.get(5), t.get(6)].map((s) => String(s)[0])).toEqual(['+', '-', '@', '=']);
    expect(t.get(3)).toBe('+1 (555) 0100');
    expect(t.get(4)).toBe('-5% budget');
    const long = await getJson('/odata/Tasks(7)?$select=Description');
    expect(long.Description).toHaveLength(60000);
  });
});

describe('determinism', () => {
  test('the data is seeded: known values at known keys', async () => {
    const a = await getJson('/odata/Accounts(1001)?$select=Name,CustomerId');
    expect(a.Name).toBe('Consolidated Messenger – Nordics');
    expect(a.CustomerId).toBe('562-619-6779');
  });
});
