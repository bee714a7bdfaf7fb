/**
 * Flattens entities into rows of cells: one row per entity, nested objects become `Parent.Child` columns,
 * arrays of scalars become one cell ("a, b, c"), arrays of objects become one JSON cell. Columns are
 * discovered in first-seen order. There is no fill-down: a missing value is an empty cell.
 */
import { ExactNumber, isExactNumber } from '../odata/json';
import { isAnnotationKey } from '../odata/response';

export type RawCell = string | number | boolean | ExactNumber | null | undefined;

export interface FlatTable {
  /** Column names in first-seen order. */
  columns: string[];
  /** rows[r][c] is the raw value for columns[c]; missing values are undefined. */
  rows: RawCell[][];
  /** Columns whose cells were built from arrays or objects (always text). */
  compositeColumns: Record<string, true>;
}

const MAX_DEPTH = 5;

/** JSON cells: annotations left out (exact numbers show their digits through ExactNumber.toJSON). */
function jsonReplacer(key: string, value: unknown): unknown {
  if (key && isAnnotationKey(key)) return undefined;
  if (value && typeof value === 'object' && !Array.isArray(value) && '__deferred' in (value as object)) return undefined;
  return value;
}

/** An array of scalars as one readable cell; anything holding objects as JSON. */
function arrayCell(values: unknown[]): string {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && typeof v === 'object' && !isExactNumber(v)) return JSON.stringify(values, jsonReplacer);
  }
  return values.map((v) => (v === null || v === undefined ? '' : String(v))).join(', ');
}

/**
 * `release`: the caller hands the entity array over; each entity is dropped from it (set to null) once flattened,
 * so a large import never holds every entity and every flat row at the same time.
 */
export function flattenRows(entities: Array<Record<string, unknown> | null>, release = false): FlatTable {
  const flattener = new Flattener();
  const rows: RawCell[][] = new Array(entities.length);
  for (let r = 0; r < entities.length; r++) {
    rows[r] = flattener.row(entities[r] as Record<string, unknown>);
    if (release) entities[r] = null;
  }
  return dropPlaceholders(flattener.columns, rows, flattener.compositeColumns, flattener.hasValue);
}

/** The columns discovered so far, and the one pass over an entity's keys that fills a row. */
class Flattener {
  /** Column headers in first-seen order. */
  readonly columns: string[] = [];
  readonly compositeColumns: Record<string, true> = Object.create(null);
  /** Whether a column has held a non-null value in any row. */
  readonly hasValue: boolean[] = [];
  /** Index key (see `visit`) → column. */
  private readonly index: Record<string, number> = Object.create(null);
  /** Keys repeat in every row: whether one is an annotation is decided once per key. */
  private readonly isAnnotation: Record<string, boolean> = Object.create(null);

  row(entity: Record<string, unknown>): RawCell[] {
    // Sized to the columns known so far: no spare capacity in every one of 200,000 rows.
    const row: RawCell[] = this.columns.length ? new Array(this.columns.length) : [];
    this.visit(entity, '', 0, row);
    return row;
  }

  // Annotations (`@odata.etag`, `X@odata.type`, v3 `odata.*`, v2 `__metadata`) and unexpanded v2 navigation
  // stubs never become columns. Skipped here, in the one pass over every key, rather than by copying rows.
  private visit(obj: Record<string, unknown>, prefix: string, depth: number, row: RawCell[]): void {
    for (const key in obj) {
      // Index key: the path; a key that contains "." is marked (U+0001) so it cannot meet a nested path.
      const name = key.indexOf('.') >= 0 ? '\u0001' + prefix + key : prefix ? prefix + key : key;
      let c = this.index[name];
      if (c === undefined && this.annotation(key)) continue;
      const v = obj[key];
      if (v === null || typeof v !== 'object' || isExactNumber(v)) {
        if (c === undefined) c = this.columnFor(name);
        row[c] = v as RawCell;
        if (v !== null && v !== undefined && !this.hasValue[c]) this.hasValue[c] = true;
      } else {
        this.visitObject(v as Record<string, unknown>, name, prefix, key, depth, row);
      }
    }
  }

  /** An array or object (at `prefix` + `key`, index key `name`): one composite cell, nothing (a deferred stub), or nested columns. */
  private visitObject(v: Record<string, unknown>, name: string, prefix: string, key: string, depth: number, row: RawCell[]): void {
    if (Array.isArray(v)) this.composite(name, row, arrayCell(v));
    else if ('__deferred' in v) return;
    else if (Array.isArray(v.results) && Object.keys(v).length === 1) this.composite(name, row, arrayCell(v.results)); // v2 expanded collection
    else if (depth >= MAX_DEPTH) this.composite(name, row, JSON.stringify(v, jsonReplacer));
    else this.visit(v, (prefix ? prefix + key : key) + '.', depth + 1, row);
  }

  private annotation(key: string): boolean {
    let annotation = this.isAnnotation[key];
    if (annotation === undefined) annotation = this.isAnnotation[key] = isAnnotationKey(key);
    return annotation;
  }

  // A key that itself contains "." (`"Dotted.Key"`) and a nested path (`Dotted` → `Key`) would get the same
  // name: they are told apart in the index, and the one seen second gets a header of its own.
  private columnFor(name: string): number {
    let i = this.index[name];
    if (i === undefined) {
      const literal = name.charCodeAt(0) === 1;
      let header = literal ? name.slice(1) : name;
      if (this.columns.indexOf(header) >= 0) header = `${header} (${literal ? 'key' : 'nested'})`;
      i = this.columns.length;
      this.index[name] = i;
      this.columns.push(header);
      this.hasValue.push(false);
    }
    return i;
  }

  private composite(name: string, row: RawCell[], text: string): void {
    const c = this.columnFor(name);
    row[c] = text;
    this.compositeColumns[this.columns[c]] = true;
    this.hasValue[c] = true;
  }
}

/**
 * A property that is null in some rows and an object in others would leave an always-empty `Owner` column
 * beside `Owner.Name`; such placeholders are dropped.
 */
function dropPlaceholders(columns: string[], rows: RawCell[][], compositeColumns: Record<string, true>, hasValue: boolean[]): FlatTable {
  const drop: number[] = [];
  for (let c = 0; c < columns.length; c++) {
    if (!hasValue[c] && hasNestedColumn(columns, columns[c])) drop.push(c);
  }
  if (drop.length === 0) return { columns, rows, compositeColumns };
  const keep = columns.map((_, c) => c).filter((c) => drop.indexOf(c) < 0);
  return {
    columns: keep.map((c) => columns[c]),
    rows: rows.map((row) => keep.map((c) => row[c])),
    compositeColumns,
  };
}

function hasNestedColumn(columns: string[], name: string): boolean {
  const prefix = name + '.';
  for (let i = 0; i < columns.length; i++) if (columns[i].lastIndexOf(prefix, 0) === 0) return true;
  return false;
}
