/**
 * A report as data: what the report writer (services/report-writer.ts) puts on the tab. Pure, so the shape of every
 * report is unit-tested without Apps Script; the writer only translates it call by call.
 */

export interface CellBlock {
  row: number;
  column: number;
  /** Formulas (starting with '=') or plain values; written with setValues/setFormulas as one block. */
  values: Array<Array<string | number>>;
  numberFormat?: string;
  bold?: boolean;
  background?: string;
  fontColor?: string;
  /** Notes by column offset within the block's first row (header explanations). */
  notes?: Record<number, string>;
}

export interface GridArea {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export type ConditionalFormat =
  | { kind: 'gradient'; area: GridArea; min: string; mid: string; max: string }
  | { kind: 'greaterThan' | 'lessThan'; area: GridArea; value: number; fontColor: string; background?: string };

export type Summarize = 'SUM' | 'AVERAGE' | 'COUNTA' | 'COUNT' | 'MIN' | 'MAX';

export interface PivotGroupSpec {
  /** 1-based column within the source range. */
  sourceColumn: number;
  showTotals: boolean;
  descending?: boolean;
  /** Sort this group by the given value (index into `values`) instead of by its own labels. */
  sortByValue?: number;
}

export interface PivotFilterSpec {
  sourceColumn: number;
  visibleValues?: string[];
  hiddenValues?: string[];
  /** Leave out rows whose cell in this column is empty (the empty rows below the data in a whole-column source). */
  notEmpty?: boolean;
}

export interface PivotSpec {
  /** Top-left cell of the pivot on the report tab. */
  anchor: { row: number; column: number };
  /** Which template source the pivot reads (whole columns 1..width of that tab, open-ended). */
  source: string;
  sourceWidth: number;
  rows: PivotGroupSpec[];
  columns: PivotGroupSpec[];
  values: Array<{ sourceColumn: number; summarize: Summarize; name: string }>;
  filters: PivotFilterSpec[];
}

export type ChartType = 'LINE' | 'BAR' | 'COLUMN' | 'AREA' | 'PIE';

export interface ChartSpec {
  type: ChartType;
  title: string;
  stacked: boolean;
  /** The range on the report tab the chart plots (a pivot's output); numRows 0 = down to the last row. */
  area: GridArea;
  position: { row: number; column: number };
  width: number;
  height: number;
  /** Axis titles and other options the writer passes on with setOption. */
  options: Record<string, string | number | boolean>;
}

export interface ReportPlan {
  blocks: CellBlock[];
  /** Number formats of whole areas (formula columns whose cells are written by blocks). */
  numberFormats: Array<{ area: GridArea; format: string }>;
  frozenRows: number;
  columnWidths: Record<number, number>;
  conditionalFormats: ConditionalFormat[];
  pivots: PivotSpec[];
  charts: ChartSpec[];
  /** Plain-language remarks the user should read (missing datasets, capped rows …). */
  remarks: string[];
}

export function emptyPlan(): ReportPlan {
  return { blocks: [], numberFormats: [], frozenRows: 0, columnWidths: {}, conditionalFormats: [], pivots: [], charts: [], remarks: [] };
}
