/**
 * Every dataset, imported through the built bundle from the sandbox over real HTTP, across several pages,
 * lands cell by cell as the sandbox's own model says it should (see test/support/oracle.ts). The spreadsheet
 * is in a zone with daylight saving time and a negative offset, where a UTC-midnight date bug would show.
 */
import { loadAddOn, AddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import { checkCell, declaredColumns, fetchAllRaw, rawValue } from '../support/oracle';
import type { GasEnvironment } from '../fakes';

const TIME_ZONE = 'America/New_York';
const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeAll(() => {
  ({ env, addOn } = loadAddOn({ timeZone: TIME_ZONE }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterAll(() => env.close());

const DATASETS = [
  ['accounts', 'Accounts'],
  ['account-history', 'AccountHistory'],
  ['checks', 'Checks'],
  ['users', 'Users'],
  ['tasks', 'Tasks'],
  ['targets-active', 'TargetMonitoringActive'],
  ['targets-all', 'TargetMonitoringAll'],
] as const;

describe.each(DATASETS)('dataset %s', (key, setName) => {
  let raw: Record<string, unknown>[];
  let result: ReturnType<AddOn['importDataset']>;
  let requests: string[];

  beforeAll(async () => {
    raw = await fetchAllRaw(`${sb.url}/odata/`, setName, sb.authHeader);
    const before = env.http.requests.length;
    result = addOn.importDataset({ dataset: key });
    requests = env.http.requests.slice(before).map((r) => r.url);
  });

  it('imports every row across several pages', () => {
    expect(raw.length).toBeGreaterThan(50);
    expect(result.rows).toBe(raw.length);
    // The add-on asks for pages of 1,000 (Prefer: odata.maxpagesize), which this sandbox honours; beyond one
    // page it probes $skip once and fetches the rest as windows.
    const pages = requests.filter((u) => u.includes(`/odata/${setName}`));
    expect(pages.length).toBe(Math.ceil(raw.length / 1000) + (raw.length > 1000 ? 1 : 0));
    expect(result.truncated).toBeNull();
    expect(result.typedFrom).toBe('metadata');
  });

  it('writes the declared columns in declared order, header frozen and bold', () => {
    const snap = env.sheetSnapshot(result.sheetName);
    expect(snap.values[0]).toEqual(declaredColumns(setName).map((c) => c.name));
    expect(snap.frozenRows).toBe(1);
    expect(env.spreadsheet.getSheetByName(result.sheetName)!.getRange(1, 1).getFontWeight()).toBe('bold');
  });

  it('stores every cell with its declared type; text stays literal text', () => {
    const snap = env.sheetSnapshot(result.sheetName);
    const columns = declaredColumns(setName);
    const problems: string[] = [];
    raw.forEach((row, r) => {
      columns.forEach((col, c) => {
        const problem = checkCell(col.type, rawValue(row, col.name), snap.values[r + 1][c], snap.formats[r + 1][c], snap.formulas[r + 1][c], TIME_ZONE);
        if (problem) problems.push(`row ${r + 2} ${col.name}: ${problem}`);
      });
    });
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('hostile values (by key, see sandbox/README.md)', () => {
  const cell = (sheet: string, keyColumn: string, key: unknown, column: string) => {
    const snap = env.sheetSnapshot(sheet);
    const header = snap.values[0] as string[];
    const row = snap.values.findIndex((r) => r[header.indexOf(keyColumn)] === key);
    const c = header.indexOf(column);
    return { value: snap.values[row][c], format: snap.formats[row][c], formula: snap.formulas[row][c], display: snap.displayValues[row][c] };
  };
  it('keeps formula-looking, boolean-looking and number-looking text as text', () => {
    expect(cell('TrueClicks accounts', 'AccountId', 1007, 'Name')).toMatchObject({ value: '=HYPERLINK("http://evil.example","click")', formula: '' });
    expect(cell('TrueClicks accounts', 'AccountId', 1008, 'Name').value).toBe('+1 (555) 0100 Plumbing');
    expect(cell('TrueClicks accounts', 'AccountId', 1009, 'Name').value).toBe('-5% budget test account');
    expect(cell('TrueClicks accounts', 'AccountId', 1010, 'Name').value).toBe('@agency main account');
    expect(cell('TrueClicks accounts', 'AccountId', 1011, 'Name').value).toBe('TRUE');
    expect(cell('TrueClicks accounts', 'AccountId', 1013, 'ExternalCode').value).toBe('1e5');
    expect(cell('TrueClicks accounts', 'AccountId', 1014, 'Name').value).toBe('50%');
    expect(cell('TrueClicks tasks', 'TaskId', 6, 'Title')).toMatchObject({ value: '=IMPORTXML("http://evil.example","//a")', formula: '' });
  });
  it('keeps IDs with leading zeros and phone-like IDs', () => {
    expect(cell('TrueClicks accounts', 'AccountId', 1025, 'ExternalCode').value).toBe('000123');
    expect(cell('TrueClicks accounts', 'AccountId', 1003, 'ExternalCode').value).toBe('007');
    expect(cell('TrueClicks accounts', 'AccountId', 1005, 'CustomerId').value).toBe('123-456-7890');
  });
  it('keeps Int64 and Decimal values beyond double precision exact', () => {
    expect(cell('TrueClicks accounts', 'AccountId', 1002, 'LifetimeImpressions')).toMatchObject({ value: '9007199254740993', format: '@' });
    expect(cell('TrueClicks accounts', 'AccountId', 1003, 'LifetimeImpressions').value).toBe('9223372036854775807');
    expect(cell('TrueClicks accounts', 'AccountId', 1002, 'Spend30d').value).toBe('12345678901234567.891');
  });
  it('keeps emoji, right-to-left text and line breaks', () => {
    expect(cell('TrueClicks accounts', 'AccountId', 1015, 'Name').value).toBe('Pizzería Ñandú 🍕🚀');
    expect(cell('TrueClicks accounts', 'AccountId', 1016, 'Name').value).toBe('متجر الأناقة – Riyadh');
    expect(cell('TrueClicks accounts', 'AccountId', 1020, 'Notes').value).toContain('line one\nline two\t');
  });
  it('joins lists into one text cell and leaves nulls empty', () => {
    expect(cell('TrueClicks accounts', 'AccountId', 1024, 'Labels')).toMatchObject({ value: '=1+2, TRUE, 000123, 🚀 launch', format: '@', formula: '' });
    expect(cell('TrueClicks accounts', 'AccountId', 1004, 'Owner.Name').value).toBe('');
    expect(cell('TrueClicks accounts', 'AccountId', 1023, 'Owner.Email').value).toBe('unassigned@agency.example');
  });
  it('truncates the 60,000-character description with a visible marker', () => {
    const v = cell('TrueClicks tasks', 'TaskId', 7, 'Description').value as string;
    expect(v.length).toBe(50000);
    expect(v).toMatch(/\[truncated: 60000 characters\]$/);
  });
  it('displays calendar dates as that day in the spreadsheet zone', async () => {
    const res = await fetch(`${sb.url}/odata/Accounts?$filter=AccountId eq 1001&$select=CreatedOn`, { headers: { Authorization: sb.authHeader } });
    const raw = ((await res.json()) as { value: Array<{ CreatedOn: string }> }).value[0].CreatedOn;
    expect(cell('TrueClicks accounts', 'AccountId', 1001, 'CreatedOn').display).toBe(raw);
  });
});

it('never wrote the token into any cell, note or metadata, nor logged it', () => {
  for (const sheet of env.spreadsheet.getSheets()) {
    const snap = env.sheetSnapshot(sheet.getName());
    expect(JSON.stringify([snap.values, snap.notes])).not.toContain(sb.token);
    expect(JSON.stringify((sheet.getDeveloperMetadata() as GoogleAppsScript.Spreadsheet.DeveloperMetadata[]).map((m) => [m.getKey(), m.getValue()]))).not.toContain(sb.token);
  }
  expect(env.logs.join('\n')).not.toContain(sb.token);
  expect(JSON.stringify(env.properties.document())).not.toContain(sb.token);
  expect(JSON.stringify(addOn.getStatus())).not.toContain(sb.token);
});
