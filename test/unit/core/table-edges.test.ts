/**
 * Edge cases of the typing and flattening hot path that the main table tests do not reach: they pin the
 * behaviour of every branch, so the functions can be split (issue 14) without changing what a cell becomes.
 */
import { buildTable } from '../../../src/core/table/build-table';
import { flattenRows } from '../../../src/core/table/flatten';
import { inferKind, typeCell, TypingContext, MAX_CELL_CHARS } from '../../../src/core/table/typing';
import { ExactNumber } from '../../../src/core/odata/json';
import { EntitySetSchema } from '../../../src/core/odata/metadata';

/** UTC+1 all year: midnight there is 23:00 UTC the day before. */
const typing: TypingContext = { wallClockInZone: (y, m, d, h = 0, mi = 0, s = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s, ms) - 3600 * 1000) };

describe('typeCell, kind by kind', () => {
  it('numbers: a JS number as is, exact strings and ExactNumbers as numbers, the rest as exact text', () => {
    expect(typeCell(1.5, 'number', typing)).toEqual({ value: 1.5 });
    expect(typeCell(new ExactNumber('12345678901234567'), 'number', typing)).toEqual({ value: '12345678901234567', format: '@' });
    expect(typeCell(new ExactNumber('1234567890123456'), 'integer', typing)).toEqual({ value: 1234567890123456 });
    expect(typeCell(true, 'number', typing)).toEqual({ value: 'true', format: '@' });
    expect(typeCell('', 'number', typing)).toEqual({ value: '' });
    expect(typeCell(undefined, 'date', typing)).toEqual({ value: '' });
  });
  it('booleans: true/false and their JSON spellings; anything else as exact text', () => {
    expect(typeCell(false, 'boolean', typing)).toEqual({ value: false });
    expect(typeCell('true', 'boolean', typing)).toEqual({ value: true });
    expect(typeCell('false', 'boolean', typing)).toEqual({ value: false });
    expect(typeCell('TRUE', 'boolean', typing)).toEqual({ value: 'TRUE', format: '@' });
    expect(typeCell(1, 'boolean', typing)).toEqual({ value: '1', format: '@' });
  });
  it('instants: a malformed or non-string value stays exact text', () => {
    expect(typeCell('2024-03-05T10:00:00Z', 'datetime', typing)).toEqual({ value: new Date('2024-03-05T10:00:00Z') });
    expect(typeCell('yesterday', 'datetime', typing)).toEqual({ value: 'yesterday', format: '@' });
    expect(typeCell(1709632800000, 'datetime', typing)).toEqual({ value: '1709632800000', format: '@' });
  });
  it('wall-clock date-times: with an offset still an instant; otherwise exact text', () => {
    expect(typeCell('2024-03-05T10:30:00+02:00', 'localdatetime', typing)).toEqual({ value: new Date('2024-03-05T08:30:00Z') });
    expect(typeCell('2024-03-05T10:30:00.25', 'localdatetime', typing)).toEqual({ value: new Date('2024-03-05T09:30:00.250Z') });
    expect(typeCell('soon', 'localdatetime', typing)).toEqual({ value: 'soon', format: '@' });
    expect(typeCell(5, 'localdatetime', typing)).toEqual({ value: '5', format: '@' });
  });
  it('dates: a plain date, a UTC-midnight date-time and a v2 /Date()/ are the calendar day; the rest exact text', () => {
    const day = new Date('2024-03-04T23:00:00Z'); // 2024-03-05 00:00 at UTC+1
    expect(typeCell('2024-03-05T00:00', 'date', typing)).toEqual({ value: day });
    expect(typeCell('2024-03-05T00:00:00.000Z', 'date', typing)).toEqual({ value: day });
    expect(typeCell('/Date(1709596800000)/', 'date', typing)).toEqual({ value: day });
    expect(typeCell('2024-03-05T10:00:00Z', 'date', typing)).toEqual({ value: '2024-03-05T10:00:00Z', format: '@' });
    expect(typeCell(20240305, 'date', typing)).toEqual({ value: '20240305', format: '@' });
  });
  it('text: any value as its string, truncated at the cell limit without a format of its own', () => {
    expect(typeCell(true, 'text', typing)).toEqual({ value: 'true' });
    expect(typeCell(new ExactNumber('12345678901234567'), 'text', typing)).toEqual({ value: '12345678901234567' });
    expect((typeCell('y'.repeat(MAX_CELL_CHARS + 1), 'text', typing).value as string).length).toBe(MAX_CELL_CHARS);
  });
});

describe('inferKind, combining the kinds down a column', () => {
  const column = (...values: unknown[]) => inferKind(values.map((v) => [v]) as never, 0);
  it('integers and decimals together make a number column; whole numbers alone too (a refresh may bring decimals)', () => {
    expect(column(1, 2.5)).toBe('number');
    expect(column(2.5, 1)).toBe('number');
    expect(column(1, 2)).toBe('number');
    expect(column(new ExactNumber('12345678901234567'), new ExactNumber('1.2345678901234567'))).toBe('number');
    expect(column(new ExactNumber('12345678901234567'))).toBe('number');
  });
  it('any other mix, any unrecognised text, or no value at all makes a text column', () => {
    expect(column(1, true)).toBe('text');
    expect(column('2024-01-01', '2024-01-01T10:00:00Z')).toBe('text');
    expect(column(true, 'x', 1)).toBe('text');
    expect(column(null, undefined)).toBe('text');
    expect(column(1, 'x')).toBe('text');
  });
  it('skips missing values between typed ones', () => {
    expect(column(null, true, undefined, false)).toBe('boolean');
    expect(column('/Date(1709596800000)/', null, '2024-03-05T10:00:00')).toBe('localdatetime');
    expect(column('/Date(1709596800000+0100)/')).toBe('datetime');
  });
});

describe('flattenRows, beyond the common shapes', () => {
  it('keeps a dotted key apart from the nested path it spells, whichever comes first', () => {
    expect(flattenRows([{ 'A.B': 1, A: { B: 2 } }]).columns).toEqual(['A.B', 'A.B (nested)']);
    expect(flattenRows([{ A: { B: 2 }, 'A.B': 1 }]).columns).toEqual(['A.B', 'A.B (key)']);
    const flat = flattenRows([{ A: { 'x.y': 1 } }, { A: { 'x.y': 2 } }]);
    expect(flat.columns).toEqual(['A.x.y']);
    expect(flat.rows).toEqual([[1], [2]]);
  });
  it('skips annotations at every depth, deferred stubs, and keeps v2 expanded collections as one cell', () => {
    const flat = flattenRows([
      { Id: 1, 'Id@odata.type': '#Int32', Owner: { __deferred: { uri: 'x' } }, Tags: { results: [{ Name: 'a', __metadata: {} }] }, Deep: { '@odata.etag': 'W/1', V: 1 } },
    ]);
    expect(flat.columns).toEqual(['Id', 'Tags', 'Deep.V']);
    expect(flat.rows[0]).toEqual([1, '[{"Name":"a"}]', 1]);
    expect(flat.compositeColumns).toEqual({ Tags: true });
  });
  it('an object with `results` beside other keys is nested, not a collection', () => {
    expect(flattenRows([{ P: { results: [1, 2], n: 2 } }]).columns).toEqual(['P.results', 'P.n']);
  });
  it('writes objects nested deeper than five levels as one JSON cell', () => {
    const flat = flattenRows([{ a: { b: { c: { d: { e: { f: { g: 1, h: new ExactNumber('12345678901234567') } } } } } } }]);
    expect(flat.columns).toEqual(['a.b.c.d.e.f']);
    expect(flat.rows[0]).toEqual(['{"g":1,"h":"12345678901234567"}']);
    expect(flat.compositeColumns).toEqual({ 'a.b.c.d.e.f': true });
  });
  it('marks a column as having a value only for a non-null scalar, and releases entities when asked', () => {
    const entities: Array<Record<string, unknown> | null> = [{ O: null, N: [] }, { O: { X: 1 }, N: [null, 2, new ExactNumber('1e400')] }];
    const flat = flattenRows(entities, true);
    expect(flat.columns).toEqual(['N', 'O.X']);
    expect(flat.rows).toEqual([['', undefined], [', 2, 1e400', 1]]);
    expect(entities).toEqual([null, null]);
  });
});

describe('buildTable, cell by cell', () => {
  const schema: EntitySetSchema = {
    entitySet: 'S',
    key: ['Id'],
    columns: [
      { name: 'Id', type: 'Edm.Int32' },
      { name: 'Name', type: 'Edm.String' },
      { name: 'Flag', type: 'Edm.Boolean' },
      { name: 'Day', type: 'Edm.Date' },
      { name: 'Owner', type: 'Edm.String' },
    ],
  };
  it('types in place when the header keeps the discovered order, sharing one formats array between ordinary rows', () => {
    const t = buildTable([{ Id: 1, Name: 'a', Flag: true, Day: '2024-03-05', Owner: 'x' }, { Id: 2, Name: 'b', Flag: false, Day: '2024-03-05', Owner: 'y' }], { schema, typing });
    expect(t.values).toEqual([[1, 'a', true, new Date('2024-03-04T23:00:00Z'), 'x'], [2, 'b', false, new Date('2024-03-04T23:00:00Z'), 'y']]);
    expect(t.formats[0]).toBe(t.formats[1]);
    expect(t.values[0][3]).toBe(t.values[1][3]); // one Date per distinct text in a date column
  });
  it('gives a row its own formats only when a cell needs one, and reorders to the previous header', () => {
    const t = buildTable(
      [{ Name: 'a', Id: 'x1', Flag: 'true', Day: 'soon', Extra: null }, { Name: 'b', Id: 2, Flag: 1, Day: null }, { Name: 'c', Id: 3, Flag: true, Day: '2024-03-05' }],
      { schema, typing, previousHeader: ['Id', 'Gone', 'Name'] },
    );
    expect(t.header).toEqual(['Id', 'Gone', 'Name', 'Flag', 'Day', 'Owner', 'Extra']);
    expect(t.kinds).toEqual(['integer', 'text', 'text', 'boolean', 'date', 'text', 'text']);
    expect(t.values).toEqual([
      ['x1', '', 'a', true, 'soon', '', ''],
      [2, '', 'b', '1', '', '', ''],
      [3, '', 'c', true, new Date('2024-03-04T23:00:00Z'), '', ''],
    ]);
    expect(t.formats[0]).toEqual(['@', '@', '@', 'General', '@', '@', '@']);
    expect(t.formats[1]).toEqual(['0', '@', '@', '@', 'yyyy-mm-dd', '@', '@']);
    expect(t.formats[2]).toEqual(['0', '@', '@', 'General', 'yyyy-mm-dd', '@', '@']);
    expect(t.formats[2]).not.toBe(t.formats[0]);
  });
  it('keeps composite columns as text even when metadata gives them another type, and truncates long text', () => {
    const t = buildTable([{ Id: [1, 2], Name: 'z'.repeat(MAX_CELL_CHARS + 5), Flag: 7 }], { schema, typing, selected: ['Id', 'Name', 'Flag'] });
    expect(t.header).toEqual(['Id', 'Name', 'Flag']);
    expect(t.kinds).toEqual(['text', 'text', 'boolean']);
    expect(t.values[0][0]).toBe('1, 2');
    expect((t.values[0][1] as string).length).toBe(MAX_CELL_CHARS);
    expect(t.values[0][2]).toBe('7');
    expect(t.formats[0]).toEqual(['@', '@', '@']);
  });
  it('infers kinds per column without metadata, a column absent from the data being text', () => {
    const t = buildTable([{ N: 1, D: '2024-03-05T10:30:00' }, { N: 2.5, D: null }], { typing, previousHeader: ['Missing', 'N', 'D'] });
    expect(t.kinds).toEqual(['text', 'number', 'localdatetime']);
    expect(t.values).toEqual([['', 1, new Date('2024-03-05T09:30:00Z')], ['', 2.5, '']]);
  });
});
