/**
 * A deterministic 50k-row OData page-like payload for P3: the shapes TrueClicks sends (numbers, text with
 * hostile values, booleans, date-times with offsets, a nested owner, a label list, annotations).
 */
export function makePayload(rows: number): string {
  const value: unknown[] = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const names = ['Acme – Nordics', '=HYPERLINK("x","y")', 'Pizzería Ñandú 🍕', '00123', 'TRUE', '+1 (555) 0100', 'متجر الأناقة'];
  for (let i = 0; i < rows; i++) {
    value.push({
      '@odata.etag': `W/"${i}"`,
      AccountId: 100000 + i,
      Name: names[i % names.length] + ' ' + i,
      Platform: ['Google Ads', 'Microsoft Ads', 'Meta Ads'][i % 3],
      CustomerId: `${100 + (i % 900)}-${100 + (i % 800)}-${1000 + (i % 9000)}`,
      ExternalCode: String(i % 1000).padStart(6, '0'),
      OptimizationScore: Math.round(rnd() * 1000) / 1000,
      AuditScore: Math.round(rnd() * 10000) / 100,
      MonitoringIssues: Math.floor(rnd() * 40),
      Spend30d: Math.round(rnd() * 1e7) / 100,
      IsActive: i % 7 !== 0,
      LastUpdated: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00+02:00`,
      CreatedOn: `2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      Labels: i % 3 ? ['Priority', 'EU'] : [],
      Owner: i % 11 ? { Name: `Owner ${i % 50}`, Email: `owner${i % 50}@agency.example` } : null,
      Notes: i % 5 ? null : 'Check budget pacing; see task list.',
    });
  }
  return JSON.stringify({ '@odata.context': '$metadata#Accounts', value });
}
