import { andFilters, buildFilter, FilterColumn, FilterRow, parseFilter } from '../../../src/core/odata/filter-builder';
import { friendlyTypeName, literalFor, readLiteral } from '../../../src/core/odata/literals';
import { buildCollectionUrl } from '../../../src/core/odata/query';
import { dayZone } from '../../../src/client/day-zone';

const COLUMNS: FilterColumn[] = [
  { name: 'Name', type: 'Edm.String' },
  { name: 'Platform', type: 'Edm.String' },
  { name: 'AuditScore', type: 'Edm.Decimal' },
  { name: 'MonitoringIssues', type: 'Edm.Int32' },
  { name: 'LifetimeImpressions', type: 'Edm.Int64' },
  { name: 'OptimizationScore', type: 'Edm.Double' },
  { name: 'IsActive', type: 'Edm.Boolean' },
  { name: 'CreatedOn', type: 'Edm.Date' },
  { name: 'LastUpdated', type: 'Edm.DateTimeOffset' },
  { name: 'Owner.Name', type: 'Edm.String' },
];
const V2_COLUMNS = COLUMNS.map((c) => (c.type === 'Edm.Date' ? { ...c, type: 'Edm.Date' } : c)).concat([{ name: 'Stamp', type: 'Edm.DateTime' }]);

describe('value literals', () => {
  it('doubles quotes in text and leaves non-ASCII as it is (the URL encoder percent-encodes it)', () => {
    expect(literalFor("O'Brien's shop", 'Edm.String', 'v4')).toBe("'O''Brien''s shop'");
    expect(literalFor('Café Zürich 東京 🚀', 'Edm.String', 'v4')).toBe("'Café Zürich 東京 🚀'");
    const url = buildCollectionUrl('https://x.test/odata/', 'Accounts', { filter: buildFilter([{ column: 'Name', op: 'eq', value: "Café d'Or & 100%" }], COLUMNS) });
    expect(url).toBe("https://x.test/odata/Accounts?$filter=Name%20eq%20%27Caf%C3%A9%20d%27%27Or%20%26%20100%25%27");
  });

  it('writes dates and date-times in v4 syntax and in v2 typed syntax', () => {
    expect(literalFor('2026-01-31', 'Edm.Date', 'v4')).toBe('2026-01-31');
    expect(literalFor('2026-01-31', 'Edm.Date', 'v2')).toBe("datetime'2026-01-31T00:00:00'");
    expect(literalFor('2026-01-31', 'Edm.DateTimeOffset', 'v4')).toBe('2026-01-31T00:00:00Z');
    expect(literalFor('2026-01-31T10:15', 'Edm.DateTimeOffset', 'v4')).toBe('2026-01-31T10:15:00Z');
    expect(literalFor('2026-01-31', 'Edm.DateTimeOffset', 'v2')).toBe("datetimeoffset'2026-01-31T00:00:00Z'");
    expect(literalFor('2026-01-31', 'Edm.DateTime', 'v2')).toBe("datetime'2026-01-31T00:00:00'");
    expect(() => literalFor('2026-02-30', 'Edm.Date', 'v4')).toThrow(/not a date for/);
    expect(() => literalFor('31/01/2026', 'Edm.Date', 'v4')).toThrow(/2026-01-31/);
  });

  it('writes numbers plain in v4 and with their type suffix in v2; refuses what is not a number', () => {
    expect(literalFor('12.5', 'Edm.Decimal', 'v4')).toBe('12.5');
    expect(literalFor('12.5', 'Edm.Decimal', 'v2')).toBe('12.5M');
    expect(literalFor('9007199254740993', 'Edm.Int64', 'v2')).toBe('9007199254740993L');
    expect(literalFor('+3', 'Edm.Int32', 'v2')).toBe('3');
    expect(literalFor('1.5', 'Edm.Double', 'v2')).toBe('1.5d');
    expect(() => literalFor('12,5', 'Edm.Decimal', 'v4', 'AuditScore')).toThrow(/"12,5" is not a number for AuditScore/);
    expect(() => literalFor("1 or 1 eq 1", 'Edm.Int32', 'v4')).toThrow(/not a number/);
  });

  it('booleans are true or false only', () => {
    expect(literalFor('TRUE', 'Edm.Boolean', 'v4')).toBe('true');
    expect(() => literalFor('yes', 'Edm.Boolean', 'v4')).toThrow(/true or false/);
  });

  it('reads literals back', () => {
    expect(readLiteral("'it''s'")).toEqual({ kind: 'text', value: "it's" });
    expect(readLiteral("datetime'2026-01-31T00:00:00'")).toEqual({ kind: 'date', value: '2026-01-31' });
    expect(readLiteral('2026-01-31T10:00:00Z')).toEqual({ kind: 'datetime', value: '2026-01-31T10:00:00', instant: '2026-01-31T10:00:00Z' });
    expect(readLiteral('12.5M')).toEqual({ kind: 'number', value: '12.5' });
    expect(readLiteral('null')).toEqual({ kind: 'null', value: '' });
  });

  it('names types the way a marketer reads them', () => {
    expect(['Edm.Int32', 'Edm.DateTimeOffset', 'Edm.Date', 'Edm.String', 'Edm.Boolean'].map(friendlyTypeName)).toEqual(['Number', 'Date & time', 'Date', 'Text', 'True/false']);
  });
});

describe('buildFilter', () => {
  it('ANDs rows, ORs a row with the previous one, and groups the ORs', () => {
    const rows: FilterRow[] = [
      { column: 'Platform', op: 'eq', value: 'Google Ads' },
      { column: 'AuditScore', op: 'lt', value: '60' },
      { column: 'IsActive', op: 'false', or: true },
      { column: 'CreatedOn', op: 'ge', value: '2026-01-01' },
    ];
    expect(buildFilter(rows, COLUMNS)).toBe("Platform eq 'Google Ads' and (AuditScore lt 60 or IsActive eq false) and CreatedOn ge 2026-01-01");
  });

  it('text operators, empty tests and between, in v4 and v2', () => {
    const rows: FilterRow[] = [
      { column: 'Name', op: 'contains', value: 'shop' },
      { column: 'Owner.Name', op: 'startswith', value: 'An' },
      { column: 'Platform', op: 'empty' },
      { column: 'MonitoringIssues', op: 'between', value: '1', value2: '5' },
    ];
    expect(buildFilter(rows, COLUMNS, 'v4')).toBe("contains(Name,'shop') and startswith(Owner/Name,'An') and (Platform eq null or Platform eq '') and (MonitoringIssues ge 1 and MonitoringIssues le 5)");
    expect(buildFilter(rows, COLUMNS, 'v2')).toBe("substringof('shop',Name) and startswith(Owner/Name,'An') eq true and (Platform eq null or Platform eq '') and (MonitoringIssues ge 1 and MonitoringIssues le 5)");
  });

  it('says which value is missing and refuses unknown columns and operators that do not fit the type', () => {
    expect(() => buildFilter([{ column: 'AuditScore', op: 'gt', value: ' ' }], COLUMNS)).toThrow(/Enter a value for the filter on AuditScore/);
    expect(() => buildFilter([{ column: 'Nope', op: 'eq', value: '1' }], COLUMNS)).toThrow(/does not have/);
    expect(() => buildFilter([{ column: 'IsActive', op: 'contains', value: 'x' }], COLUMNS)).toThrow(/cannot be used/);
  });

  it('andFilters keeps each side whole', () => {
    expect(andFilters('A eq 1 or B eq 2', 'C ge 3')).toBe('(A eq 1 or B eq 2) and (C ge 3)');
    expect(andFilters(undefined, 'C ge 3')).toBe('C ge 3');
    expect(andFilters('', undefined)).toBeUndefined();
  });
});

describe('parseFilter (hand-written filters back into rows)', () => {
  const roundTrips: Array<[string, FilterRow[], 'v4' | 'v2']> = [
    ["Platform eq 'Google Ads'", [{ column: 'Platform', op: 'eq', value: 'Google Ads' }], 'v4'],
    ["Name eq 'O''Brien'", [{ column: 'Name', op: 'eq', value: "O'Brien" }], 'v4'],
    [
      "Platform eq 'Meta Ads' and (AuditScore lt 60 or IsActive eq false)",
      [
        { column: 'Platform', op: 'eq', value: 'Meta Ads' },
        { column: 'AuditScore', op: 'lt', value: '60' },
        { column: 'IsActive', op: 'false', or: true },
      ],
      'v4',
    ],
    ["contains(Name,'shop') and startswith(Owner/Name,'An')", [{ column: 'Name', op: 'contains', value: 'shop' }, { column: 'Owner.Name', op: 'startswith', value: 'An' }], 'v4'],
    ["substringof('shop',Name) and startswith(Owner/Name,'An') eq true", [{ column: 'Name', op: 'contains', value: 'shop' }, { column: 'Owner.Name', op: 'startswith', value: 'An' }], 'v2'],
    ['(MonitoringIssues ge 1 and MonitoringIssues le 5)', [{ column: 'MonitoringIssues', op: 'between', value: '1', value2: '5' }], 'v4'],
    ["(Platform eq null or Platform eq '')", [{ column: 'Platform', op: 'empty' }], 'v4'],
    ["CreatedOn ge datetime'2026-01-01T00:00:00' and AuditScore gt 12.5M", [{ column: 'CreatedOn', op: 'ge', value: '2026-01-01' }, { column: 'AuditScore', op: 'gt', value: '12.5' }], 'v2'],
    ['LastUpdated ge 2026-11-01T00:00:00Z', [{ column: 'LastUpdated', op: 'ge', value: '2026-11-01' }], 'v4'],
    // between two days of a date-time column includes the whole last day
    ['(LastUpdated ge 2026-11-01T00:00:00Z and LastUpdated lt 2026-12-01T00:00:00Z)', [{ column: 'LastUpdated', op: 'between', value: '2026-11-01', value2: '2026-11-30' }], 'v4'],
    ['(CreatedOn ge 2026-02-01 and CreatedOn le 2026-02-28)', [{ column: 'CreatedOn', op: 'between', value: '2026-02-01', value2: '2026-02-28' }], 'v4'],
  ];
  it.each(roundTrips)('%s', (filter, rows, dialect) => {
    expect(parseFilter(filter, V2_COLUMNS)).toEqual(rows);
    expect(buildFilter(rows, V2_COLUMNS, dialect)).toBe(filter);
  });

  it('is case-tolerant about keywords and spacing', () => {
    expect(parseFilter("  Platform  EQ 'x'   AND IsActive eq true ", COLUMNS)).toEqual([
      { column: 'Platform', op: 'eq', value: 'x' },
      { column: 'IsActive', op: 'true' },
    ]);
  });

  it('answers null for what the builder cannot show, so it stays Advanced text', () => {
    for (const f of [
      "not contains(Name,'x')",
      'AuditScore add 5 gt 10',
      "tolower(Name) eq 'x'",
      "Unknown eq 'x'",
      "AuditScore eq 'text'",
      "(Platform eq 'a' or (AuditScore lt 1 and IsActive eq true))",
      "Labels/any(l: l eq 'x')",
      "Platform eq 'unterminated",
    ]) {
      expect(parseFilter(f, COLUMNS)).toBeNull();
    }
    expect(parseFilter('', COLUMNS)).toEqual([]);
  });
});

describe('days on date-time columns begin in the spreadsheet zone (the sidebar passes it)', () => {
  const amsterdam = dayZone('Europe/Amsterdam');
  const rows = (value: string): FilterRow[] => [{ column: 'LastUpdated', op: 'ge', value }];

  it('winter and summer midnights, and back', () => {
    expect(buildFilter(rows('2026-11-01'), COLUMNS, 'v4', amsterdam)).toBe('LastUpdated ge 2026-10-31T23:00:00Z');
    expect(buildFilter(rows('2026-07-01'), COLUMNS, 'v4', amsterdam)).toBe('LastUpdated ge 2026-06-30T22:00:00Z');
    expect(parseFilter('LastUpdated ge 2026-10-31T23:00:00Z', COLUMNS, amsterdam)).toEqual(rows('2026-11-01'));
    expect(parseFilter('LastUpdated ge 2026-06-30T22:00:00Z', COLUMNS, amsterdam)).toEqual(rows('2026-07-01'));
    // not the start of a day there: the builder cannot show it as a day
    expect(parseFilter('LastUpdated ge 2026-11-01T00:00:00Z', COLUMNS, amsterdam)).toBeNull();
  });

  it('between spans the DST change: from CEST midnight to the CET midnight after the last day', () => {
    const between: FilterRow[] = [{ column: 'LastUpdated', op: 'between', value: '2026-10-20', value2: '2026-10-31' }];
    const filter = buildFilter(between, COLUMNS, 'v4', amsterdam);
    expect(filter).toBe('(LastUpdated ge 2026-10-19T22:00:00Z and LastUpdated lt 2026-10-31T23:00:00Z)');
    expect(parseFilter(filter, COLUMNS, amsterdam)).toEqual(between);
  });

  it('date-only columns and zone-less v2 DateTime stay calendar days', () => {
    expect(buildFilter([{ column: 'CreatedOn', op: 'ge', value: '2026-11-01' }], COLUMNS, 'v4', amsterdam)).toBe('CreatedOn ge 2026-11-01');
    expect(buildFilter([{ column: 'Stamp', op: 'ge', value: '2026-11-01' }], V2_COLUMNS, 'v2', amsterdam)).toBe("Stamp ge datetime'2026-11-01T00:00:00'");
  });

  it('an unknown zone falls back to UTC', () => {
    expect(buildFilter(rows('2026-11-01'), COLUMNS, 'v4', dayZone('Not/AZone'))).toBe('LastUpdated ge 2026-11-01T00:00:00Z');
  });
});
