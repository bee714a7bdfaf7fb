/**
 * Deterministic OData page-like payloads for P3 and the heap figures: the shapes TrueClicks sends (numbers, text
 * with hostile values, booleans, date-times with offsets, a nested owner, a label list, annotations).
 * `ieee754`: Decimal values as strings, as a server honouring IEEE754Compatible=true sends them.
 * `narrow`: 13 columns (no labels or owner), the width of the heap figures.
 */
import type { EntitySetSchema } from '../src/core/odata/metadata';

export interface PayloadOptions {
  ieee754?: boolean;
  narrow?: boolean;
  /** Row number of the first row (pages of one large collection). */
  offset?: number;
}

function row(i: number, rnd: () => number, options: PayloadOptions): Record<string, unknown> {
  const names = ['Acme – Nordics', '=HYPERLINK("x","y")', 'Pizzería Ñandú 🍕', '00123', 'TRUE', '+1 (555) 0100', 'متجر الأناقة'];
  const decimal = (n: number) => (options.ieee754 ? String(n) : n);
  const r: Record<string, unknown> = {
    '@odata.etag': `W/"${i}"`,
    AccountId: 100000 + i,
    Name: names[i % names.length] + ' ' + i,
    Platform: ['Google Ads', 'Microsoft Ads', 'Meta Ads'][i % 3],
    CustomerId: `${100 + (i % 900)}-${100 + (i % 800)}-${1000 + (i % 9000)}`,
    ExternalCode: String(i % 1000).padStart(6, '0'),
    OptimizationScore: Math.round(rnd() * 1000) / 1000,
    AuditScore: decimal(Math.round(rnd() * 10000) / 100),
    MonitoringIssues: Math.floor(rnd() * 40),
    Spend30d: decimal(Math.round(rnd() * 1e7) / 100),
    IsActive: i % 7 !== 0,
    LastUpdated: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00+02:00`,
    CreatedOn: `2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  };
  if (!options.narrow) {
    r.Labels = i % 3 ? ['Priority', 'EU'] : [];
    r.Owner = i % 11 ? { Name: `Owner ${i % 50}`, Email: `owner${i % 50}@agency.example` } : null;
  }
  r.Notes = i % 5 ? null : 'Check budget pacing; see task list.';
  return r;
}

export function makePayload(rows: number, options: PayloadOptions = {}): string {
  const value: unknown[] = [];
  let seed = 42 + (options.offset || 0);
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < rows; i++) value.push(row((options.offset || 0) + i, rnd, options));
  return JSON.stringify({ '@odata.context': '$metadata#Accounts', value });
}

/** The $metadata description of the payload's entity set, as describeEntitySet gives it. */
export function payloadSchema(options: PayloadOptions = {}): EntitySetSchema {
  const columns = [
    ['AccountId', 'Edm.Int32'], ['Name', 'Edm.String'], ['Platform', 'Edm.String'], ['CustomerId', 'Edm.String'],
    ['ExternalCode', 'Edm.String'], ['OptimizationScore', 'Edm.Double'], ['AuditScore', 'Edm.Decimal'],
    ['MonitoringIssues', 'Edm.Int32'], ['Spend30d', 'Edm.Decimal'], ['IsActive', 'Edm.Boolean'],
    ['LastUpdated', 'Edm.DateTimeOffset'], ['CreatedOn', 'Edm.Date'],
  ].concat(options.narrow ? [] : [['Labels', 'Collection(Edm.String)'], ['Owner.Name', 'Edm.String'], ['Owner.Email', 'Edm.String']]);
  columns.push(['Notes', 'Edm.String']);
  return { entitySet: 'Accounts', key: ['AccountId'], columns: columns.map(([name, type]) => ({ name, type })) };
}
