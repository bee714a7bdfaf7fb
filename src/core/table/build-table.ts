/**
 * From entities to the grid a sheet receives: flatten, order columns, type every cell. Pure; the result holds
 * values and a parallel grid of number formats, so the writer can apply both in two range calls.
 */
import { EntitySetSchema } from '../odata/metadata';
import { FlatTable, RawCell, flattenRows } from './flatten';
import { orderColumns } from './columns';
import { CellValue, ColumnKind, FORMATS, MAX_CELL_CHARS, TypedCell, TypingContext, inferKind, kindFromEdmType, textCell, typeCell } from './typing';

export interface Table {
  header: string[];
  /** Data rows only (no header). */
  values: CellValue[][];
  /** Number format for every data cell. Rows without exceptions share one array: treat it as read-only. */
  formats: string[][];
  kinds: ColumnKind[];
  /** Where the kinds came from: the server's $metadata, or inference from the values. */
  typedFrom: 'metadata' | 'values';
}

export interface BuildTableOptions {
  schema?: EntitySetSchema | null;
  selected?: string[];
  previousHeader?: string[];
  typing: TypingContext;
  /** The caller will not use `entities` again: they are released as they are flattened (see flattenRows). */
  release?: boolean;
}

const DATE_KINDS: ColumnKind[] = ['datetime', 'localdatetime', 'date'];
/** Distinct texts remembered per date column; beyond that, cells are typed one by one. */
const MAX_MEMO_ENTRIES = 20000;

/**
 * Dates repeat down a column (a week's start in history data, a day in a timestamp's first part): one Date per
 * distinct text, shared by its cells, instead of a Date object per cell. Halves the heap of a large table with
 * date columns, and a lookup is cheaper than parsing. Nobody mutates the Dates of a table.
 */
class DateMemo {
  private readonly seen = new Map<string, TypedCell>();
  constructor(
    private readonly kind: ColumnKind,
    private readonly typing: TypingContext,
  ) {}
  typed(text: string): TypedCell {
    let cell = this.seen.get(text);
    if (!cell) {
      cell = typeCell(text, this.kind, this.typing);
      if (this.seen.size < MAX_MEMO_ENTRIES) this.seen.set(text, cell);
    }
    return cell;
  }
}

export function buildTable(entities: Array<Record<string, unknown> | null>, options: BuildTableOptions): Table {
  const flat: FlatTable = flattenRows(entities, options.release);
  const header = orderColumns({
    discovered: flat.columns,
    declared: options.schema ? options.schema.columns.map((c) => c.name) : undefined,
    selected: options.selected,
    previous: options.previousHeader,
  });
  const sourceIndex = header.map((name) => flat.columns.indexOf(name));
  const kinds = columnKinds(header, sourceIndex, flat, options.schema);
  const plan: RowPlan = {
    width: header.length,
    sourceIndex,
    kinds,
    columnFormats: kinds.map((k) => FORMATS[k]),
    dates: kinds.map((k) => (DATE_KINDS.indexOf(k) >= 0 ? new DateMemo(k, options.typing) : null)),
    typing: options.typing,
    // When the header keeps the discovered order (the common case), the flat rows are typed in place.
    inPlace: header.length === flat.columns.length && sourceIndex.every((src, c) => src === c),
  };
  const values: CellValue[][] = new Array(flat.rows.length);
  const formats: string[][] = new Array(flat.rows.length);
  for (let r = 0; r < flat.rows.length; r++) {
    const raw = flat.rows[r];
    const rowValues: CellValue[] = plan.inPlace ? (raw as CellValue[]) : new Array(plan.width);
    formats[r] = typeRow(raw, rowValues, plan);
    values[r] = rowValues;
  }
  return { header, values, formats, kinds, typedFrom: options.schema ? 'metadata' : 'values' };
}

/** Each header column's kind: text for composite cells, else the $metadata type, else inferred from the values. */
function columnKinds(header: string[], sourceIndex: number[], flat: FlatTable, schema: EntitySetSchema | null | undefined): ColumnKind[] {
  const schemaTypes: Record<string, string> = Object.create(null);
  if (schema) for (const c of schema.columns) schemaTypes[c.name] = c.type;
  return header.map((name, i) => {
    if (flat.compositeColumns[name]) return 'text';
    const edm = schemaTypes[name];
    if (edm) return kindFromEdmType(edm);
    return sourceIndex[i] < 0 ? 'text' : inferKind(flat.rows, sourceIndex[i]);
  });
}

/** What typing one row needs, decided once per table. */
interface RowPlan {
  width: number;
  /** For each header column, its index in the flat rows (-1: not in the data). */
  sourceIndex: number[];
  kinds: ColumnKind[];
  /** The formats every row shares unless one of its cells needs its own. */
  columnFormats: string[];
  /** A memo per date column, null elsewhere. */
  dates: Array<DateMemo | null>;
  typing: TypingContext;
  /** The flat row is in header order and becomes the typed row itself. */
  inPlace: boolean;
}

/**
 * Types flat row `raw` into `rowValues` (which may be `raw` itself) and returns the row's formats. The hot loop:
 * the common cells are typed inline.
 */
function typeRow(raw: RawCell[], rowValues: CellValue[], plan: RowPlan): string[] {
  // Rows share the column formats unless a cell needs its own (exact text in a number column …).
  let rowFormats: string[] = plan.columnFormats;
  for (let c = 0; c < plan.width; c++) {
    const src = plan.sourceIndex[c];
    const v = src < 0 ? undefined : raw[src];
    const kind = plan.kinds[c];
    // Fast paths for the common cells; typeCell handles the rest.
    if (v === undefined || v === null) rowValues[c] = '';
    else if (kind === 'text') rowValues[c] = typeof v === 'string' && v.length <= MAX_CELL_CHARS ? v : textCell(v);
    else if (typeof v === 'number' && (kind === 'number' || kind === 'integer')) rowValues[c] = v;
    else if (typeof v === 'boolean' && kind === 'boolean') rowValues[c] = v;
    else {
      const cell = slowCell(v, c, plan);
      rowValues[c] = cell.value;
      if (cell.format && cell.format !== rowFormats[c]) rowFormats = withCellFormat(rowFormats, plan.columnFormats, c, cell.format);
    }
  }
  return rowFormats;
}

/** A cell off the fast paths: a date through its column's memo, anything else through typeCell. */
function slowCell(v: RawCell, c: number, plan: RowPlan): TypedCell {
  const memo = plan.dates[c];
  return memo && typeof v === 'string' ? memo.typed(v) : typeCell(v, plan.kinds[c], plan.typing);
}

/** The row's formats with cell c's own: the shared column formats are copied first, never written to. */
function withCellFormat(rowFormats: string[], columnFormats: string[], c: number, format: string): string[] {
  const own = rowFormats === columnFormats ? columnFormats.slice() : rowFormats;
  own[c] = format;
  return own;
}
