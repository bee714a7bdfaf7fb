/**
 * Sheet fake: a sparse grid of cells (value, formula, number format, note, style), grid size like
 * Sheets (new sheets are 1000 x 26), and the Sheet methods an add-on uses.
 *
 * Cell values are stored the way Sheets stores them: strings, booleans and numbers; dates/times are
 * serial numbers (days since 1899-12-30, spreadsheet wall clock) and become a `Date` on read only
 * while the cell's number format is a date/time format — exactly the Sheets behaviour that makes a
 * date typed into a "0.00" cell read back as a number.
 */
import { MAX_COLUMNS, parseA1 } from './a1';
import { EnumMember, GasContext, isDate } from './context';
import { FakeRange } from './range';
import { isAutomaticFormat, TEXT_FORMAT } from './sheets-format';
import { FORMATS, parseUserEntered } from './sheets-parse';
import type { FakeSpreadsheet, MetadataFinder } from './spreadsheet';
import { serialFromInstant } from './timezone';
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder, SheetCharts } from './charts';
import type { ConditionalRuleRecord } from './conditional-formats';
import { FakePivotTable, PivotRecord } from './pivots';
import { renameReferences } from './rename';

export interface Cell {
  v?: string | number | boolean;
  f?: string;
  nf?: string;
  note?: string;
  st?: Record<string, unknown>;
}

export interface RangeStats {
  /** every Range/Sheet call that reads or writes cell data, formats, notes or styles */
  rangeCalls: number;
  readCalls: number;
  writeCalls: number;
  /** getValues/getValue/getDisplayValue(s) */
  getValuesCalls: number;
  /** setValues/setValue/appendRow */
  setValuesCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

export const emptyStats = (): RangeStats => ({
  rangeCalls: 0, readCalls: 0, writeCalls: 0, getValuesCalls: 0, setValuesCalls: 0, cellsRead: 0, cellsWritten: 0,
});

const MAX_CELL_CHARS = 50_000;

const hasContent = (c: Cell | undefined): boolean => !!c && (c.v !== undefined || c.f !== undefined);

/** The cells. Rows/columns are 1-based in the API and 0-based in `rows`. */
class Grid {
  rows: (Cell | undefined)[][] = [];
  constructor(public maxRows: number, public maxColumns: number) {}

  get(r: number, c: number): Cell | undefined {
    return this.rows[r - 1]?.[c - 1];
  }

  ensure(r: number, c: number): Cell {
    const row = this.rows[r - 1] ?? (this.rows[r - 1] = []);
    return row[c - 1] ?? (row[c - 1] = {});
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) if (this.rows[r - 1]?.some(hasContent)) return r;
    return 0;
  }

  lastColumn(): number {
    let max = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > max; c--) {
        if (hasContent(row[c - 1])) {
          max = c;
          break;
        }
      }
    }
    return max;
  }

  insertRows(before: number, n: number): void {
    const i = before - 1;
    if (i < this.rows.length) this.rows = this.rows.slice(0, i).concat(new Array(n).fill(undefined), this.rows.slice(i));
    this.maxRows += n;
  }

  deleteRows(start: number, n: number): void {
    this.rows.splice(start - 1, n);
    this.maxRows -= n;
  }

  insertColumns(before: number, n: number): void {
    const i = before - 1;
    this.rows = this.rows.map((row) =>
      row && i < row.length ? row.slice(0, i).concat(new Array(n).fill(undefined), row.slice(i)) : row);
    this.maxColumns += n;
  }

  deleteColumns(start: number, n: number): void {
    for (const row of this.rows) row?.splice(start - 1, n);
    this.maxColumns -= n;
  }
}

/** A parse environment for strings written to this spreadsheet. */
export interface WriteEnv {
  timeZone: string;
  now: number;
}

/** Rejects values Sheets rejects before anything is written. */
export function validateCellInput(ctx: GasContext, v: unknown): void {
  if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
    throw ctx.error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

/** Stores one written value into a cell (see sheets-parse.ts for the string rules). */
export function writeCellValue(cell: Cell, raw: unknown, env: WriteEnv): void {
  delete cell.f;
  delete cell.v;
  if (raw === null || raw === undefined || raw === '') return;
  if (typeof raw === 'string') {
    if (cell.nf === TEXT_FORMAT) {
      cell.v = raw;
      return;
    }
    const p = parseUserEntered(raw, env);
    if (p.kind === 'formula') cell.f = p.formula;
    else if (p.kind === 'number') {
      cell.v = p.value;
      if (p.format && isAutomaticFormat(cell.nf)) cell.nf = p.format;
    } else if (p.kind !== 'empty') cell.v = p.value;
    return;
  }
  if (typeof raw === 'number') {
    cell.v = Number.isFinite(raw) ? raw : String(raw);
  } else if (typeof raw === 'boolean') {
    cell.v = raw;
  } else if (isDate(raw)) {
    const ms = raw.getTime();
    if (Number.isNaN(ms)) {
      cell.v = 'Invalid Date';
      return;
    }
    cell.v = serialFromInstant(ms, env.timeZone);
    if (isAutomaticFormat(cell.nf)) cell.nf = FORMATS.jsDate;
  } else {
    cell.v = String(raw);
  }
}

export class FakeSheet {
  readonly _grid = new Grid(1000, 26);
  readonly stats: RangeStats = emptyStats();
  _frozenRows = 0;
  _frozenColumns = 0;
  _hidden = false;
  _tabColor: string | null = null;
  _columnWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _autoResized: number[] = [];
  readonly _charts = new SheetCharts(this);
  _pivots: PivotRecord[] = [];
  _conditionalRules: ConditionalRuleRecord[] = [];

  constructor(readonly _ss: FakeSpreadsheet, public _name: string, readonly _id: number) {}

  get _ctx(): GasContext {
    return this._ss._ctx;
  }

  /** Auth check + counters for every call that touches cell data or formats. */
  _touch(kind: 'read' | 'write', call: string, cells = 0, values?: 'get' | 'set'): void {
    this._ss._guard(kind, call);
    for (const s of [this.stats, this._ss.stats]) {
      s.rangeCalls++;
      if (kind === 'read') s.readCalls++;
      else s.writeCalls++;
      if (values === 'get') {
        s.getValuesCalls++;
        s.cellsRead += cells;
      } else if (values === 'set') {
        s.setValuesCalls++;
        s.cellsWritten += cells;
      }
    }
  }

  _write(call: string): void {
    this._ss._guard('write', call);
  }

  _writeEnv(): WriteEnv {
    return { timeZone: this._ss._timeZone, now: this._ctx.now() };
  }

  // ------------------------------------------------------------ identity
  getName(): string {
    this._ss._guard('read', 'Sheet.getName');
    return this._name;
  }

  setName(name: string): FakeSheet {
    this._write('Sheet.setName');
    const n = String(name);
    if (n.trim() === '') throw this._ctx.error('Invalid argument: name');
    const clash = this._ss._sheets.find((s) => s !== this && s._name.toLowerCase() === n.toLowerCase());
    if (clash) throw this._ctx.error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    if (n !== this._name) renameReferences(this._ss, this._name, n);
    this._name = n;
    return this;
  }

  getSheetId(): number {
    return this._id;
  }

  getSheetName(): string {
    return this._name;
  }

  getIndex(): number {
    return this._ss._sheets.indexOf(this) + 1;
  }

  getParent(): FakeSpreadsheet {
    return this._ss;
  }

  getType(): EnumMember {
    return this._ss._enums.SheetType.GRID;
  }

  // ------------------------------------------------------------ size
  getMaxRows(): number {
    return this._grid.maxRows;
  }

  getMaxColumns(): number {
    return this._grid.maxColumns;
  }

  getLastRow(): number {
    this._ss._guard('read', 'Sheet.getLastRow');
    return this._grid.lastRow();
  }

  getLastColumn(): number {
    this._ss._guard('read', 'Sheet.getLastColumn');
    return this._grid.lastColumn();
  }

  private insertRowsAt(before: number, howMany: number, call: string): FakeSheet {
    this._write(call);
    if (!Number.isInteger(howMany) || howMany < 1) throw this._ctx.error('Invalid argument: howMany');
    if (before < 1 || before > this._grid.maxRows + 1) throw this._ctx.error('Those rows are out of bounds.');
    this._ss._checkCellLimit(howMany * this._grid.maxColumns);
    this._grid.insertRows(before, howMany);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.insertRowsAt(afterPosition + 1, howMany, 'Sheet.insertRowsAfter');
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.insertRowsAt(beforePosition, howMany, 'Sheet.insertRowsBefore');
  }

  insertRowAfter(afterPosition: number): FakeSheet {
    return this.insertRowsAt(afterPosition + 1, 1, 'Sheet.insertRowAfter');
  }

  insertRowBefore(beforePosition: number): FakeSheet {
    return this.insertRowsAt(beforePosition, 1, 'Sheet.insertRowBefore');
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsAt(rowIndex, numRows, 'Sheet.insertRows');
  }

  private insertColumnsAt(before: number, howMany: number, call: string): FakeSheet {
    this._write(call);
    if (!Number.isInteger(howMany) || howMany < 1) throw this._ctx.error('Invalid argument: howMany');
    if (before < 1 || before > this._grid.maxColumns + 1) throw this._ctx.error('Those columns are out of bounds.');
    if (this._grid.maxColumns + howMany > MAX_COLUMNS) {
      throw this._ctx.error(`This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS}.`);
    }
    this._ss._checkCellLimit(howMany * this._grid.maxRows);
    this._grid.insertColumns(before, howMany);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    return this.insertColumnsAt(afterPosition + 1, howMany, 'Sheet.insertColumnsAfter');
  }

  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    return this.insertColumnsAt(beforePosition, howMany, 'Sheet.insertColumnsBefore');
  }

  insertColumnAfter(afterPosition: number): FakeSheet {
    return this.insertColumnsAt(afterPosition + 1, 1, 'Sheet.insertColumnAfter');
  }

  insertColumnBefore(beforePosition: number): FakeSheet {
    return this.insertColumnsAt(beforePosition, 1, 'Sheet.insertColumnBefore');
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsAt(columnIndex, numColumns, 'Sheet.insertColumns');
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this._write('Sheet.deleteRows');
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this._grid.maxRows) {
      throw this._ctx.error('Those rows are out of bounds.');
    }
    if (howMany >= this._grid.maxRows - this._frozenRows) {
      throw this._ctx.error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this._grid.deleteRows(rowPosition, howMany);
  }

  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this._write('Sheet.deleteColumns');
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this._grid.maxColumns) {
      throw this._ctx.error('Those columns are out of bounds.');
    }
    if (howMany >= this._grid.maxColumns - this._frozenColumns) {
      throw this._ctx.error('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this._grid.deleteColumns(columnPosition, howMany);
  }

  deleteColumn(columnPosition: number): FakeSheet {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  // ------------------------------------------------------------ ranges
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this._ss._guard('read', 'Sheet.getRange');
    if (typeof a === 'string') {
      const r = parseA1(a);
      if (!r) throw this._ctx.error('Range not found');
      const sheet = r.sheetName === undefined ? this : this._ss.getSheetByName(r.sheetName);
      if (!sheet) throw this._ctx.error('Range not found');
      const lastRow = r.lastRow ?? sheet._grid.maxRows;
      const lastColumn = r.lastColumn ?? sheet._grid.maxColumns;
      const range = sheet._range(r.row, r.column, lastRow - r.row + 1, lastColumn - r.column + 1);
      range._openEnded = r.lastRow === undefined;
      return range;
    }
    return this._range(a, column, numRows ?? 1, numColumns ?? 1);
  }

  /** Validates coordinates exactly like Sheet.getRange(row, column, numRows, numColumns). */
  _range(row: number, column: number | undefined, numRows: number, numColumns: number): FakeRange {
    const err = (m: string) => this._ctx.error(m);
    if (typeof row !== 'number' || typeof column !== 'number' || Number.isNaN(row) || Number.isNaN(column)) {
      throw err(`The parameters (${[row, column].map((v) => (typeof v === 'number' ? 'number' : String(v))).join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
    }
    const [r, c, nr, nc] = [row, column, numRows, numColumns].map(Math.trunc);
    if (r < 1) throw err('The starting row of the range is too small.');
    if (c < 1) throw err('The starting column of the range is too small.');
    if (nr < 1) throw err('The number of rows in the range must be at least 1.');
    if (nc < 1) throw err('The number of columns in the range must be at least 1.');
    if (r + nr - 1 > this._grid.maxRows || c + nc - 1 > this._grid.maxColumns) {
      throw err('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, r, c, nr, nc);
  }

  getDataRange(): FakeRange {
    this._ss._guard('read', 'Sheet.getDataRange');
    return this._range(1, 1, Math.max(1, this._grid.lastRow()), Math.max(1, this._grid.lastColumn()));
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const nr = numRows === -1 ? Math.max(1, this._grid.lastRow() - startRow + 1) : numRows;
    const nc = numColumns === -1 ? Math.max(1, this._grid.lastColumn() - startColumn + 1) : numColumns;
    return this._range(startRow, startColumn, nr, nc).getValues();
  }

  appendRow(rowContents: unknown[]): FakeSheet {
    if (!Array.isArray(rowContents)) {
      throw this._ctx.error("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    }
    this._touch('write', 'Sheet.appendRow', rowContents.length, 'set');
    rowContents.forEach((v) => validateCellInput(this._ctx, v));
    if (rowContents.length > this._grid.maxColumns) {
      this._ss._checkCellLimit((rowContents.length - this._grid.maxColumns) * this._grid.maxRows);
      this._grid.insertColumns(this._grid.maxColumns + 1, rowContents.length - this._grid.maxColumns);
    }
    const row = this._grid.lastRow() + 1;
    if (row > this._grid.maxRows) {
      this._ss._checkCellLimit(this._grid.maxColumns);
      this._grid.insertRows(this._grid.maxRows + 1, 1);
    }
    const env = this._writeEnv();
    rowContents.forEach((v, i) => writeCellValue(this._grid.ensure(row, i + 1), v, env));
    return this;
  }

  // ------------------------------------------------------------ clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    this._touch('write', 'Sheet.clear');
    const all = !options || (!options.contentsOnly && !options.formatOnly);
    for (const row of this._grid.rows) {
      for (const cell of row ?? []) {
        if (!cell) continue;
        if (all || options?.contentsOnly) {
          delete cell.v;
          delete cell.f;
        }
        if (all || options?.formatOnly) {
          delete cell.nf;
          delete cell.st;
        }
      }
    }
    return this;
  }

  clearContents(): FakeSheet {
    return this.clear({ contentsOnly: true });
  }

  clearFormats(): FakeSheet {
    return this.clear({ formatOnly: true });
  }

  clearNotes(): FakeSheet {
    this._touch('write', 'Sheet.clearNotes');
    for (const row of this._grid.rows) for (const cell of row ?? []) if (cell) delete cell.note;
    return this;
  }

  // ------------------------------------------------------------ layout
  setFrozenRows(rows: number): void {
    this._write('Sheet.setFrozenRows');
    if (!Number.isInteger(rows) || rows < 0) throw this._ctx.error('Invalid argument: rows');
    if (rows >= this._grid.maxRows) throw this._ctx.error("You can't freeze all visible rows on the sheet.");
    this._frozenRows = rows;
  }

  getFrozenRows(): number {
    return this._frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this._write('Sheet.setFrozenColumns');
    if (!Number.isInteger(columns) || columns < 0) throw this._ctx.error('Invalid argument: columns');
    if (columns >= this._grid.maxColumns) throw this._ctx.error("You can't freeze all visible columns on the sheet.");
    this._frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this._frozenColumns;
  }

  private checkColumns(start: number, n: number): void {
    if (start < 1 || n < 1 || start + n - 1 > this._grid.maxColumns) {
      throw this._ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    this._write('Sheet.autoResizeColumns');
    this.checkColumns(startColumn, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (const row of this._grid.rows) {
        const v = row?.[c - 1]?.v;
        if (v !== undefined) longest = Math.max(longest, String(v).length);
      }
      this._columnWidths.set(c, Math.max(30, Math.min(1000, longest * 7 + 10)));
      this._autoResized.push(c);
    }
    return this;
  }

  autoResizeColumn(columnPosition: number): FakeSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    this._write('Sheet.setColumnWidths');
    this.checkColumns(startColumn, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c++) this._columnWidths.set(c, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this._columnWidths.get(columnPosition) ?? 100;
  }

  setRowHeight(rowPosition: number, height: number): FakeSheet {
    this._write('Sheet.setRowHeight');
    this._rowHeights.set(rowPosition, height);
    return this;
  }

  getRowHeight(rowPosition: number): number {
    return this._rowHeights.get(rowPosition) ?? 21;
  }

  activate(): FakeSheet {
    this._ss._guard('read', 'Sheet.activate');
    this._ss._active = this;
    if (this._hidden) this._hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this._hidden;
  }

  hideSheet(): FakeSheet {
    this._write('Sheet.hideSheet');
    if (this._ss._sheets.filter((s) => !s._hidden && s !== this).length === 0) {
      throw this._ctx.error("You can't hide all the sheets in a document.");
    }
    this._hidden = true;
    return this;
  }

  showSheet(): FakeSheet {
    this._write('Sheet.showSheet');
    this._hidden = false;
    return this;
  }

  setTabColor(color: string | null): FakeSheet {
    this._write('Sheet.setTabColor');
    this._tabColor = color;
    return this;
  }

  getTabColor(): string | null {
    return this._tabColor;
  }

  getProtections(_type?: unknown): unknown[] {
    return [];
  }

  getFilter(): null {
    return null;
  }

  // ------------------------------------------------------------ charts, pivot tables, conditional formats (charts.ts, pivots.ts, conditional-formats.ts)
  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this);
  }

  insertChart(chart: FakeEmbeddedChart): void {
    this._charts.insert(chart);
  }

  updateChart(chart: FakeEmbeddedChart): void {
    this._charts.update(chart);
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this._charts.remove(chart);
  }

  getCharts(): FakeEmbeddedChart[] {
    return this._charts.all();
  }

  getPivotTables(): FakePivotTable[] {
    return this._ctx.realm.Array.from(this._pivots, (rec) => new FakePivotTable(rec));
  }

  setConditionalFormatRules(rules: Array<{ _rec: ConditionalRuleRecord }>): void {
    this._write('Sheet.setConditionalFormatRules');
    this._conditionalRules = Array.from(rules, (r) => r._rec);
  }

  getConditionalFormatRules(): unknown[] {
    return this._ctx.realm.Array.from(this._conditionalRules, (rec) => ({ _rec: rec }));
  }

  clearConditionalFormatRules(): void {
    this._write('Sheet.clearConditionalFormatRules');
    this._conditionalRules = [];
  }

  // ------------------------------------------------------------ developer metadata
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): FakeSheet {
    this._ss._addMetadata({ type: 'SHEET', sheet: this }, 'Sheet.addDeveloperMetadata', key, valueOrVisibility, visibility);
    return this;
  }

  getDeveloperMetadata(): unknown[] {
    return this._ss._metadataAt('SHEET', this);
  }

  createDeveloperMetadataFinder(): MetadataFinder {
    return this._ss._finder((m) => m.location.sheet === this);
  }
}
