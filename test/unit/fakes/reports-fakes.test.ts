/** Charts, pivot tables, conditional formats and tab renames in the fakes, as the add-on would use them. */
import { createGasEnvironment } from '../../fakes';
import { evaluatePivot } from '../../fakes/pivots';
import { appliedFormat } from '../../fakes/conditional-formats';
import { describeRef } from '../../fakes/grid-ref';
import { evaluateWorkbook } from '../../fakes/formula-engine';

type Any = any;

function setup() {
  const env = createGasEnvironment();
  const g = env.globals as Any;
  const ss = g.SpreadsheetApp.getActiveSpreadsheet();
  const data = ss.insertSheet('Data');
  data.getRange(1, 1, 6, 3).setValues([['Team', 'Status', 'Hours'], ['a', 'Open', 2], ['b', 'Done', 3], ['a', 'Open', 4], ['b', 'Open', 1], ['a', 'Done', 5]]);
  return { env, g, ss, data, report: ss.insertSheet('Report') };
}

describe('pivot tables', () => {
  it('shows groups, values and totals as Sheets lays them out, from the source cells as they are now', () => {
    const { g, data, report } = setup();
    const pivot = report.getRange('A1').createPivotTable(data.getRange('A:C'));
    pivot.addRowGroup(1).showTotals(false);
    pivot.addColumnGroup(2);
    pivot.addPivotValue(3, g.SpreadsheetApp.PivotTableSummarizeFunction.SUM);
    pivot.addFilter(3, g.SpreadsheetApp.newFilterCriteria().whenCellNotEmpty().build());
    const rec = report._pivots[0];
    expect(describeRef(rec.source)).toBe("'Data'!A1:C");
    expect(evaluatePivot(rec)).toEqual([
      ['SUM of Hours', 'Status', '', ''],
      ['Team', 'Done', 'Open', 'Grand Total'],
      ['a', 5, 6, 11],
      ['b', 3, 1, 4],
    ]);
    data.appendRow(['c', 'Open', 7]);
    expect(evaluatePivot(rec)[4]).toEqual(['c', '', 7, 7]);
    expect(() => pivot.addRowGroup(9)).toThrow(/sourceDataColumn/);
    report.getPivotTables()[0].remove();
    expect(report._pivots).toEqual([]);
  });
});

describe('charts and conditional formats', () => {
  it('records the chart a user sees and the colour a cell gets', () => {
    const { g, report } = setup();
    const chart = report.newChart().setChartType(g.Charts.ChartType.BAR).addRange(report.getRange('A2:C')).setOption('isStacked', true).setPosition(1, 5, 0, 0).build();
    report.insertChart(chart);
    expect(report._charts.list[0]).toMatchObject({ type: 'BAR', options: { isStacked: true }, position: { row: 1, column: 5 } });
    expect(describeRef(report._charts.list[0].ranges[0])).toBe("'Report'!A2:C");
    report.removeChart(report.getCharts()[0]);
    expect(report.getCharts()).toHaveLength(0);
    const rule = g.SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0).setFontColor('#d93025').setRanges([report.getRange('D2:D10')]).build();
    report.setConditionalFormatRules([rule]);
    expect(appliedFormat(report._conditionalRules, 3, 4, -1)).toEqual({ fontColor: '#d93025' });
    expect(appliedFormat(report._conditionalRules, 3, 4, 1)).toBeNull();
    expect(appliedFormat(report._conditionalRules, 3, 5, -1)).toBeNull();
  });
});

describe('renaming a tab', () => {
  it('rewrites the formulas that refer to it, which the engine then evaluates', () => {
    const { ss, data, report } = setup();
    report.getRange('A1').setFormula("=SUM('Data'!$C$2:$C)+SUM(Data!C2:C3)");
    data.setName("It's \"Q4\"");
    expect(report.getRange('A1').getFormula()).toBe(`=SUM('It''s "Q4"'!$C$2:$C)+SUM('It''s "Q4"'!C2:C3)`);
    expect(evaluateWorkbook(ss).value('Report', 1, 1)).toBe(20);
  });
});
