import { buildCollectionUrl, metadataUrl, parseColumns, parseQuery, parseTop } from '../../../src/core/odata/query';
import { resolveDataset, entitySetOfPath, DATASETS } from '../../../src/core/catalogue';

const BASE = 'https://api.trueclicks.com/odata/';

describe('buildCollectionUrl', () => {
  it('omits every option that is not set', () => {
    expect(buildCollectionUrl(BASE, 'Accounts', {})).toBe('https://api.trueclicks.com/odata/Accounts');
  });
  it('encodes each option once, with $select paths using "/"', () => {
    const url = buildCollectionUrl(BASE, 'Accounts', {
      columns: ['AccountId', 'Owner.Name'],
      filter: "Name eq 'O''Brien & Søn'",
      orderby: 'AuditScore desc',
      top: 10,
    });
    expect(url).toBe(
      'https://api.trueclicks.com/odata/Accounts?$select=AccountId%2COwner%2FName&$filter=Name%20eq%20%27O%27%27Brien%20%26%20S%C3%B8n%27&$orderby=AuditScore%20desc&$top=10',
    );
    expect(url).not.toMatch(/[ '"]/);
  });
  it('keeps a query the dataset path already has', () => {
    expect(buildCollectionUrl(BASE, 'Accounts?tenant=5', { top: 1 })).toBe('https://api.trueclicks.com/odata/Accounts?tenant=5&$top=1');
  });
  it('refuses URLs over the UrlFetchApp length limit', () => {
    expect(() => buildCollectionUrl(BASE, 'Accounts', { filter: 'x'.repeat(3000) })).toThrow(/too long/);
  });
  it('puts $metadata at the service root', () => {
    expect(metadataUrl(BASE)).toBe('https://api.trueclicks.com/odata/$metadata');
  });
});

describe('parsing user input', () => {
  it('accepts columns as text, arrays and 2-D ranges, trimmed and de-duplicated', () => {
    expect(parseColumns(' AccountId, Name ,AccountId')).toEqual(['AccountId', 'Name']);
    expect(parseColumns([['AccountId'], ['Owner.Name'], ['']])).toEqual(['AccountId', 'Owner.Name']);
    expect(parseColumns('')).toBeUndefined();
  });
  it('rejects column names that are not identifiers', () => {
    expect(() => parseColumns('Name; drop')).toThrow(/not a column name/);
  });
  it.each([[0], [-1], [1.5], ['abc'], ['1e400'], [NaN]])('rejects top=%p', (top) => {
    expect(() => parseTop(top)).toThrow(/positive whole number/);
  });
  it('accepts top as number or text', () => {
    expect(parseTop(5)).toBe(5);
    expect(parseTop(' 25 ')).toBe(25);
    expect(parseTop('')).toBeUndefined();
  });
  it('drops empty options', () => {
    expect(parseQuery({ filter: '  ', orderby: '', columns: '', top: undefined })).toEqual({});
  });
});

describe('catalogue', () => {
  it('has the seven TrueClicks datasets with unique keys and paths', () => {
    expect(DATASETS.map((d) => d.key)).toEqual(['accounts', 'account-history', 'checks', 'users', 'tasks', 'targets-active', 'targets-all']);
    expect(new Set(DATASETS.map((d) => d.path)).size).toBe(7);
  });
  it('matches keys case-insensitively and treats other text as a relative OData path', () => {
    expect(resolveDataset('ACCOUNTS').path).toBe('Accounts');
    expect(resolveDataset('NewDataset')).toEqual({ key: null, title: 'NewDataset', path: 'NewDataset' });
  });
  it.each([['https://evil.example/x'], ['/absolute'], ['../up'], ['a b'], [''], [undefined], [42]])('refuses %p', (input) => {
    expect(() => resolveDataset(input)).toThrow();
  });
  it('finds the entity set of a path', () => {
    expect(entitySetOfPath('Accounts')).toBe('Accounts');
    expect(entitySetOfPath('v2/Accounts(5)/Checks?x=1')).toBe('Checks');
  });
});
