/**
 * Puts a report plan on a tab with native Sheets objects: formulas, number formats, conditional format rules,
 * pivot tables (Range.createPivotTable) and embedded charts (Sheet.newChart). Everything the add-on put there
 * before is removed first, so a rebuild starts clean.
 */
import { columnLetters } from '../core/report/formula';
import { ChartSpec, ConditionalFormat, GridArea, PivotSpec, ReportPlan } from '../core/report/plan';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Removes charts, pivot tables, conditional formats, values and formats of a report tab the add-on made. */
export function clearReportTab(sheet: Sheet): void {
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  for (const pivot of sheet.getPivotTables()) pivot.remove();
  sheet.clearConditionalFormatRules();
  sheet.clear();
  sheet.setFrozenRows(0);
}

function area(sheet: Sheet, a: GridArea): GoogleAppsScript.Spreadsheet.Range {
  if (a.numRows > 0) return sheet.getRange(a.row, a.column, a.numRows, a.numColumns);
  // Open-ended (A2:D): follows the pivot's output however many rows it has.
  return sheet.getRange(`${columnLetters(a.column)}${a.row}:${columnLetters(a.column + a.numColumns - 1)}`);
}

function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
}

function writeBlocks(sheet: Sheet, plan: ReportPlan): void {
  for (const b of plan.blocks) {
    if (!b.values.length) continue;
    ensureSize(sheet, b.row + b.values.length - 1, b.column + b.values[0].length - 1);
    const range = sheet.getRange(b.row, b.column, b.values.length, b.values[0].length);
    const hasFormulas = b.values.some((row) => row.some((v) => typeof v === 'string' && v.charAt(0) === '='));
    if (hasFormulas) range.setFormulas(b.values.map((row) => row.map((v) => String(v))));
    else range.setValues(b.values);
    if (b.bold) range.setFontWeight('bold');
    if (b.background) range.setBackground(b.background);
    if (b.fontColor) range.setFontColor(b.fontColor);
    if (b.numberFormat) range.setNumberFormat(b.numberFormat);
    for (const offset of Object.keys(b.notes || {})) sheet.getRange(b.row, b.column + Number(offset)).setNote(b.notes![Number(offset)]);
  }
  for (const f of plan.numberFormats) area(sheet, f.area).setNumberFormat(f.format);
}

function conditionalRule(sheet: Sheet, f: ConditionalFormat): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  const builder = SpreadsheetApp.newConditionalFormatRule().setRanges([area(sheet, f.area)]);
  if (f.kind === 'gradient') {
    return builder
      .setGradientMinpoint(f.min)
      .setGradientMidpointWithValue(f.mid, SpreadsheetApp.InterpolationType.PERCENTILE, '50')
      .setGradientMaxpoint(f.max)
      .build();
  }
  const rule = f.kind === 'greaterThan' ? builder.whenNumberGreaterThan(f.value) : builder.whenNumberLessThan(f.value);
  rule.setFontColor(f.fontColor);
  if (f.background) rule.setBackground(f.background);
  return rule.build();
}

const SUMMARIZE: Record<string, () => GoogleAppsScript.Spreadsheet.PivotTableSummarizeFunction> = {
  SUM: () => SpreadsheetApp.PivotTableSummarizeFunction.SUM,
  AVERAGE: () => SpreadsheetApp.PivotTableSummarizeFunction.AVERAGE,
  COUNTA: () => SpreadsheetApp.PivotTableSummarizeFunction.COUNTA,
  COUNT: () => SpreadsheetApp.PivotTableSummarizeFunction.COUNT,
  MIN: () => SpreadsheetApp.PivotTableSummarizeFunction.MIN,
  MAX: () => SpreadsheetApp.PivotTableSummarizeFunction.MAX,
};

/** Pivot tables read whole columns A:<last> of their data tab, so rows added by a refresh are included. */
function addPivot(sheet: Sheet, spec: PivotSpec, source: Sheet): GoogleAppsScript.Spreadsheet.PivotTable {
  const sourceRange = source.getRange(`A:${columnLetters(spec.sourceWidth)}`);
  const pivot = sheet.getRange(spec.anchor.row, spec.anchor.column).createPivotTable(sourceRange);
  const values = spec.values.map((v) => pivot.addPivotValue(v.sourceColumn, SUMMARIZE[v.summarize]()).setDisplayName(v.name));
  const group = (g: PivotSpec['rows'][number], made: GoogleAppsScript.Spreadsheet.PivotGroup) => {
    made.showTotals(g.showTotals);
    if (g.descending) made.sortDescending();
    if (g.sortByValue !== undefined && values[g.sortByValue]) made.sortBy(values[g.sortByValue], []);
  };
  for (const g of spec.rows) group(g, pivot.addRowGroup(g.sourceColumn));
  for (const g of spec.columns) group(g, pivot.addColumnGroup(g.sourceColumn));
  for (const f of spec.filters) {
    const criteria = SpreadsheetApp.newFilterCriteria();
    if (f.visibleValues) criteria.setVisibleValues(f.visibleValues);
    if (f.hiddenValues) criteria.setHiddenValues(f.hiddenValues);
    if (f.notEmpty) criteria.whenCellNotEmpty();
    pivot.addFilter(f.sourceColumn, criteria.build());
  }
  return pivot;
}

const CHART_TYPES: Record<string, () => GoogleAppsScript.Charts.ChartType> = {
  LINE: () => Charts.ChartType.LINE,
  BAR: () => Charts.ChartType.BAR,
  COLUMN: () => Charts.ChartType.COLUMN,
  AREA: () => Charts.ChartType.AREA,
  PIE: () => Charts.ChartType.PIE,
};

function addChart(sheet: Sheet, spec: ChartSpec): void {
  let builder = sheet
    .newChart()
    .setChartType(CHART_TYPES[spec.type]())
    .addRange(area(sheet, spec.area))
    .setNumHeaders(1)
    .setPosition(spec.position.row, spec.position.column, 0, 0)
    .setOption('width', spec.width)
    .setOption('height', spec.height);
  if (spec.stacked) builder = builder.setOption('isStacked', true);
  for (const key of Object.keys(spec.options)) builder = builder.setOption(key, spec.options[key]);
  sheet.insertChart(builder.build());
}

/** Writes the plan; `sources` maps each pivot's source alias to its data tab. */
export function writeReportPlan(sheet: Sheet, plan: ReportPlan, sources: Record<string, Sheet>): { charts: number; pivotTables: number } {
  writeBlocks(sheet, plan);
  if (plan.frozenRows) sheet.setFrozenRows(plan.frozenRows);
  for (const column of Object.keys(plan.columnWidths)) sheet.setColumnWidth(Number(column), plan.columnWidths[Number(column)]);
  if (plan.conditionalFormats.length) sheet.setConditionalFormatRules(plan.conditionalFormats.map((f) => conditionalRule(sheet, f)));
  for (const p of plan.pivots) addPivot(sheet, p, sources[p.source]);
  for (const c of plan.charts) addChart(sheet, c);
  return { charts: plan.charts.length, pivotTables: plan.pivots.length };
}
