/**
 * Server functions behind the sidebar's pickers and saved-import actions, through the built bundle.
 */
import { loadAddOn, errorOf, AddOn } from '../support/addon';
import { sharedSandbox } from '../support/sandbox';
import type { GasEnvironment } from '../fakes';

const sb = sharedSandbox();
let env: GasEnvironment;
let addOn: AddOn;

beforeEach(() => {
  ({ env, addOn } = loadAddOn());
  addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
});
afterEach(() => env.close());

it('lists the entity sets of the service document', () => {
  expect(addOn.listEntitySets().sort()).toEqual(['AccountHistory', 'Accounts', 'Checks', 'TargetMonitoringActive', 'TargetMonitoringAll', 'Tasks', 'Users']);
});

it('describes a dataset from $metadata: columns with types, and the key', () => {
  const d = addOn.describeDataset('accounts')!;
  expect(d.key).toEqual(['AccountId']);
  expect(d.columns).toContainEqual(expect.objectContaining({ name: 'Owner.Name', type: 'Edm.String' }));
  expect(d.columns).toContainEqual(expect.objectContaining({ name: 'LastUpdated', type: 'Edm.DateTimeOffset' }));
  expect(addOn.describeDataset('NotASet')).toBeNull();
});

it('reports progress under the id the sidebar chose', () => {
  expect(addOn.getProgress('run-1')).toBeNull();
  addOn.importDataset({ dataset: 'account-history', progressId: 'run-1' });
  // Pages of 1,000 (Prefer: odata.maxpagesize, honoured by the sandbox): the first page and three windows.
  expect(addOn.getProgress('run-1')).toEqual({ phase: 'done', pages: Math.ceil(3120 / 1000), rows: 3120 });
  expect(addOn.getProgress('../etc')).toBeNull();
});

it('refreshes, forgets and shows one saved import', () => {
  addOn.importDataset({ dataset: 'users', top: 5 });
  addOn.importDataset({ dataset: 'tasks', top: 5 });
  expect(addOn.refreshImport('TrueClicks users')).toMatchObject({ sheetName: 'TrueClicks users', rows: 5 });
  const status = addOn.removeImport('TrueClicks users');
  expect(status.imports.map((i) => i.sheetName)).toEqual(['TrueClicks tasks']);
  expect(env.sheetSnapshot('TrueClicks users').values.length).toBe(6); // the data stays
  expect(errorOf(() => addOn.refreshImport('TrueClicks users'))).toMatch(/no saved TrueClicks import in a tab called "TrueClicks users"/);
  addOn.goToSheet('TrueClicks tasks');
  expect(env.spreadsheet.getActiveSheet().getName()).toBe('TrueClicks tasks');
  expect(errorOf(() => addOn.goToSheet('Nope'))).toMatch(/no tab called "Nope"/);
});
