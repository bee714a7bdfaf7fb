/**
 * What the workbench adds to its view of a tab so reports look as they do in Sheets: formula results (evaluated with
 * HyperFormula, see test/fakes/formula-engine.ts), pivot tables (computed from their recorded definition), sparkline
 * points, embedded charts (type, options, the data of their ranges) and conditional-format colours. Bundled by
 * workbench/server.mjs for the add-on worker; the page draws it (workbench/page/reports.js).
 */
import { evaluateWorkbook, SPARKLINE_MARKER, Workbook } from '../test/fakes/formula-engine';
import { evaluatePivot } from '../test/fakes/pivots';
import { appliedFormat } from '../test/fakes/conditional-formats';
import { currentRows } from '../test/fakes/grid-ref';
import { isDateTimeFormat } from '../test/fakes/sheets-format';
import type { FakeSheet } from '../test/fakes/sheet';
import type { FakeSpreadsheet } from '../test/fakes/spreadsheet';

export interface CellExtra {
  /** what the cell shows */
  d?: string;
  /** sparkline points */
  spark?: number[];
  /** conditional format */
  color?: string;
  background?: string;
}

export interface ChartView {
  type: string;
  title: string;
  stacked: boolean;
  row: number;
  column: number;
  width: number;
  height: number;
  header: string[];
  rows: unknown[][];
}

export interface ReportExtras {
  cells: Record<string, CellExtra>;
  charts: ChartView[];
}

/** A number shown with the few number formats reports use (the rest as plain numbers). */
export function formatNumber(v: number, format: string | undefined): string {
  const fixed = (n: number, digits: number) => n.toFixed(digits);
  if (!format) return String(Math.round(v * 1e6) / 1e6);
  if (format === '0%') return `${Math.round(v * 100)}%`;
  if (format.includes('▲')) return v > 0 ? `▲ ${fixed(v, 1)}` : v < 0 ? `▼ ${fixed(-v, 1)}` : fixed(0, 1);
  const m = /^0(?:\.(0+))?$/.exec(format);
  if (m) return fixed(v, m[1] ? m[1].length : 0);
  return String(Math.round(v * 1e6) / 1e6);
}

function cellView(wb: Workbook, sheet: FakeSheet, r: number, c: number): CellExtra | null {
  const cell = sheet._grid.get(r, c);
  if (!cell || cell.f === undefined) return null;
  const v = wb.value(sheet._name, r, c);
  if (v === SPARKLINE_MARKER) return { d: '', spark: wb.sparklineSeries(cell.f, sheet._name) };
  if (typeof v === 'number') return { d: formatNumber(v, cell.nf) };
  return { d: v === null || v === undefined ? '' : String(v) };
}

function columnNumbers(wb: Workbook, sheet: FakeSheet, column: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 2; r <= rows; r++) {
    const v = wb.value(sheet._name, r, column);
    if (typeof v === 'number') out.push(v);
  }
  return out;
}

function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour Sheets' min–median–max colour scale gives a value (the test fake only says which end it is near). */
function scaleColor(sheet: FakeSheet, r: number, c: number, v: number, numbers: number[]): string | undefined {
  const rule = sheet._conditionalRules.find((x) => x.gradient && x.ranges.some((g) => c >= g.column && c < g.column + g.numColumns && r >= g.row));
  const g = rule && rule.gradient;
  if (!g || !g.min || !g.mid || !g.max || !numbers.length) return undefined;
  const sorted = numbers.slice().sort((a, b) => a - b);
  const [min, max] = [sorted[0], sorted[sorted.length - 1]];
  const median = sorted[Math.floor(sorted.length / 2)];
  if (v <= median) return mix(g.min.color, g.mid.color, median === min ? 1 : (v - min) / (median - min));
  return mix(g.mid.color, g.max.color, max === median ? 1 : (v - median) / (max - median));
}

function conditional(wb: Workbook, sheet: FakeSheet, extras: Record<string, CellExtra>, rows: number, columns: number): void {
  if (!sheet._conditionalRules.length) return;
  for (let c = 1; c <= columns; c++) {
    const numbers = columnNumbers(wb, sheet, c, rows);
    for (let r = 1; r <= rows; r++) {
      const v = wb.value(sheet._name, r, c);
      const f = appliedFormat(sheet._conditionalRules, r, c, v, numbers);
      if (!f) continue;
      const key = `${r},${c}`;
      const background = f.gradient ? scaleColor(sheet, r, c, v as number, numbers) : f.background;
      extras[key] = { ...(extras[key] || {}), color: f.fontColor, background };
    }
  }
}

/** Serial day numbers as ISO dates (pivot labels of a date column). */
function isoDay(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

function pivotCells(sheet: FakeSheet, cells: Record<string, CellExtra>): void {
  for (const p of sheet._pivots) {
    const group = p.rows[0];
    const first = group ? p.source.sheet._grid.get(p.source.row + 1, group.sourceColumn) : undefined;
    const dates = !!first && isDateTimeFormat(first.nf);
    const out = evaluatePivot(p);
    const headerRows = p.columns.length ? 2 : 1;
    out.forEach((line, i) => line.forEach((v, j) => {
      const d = typeof v === 'number' ? (dates && j === 0 && i >= headerRows ? isoDay(v) : formatNumber(v, undefined)) : String(v ?? '');
      cells[`${p.anchor.row + i},${p.anchor.column + j}`] = { d };
    }));
  }
}

function chartView(wb: Workbook, sheet: FakeSheet, rec: FakeSheet['_charts']['list'][number], cells: Record<string, CellExtra>): ChartView {
  const ref = rec.ranges[0];
  const last = Math.min(ref.row + currentRows(ref) - 1, Math.max(ref.row, wb.hf.getSheetDimensions(wb.hf.getSheetId(ref.sheet._name)!).height));
  const grid: unknown[][] = [];
  for (let r = ref.row; r <= last; r++) {
    const line: unknown[] = [];
    for (let c = ref.column; c < ref.column + ref.numColumns; c++) {
      const shown = c === ref.column && ref.sheet === sheet ? cells[`${r},${c}`] : undefined;
      line.push(shown && shown.d !== undefined ? shown.d : wb.value(ref.sheet._name, r, c));
    }
    if (line.some((v) => v !== null && v !== '')) grid.push(line);
  }
  const [header = [], ...rows] = grid;
  const o = rec.options;
  return {
    type: rec.type, title: String(o.title || ''), stacked: !!o.isStacked,
    row: rec.position.row, column: rec.position.column, width: Number(o.width) || 600, height: Number(o.height) || 360,
    header: header.map((h) => (h === null ? '' : String(h))), rows,
  };
}

/** The extras of every tab, keyed by tab name. One engine load per call. */
export function reportExtras(ss: FakeSpreadsheet): Record<string, ReportExtras> {
  const interesting = ss._sheets.some((s) => s._pivots.length || s._charts.list.length || s._conditionalRules.length);
  if (!interesting) return {};
  const wb = evaluateWorkbook(ss);
  const out: Record<string, ReportExtras> = {};
  for (const sheet of ss._sheets) {
    const rows = Math.min(500, Math.max(sheet._grid.lastRow(), ...sheet._pivots.map((p) => p.anchor.row + evaluatePivot(p).length - 1)));
    const columns = Math.min(60, Math.max(sheet._grid.lastColumn(), ...sheet._pivots.map((p) => p.anchor.column + (evaluatePivot(p)[0] || []).length - 1)));
    const cells: Record<string, CellExtra> = {};
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= columns; c++) {
        const view = cellView(wb, sheet, r, c);
        if (view) cells[`${r},${c}`] = view;
      }
    }
    pivotCells(sheet, cells);
    conditional(wb, sheet, cells, rows, columns);
    out[sheet._name] = { cells, charts: sheet._charts.list.map((c) => chartView(wb, sheet, c, cells)) };
  }
  return out;
}
