import { buildTable } from '../../../src/core/table/build-table';
import { orderColumns } from '../../../src/core/table/columns';
import { flattenRows } from '../../../src/core/table/flatten';
import { exactNumber, inferKind, parseInstant, typeCell, TypingContext, MAX_CELL_CHARS } from '../../../src/core/table/typing';
import { parseJsonPreservingBigNumbers } from '../../../src/core/odata/json';
import { EntitySetSchema } from '../../../src/core/odata/metadata';

/** UTC+1 all year: midnight there is 23:00 UTC the day before. */
const typing: TypingContext = { wallClockInZone: (y, m, d, h = 0, mi = 0, s = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s, ms) - 3600 * 1000) };

describe('flattenRows', () => {
  it('makes Parent.Child columns, joins scalar arrays, JSON-encodes object arrays, first-seen order', () => {
    const flat = flattenRows([
      { Id: 1, Owner: { Name: 'A', Address: { City: 'X' } }, Labels: ['a', 'b'], Items: [{ k: 1 }] },
      { Id: 2, Extra: true, Owner: null },
    ]);
    expect(flat.columns).toEqual(['Id', 'Owner.Name', 'Owner.Address.City', 'Labels', 'Items', 'Extra']);
    expect(flat.rows[0]).toEqual([1, 'A', 'X', 'a, b', '[{"k":1}]']);
    expect(flat.rows[1][0]).toBe(2);
    expect(flat.rows[1][1]).toBeUndefined(); // no fill-down
    expect(flat.rows[1][5]).toBe(true);
  });
  it('drops an always-null placeholder when the same property has nested columns', () => {
    expect(flattenRows([{ Owner: null }, { Owner: { Name: 'A' } }]).columns).toEqual(['Owner.Name']);
  });
  it('keeps a column that is null everywhere', () => {
    expect(flattenRows([{ A: null }]).columns).toEqual(['A']);
  });
});

describe('orderColumns', () => {
  it('uses metadata order, then columns only seen in data', () => {
    expect(orderColumns({ discovered: ['B', 'X', 'A'], declared: ['A', 'B'] })).toEqual(['A', 'B', 'X']);
  });
  it('keeps the previous header in place, even a column this batch lacks, and appends new columns', () => {
    expect(orderColumns({ discovered: ['A', 'B', 'C', 'D'], previous: ['C', 'A', 'Gone', 'B'] })).toEqual(['C', 'A', 'Gone', 'B', 'D']);
  });
  it('follows the user selection, expanding a complex property', () => {
    expect(orderColumns({ discovered: ['Id', 'Owner.Name', 'Owner.Email', 'Name'], selected: ['Name', 'Owner', 'id'] })).toEqual(['Name', 'Owner.Name', 'Owner.Email', 'Id']);
  });
});

describe('typing', () => {
  it('parses DateTimeOffset with offsets and fractions, and v2 /Date()/', () => {
    expect(parseInstant('2024-03-05T10:00:00+02:00')!.toISOString()).toBe('2024-03-05T08:00:00.000Z');
    expect(parseInstant('2024-03-05T10:00:00.1234567Z')!.toISOString()).toBe('2024-03-05T10:00:00.123Z');
    expect(parseInstant('/Date(1709632800000)/')!.toISOString()).toBe('2024-03-05T10:00:00.000Z');
    expect(parseInstant('not a date')).toBeNull();
  });
  it('keeps only exactly representable numbers as numbers', () => {
    expect(exactNumber('12.50')).toBe(12.5);
    expect(exactNumber('9007199254740991')).toBe(9007199254740991);
    expect(exactNumber('9007199254740993')).toBeNull();
    expect(exactNumber('12345678901234567.891')).toBeNull();
    expect(exactNumber('0.12345678901234568')).toBe(0.12345678901234568);
    expect(exactNumber('INF')).toBeNull();
  });
  it('takes the short path only for decimals of at most 15 digits, each of which a double holds exactly', () => {
    let seed = 7;
    const digit = () => String((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 10);
    for (let i = 0; i < 5000; i++) {
      const length = 1 + (i % 15);
      let d = '';
      for (let k = 0; k < length; k++) d += digit();
      const point = i % (length + 1);
      const text = (i % 2 ? '-' : '') + (point ? d.slice(0, point) + '.' + d.slice(point) : d);
      const n = exactNumber(text);
      // The same decimal, shown back by the double: exact (compare the digits without padding zeros).
      const canonical = (t: string) => t.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
      expect([text, n !== null && canonical(String(Math.abs(n)).replace(/e.*$/, '')) === canonical(text)]).toEqual([text, true]);
    }
    expect(exactNumber('1234567890123456')).toBe(1234567890123456); // 16 digits: the careful path, still exact
    expect(exactNumber('000123')).toBe(123);
  });
  it('types a cell by column kind, keeping misfits as exact text in a text-formatted cell', () => {
    expect(typeCell('9007199254740993', 'integer', typing)).toEqual({ value: '9007199254740993', format: '@' });
    expect(typeCell('42', 'integer', typing)).toEqual({ value: 42 });
    expect(typeCell('INF', 'number', typing)).toEqual({ value: 'INF', format: '@' });
    expect(typeCell('2024-03-05', 'date', typing)).toEqual({ value: new Date('2024-03-04T23:00:00Z') });
    expect(typeCell(0, 'text', typing)).toEqual({ value: '0' });
    expect(typeCell(null, 'integer', typing)).toEqual({ value: '' });
  });
  it('truncates text over the Sheets cell limit with a visible marker', () => {
    const cell = typeCell('x'.repeat(60000), 'text', typing).value as string;
    expect(cell.length).toBe(MAX_CELL_CHARS);
    expect(cell).toMatch(/\[truncated: 60000 characters\]$/);
  });
  it('infers kinds from values when there is no metadata', () => {
    const rows = [[1, true, '2024-01-01', '2024-01-01T00:00:00Z', '00123', 1.5], [2, false, '2024-02-01', '2024-01-01T00:00:00+01:00', '7', null]];
    expect([0, 1, 2, 3, 4, 5].map((c) => inferKind(rows, c))).toEqual(['number', 'boolean', 'date', 'datetime', 'text', 'number']);
  });
});

describe('buildTable', () => {
  const schema: EntitySetSchema = {
    entitySet: 'Accounts',
    key: ['AccountId'],
    columns: [
      { name: 'AccountId', type: 'Edm.Int32' },
      { name: 'ExternalCode', type: 'Edm.String' },
      { name: 'Impressions', type: 'Edm.Int64' },
      { name: 'Active', type: 'Edm.Boolean' },
      { name: 'CreatedOn', type: 'Edm.Date' },
      { name: 'LastUpdated', type: 'Edm.DateTimeOffset' },
    ],
  };
  const rows = parseJsonPreservingBigNumbers(
    JSON.stringify([
      { AccountId: 1, ExternalCode: '000123', Active: true, CreatedOn: '2024-03-05', LastUpdated: '2024-03-05T10:00:00+02:00' },
      { AccountId: 2, ExternalCode: '=HYPERLINK("http://x","y")', Active: false, CreatedOn: null, LastUpdated: null },
    ]).replace('"AccountId":1,', '"AccountId":1,"Impressions":9007199254740993,'),
  ) as Record<string, unknown>[];

  it('types from metadata and gives every string a plain-text format', () => {
    const t = buildTable(rows, { schema, typing });
    expect(t.header).toEqual(['AccountId', 'ExternalCode', 'Impressions', 'Active', 'CreatedOn', 'LastUpdated']);
    expect(t.values[0]).toEqual([1, '000123', '9007199254740993', true, new Date('2024-03-04T23:00:00Z'), new Date('2024-03-05T08:00:00Z')]);
    expect(t.formats[0]).toEqual(['0', '@', '@', 'General', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss']);
    expect(t.values[1][1]).toBe('=HYPERLINK("http://x","y")');
    expect(t.formats[1][1]).toBe('@');
    expect(t.typedFrom).toBe('metadata');
    // every string cell, in every row, sits in a text-formatted cell
    t.values.forEach((row, r) => row.forEach((v, c) => { if (typeof v === 'string' && v !== '') expect(t.formats[r][c]).toBe('@'); }));
  });
  it('infers types without metadata', () => {
    const t = buildTable([{ A: '00123', B: 5 }], { typing });
    expect(t.values[0]).toEqual(['00123', 5]);
    expect(t.formats[0]).toEqual(['@', 'General']);
    expect(t.typedFrom).toBe('values');
  });
});

describe('zone-less date-times (OData v2/v3 Edm.DateTime)', () => {
  it('keeps the wall clock in the spreadsheet zone; an explicit offset or Z stays an instant', () => {
    expect(typeCell('2024-03-05T10:30:00', 'localdatetime', typing).value).toEqual(new Date('2024-03-05T09:30:00Z'));
    expect(typeCell('/Date(1709634600000)/', 'localdatetime', typing).value).toEqual(new Date('2024-03-05T09:30:00Z'));
    expect(typeCell('2024-03-05T10:30:00Z', 'localdatetime', typing).value).toEqual(new Date('2024-03-05T10:30:00Z'));
    expect(typeCell('/Date(1709634600000+0060)/', 'datetime', typing).value).toEqual(new Date('2024-03-05T10:30:00Z'));
  });
  it('infers wall-clock vs instant from the text', () => {
    expect(inferKind([['2024-03-05T10:30:00']], 0)).toBe('localdatetime');
    expect(inferKind([['2024-03-05T10:30:00+01:00']], 0)).toBe('datetime');
  });
});
