/**
 * Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → Sheet.insertChart(). Each chart records what a user
 * sees: its type, the ranges it plots (and whether they are open-ended), options (title, stacking, axis titles …),
 * header rows and position. `Charts.ChartType` is the enum the builder takes.
 */
import { makeEnum } from './context';
import { GridRef, refOf } from './grid-ref';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';

const CHART_TYPES = makeEnum(['AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GEO', 'HISTOGRAM', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL'] as const);

export function createCharts() {
  return { ChartType: CHART_TYPES };
}

export interface ChartRecord {
  id: number;
  type: string;
  ranges: GridRef[];
  options: Record<string, unknown>;
  numHeaders: number;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

let nextChartId = 1;

export class FakeEmbeddedChart {
  constructor(readonly _sheet: FakeSheet, readonly _rec: ChartRecord) {}

  getChartId(): number {
    return this._rec.id;
  }

  getId(): string {
    return `chart-${this._rec.id}`;
  }

  getRanges(): FakeRange[] {
    return this._sheet._ctx.realm.Array.from(this._rec.ranges, (r) => r.sheet._range(r.row, r.column, r.numRows, r.numColumns));
  }

  getOptions() {
    const options = this._rec.options;
    return { get: (key: string) => (key in options ? options[key] : null) };
  }

  getContainerInfo() {
    const p = this._rec.position;
    return { getAnchorRow: () => p.row, getAnchorColumn: () => p.column, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
  }

  modify(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this._sheet, { ...this._rec, ranges: this._rec.ranges.slice(), options: { ...this._rec.options } });
  }
}

export class FakeEmbeddedChartBuilder {
  constructor(readonly _sheet: FakeSheet, readonly _rec: ChartRecord = { id: 0, type: 'COLUMN', ranges: [], options: {}, numHeaders: -1, position: { row: 1, column: 1, offsetX: 0, offsetY: 0 } }) {}

  setChartType(type: unknown): FakeEmbeddedChartBuilder {
    const name = String(type);
    if (!(name in CHART_TYPES)) throw this._sheet._ctx.error('Invalid argument: type');
    this._rec.type = name;
    return this;
  }

  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!range || typeof range.getSheet !== 'function') throw this._sheet._ctx.error("The parameters (null) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.");
    this._rec.ranges.push(refOf(range));
    return this;
  }

  clearRanges(): FakeEmbeddedChartBuilder {
    this._rec.ranges = [];
    return this;
  }

  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this._rec.numHeaders = headers;
    return this;
  }

  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this._rec.options[String(option)] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this._rec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  build(): FakeEmbeddedChart {
    if (this._rec.ranges.length === 0) throw this._sheet._ctx.error('The chart has no data. Add a range.');
    return new FakeEmbeddedChart(this._sheet, { ...this._rec, id: this._rec.id || nextChartId++ });
  }
}

/** The chart methods of a Sheet (mixed into FakeSheet). */
export class SheetCharts {
  readonly list: ChartRecord[] = [];

  constructor(private readonly sheet: FakeSheet) {}

  insert(chart: FakeEmbeddedChart): void {
    this.sheet._write('Sheet.insertChart');
    if (this.list.some((c) => c.id === chart._rec.id)) throw this.sheet._ctx.error('This chart is already in the sheet. Use updateChart.');
    this.list.push(chart._rec);
  }

  update(chart: FakeEmbeddedChart): void {
    this.sheet._write('Sheet.updateChart');
    const i = this.list.findIndex((c) => c.id === chart._rec.id);
    if (i < 0) throw this.sheet._ctx.error('The chart is not in this sheet.');
    this.list[i] = chart._rec;
  }

  remove(chart: FakeEmbeddedChart): void {
    this.sheet._write('Sheet.removeChart');
    const i = this.list.findIndex((c) => c.id === chart._rec.id);
    if (i >= 0) this.list.splice(i, 1);
  }

  all(): FakeEmbeddedChart[] {
    return this.sheet._ctx.realm.Array.from(this.list, (rec) => new FakeEmbeddedChart(this.sheet, rec));
  }
}
