import { columnLetters, equalsAny, equalsNone, openColumn, quoteSheetName, stringLiteral } from '../../../../src/core/report/formula';
import { SourceTab, describeColumns } from '../../../../src/core/report/columns';
import { proposeRole } from '../../../../src/core/report/roles';
import { TEMPLATES, findTemplate } from '../../../../src/core/report/templates';
import { buildReport, proposeRoles } from '../../../../src/core/report/build';
import { closedValues, failingValues, topIds } from '../../../../src/core/report/values';
import { boardRows } from '../../../../src/core/report/health-board';
import { closeOpenRanges, sparklineData } from '../../../fakes/formula-engine';

function tab(sheetName: string, header: string[], rows: unknown[][], dataset = 'x'): SourceTab {
  const columns = describeColumns(header, rows);
  const distinct: Record<string, string[]> = {};
  for (const c of columns) if (c.kind === 'text') distinct[c.name] = Array.from(new Set(rows.map((r) => String(r[c.index - 1]))));
  return { dataset, sheetName, sheetId: 1, columns, rows: rows.length, distinct, sample: rows };
}

describe('formula text', () => {
  it('quotes every sheet name, doubling single quotes', () => {
    expect(quoteSheetName('It\'s "Q4"')).toBe(`'It''s "Q4"'`);
    expect(quoteSheetName('=SUM(A1)')).toBe(`'=SUM(A1)'`);
    expect(openColumn("Clients' Q4", 28)).toBe("'Clients'' Q4'!$AB$2:$AB");
    expect(columnLetters(703)).toBe('AAA');
  });
  it('writes category values only as escaped string literals', () => {
    expect(stringLiteral('Say "hi"')).toBe('"Say ""hi"""');
    expect(equalsAny('R', ['Failed', 'a"b'])).toBe('((R="Failed")+(R="a""b"))');
    expect(equalsNone('R', [])).toBe('1');
  });
});

describe('role proposals are schema-agnostic', () => {
  const accounts = tab('A', ['AccountId', 'Name', 'CustomerId', 'OptimizationScore', 'AuditScore', 'Owner.Name'], [[1, 'Acme', '123-456', 0.5, 70, 'Ann']]);
  it('finds the TrueClicks-shaped columns', () => {
    const t = findTemplate('account-scores')!;
    expect(proposeRoles({ template: t, tabs: { accounts }, roles: {} }).map((p) => [p.key, p.column, p.reason])).toEqual([
      ['accountName', 'Name', 'name'],
      ['score', 'AuditScore', 'name'],
    ]);
  });
  it('still proposes a column of the right type when the server spells every name differently', () => {
    const renamed = tab('A', ['kundnummer', 'benämning', 'betyg', 'uppdaterad'], [[1, 'Acme', 70.5, new Date()]]);
    const t = findTemplate('account-scores')!;
    const [name, score] = proposeRoles({ template: t, tabs: { accounts: renamed }, roles: {} });
    expect([name.column, name.reason, score.column, score.reason]).toEqual(['benämning', 'kind', 'kundnummer', 'kind']);
    // … and the user's choice wins.
    expect(proposeRoles({ template: t, tabs: { accounts: renamed }, roles: { score: 'betyg' } })[1]).toMatchObject({ column: 'betyg', reason: 'user' });
  });
  it('never proposes a column of the wrong kind', () => {
    const t = findTemplate('score-trend')!;
    const p = proposeRole(t.roles.find((r) => r.key === 'date')!, tab('H', ['Week', 'Score'], [['w1', 5]]));
    expect(p).toMatchObject({ column: null, reason: 'none' });
  });
});

describe('values and templates', () => {
  it('recognises failing and closed statuses by their words', () => {
    expect(failingValues(['Passed', 'Warning', 'Failed', 'Not applicable', 'Error'])).toEqual(['Failed']);
    expect(failingValues(['OK', 'KO', 'Critical'])).toEqual(['KO', 'Critical']);
    expect(closedValues(['Open', 'In progress', 'Done', "Won't fix"])).toEqual(['Done', "Won't fix"]);
    expect(topIds([[1, 5], [2, 9], [1, 6], ['', 100]], 0, 1, 1)).toEqual(['1']);
  });
  it('lists the six contract templates with the datasets they need', () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual(['account-health', 'score-trend', 'account-scores', 'check-status', 'target-pacing', 'tasks-overview']);
  });
  it('gives the board room to grow, within bounds', () => {
    expect([boardRows(0), boardRows(60), boardRows(5000)]).toEqual([50, 120, 2000]);
  });
  it('builds a board with no API text in its formulas except escaped status literals', () => {
    const t = findTemplate('account-health')!;
    const checks = tab('Checks "x"', ['AccountId', 'Status'], [[1, 'Fail"ed'], [1, 'Passed']]);
    const accounts = tab("It's", ['AccountId', 'Name', 'AuditScore'], [[1, '=SUM(A1)', 70]]);
    const built = buildReport({ template: t, tabs: { accounts, checks, history: null, tasks: null, targets: null }, roles: {}, values: {} });
    const formulas = built.plan.blocks.flatMap((b) => b.values.flat()).filter((v): v is string => typeof v === 'string' && v.startsWith('='));
    expect(formulas.some((f) => f.includes('=SUM(A1)'))).toBe(false);
    expect(formulas.find((f) => f.includes('SUMPRODUCT'))).toBe(`=IF(B2="","",SUMPRODUCT(('Checks "x"'!$A$2:$A=B2)*(('Checks "x"'!$B$2:$B="Fail""ed"))))`);
    expect(built.plan.remarks).toEqual(expect.arrayContaining([expect.stringMatching(/Open tasks: Import Tasks/)]));
  });
});

describe('formula engine bridges (test support)', () => {
  it('closes open-ended ranges but never inside quotes', () => {
    expect(closeOpenRanges(`=SUM('A2:B'!$C$2:$C)+COUNTIF(A2:A,"A2:A")`, 99)).toBe(`=SUM('A2:B'!$C$2:$C$99)+COUNTIF(A2:A99,"A2:A")`);
    expect(sparklineData('=IF(B2="","",SPARKLINE(SORT(X,Y,TRUE),{"a",1}))')).toBe('SORT(X,Y,TRUE)');
  });
});
