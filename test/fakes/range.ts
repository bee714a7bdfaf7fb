/**
 * Range fake. Every method that reads or writes cell data, formats, notes or styles goes through
 * `sheet._touch()` (auth check + counters). Writes validate everything first, then write, so a
 * rejected setValues leaves the sheet unchanged.
 */
import { toA1 } from './a1';
import { isDate } from './context';
import { Cell, FakeSheet, validateCellInput, writeCellValue } from './sheet';
import { DEFAULT_NUMBER_FORMAT, formatDisplay, isDateTimeFormat } from './sheets-format';
import { formulaResult } from './sheets-parse';
import { instantFromSerial } from './timezone';
import { createPivotTable, FakePivotTable } from './pivots';

const STYLE_DEFAULTS: Record<string, unknown> = {
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontColor: '#000000',
  fontSize: 10,
  fontFamily: 'Arial',
  background: '#ffffff',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
};

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length && Array.isArray(v[0]) ? 'Object[][]' : `${v.length ? describe(v[0]) : 'Object'}[]`;
  if (v === null) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  return 'Object';
}

export class FakeRange {
  constructor(
    readonly _sheet: FakeSheet,
    readonly _row: number,
    readonly _col: number,
    readonly _numRows: number,
    readonly _numCols: number,
  ) {}

  private get cells(): number {
    return this._numRows * this._numCols;
  }

  private map<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < this._numRows; i++) {
      const row: T[] = [];
      for (let j = 0; j < this._numCols; j++) {
        const r = this._row + i;
        const c = this._col + j;
        row.push(fn(this._sheet._grid.get(r, c), r, c));
      }
      out.push(row);
    }
    return this._sheet._ctx.grid(out);
  }

  private each(fn: (cell: Cell, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++) {
      for (let j = 0; j < this._numCols; j++) fn(this._sheet._grid.ensure(this._row + i, this._col + j), i, j);
    }
  }

  /** Same checks and messages as Range.setValues for any 2-D argument. */
  private checkGrid(data: unknown, method: string): unknown[][] {
    const ctx = this._sheet._ctx;
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
      throw ctx.error(`The parameters (${describe(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
    }
    if (data.length !== this._numRows) {
      throw ctx.error(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._numRows}.`);
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this._numCols) {
        throw ctx.error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._numCols}.`);
      }
    }
    return data as unknown[][];
  }

  private valueOf(cell: Cell | undefined, r: number, c: number): unknown {
    if (!cell) return '';
    if (cell.f !== undefined) return this.formulaValue(cell.f, r, c);
    if (cell.v === undefined) return '';
    if (typeof cell.v === 'number' && isDateTimeFormat(cell.nf)) {
      return this._sheet._ctx.date(instantFromSerial(cell.v, this._sheet._ss._timeZone));
    }
    return cell.v;
  }

  private formulaValue(formula: string, r: number, c: number): unknown {
    const hook = this._sheet._ctx.options.evaluateFormula;
    const v = hook ? hook(formula, { sheet: this._sheet._name, row: r, column: c }) : undefined;
    return v === undefined ? formulaResult(formula) : v;
  }

  private displayOf(cell: Cell | undefined, r: number, c: number): string {
    if (!cell) return '';
    if (cell.f !== undefined) {
      const v = this.formulaValue(cell.f, r, c);
      if (typeof v === 'number') return formatDisplay(v, cell.nf);
      return isDate(v) ? v.toISOString() : String(v ?? '');
    }
    return formatDisplay(cell.v, cell.nf);
  }

  /** Made from an open-ended A1 string (A2:D, A:F): charts and pivot tables keep following the sheet's rows. */
  _openEnded = false;

  createPivotTable(sourceData: FakeRange): FakePivotTable {
    return createPivotTable(this, sourceData);
  }

  // ------------------------------------------------------------ geometry
  getRow(): number {
    return this._row;
  }

  getRowIndex(): number {
    return this._row;
  }

  getColumn(): number {
    return this._col;
  }

  getNumRows(): number {
    return this._numRows;
  }

  getNumColumns(): number {
    return this._numCols;
  }

  getHeight(): number {
    return this._numRows;
  }

  getWidth(): number {
    return this._numCols;
  }

  getLastRow(): number {
    return this._row + this._numRows - 1;
  }

  getLastColumn(): number {
    return this._col + this._numCols - 1;
  }

  getA1Notation(): string {
    return toA1(this._row, this._col, this._numRows, this._numCols);
  }

  getSheet(): FakeSheet {
    return this._sheet;
  }

  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this._numRows || column > this._numCols) {
      throw this._sheet._ctx.error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this._sheet._range(this._row + row - 1, this._col + column - 1, 1, 1);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    return this._sheet._range(this._row + rowOffset, this._col + columnOffset, numRows ?? this._numRows, numColumns ?? this._numCols);
  }

  activate(): FakeRange {
    this._sheet.activate();
    return this;
  }

  isBlank(): boolean {
    this._sheet._touch('read', 'Range.isBlank');
    return this.map((cell) => !cell || (cell.v === undefined && cell.f === undefined)).every((row) => row.every(Boolean));
  }

  // ------------------------------------------------------------ values
  getValues(): unknown[][] {
    this._sheet._touch('read', 'Range.getValues', this.cells, 'get');
    return this.map((cell, r, c) => this.valueOf(cell, r, c));
  }

  getValue(): unknown {
    this._sheet._touch('read', 'Range.getValue', 1, 'get');
    return this.valueOf(this._sheet._grid.get(this._row, this._col), this._row, this._col);
  }

  getDisplayValues(): string[][] {
    this._sheet._touch('read', 'Range.getDisplayValues', this.cells, 'get');
    return this.map((cell, r, c) => this.displayOf(cell, r, c));
  }

  getDisplayValue(): string {
    this._sheet._touch('read', 'Range.getDisplayValue', 1, 'get');
    return this.displayOf(this._sheet._grid.get(this._row, this._col), this._row, this._col);
  }

  setValues(values: unknown[][]): FakeRange {
    this._sheet._touch('write', 'Range.setValues', this.cells, 'set');
    const data = this.checkGrid(values, 'setValues');
    for (const row of data) for (const v of row) validateCellInput(this._sheet._ctx, v);
    const env = this._sheet._writeEnv();
    this.each((cell, i, j) => writeCellValue(cell, data[i][j], env));
    this._sheet._ctx.afterSetValues();
    return this;
  }

  /** Like Apps Script, sets every cell of the range to the value. */
  setValue(value: unknown): FakeRange {
    this._sheet._touch('write', 'Range.setValue', this.cells, 'set');
    validateCellInput(this._sheet._ctx, value);
    const env = this._sheet._writeEnv();
    this.each((cell) => writeCellValue(cell, value, env));
    return this;
  }

  // ------------------------------------------------------------ formulas
  getFormulas(): string[][] {
    this._sheet._touch('read', 'Range.getFormulas');
    return this.map((cell) => cell?.f ?? '');
  }

  getFormula(): string {
    this._sheet._touch('read', 'Range.getFormula');
    return this._sheet._grid.get(this._row, this._col)?.f ?? '';
  }

  private storeFormula(cell: Cell, formula: unknown): void {
    if (formula === null || formula === undefined || formula === '') {
      delete cell.f;
      delete cell.v;
      return;
    }
    const f = String(formula);
    if (!f.startsWith('=')) {
      writeCellValue(cell, f, this._sheet._writeEnv());
      return;
    }
    delete cell.v;
    cell.f = f;
  }

  /** Stores the same formula in every cell (no relative-reference adjustment). */
  setFormula(formula: string): FakeRange {
    this._sheet._touch('write', 'Range.setFormula');
    validateCellInput(this._sheet._ctx, formula);
    this.each((cell) => this.storeFormula(cell, formula));
    return this;
  }

  setFormulas(formulas: string[][]): FakeRange {
    this._sheet._touch('write', 'Range.setFormulas');
    const data = this.checkGrid(formulas, 'setFormulas');
    for (const row of data) for (const v of row) validateCellInput(this._sheet._ctx, v);
    this.each((cell, i, j) => this.storeFormula(cell, data[i][j]));
    return this;
  }

  // ------------------------------------------------------------ number formats
  getNumberFormats(): string[][] {
    this._sheet._touch('read', 'Range.getNumberFormats');
    return this.map((cell) => cell?.nf ?? DEFAULT_NUMBER_FORMAT);
  }

  getNumberFormat(): string {
    this._sheet._touch('read', 'Range.getNumberFormat');
    return this._sheet._grid.get(this._row, this._col)?.nf ?? DEFAULT_NUMBER_FORMAT;
  }

  setNumberFormat(numberFormat: string): FakeRange {
    this._sheet._touch('write', 'Range.setNumberFormat');
    const nf = String(numberFormat);
    this.each((cell) => {
      cell.nf = nf;
    });
    return this;
  }

  setNumberFormats(numberFormats: string[][]): FakeRange {
    this._sheet._touch('write', 'Range.setNumberFormats');
    const data = this.checkGrid(numberFormats, 'setNumberFormats');
    this.each((cell, i, j) => {
      const nf = data[i][j];
      if (nf === null || nf === undefined || nf === '') delete cell.nf;
      else cell.nf = String(nf);
    });
    return this;
  }

  // ------------------------------------------------------------ notes
  getNotes(): string[][] {
    this._sheet._touch('read', 'Range.getNotes');
    return this.map((cell) => cell?.note ?? '');
  }

  getNote(): string {
    this._sheet._touch('read', 'Range.getNote');
    return this._sheet._grid.get(this._row, this._col)?.note ?? '';
  }

  setNote(note: string | null): FakeRange {
    this._sheet._touch('write', 'Range.setNote');
    validateCellInput(this._sheet._ctx, note);
    this.each((cell) => {
      if (note === null || note === undefined || note === '') delete cell.note;
      else cell.note = String(note);
    });
    return this;
  }

  setNotes(notes: (string | null)[][]): FakeRange {
    this._sheet._touch('write', 'Range.setNotes');
    const data = this.checkGrid(notes, 'setNotes');
    this.each((cell, i, j) => {
      const n = data[i][j];
      if (n === null || n === undefined || n === '') delete cell.note;
      else cell.note = String(n);
    });
    return this;
  }

  clearNote(): FakeRange {
    this._sheet._touch('write', 'Range.clearNote');
    this.each((cell) => delete cell.note);
    return this;
  }

  // ------------------------------------------------------------ styles
  private setStyle(call: string, key: string, value: unknown): FakeRange {
    this._sheet._touch('write', `Range.${call}`);
    this.each((cell) => {
      if (value === null || value === undefined) {
        if (cell.st) delete cell.st[key];
      } else (cell.st ??= {})[key] = value;
    });
    return this;
  }

  private setStyles(call: string, key: string, values: unknown[][]): FakeRange {
    this._sheet._touch('write', `Range.${call}`);
    const data = this.checkGrid(values, call);
    this.each((cell, i, j) => {
      const v = data[i][j];
      if (v === null || v === undefined) {
        if (cell.st) delete cell.st[key];
      } else (cell.st ??= {})[key] = v;
    });
    return this;
  }

  private getStyle(call: string, key: string): unknown {
    this._sheet._touch('read', `Range.${call}`);
    return this._sheet._grid.get(this._row, this._col)?.st?.[key] ?? STYLE_DEFAULTS[key];
  }

  private getStyles(call: string, key: string): unknown[][] {
    this._sheet._touch('read', `Range.${call}`);
    return this.map((cell) => cell?.st?.[key] ?? STYLE_DEFAULTS[key]);
  }

  setFontWeight(fontWeight: string | null): FakeRange {
    return this.setStyle('setFontWeight', 'fontWeight', fontWeight);
  }

  setFontWeights(fontWeights: unknown[][]): FakeRange {
    return this.setStyles('setFontWeights', 'fontWeight', fontWeights);
  }

  getFontWeight(): string {
    return this.getStyle('getFontWeight', 'fontWeight') as string;
  }

  getFontWeights(): string[][] {
    return this.getStyles('getFontWeights', 'fontWeight') as string[][];
  }

  setFontStyle(fontStyle: string | null): FakeRange {
    return this.setStyle('setFontStyle', 'fontStyle', fontStyle);
  }

  getFontStyle(): string {
    return this.getStyle('getFontStyle', 'fontStyle') as string;
  }

  setFontSize(size: number): FakeRange {
    return this.setStyle('setFontSize', 'fontSize', size);
  }

  getFontSize(): number {
    return this.getStyle('getFontSize', 'fontSize') as number;
  }

  setFontFamily(fontFamily: string | null): FakeRange {
    return this.setStyle('setFontFamily', 'fontFamily', fontFamily);
  }

  getFontFamily(): string {
    return this.getStyle('getFontFamily', 'fontFamily') as string;
  }

  setFontColor(color: string | null): FakeRange {
    return this.setStyle('setFontColor', 'fontColor', color);
  }

  setFontColors(colors: unknown[][]): FakeRange {
    return this.setStyles('setFontColors', 'fontColor', colors);
  }

  getFontColor(): string {
    return this.getStyle('getFontColor', 'fontColor') as string;
  }

  setBackground(color: string | null): FakeRange {
    return this.setStyle('setBackground', 'background', color);
  }

  setBackgrounds(color: unknown[][]): FakeRange {
    return this.setStyles('setBackgrounds', 'background', color);
  }

  getBackground(): string {
    return this.getStyle('getBackground', 'background') as string;
  }

  getBackgrounds(): string[][] {
    return this.getStyles('getBackgrounds', 'background') as string[][];
  }

  setHorizontalAlignment(alignment: string | null): FakeRange {
    return this.setStyle('setHorizontalAlignment', 'horizontalAlignment', alignment);
  }

  setHorizontalAlignments(alignments: unknown[][]): FakeRange {
    return this.setStyles('setHorizontalAlignments', 'horizontalAlignment', alignments);
  }

  getHorizontalAlignment(): string {
    return this.getStyle('getHorizontalAlignment', 'horizontalAlignment') as string;
  }

  getHorizontalAlignments(): string[][] {
    return this.getStyles('getHorizontalAlignments', 'horizontalAlignment') as string[][];
  }

  setVerticalAlignment(alignment: string | null): FakeRange {
    return this.setStyle('setVerticalAlignment', 'verticalAlignment', alignment);
  }

  getVerticalAlignment(): string {
    return this.getStyle('getVerticalAlignment', 'verticalAlignment') as string;
  }

  setWrap(isWrapEnabled: boolean): FakeRange {
    return this.setStyle('setWrap', 'wrap', isWrapEnabled);
  }

  setWraps(isWrapEnabled: unknown[][]): FakeRange {
    return this.setStyles('setWraps', 'wrap', isWrapEnabled);
  }

  getWrap(): boolean {
    return this.getStyle('getWrap', 'wrap') as boolean;
  }

  setWrapStrategy(strategy: unknown): FakeRange {
    return this.setStyle('setWrapStrategy', 'wrapStrategy', strategy === null ? null : String(strategy));
  }

  setWrapStrategies(strategies: unknown[][]): FakeRange {
    return this.setStyles('setWrapStrategies', 'wrapStrategy', strategies.map((row) => row.map((s) => (s == null ? s : String(s)))));
  }

  getWrapStrategy(): unknown {
    const name = this.getStyle('getWrapStrategy', 'wrapStrategy') as string;
    return (this._sheet._ss._enums.WrapStrategy as Record<string, unknown>)[name];
  }

  setBorder(...args: unknown[]): FakeRange {
    return this.setStyle('setBorder', 'border', args.length ? args : null);
  }

  // ------------------------------------------------------------ clearing
  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): FakeRange {
    this._sheet._touch('write', 'Range.clear');
    const all = !options || (!options.commentsOnly && !options.contentsOnly && !options.formatOnly && !options.validationsOnly);
    this.each((cell) => {
      if (all || options?.contentsOnly) {
        delete cell.v;
        delete cell.f;
      }
      if (all || options?.formatOnly) {
        delete cell.nf;
        delete cell.st;
      }
      if (options?.commentsOnly) delete cell.note;
    });
    return this;
  }

  clearContent(): FakeRange {
    return this.clear({ contentsOnly: true });
  }

  clearFormat(): FakeRange {
    return this.clear({ formatOnly: true });
  }
}
