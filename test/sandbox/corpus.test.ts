/**
 * The hostile corpus as the sandbox serves it (sandbox/corpus.js, sandbox/corpus/*.json), against the SHARED
 * sandbox (read-only): the entity set Corpus on all three roots, exact numbers, dates per protocol version, the
 * REST corpus byte for byte, and the loader's checks of the data files. What the add-on makes of it is tested in
 * test/integration/corpus.test.ts.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { sharedSandbox, SandboxHandle } from '../support/sandbox';

type Json = any;
const corpus = require('../../sandbox/corpus') as {
  loadCorpusRows(file?: string): Json[];
  loadCheckTableCorpus(file?: string): { text: string; rows: number };
};
const { CORPUS_FILE } = require('../../sandbox/corpus') as { CORPUS_FILE: string };

let sb: SandboxHandle;
beforeAll(() => {
  sb = sharedSandbox();
});

async function get(p: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sb.url}${p}`, { headers: { authorization: sb.authHeader, ...headers } });
}
async function getJson(p: string, headers: Record<string, string> = {}): Promise<Json> {
  const res = await get(p, headers);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${p} → ${res.status}: ${text}`);
  return JSON.parse(text);
}
const byCase = (rows: Json[]) => Object.fromEntries(rows.map((r) => [r.Case, r]));
const ONE = (c: string) => `$filter=${encodeURIComponent(`Case eq '${c}'`)}`;

describe('entity set Corpus', () => {
  test('every row of sandbox/corpus/hostile.json, paged like the other sets, in $metadata but not in the service documents', async () => {
    const file = JSON.parse(fs.readFileSync(CORPUS_FILE, 'utf8'));
    const first = await getJson('/odata/Corpus?$count=true');
    expect(first['@odata.count']).toBe(file.rows.length);
    expect(first.value).toHaveLength(50);
    expect(first['@odata.nextLink']).toMatch(/\/odata\/Corpus\?\$count=true&\$skiptoken=50$/);
    expect((await sb.control.info()).counts.Corpus).toBe(file.rows.length);
    const xml = await (await get('/odata/$metadata')).text();
    expect(xml).toContain('<EntitySet Name="Corpus" EntityType="TrueClicks.CorpusCase"/>');
    expect(xml).toContain('<Property Name="Items" Type="Collection(TrueClicks.CorpusItem)"/>');
    expect(xml).toContain('<Property Name="DecimalValue" Type="Edm.Decimal" Precision="38" Scale="variable"/>');
    for (const root of ['odata', 'odata-v3']) expect((await getJson(`/${root}/`)).value.map((s: Json) => s.name)).not.toContain('Corpus');
    expect((await getJson('/odata-v2/')).d.EntitySets).not.toContain('Corpus');
  });

  test('text arrives exactly, control characters and NUL included; $repeat texts have their exact length', async () => {
    const rows = byCase((await getJson(`/odata/Corpus?$filter=${encodeURIComponent("startswith(Case,'control-') or startswith(Case,'long-')")}&$select=Case,TextValue`)).value);
    expect(rows['control-nul-hash-prefix'].TextValue).toBe('\u0000#12345678901234567');
    expect(rows['control-c0'].TextValue).toHaveLength(33);
    expect(rows['long-60000'].TextValue).toHaveLength(60000);
    expect(rows['long-60000'].TextValue.endsWith(' END')).toBe(true);
    expect(rows['long-50001'].TextValue).toHaveLength(50001);
    expect(rows['long-emoji'].TextValue).toBe('x' + '🚀'.repeat(29999) + 'y');
  });

  test('Int64 and Decimal are exact: raw number tokens by default, strings with IEEE754Compatible=true, strings on V2/V3', async () => {
    const q = `$filter=${encodeURIComponent("Case eq 'int64-min' or Case eq 'decimal-30-digits'")}&$select=Case,Int64Value,DecimalValue`;
    const raw = await (await get(`/odata/Corpus?${q}`)).text();
    expect(raw).toContain('"Int64Value":-9223372036854775808');
    expect(raw).toContain('"DecimalValue":123456789012345678901234567890');
    const quoted = byCase((await getJson(`/odata/Corpus?${q}`, { accept: 'application/json;IEEE754Compatible=true' })).value);
    expect(quoted['int64-min'].Int64Value).toBe('-9223372036854775808');
    const v2 = byCase((await getJson(`/odata-v2/Corpus?${q}`)).d.results);
    expect(v2['decimal-30-digits'].DecimalValue).toBe('123456789012345678901234567890');
    const v3 = byCase((await getJson(`/odata-v3/Corpus?${q}`)).value);
    expect(v3['int64-min'].Int64Value).toBe('-9223372036854775808');
  });

  test('dates and instants per version, also inside complex values; collections only where the version has them', async () => {
    const v4 = (await getJson(`/odata/Corpus?${ONE('nested-full')}`)).value[0];
    expect(v4.Nested).toEqual({ Label: '=1+2', Count: 7, Inner: { Code: '007', Day: '2024-03-10' } });
    const v2 = (await getJson(`/odata-v2/Corpus?${ONE('nested-full')}`)).d.results[0];
    expect(v2.Nested.Inner.Day).toBe(`/Date(${Date.UTC(2024, 2, 10)})/`);
    expect(v2).not.toHaveProperty('Tags');
    expect(v2).not.toHaveProperty('Items');
    const v2Entity = (await getJson("/odata-v2/Corpus('nested-full')")).d;
    expect(v2Entity.Nested.Inner.Day).toBe(`/Date(${Date.UTC(2024, 2, 10)})/`);
    const v3 = (await getJson(`/odata-v3/Corpus?${ONE('nested-full')}`)).value[0];
    expect(v3.Nested.Inner.Day).toBe('2024-03-10T00:00:00');
    const instant = await getJson(`/odata/Corpus?${ONE('instant-india')}`);
    expect(instant.value[0].InstantValue).toBe('2024-03-31T01:30:00+05:30');
    const instantV2 = await getJson(`/odata-v2/Corpus?${ONE('instant-india')}`);
    expect(instantV2.d.results[0].InstantValue).toBe(`/Date(${Date.parse('2024-03-31T01:30:00+05:30')})/`);
    const items = (await getJson(`/odata/Corpus?${ONE('items-objects')}`)).value[0].Items;
    expect(items).toEqual([{ Sku: '007', Qty: 2 }, { Sku: '=1+2', Qty: null }]);
    // the cached rows were not changed by the V2/V3 transforms
    expect((await getJson(`/odata/Corpus?${ONE('nested-full')}`)).value[0].Nested.Inner.Day).toBe('2024-03-10');
  });
});

describe('check table hostile-corpus (REST)', () => {
  test('is sandbox/corpus/check-table.json byte for byte (raw number tokens kept), for any existing account', async () => {
    const { text } = corpus.loadCheckTableCorpus();
    for (const id of [1001, 1060]) {
      const res = await get(`/odata/CheckOutputTable?accountId=${id}&ruleKey=hostile-corpus`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(text);
    }
    expect(text).toContain('"Count":9007199254740993');
    expect(text).toContain('"Extreme":1e400');
    expect((await get('/odata/CheckOutputTable?accountId=99&ruleKey=hostile-corpus')).status).toBe(404);
  });
});

describe('the corpus loader refuses data files it cannot serve faithfully', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-corpus-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const rows = (...r: Json[]) => write(`rows-${Math.random().toString(36).slice(2)}.json`, { about: [], rows: r });

  test.each([
    [{ Case: 'a', Why: '' }, /Why is required/],
    [{ Case: 'Bad Case', Why: 'x' }, /Case must be a slug/],
    [{ Case: 'a', Why: 'x', Nope: 1 }, /unknown property Nope/],
    // eslint-disable-next-line no-loss-of-precision -- the imprecise literal is the input under test
    [{ Case: 'a', Why: 'x', Int64Value: 9007199254740993 }, /not an exact decimal string/],
    [{ Case: 'a', Why: 'x', DateValue: '2024-3-5' }, /not a YYYY-MM-DD date/],
    [{ Case: 'a', Why: 'x', InstantValue: '2024-03-05T10:00:00' }, /not a date-time with an offset/],
    [{ Case: 'a', Why: 'x', Nested: { Label: 1 } }, /not a string/],
    [{ Case: 'a', Why: 'x', TextValue: { $repeat: '🚀', length: 4, prefix: 'x' } }, /splits a surrogate pair/],
  ])('%j', (row, message) => {
    expect(() => corpus.loadCorpusRows(rows(row))).toThrow(message);
  });

  test('duplicate cases, and a REST corpus that is not an array of rows with Case and Why', () => {
    expect(() => corpus.loadCorpusRows(rows({ Case: 'a', Why: 'x' }, { Case: 'a', Why: 'y' }))).toThrow(/duplicate Case a/);
    expect(() => corpus.loadCheckTableCorpus(write('rest1.json', { value: [] }))).toThrow(/expected a JSON array/);
    expect(() => corpus.loadCheckTableCorpus(write('rest2.json', [{ Case: 'a' }]))).toThrow(/needs Case and Why/);
  });

  test('fills absent properties: null, or an empty collection', () => {
    const [row] = corpus.loadCorpusRows(rows({ Case: 'a', Why: 'x', Nested: { Label: 'l' } }));
    expect(row).toMatchObject({ TextValue: null, Int64Value: null, Tags: [], Items: [], Nested: { Label: 'l', Count: null, Inner: null } });
  });
});
