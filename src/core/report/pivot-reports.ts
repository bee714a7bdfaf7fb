/**
 * The template reports and custom charts: a native pivot table over a data tab (whole columns, so new rows are
 * included) and an embedded chart over the pivot's output. Pivot tables and charts reference their ranges by sheet,
 * not by name, so renaming a data tab never breaks them.
 */
import { ChartSpec, ChartType, PivotFilterSpec, PivotGroupSpec, PivotSpec, ReportPlan, Summarize, emptyPlan } from './plan';

/** A pivot-and-chart report, before layout. Columns are 1-based within the source tab. */
export interface PivotChartInput {
  source: string;
  sourceWidth: number;
  title: string;
  chartType: ChartType;
  stacked: boolean;
  rows: PivotGroupSpec;
  columns?: PivotGroupSpec;
  values: PivotSpec['values'];
  filters?: PivotSpec['filters'];
  /** Expected distinct column-group values when built (the chart spans them; a new value needs a rebuild). */
  seriesCount: number;
  axisTitles?: { horizontal?: string; vertical?: string };
  remarks?: string[];
}

const CHART_WIDTH = 640;
const CHART_HEIGHT = 380;

/** Width of the pivot's output: the row labels, then one column per series (column value or value field). */
function pivotOutputWidth(input: PivotChartInput): number {
  return 1 + (input.columns ? Math.max(1, input.seriesCount) * input.values.length : input.values.length);
}

export function pivotChartPlan(input: PivotChartInput): ReportPlan {
  const plan = emptyPlan();
  const pivot: PivotSpec = {
    anchor: { row: 1, column: 1 },
    source: input.source,
    sourceWidth: input.sourceWidth,
    rows: [input.rows],
    columns: input.columns ? [input.columns] : [],
    values: input.values,
    filters: withNotEmpty(input.filters || [], input.values[0].sourceColumn),
  };
  const width = pivotOutputWidth(input);
  // With a column group the pivot has two header rows; the second holds the series names the chart needs.
  const headerRow = input.columns ? 2 : 1;
  const chart: ChartSpec = {
    type: input.chartType,
    title: input.title,
    stacked: input.stacked,
    area: { row: headerRow, column: 1, numRows: 0, numColumns: width },
    position: { row: 1, column: width + 2 },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    options: { title: input.title, legend: input.columns || input.values.length > 1 ? 'right' : 'none', ...axisOptions(input) },
  };
  plan.pivots.push(pivot);
  plan.charts.push(chart);
  plan.remarks.push(...(input.remarks || []));
  return plan;
}

/**
 * Whole-column sources include the empty rows below the data; a pivot must not count them (as a blank group, or in
 * COUNTA). Rows without the first value's cell are left out, merged into a filter that column may already have.
 */
function withNotEmpty(filters: PivotFilterSpec[], column: number): PivotFilterSpec[] {
  const existing = filters.find((f) => f.sourceColumn === column);
  if (existing) return filters.map((f) => (f === existing ? { ...f, notEmpty: true } : f));
  return filters.concat([{ sourceColumn: column, notEmpty: true }]);
}

function axisOptions(input: PivotChartInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (input.axisTitles && input.axisTitles.horizontal) out['hAxis.title'] = input.axisTitles.horizontal;
  if (input.axisTitles && input.axisTitles.vertical) out['vAxis.title'] = input.axisTitles.vertical;
  return out;
}

const AGGREGATIONS: ReadonlyArray<Summarize> = ['SUM', 'AVERAGE', 'COUNTA', 'COUNT', 'MIN', 'MAX'];

export function parseAggregation(value: unknown): Summarize | null {
  const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (v === 'COUNT') return 'COUNTA';
  return (AGGREGATIONS as string[]).indexOf(v) >= 0 ? (v as Summarize) : null;
}

const CHART_TYPES: ReadonlyArray<ChartType> = ['COLUMN', 'BAR', 'LINE', 'AREA', 'PIE'];

export function parseChartType(value: unknown): ChartType | null {
  const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return (CHART_TYPES as string[]).indexOf(v) >= 0 ? (v as ChartType) : null;
}

/** How Sheets labels a pivot value column ("SUM of Spend"). */
export function valueLabel(summarize: Summarize, columnName: string): string {
  return `${summarize} of ${columnName}`;
}
