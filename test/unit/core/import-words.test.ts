import { describeDefinition, filterInWords } from '../../../src/core/import-words';
import { trueclicksFormula, trueclicksTableFormula } from '../../../src/core/formula-text';

const COLUMNS = [
  { name: 'Platform', type: 'Edm.String' },
  { name: 'AuditScore', type: 'Edm.Decimal' },
  { name: 'CreatedOn', type: 'Edm.Date' },
  { name: 'IsActive', type: 'Edm.Boolean' },
];

describe('saved imports in words', () => {
  it('tells a filter the builder can read in words, and keeps any other as written', () => {
    expect(filterInWords("Platform eq 'Meta Ads' and (AuditScore lt 60 or IsActive eq false) and CreatedOn ge 2026-01-01", COLUMNS)).toBe(
      "Platform is 'Meta Ads' and (AuditScore is less than 60 or IsActive is false) and CreatedOn is on or after 2026-01-01",
    );
    expect(filterInWords("tolower(Platform) eq 'x'", COLUMNS)).toBe("tolower(Platform) eq 'x'");
  });

  it('describes datasets (with window, sort, limit) and check tables', () => {
    expect(
      describeDefinition({ kind: 'dataset', dataset: 'account-history', query: { columns: ['AccountId'], orderby: 'WeekStart desc', top: 1000 }, dateWindow: { column: 'WeekStart', last: 12, unit: 'weeks' } }),
    ).toBe('Accounts (history), columns AccountId, WeekStart in the last 12 weeks, sorted by WeekStart (highest first), first 1,000 rows');
    expect(describeDefinition({ kind: 'checkTable', ruleKey: 'wasted-search-terms', accountIds: null })).toBe('the output table of the check "wasted-search-terms" for all accounts');
  });
});

describe('formula text', () => {
  it('quotes arguments as Sheets string literals and leaves out trailing empty ones', () => {
    expect(trueclicksFormula({ dataset: 'accounts', filter: `Name eq 'say "hi"'` })).toBe(`=TRUECLICKS("accounts", "", "Name eq 'say ""hi""'")`);
    expect(trueclicksFormula({ dataset: 'users', top: 5 })).toBe('=TRUECLICKS("users", "", "", "", 5)');
    expect(trueclicksTableFormula('wasted-search-terms', null)).toBe('=TRUECLICKS_TABLE("wasted-search-terms")');
  });
});
