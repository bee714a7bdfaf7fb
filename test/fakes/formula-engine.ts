/**
 * Evaluates the formulas in a fake spreadsheet with HyperFormula (a maintained spreadsheet engine; GPL-3.0, a
 * devDependency used by tests and the workbench only, never bundled into dist/). Pivot tables are computed from
 * their recorded definition (pivots.ts) and placed on their tab first, as Sheets shows them.
 *
 * Where Sheets and HyperFormula differ, the difference is bridged here and nowhere else:
 *  - open-ended ranges (A2:A) are what Sheets means by them: down to the last row. HyperFormula has no such
 *    syntax, so each becomes a bounded range to the last used row of the workbook (cells below are empty anyway);
 *  - SORT takes Sheets' arguments (range, sort_column as an index or a range, is_ascending, …), not Excel's;
 *  - TRUE and FALSE are literals in Sheets and functions (TRUE()) in HyperFormula: named expressions bridge them;
 *  - SPARKLINE draws a picture in Sheets; here it evaluates to a marker text, and `sparklineSeries` evaluates its
 *    data argument so a test or the workbench can see (and draw) the points.
 */
import { ArraySize, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';
import { evaluatePivot } from './pivots';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';

export const SPARKLINE_MARKER = '[sparkline]';

type Raw = unknown;

/** Sheets' SORT(range, sort_column, is_ascending, [sort_column2, is_ascending2, …]). */
class SheetsCompatPlugin extends FunctionPlugin {
  static implementedFunctions = {
    SORT: {
      method: 'sort',
      sizeOfResultArrayMethod: 'sortSize',
      enableArrayArithmeticForArguments: true,
      vectorizationForbidden: true,
      repeatLastArgs: 2,
      parameters: [
        { argumentType: FunctionArgumentType.RANGE },
        { argumentType: FunctionArgumentType.ANY },
        { argumentType: FunctionArgumentType.BOOLEAN, defaultValue: true },
      ],
    },
    SPARKLINE: {
      method: 'sparkline',
      parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY, optionalArg: true }],
      vectorizationForbidden: true,
    },
  };

  sort(ast: { args: unknown[] }, state: unknown) {
    return (this as any).runFunction(ast.args, state, (this as any).metadata('SORT'), (range: SimpleRangeValue, ...pairs: Raw[]) => {
      const data = range.data.map((row) => row.slice());
      const keys: Array<{ values: Raw[]; ascending: boolean }> = [];
      for (let i = 0; i < pairs.length; i += 2) {
        const by = pairs[i];
        const ascending = pairs[i + 1] === undefined ? true : !!pairs[i + 1];
        const values = by instanceof SimpleRangeValue ? by.data.map((r) => r[0]) : data.map((r) => r[Number(by) - 1]);
        keys.push({ values, ascending });
      }
      const order = data.map((_, i) => i);
      order.sort((a, b) => {
        for (const k of keys) {
          const c = compare(k.values[a], k.values[b]);
          if (c !== 0) return k.ascending ? c : -c;
        }
        return a - b;
      });
      return SimpleRangeValue.onlyValues(order.map((i) => data[i]) as never);
    });
  }

  sortSize(ast: { args: unknown[] }, state: unknown) {
    const size = (this as any).arraySizeForAst(ast.args[0], state) as ArraySize;
    return new ArraySize(size.width, size.height);
  }

  sparkline(ast: { args: unknown[] }, state: unknown) {
    return (this as any).runFunction(ast.args, state, (this as any).metadata('SPARKLINE'), () => SPARKLINE_MARKER);
  }
}

function compare(a: Raw, b: Raw): number {
  const empty = (v: Raw) => v === null || v === undefined || v === '' || (typeof v === 'symbol');
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

let registered = false;
function registerCompat(): void {
  if (registered) return;
  HyperFormula.unregisterFunction('SORT');
  HyperFormula.registerFunctionPlugin(SheetsCompatPlugin as never, { enGB: { SORT: 'SORT', SPARKLINE: 'SPARKLINE' }, enUS: { SORT: 'SORT', SPARKLINE: 'SPARKLINE' } } as never);
  registered = true;
}

/** Rewrites open-ended ranges (A2:A, $C$2:$C) to end at `lastRow`, leaving text in quotes alone. */
export function closeOpenRanges(formula: string, lastRow: number): string {
  const parts = formula.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(\$?[A-Z]{1,3}\$?\d+):(\$?[A-Z]{1,3})(?![A-Za-z0-9_$(!])/g, (_m, start: string, end: string) => `${start}:${end}${end.startsWith('$') ? '$' : ''}${lastRow}`)))
    .join('');
}

export interface Workbook {
  hf: HyperFormula;
  /** The value of one cell as the engine computed it (errors as their text, e.g. '#N/A'). */
  value(sheetName: string, row: number, column: number): unknown;
  /** Evaluates a formula as if written in a cell of the given tab. */
  calculate(formula: string, sheetName: string): unknown;
  /** The points a SPARKLINE formula plots (its first argument, evaluated). */
  sparklineSeries(formula: string, sheetName: string): number[];
}

function cellContent(sheet: FakeSheet, r: number, c: number, lastRow: number): unknown {
  const cell = sheet._grid.get(r, c);
  if (!cell) return null;
  if (cell.f !== undefined) return closeOpenRanges(cell.f, lastRow);
  // A stored text stays text ("FALSE", "=1", "12"): HyperFormula parses raw strings unless they start with '.
  if (typeof cell.v === 'string') return `'${cell.v}`;
  return cell.v === undefined ? null : cell.v;
}

function sheetContent(sheet: FakeSheet, lastRow: number): unknown[][] {
  const rows = sheet._grid.lastRow();
  const cols = sheet._grid.lastColumn();
  const out: unknown[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: unknown[] = [];
    for (let c = 1; c <= cols; c++) line.push(cellContent(sheet, r, c, lastRow));
    out.push(line);
  }
  for (const pivot of sheet._pivots) {
    evaluatePivot(pivot).forEach((line, i) => {
      line.forEach((v, j) => {
        const row = (out[pivot.anchor.row - 1 + i] ??= []);
        row[pivot.anchor.column - 1 + j] = v;
      });
    });
  }
  return out.map((row) => Array.from(row, (v) => (v === undefined ? null : v)));
}

function plain(v: unknown): unknown {
  if (v && typeof v === 'object' && 'value' in (v as Record<string, unknown>)) return (v as { value: unknown }).value;
  return v;
}

/** Loads every tab of the fake spreadsheet into a fresh engine. Call again after the spreadsheet changed. */
export function evaluateWorkbook(ss: FakeSpreadsheet): Workbook {
  registerCompat();
  const lastRow = Math.max(2, ...ss._sheets.map((s) => Math.max(s._grid.lastRow(), s._pivots.length ? 1000 : 0)));
  const sheets: Record<string, unknown[][]> = {};
  for (const s of ss._sheets) sheets[s._name] = sheetContent(s, lastRow);
  // Sheets reads TRUE and FALSE as literals; HyperFormula only knows TRUE() and FALSE().
  const names = [{ name: 'TRUE', expression: '=TRUE()' }, { name: 'FALSE', expression: '=FALSE()' }];
  const hf = HyperFormula.buildFromSheets(sheets as never, { licenseKey: 'gpl-v3', useArrayArithmetic: true, maxRows: 100000 }, names);
  const id = (name: string) => {
    const found = hf.getSheetId(name);
    if (found === undefined) throw new Error(`no tab named ${name}`);
    return found;
  };
  const calculate = (formula: string, sheetName: string) => {
    const v = hf.calculateFormula(closeOpenRanges(formula, lastRow), id(sheetName));
    return Array.isArray(v) ? v.map((row) => row.map(plain)) : plain(v);
  };
  return {
    hf,
    value: (sheetName, row, column) => plain(hf.getCellValue({ sheet: id(sheetName), row: row - 1, col: column - 1 })),
    calculate,
    sparklineSeries: (formula, sheetName) => {
      const inner = sparklineData(formula);
      if (!inner) return [];
      const v = calculate(`=${inner}`, sheetName);
      return (Array.isArray(v) ? (v as unknown[][]).map((r) => r[0]) : [v]).filter((x): x is number => typeof x === 'number');
    },
  };
}

/** The data argument of the first SPARKLINE( … ) call in a formula. */
export function sparklineData(formula: string): string | null {
  const start = formula.toUpperCase().indexOf('SPARKLINE(');
  if (start < 0) return null;
  let depth = 0;
  let quote: string | null = null;
  const from = start + 'SPARKLINE('.length;
  for (let i = from; i < formula.length; i++) {
    const ch = formula[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') {
      if (depth === 0) return formula.slice(from, i);
      depth--;
    } else if (ch === ',' && depth === 0) return formula.slice(from, i);
  }
  return null;
}
