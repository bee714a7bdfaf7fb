/**
 * Pivot tables: Range.createPivotTable(sourceData) anchors one at the range's first cell. The fake records the
 * definition (source range, row/column groups with totals and sort order, values with their summarize function and
 * display name, filters) and `evaluatePivot` computes what Sheets would show, from the source's current cells.
 *
 * Output layout (as Sheets draws it, assumed for the details): without column groups, one header row
 * [row field, value names…]; with a column group and one value, a first row [value name, column field] and a second
 * [row field, column values…]. Rows whose row-group cell is empty are left out only when a filter says so
 * (`whenCellNotEmpty`); totals rows/columns appear when the group's showTotals is on.
 */
import { makeEnum } from './context';
import { GridRef, rawValues, refOf } from './grid-ref';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';

export const PIVOT_ENUMS = {
  PivotTableSummarizeFunction: makeEnum(['CUSTOM', 'SUM', 'COUNTA', 'COUNT', 'COUNTUNIQUE', 'AVERAGE', 'MAX', 'MIN', 'MEDIAN', 'PRODUCT', 'STDEV', 'STDEVP', 'VAR', 'VARP'] as const),
};

export interface FilterCriteriaRecord {
  visibleValues: string[] | null;
  hiddenValues: string[] | null;
  notEmpty: boolean;
}

export class FakeFilterCriteriaBuilder {
  readonly _rec: FilterCriteriaRecord = { visibleValues: null, hiddenValues: null, notEmpty: false };

  setVisibleValues(values: string[]): FakeFilterCriteriaBuilder {
    this._rec.visibleValues = Array.from(values, String);
    return this;
  }

  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder {
    this._rec.hiddenValues = Array.from(values, String);
    return this;
  }

  whenCellNotEmpty(): FakeFilterCriteriaBuilder {
    this._rec.notEmpty = true;
    return this;
  }

  build() {
    const rec = { ...this._rec };
    return { _rec: rec, getVisibleValues: () => rec.visibleValues, getHiddenValues: () => rec.hiddenValues };
  }
}

interface PivotGroupRecord {
  sourceColumn: number;
  showTotals: boolean;
  descending: boolean;
  sortByValue: PivotValueRecord | null;
}

interface PivotValueRecord {
  sourceColumn: number;
  summarize: string;
  displayName: string | null;
}

export interface PivotRecord {
  anchor: { sheet: FakeSheet; row: number; column: number };
  source: GridRef;
  rows: PivotGroupRecord[];
  columns: PivotGroupRecord[];
  values: PivotValueRecord[];
  filters: Array<{ sourceColumn: number; criteria: FilterCriteriaRecord }>;
  removed: boolean;
}

class FakePivotGroup {
  constructor(readonly _rec: PivotGroupRecord) {}
  showTotals(show: boolean): FakePivotGroup {
    this._rec.showTotals = !!show;
    return this;
  }
  sortAscending(): FakePivotGroup {
    this._rec.descending = false;
    return this;
  }
  sortDescending(): FakePivotGroup {
    this._rec.descending = true;
    return this;
  }
  sortBy(value: FakePivotValue, _oppositeGroupValues: unknown[]): FakePivotGroup {
    this._rec.sortByValue = value._rec;
    return this;
  }
  getSourceDataColumn(): number {
    return this._rec.sourceColumn;
  }
}

class FakePivotValue {
  constructor(readonly _rec: PivotValueRecord) {}
  setDisplayName(name: string): FakePivotValue {
    this._rec.displayName = String(name);
    return this;
  }
  summarizeBy(fn: unknown): FakePivotValue {
    this._rec.summarize = String(fn);
    return this;
  }
  getSummarizedBy(): unknown {
    return (PIVOT_ENUMS.PivotTableSummarizeFunction as Record<string, unknown>)[this._rec.summarize];
  }
  getDisplayName(): string {
    return this._rec.displayName || '';
  }
}

export class FakePivotTable {
  constructor(readonly _rec: PivotRecord) {}

  private column(n: number, call: string): number {
    const s = this._rec.source;
    if (!Number.isInteger(n) || n < s.column || n > s.column + s.numColumns - 1) {
      throw s.sheet._ctx.error(`Invalid argument: sourceDataColumn (${call})`);
    }
    return n;
  }

  addRowGroup(sourceDataColumn: number): FakePivotGroup {
    const rec = { sourceColumn: this.column(sourceDataColumn, 'addRowGroup'), showTotals: true, descending: false, sortByValue: null };
    this._rec.rows.push(rec);
    return new FakePivotGroup(rec);
  }

  addColumnGroup(sourceDataColumn: number): FakePivotGroup {
    const rec = { sourceColumn: this.column(sourceDataColumn, 'addColumnGroup'), showTotals: true, descending: false, sortByValue: null };
    this._rec.columns.push(rec);
    return new FakePivotGroup(rec);
  }

  addPivotValue(sourceDataColumn: number, summarizeFunction: unknown): FakePivotValue {
    const rec = { sourceColumn: this.column(sourceDataColumn, 'addPivotValue'), summarize: String(summarizeFunction), displayName: null };
    this._rec.values.push(rec);
    return new FakePivotValue(rec);
  }

  addFilter(sourceDataColumn: number, filterCriteria: { _rec: FilterCriteriaRecord }) {
    this._rec.filters.push({ sourceColumn: this.column(sourceDataColumn, 'addFilter'), criteria: filterCriteria._rec });
    return { remove: () => undefined };
  }

  getSourceDataRange(): FakeRange {
    const s = this._rec.source;
    return s.sheet._range(s.row, s.column, s.numRows, s.numColumns);
  }

  getAnchorCell(): FakeRange {
    return this._rec.anchor.sheet._range(this._rec.anchor.row, this._rec.anchor.column, 1, 1);
  }

  remove(): void {
    const sheet = this._rec.anchor.sheet;
    sheet._write('PivotTable.remove');
    this._rec.removed = true;
    sheet._pivots.splice(sheet._pivots.indexOf(this._rec), 1);
  }
}

/** Range.createPivotTable: the fake's hook (range.ts calls this). */
export function createPivotTable(anchor: FakeRange, sourceData: FakeRange): FakePivotTable {
  const sheet = anchor.getSheet();
  sheet._write('Range.createPivotTable');
  if (!sourceData || typeof sourceData.getSheet !== 'function') throw sheet._ctx.error("The parameters (null) don't match the method signature for SpreadsheetApp.Range.createPivotTable.");
  const rec: PivotRecord = {
    anchor: { sheet, row: anchor.getRow(), column: anchor.getColumn() },
    source: refOf(sourceData),
    rows: [], columns: [], values: [], filters: [], removed: false,
  };
  sheet._pivots.push(rec);
  return new FakePivotTable(rec);
}

// ---------------------------------------------------------------- evaluation

const label = (v: unknown): string => (v === '' || v === undefined || v === null ? '' : String(v));

function compareLabels(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).toLowerCase() < String(b).toLowerCase() ? -1 : String(a).toLowerCase() > String(b).toLowerCase() ? 1 : 0;
}

/** A pivot cell: empty where no source row falls in the group (as Sheets leaves it), else the summary. */
function summarize(fn: string, cells: unknown[]): number | '' {
  if (cells.length === 0) return '';
  const nums = cells.filter((v): v is number => typeof v === 'number');
  switch (fn) {
    case 'COUNTA':
      return cells.filter((v) => v !== '' && v !== null && v !== undefined).length;
    case 'COUNT':
      return nums.length;
    case 'SUM':
      return nums.reduce((s, v) => s + v, 0);
    case 'AVERAGE':
      return nums.length ? nums.reduce((s, v) => s + v, 0) / nums.length : '';
    case 'MIN':
      return nums.length ? Math.min(...nums) : '';
    case 'MAX':
      return nums.length ? Math.max(...nums) : '';
    default:
      throw new Error(`pivot fake: summarize function ${fn} is not modelled`);
  }
}

function passesFilters(rec: PivotRecord, row: unknown[]): boolean {
  return rec.filters.every(({ sourceColumn, criteria }) => {
    const v = label(row[sourceColumn - rec.source.column]);
    if (criteria.notEmpty && v === '') return false;
    if (criteria.visibleValues && criteria.visibleValues.indexOf(v) < 0) return false;
    if (criteria.hiddenValues && criteria.hiddenValues.indexOf(v) >= 0) return false;
    return true;
  });
}

/** Distinct keys of a group in display order. */
function groupKeys(rec: PivotRecord, group: PivotGroupRecord, rows: unknown[][], valueOf: (key: unknown) => number | ''): unknown[] {
  const at = group.sourceColumn - rec.source.column;
  const seen = new Map<string, unknown>();
  for (const r of rows) if (!seen.has(label(r[at]))) seen.set(label(r[at]), r[at] === undefined ? '' : r[at]);
  const keys = Array.from(seen.values());
  const sign = group.descending ? -1 : 1;
  if (group.sortByValue) return keys.sort((a, b) => sign * ((Number(valueOf(a)) || 0) - (Number(valueOf(b)) || 0)));
  return keys.sort((a, b) => sign * compareLabels(a, b));
}

/** What the pivot table shows now, as a grid of values (header rows included). */
export function evaluatePivot(rec: PivotRecord): unknown[][] {
  const [header, ...data] = rawValues(rec.source);
  const rows = data.filter((r) => passesFilters(rec, r));
  const at = (g: PivotGroupRecord | PivotValueRecord) => g.sourceColumn - rec.source.column;
  const name = (v: PivotValueRecord) => v.displayName || `${v.summarize} of ${label(header[at(v)])}`;
  const rowGroup = rec.rows[0];
  const colGroup = rec.columns[0];
  const cells = (match: (r: unknown[]) => boolean, v: PivotValueRecord) => summarize(v.summarize, rows.filter(match).map((r) => r[at(v)]));
  const byRow = (key: unknown) => (r: unknown[]) => !rowGroup || label(r[at(rowGroup)]) === label(key);
  const sortValue = (key: unknown) => cells(byRow(key), rowGroup.sortByValue || rec.values[0]);
  const rowKeys = rowGroup ? groupKeys(rec, rowGroup, rows, sortValue) : [];
  if (!colGroup) {
    const out: unknown[][] = [[rowGroup ? label(header[at(rowGroup)]) : '', ...rec.values.map(name)]];
    for (const key of rowKeys) out.push([key, ...rec.values.map((v) => cells(byRow(key), v))]);
    if (rowGroup && rowGroup.showTotals) out.push(['Grand Total', ...rec.values.map((v) => cells(() => true, v))]);
    return out;
  }
  const value = rec.values[0];
  const colKeys = groupKeys(rec, colGroup, rows, () => 0);
  const byCol = (key: unknown) => (r: unknown[]) => label(r[at(colGroup)]) === label(key);
  const totalsColumn = colGroup.showTotals;
  const out: unknown[][] = [
    [name(value), label(header[at(colGroup)]), ...colKeys.slice(1).map(() => ''), ...(totalsColumn ? [''] : [])],
    [rowGroup ? label(header[at(rowGroup)]) : '', ...colKeys, ...(totalsColumn ? ['Grand Total'] : [])],
  ];
  for (const key of rowKeys) {
    const line = colKeys.map((c) => cells((r) => byRow(key)(r) && byCol(c)(r), value));
    out.push([key, ...line, ...(totalsColumn ? [cells(byRow(key), value)] : [])]);
  }
  if (rowGroup && rowGroup.showTotals) out.push(['Grand Total', ...colKeys.map((c) => cells(byCol(c), value)), ...(totalsColumn ? [cells(() => true, value)] : [])]);
  return out;
}
