/**
 * Google's limits that a local run does not hit by itself, through the built bundle: the 6-minute run's write
 * reserve, a run killed between writing the cells and saving the status, developer metadata per tab, and
 * property values counted in UTF-8 bytes.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { simulateClock as simulateWith } from '../support/simulated-clock';
import { sharedSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeEach(() => {
  ({ env, addOn } = loadAddOn({ sleepScale: 0.01 }));
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

const simulateClock = (costMs: number) => simulateWith(env, costMs);

const savedImport = (name: string) => addOn.getStatus().imports.find((i) => i.sheetName === name);

describe('the 6-minute run', () => {
  it('does not start writing a table when the write would not finish before Google ends the run', () => {
    // $metadata at 0 s, the first page (the whole set: pages of up to 1,000 rows) at 170 s, before the 4.5-minute
    // request budget; it ends at 5:40, the run's end less its margin: no time left to write.
    simulateClock(170000);
    const message = errorOf(() => addOn.importDataset({ dataset: 'tasks', sheetName: 'Tasks' }));
    expect(message).toMatch(/ran out of time: writing its [\d,]+ rows would not finish within Google's 6-minute limit, so nothing was written/);
    expect(env.spreadsheet.getSheetByName('Tasks')).toBeNull();
  });

  it('a run killed between writing the cells and saving the status leaves the tab as this import, to be refreshed', () => {
    env.killAfterSetValues(1); // the whole table is one chunk: Google ends the run right after it
    expect(errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Users' }))).toMatch(/maximum execution time/);
    env.revive();
    expect(env.sheetSnapshot('Users').values.length).toBeGreaterThan(1);
    // The tab is not "data the add-on did not import", and not another import: it is this one, marked interrupted.
    expect(savedImport('Users')).toMatchObject({ dataset: 'users', lastError: { code: 'INTERRUPTED', message: expect.stringMatching(/stopped by Google while it was writing/) } });
    const again = addOn.importDataset({ dataset: 'users', sheetName: 'Users' });
    expect(again.rows).toBeGreaterThan(0);
    expect(savedImport('Users')).toMatchObject({ lastError: null, rows: again.rows });
  });

  it('a killed run that wrote more rows than before: the next refresh clears all of them', () => {
    addOn.importDataset({ dataset: 'users', sheetName: 'Users', top: 5 });
    env.killAfterSetValues(1);
    errorOf(() => addOn.importDataset({ dataset: 'users', sheetName: 'Users', top: 40 }));
    env.revive();
    expect(env.sheetSnapshot('Users').values).toHaveLength(41);
    addOn.importDataset({ dataset: 'users', sheetName: 'Users', top: 3 });
    expect(env.sheetSnapshot('Users').values).toHaveLength(4);
  });
});

describe('a cell formula (30 s, and a request in flight cannot be cancelled)', () => {
  it('starts a request only while twice the slowest one so far still fits in its budget, and says so plainly', () => {
    const clock = simulateClock(8000);
    const start = clock.now;
    const message = errorOf(() => env.runCustomFunction('TRUECLICKS', ['tasks']));
    // $metadata took 8 s; the next page would need up to 16 s more and end after the 22-second budget: not started.
    expect(message).toMatch(/^There was not enough time left to load this within Google's time limit\. Use a filter, a row limit or fewer accounts, or import it into a tab from the TrueClicks sidebar\.$/);
    expect(clock.now - start).toBeLessThanOrEqual(22000);
  });
});

describe('developer metadata per tab', () => {
  it('refuses a check table with thousands of chosen accounts before fetching anything, with a clear message', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => String(1000000000 + i));
    const before = env.http.requests.length;
    const message = errorOf(() => addOn.importCheckTable({ ruleKey: 'wasted-search-terms', accountIds: ids }));
    expect(message).toMatch(/4000 chosen accounts are too many to save with the tab: Google Sheets keeps at most 30,000 characters of add-on data per tab, enough for about \d+ account ids like these\. Choose fewer accounts, or "All accounts"\./);
    expect(env.http.requests.length).toBe(before);
    expect(env.spreadsheet.getSheetByName('TrueClicks check wasted-search-terms')).toBeNull();
  });
});
