/**
 * =TRUECLICKS() and =TRUECLICKS_TABLE() through the built bundle, run the way Sheets runs custom functions
 * (CUSTOM_FUNCTION auth mode, the owner's user properties): results, caching, size limits, argument errors,
 * and who may use whose connection.
 */
import { loadAddOn, AddOn } from '../support/addon';
import { sharedSandbox, startPrivateSandbox, PrivateSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const OWNER = 'owner@example.com';
const EDITOR = 'editor@example.com';
const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeEach(() => {
  ({ env, addOn } = loadAddOn({ user: OWNER, owner: OWNER }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

function formula(name: 'TRUECLICKS' | 'TRUECLICKS_TABLE', args: unknown[], user = OWNER): unknown[][] {
  return env.runCustomFunction(name, args, user) as unknown[][];
}
function formulaError(name: 'TRUECLICKS' | 'TRUECLICKS_TABLE', args: unknown[], user = OWNER): string {
  try {
    formula(name, args, user);
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('expected the formula to fail');
}

describe('=TRUECLICKS()', () => {
  it('returns a header row and typed rows, honouring columns, filter, sort and limit', () => {
    const grid = formula('TRUECLICKS', ['accounts', 'AccountId,Name,AuditScore,LastUpdated', "Platform eq 'Google Ads'", 'AuditScore desc', 5]);
    expect(grid[0]).toEqual(['AccountId', 'Name', 'AuditScore', 'LastUpdated']);
    expect(grid).toHaveLength(6);
    const scores = grid.slice(1).map((r) => r[2] as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // (Dates made inside the script's vm context are not `instanceof` this realm's Date.)
    expect(grid.slice(1).every((r) => typeof r[0] === 'number' && Object.prototype.toString.call(r[3]) === '[object Date]')).toBe(true);
  });
  it('accepts columns as a range', () => {
    expect(formula('TRUECLICKS', ['users', [['UserId'], ['Email']], '', '', 2])[0]).toEqual(['UserId', 'Email']);
  });
  it('keeps exact text: leading zeros, formula-looking names, big numbers', () => {
    const grid = formula('TRUECLICKS', ['accounts', 'AccountId,Name,ExternalCode,LifetimeImpressions', 'AccountId eq 1007 or AccountId eq 1025 or AccountId eq 1002', 'AccountId']);
    expect(grid.slice(1)).toEqual([
      [1002, expect.any(String), expect.any(String), '9007199254740993'],
      [1007, '=HYPERLINK("http://evil.example","click")', expect.any(String), expect.any(Number)],
      [1025, expect.any(String), '000123', expect.any(Number)],
    ]);
  });
  it('serves recalculation from the cache: zero requests, and different queries never collide', () => {
    const first = formula('TRUECLICKS', ['account-history', '', '', '', '']); // 3,120 rows: several cache chunks
    const requests = env.http.requests.length;
    expect(formula('TRUECLICKS', ['account-history', '', '', '', ''])).toEqual(first);
    expect(formula('TRUECLICKS', ['account-history', '', '', '', ''], EDITOR)).toEqual(first);
    expect(env.http.requests.length).toBe(requests);
    const other = formula('TRUECLICKS', ['account-history', '', '', '', 10]);
    expect(other).toHaveLength(11);
    expect(env.http.requests.length).toBeGreaterThan(requests);
  });
  it('a new token is never served a result cached under the old one', () => {
    const first = formula('TRUECLICKS', ['users', '', '', '', 5]);
    expect(first).toHaveLength(6);
    // Same username and address, another token (here one TrueClicks rejects): the cached grid must not answer.
    addOn.saveConnection({ username: sb.username, token: 'replaced-token-0001', baseUrl: `${sb.url}/odata/` });
    const requests = env.http.requests.length;
    expect(formulaError('TRUECLICKS', ['users', '', '', '', 5])).toMatch(/did not accept your username and token \(HTTP 401\)/);
    expect(env.http.requests.length).toBeGreaterThan(requests);
    // Back to the old token: its own cached result answers again, without a request.
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    const again = env.http.requests.length;
    expect(formula('TRUECLICKS', ['users', '', '', '', 5])).toEqual(first);
    expect(env.http.requests.length).toBe(again);
  });
  it.each([
    [[''], /Choose a dataset/],
    [['accounts', '', '', '', 0], /Row limit must be a positive whole number/],
    [['accounts', '', '', '', 2.5], /Row limit must be a positive whole number/],
    [['accounts', '', 'Nope eq 1'], /TrueClicks rejected the query: .*Nope/],
    [['NoSuchSet'], /Nothing was found at .*NoSuchSet \(HTTP 404(: [^)]*)?\)/],
  ])('argument error %p gives a short readable message', (args, message) => {
    const text = formulaError('TRUECLICKS', args);
    expect(text).toMatch(message);
    expect(text.length).toBeLessThan(300);
  });
});

describe('=TRUECLICKS_TABLE()', () => {
  it('returns one check table for the given accounts (text, numbers or a range)', () => {
    const grid = formula('TRUECLICKS_TABLE', ['wasted-search-terms', '1001, 1002']);
    expect(grid[0][0]).toBe('AccountId');
    expect(new Set(grid.slice(1).map((r) => r[0]))).toEqual(new Set([1001, 1002]));
    expect(formula('TRUECLICKS_TABLE', ['wasted-search-terms', [[1001], [1002]]])).toEqual(grid);
  });
  it('an unknown rule key says how to find valid ones', () => {
    expect(formulaError('TRUECLICKS_TABLE', ['nope', 1001])).toMatch(/not a known check \(rule key\)/);
  });
});

describe('whose connection formulas use', () => {
  it("an editor's formulas use the owner's connection; the token never reaches a cell", () => {
    const grid = formula('TRUECLICKS', ['users', 'UserId,Email', '', '', 3], EDITOR);
    expect(grid).toHaveLength(4);
    expect(JSON.stringify(grid)).not.toContain(sb.token);
  });
  it('the owner can turn formulas off for this spreadsheet, and on again', () => {
    addOn.setFormulasAllowed(false);
    expect(addOn.getStatus().formulasAllowed).toBe(false);
    expect(formulaError('TRUECLICKS', ['users'], EDITOR)).toMatch(/owner has not allowed TrueClicks formulas in this spreadsheet/);
    addOn.setFormulasAllowed(true);
    expect(formula('TRUECLICKS', ['users', 'UserId', '', '', 1], EDITOR)).toHaveLength(2);
  });
  it("an editor cannot switch formulas on for the owner", () => {
    addOn.setFormulasAllowed(false);
    env.setUser(EDITOR);
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    addOn.setFormulasAllowed(true);
    expect(formulaError('TRUECLICKS', ['users'], EDITOR)).toMatch(/owner has not allowed/);
  });
  it('when the owner has not connected, the cell says what to do', () => {
    addOn.disconnect();
    expect(formulaError('TRUECLICKS', ['users'], EDITOR)).toMatch(/use the spreadsheet owner's connection, and the owner has not connected/);
  });
  it('the permission belongs to this spreadsheet: it is kept under its id in the owner\'s own properties', () => {
    const keys = Object.keys(env.properties.user(OWNER)).filter((k) => k.startsWith('trueclicks.formulas.'));
    expect(keys).toEqual([`trueclicks.formulas.${env.spreadsheet.getId()}`]);
    expect(Object.keys(env.properties.document()).filter((k) => k.includes('formulas'))).toEqual([]);
  });
});

describe('size and time limits', () => {
  let big: PrivateSandbox;
  beforeAll(async () => {
    big = await startPrivateSandbox({ scale: 2 });
  });
  afterAll(() => big.stop());
  it('a result too large for a cell formula fails fast and points to the sidebar import', () => {
    addOn.saveConnection({ username: big.username, token: big.token, baseUrl: `${big.url}/odata/` });
    const started = Date.now();
    const before = env.http.requests.length;
    const message = formulaError('TRUECLICKS', ['account-history']);
    // $metadata and the first page, whose @odata.count is already over the cap: nothing more is fetched.
    expect(env.http.requests.length - before).toBeLessThanOrEqual(2);
    expect(message).toMatch(/more than 5,000 rows\) is too large for a cell formula.*import it into a tab from the TrueClicks sidebar/);
    expect(env.http.requests.filter((r) => r.url.includes('AccountHistory')).length).toBeLessThanOrEqual(Math.ceil(5001 / 50));
    console.log(`too-large formula failed after ${Date.now() - started} ms`);
  });
});
