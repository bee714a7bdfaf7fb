/**
 * A custom chart from any imported tab: X (the pivot's rows), Y with an aggregation (its values) and an optional
 * series column (its columns). Column names are checked against the tab's header; nothing of them reaches a formula.
 */
import { AddOnError } from '../errors';
import { SourceTab, columnByName } from './columns';
import { PivotChartInput, parseAggregation, parseChartType, pivotChartPlan, valueLabel } from './pivot-reports';
import { ChartType, ReportPlan, Summarize } from './plan';

export interface CustomChartChoice {
  x: string;
  y: string;
  aggregate: Summarize;
  series: string | null;
  chartType: ChartType;
}

function column(tab: SourceTab, name: unknown, what: string): number {
  const c = typeof name === 'string' && name ? columnByName(tab, name) : null;
  if (!c) throw new AddOnError('BAD_INPUT', `Choose ${what}: a column of ${tab.sheetName} (${tab.columns.map((x) => x.name).slice(0, 12).join(', ')}).`);
  return c.index;
}

export function parseCustomChoice(raw: Record<string, unknown>): CustomChartChoice {
  const aggregate = raw.aggregate === undefined ? 'SUM' : parseAggregation(raw.aggregate);
  if (!aggregate) throw new AddOnError('BAD_INPUT', 'Choose how to combine Y: SUM, AVERAGE, COUNT, MIN or MAX.');
  const chartType = raw.chartType === undefined ? 'COLUMN' : parseChartType(raw.chartType);
  if (!chartType) throw new AddOnError('BAD_INPUT', 'Choose a chart type: COLUMN, BAR, LINE, AREA or PIE.');
  const series = typeof raw.series === 'string' && raw.series.trim() ? raw.series : null;
  return { x: String(raw.x || ''), y: String(raw.y || ''), aggregate, series, chartType };
}

export function customChartPlan(tab: SourceTab, choice: CustomChartChoice): ReportPlan {
  const x = column(tab, choice.x, 'X');
  const y = column(tab, choice.y, 'Y');
  const series = choice.series ? column(tab, choice.series, 'the series') : null;
  const yName = tab.columns.find((c) => c.index === y)!.name;
  const xName = tab.columns.find((c) => c.index === x)!.name;
  const seriesCount = choice.series ? (tab.distinct[tab.columns.find((c) => c.index === series)!.name] || []).length : 1;
  const input: PivotChartInput = {
    source: 'custom',
    sourceWidth: Math.max(...tab.columns.map((c) => c.index)),
    title: `${valueLabel(choice.aggregate, yName)} by ${xName}`,
    chartType: choice.chartType,
    stacked: false,
    rows: { sourceColumn: x, showTotals: false },
    columns: series ? { sourceColumn: series, showTotals: false } : undefined,
    values: [{ sourceColumn: y, summarize: choice.aggregate, name: valueLabel(choice.aggregate, yName) }],
    seriesCount,
    axisTitles: { horizontal: xName, vertical: yName },
  };
  return pivotChartPlan(input);
}
