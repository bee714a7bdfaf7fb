import { readODataPage } from '../../../src/core/odata/response';
import { flattenRows } from '../../../src/core/table/flatten';

describe('readODataPage (annotations are skipped by the flattener)', () => {
  it('reads OData v4', () => {
    const page = readODataPage({
      '@odata.context': '$metadata#Accounts',
      '@odata.count': 120,
      value: [{ '@odata.etag': 'W/"1"', AccountId: 1, 'Price@odata.type': '#Decimal', Price: '1.5' }],
      '@odata.nextLink': 'Accounts?$skiptoken=50',
    });
    expect(flattenRows(page.rows).columns).toEqual(['AccountId', 'Price']);
    expect({ ...page, rows: null }).toEqual({
      rows: null,
      nextLink: 'Accounts?$skiptoken=50',
      count: 120,
      version: 'v4',
      contextUrl: '$metadata#Accounts',
    });
  });
  it('reads OData v3 JSON light', () => {
    const page = readODataPage({
      'odata.metadata': 'http://h/svc/$metadata#Accounts',
      'odata.count': '7',
      value: [{ 'odata.type': 'NS.Account', AccountId: 1 }],
      'odata.nextLink': 'http://h/svc/Accounts?$skiptoken=1',
    });
    expect(page.version).toBe('v3');
    expect(flattenRows(page.rows).columns).toEqual(['AccountId']);
    expect(page.nextLink).toBe('http://h/svc/Accounts?$skiptoken=1');
    expect(page.count).toBe(7);
  });
  it('reads OData v2 verbose, dropping __metadata and deferred navigation stubs', () => {
    const page = readODataPage({
      d: {
        results: [{ __metadata: { uri: 'Accounts(1)', type: 'NS.Account' }, AccountId: 1, Checks: { __deferred: { uri: 'x' } }, Owner: { __metadata: { type: 'NS.P' }, Name: 'A' } }],
        __next: 'http://h/svc/Accounts?$skiptoken=1',
        __count: '3',
      },
    });
    expect(page.version).toBe('v2');
    const flat = flattenRows(page.rows);
    expect(flat.columns).toEqual(['AccountId', 'Owner.Name']);
    expect(flat.rows).toEqual([[1, 'A']]);
    expect(page.nextLink).toBe('http://h/svc/Accounts?$skiptoken=1');
    expect(page.count).toBe(3);
  });
  it('reads OData v1-style { d: [...] }', () => {
    expect(readODataPage({ d: [{ A: 1 }] }).rows).toEqual([{ A: 1 }]);
  });
  it('reads a v2 page without next link or count, and a v4 body without annotations', () => {
    expect(readODataPage({ d: { results: [], __count: 'many' } })).toEqual({ rows: [], nextLink: null, count: null, version: 'v2', contextUrl: null });
    expect(readODataPage({ value: [{ A: 1 }] })).toEqual({ rows: [{ A: 1 }], nextLink: null, count: null, version: 'v4', contextUrl: null });
    expect(readODataPage({ 'odata.metadata': 7, 'odata.count': 2, value: [] })).toEqual({ rows: [], nextLink: null, count: 2, version: 'v3', contextUrl: null });
    expect(readODataPage({ 'odata.metadata': 'm', '@odata.count': '4', value: [] })).toMatchObject({ count: 4, version: 'v4', contextUrl: null });
  });
  it('falls back to `value` when `d` holds no rows', () => {
    expect(readODataPage({ d: null, value: [{ A: 1 }] }).version).toBe('v4');
    expect(readODataPage({ d: { results: 'x' }, value: [] }).version).toBe('v4');
    expect(readODataPage({ d: 5, 'odata.metadata': 'm', value: [] }).version).toBe('v3');
  });
  it.each([[{ AccountId: 1 }], [null], ['text'], [{ value: 'x' }], [{ value: [1, 2] }], [[{ A: 1 }]], [{ d: [1] }], [{ d: { results: [null] } }]])('rejects a non-collection body %p', (body) => {
    expect(() => readODataPage(body)).toThrow(/not with a list of rows/);
  });
  it('keeps annotations out of JSON cells too', () => {
    expect(flattenRows([{ Items: [{ '@odata.type': '#X', k: 1, Nav: { __deferred: { uri: 'u' } } }] }]).rows[0]).toEqual(['[{"k":1}]']);
  });
});

import { readEntitySets } from '../../../src/core/odata/service-document';

describe('readEntitySets', () => {
  it('reads v4 (entity sets only), v3 and v2 service documents', () => {
    expect(readEntitySets({ value: [{ name: 'Accounts', kind: 'EntitySet', url: 'Accounts' }, { name: 'Fn', kind: 'FunctionImport', url: 'Fn' }] })).toEqual(['Accounts']);
    expect(readEntitySets({ 'odata.metadata': 'x', value: [{ name: 'Tasks', url: 'Tasks' }] })).toEqual(['Tasks']);
    expect(readEntitySets({ d: { EntitySets: ['Users', 'Checks'] } })).toEqual(['Users', 'Checks']);
  });
  it('rejects anything else', () => {
    expect(() => readEntitySets({ hello: 1 })).toThrow(/service document/);
  });
});
