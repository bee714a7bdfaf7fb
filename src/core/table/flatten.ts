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
  const index: Record<string, number> = Object.create(null);
  const columns: string[] = [];
  const compositeColumns: Record<string, true> = Object.create(null);
  const hasValue: boolean[] = [];
  const rows: RawCell[][] = new Array(entities.length);
  const isAnnotation: Record<string, boolean> = Object.create(null);

  // A key that itself contains "." (`"Dotted.Key"`) and a nested path (`Dotted` → `Key`) would get the same
  // name: they are told apart in the index, and the one seen second gets a header of its own.
  const columnFor = (name: string): number => {
    let i = index[name];
    if (i === undefined) {
      const literal = name.charCodeAt(0) === 1;
      let header = literal ? name.slice(1) : name;
      if (columns.indexOf(header) >= 0) header = `${header} (${literal ? 'key' : 'nested'})`;
      i = columns.length;
      index[name] = i;
      columns.push(header);
      hasValue.push(false);
    }
    return i;
  };
  const composite = (name: string, row: RawCell[], text: string) => {
    const c = columnFor(name);
    row[c] = text;
    compositeColumns[columns[c]] = true;
    hasValue[c] = true;
  };

  // Annotations (`@odata.etag`, `X@odata.type`, v3 `odata.*`, v2 `__metadata`) and unexpanded v2 navigation
  // stubs never become columns. Skipped here, in the one pass over every key, rather than by copying rows.
  const visit = (obj: Record<string, unknown>, prefix: string, depth: number, row: RawCell[]) => {
    for (const key in obj) {
      // Index key: the path; a key that contains "." is marked (U+0001) so it cannot meet a nested path.
      const name = key.indexOf('.') >= 0 ? '\u0001' + prefix + key : prefix ? prefix + key : key;
      let c = index[name];
      if (c === undefined) {
        // Keys repeat in every row: decide once per key whether it is an annotation.
        let annotation = isAnnotation[key];
        if (annotation === undefined) annotation = isAnnotation[key] = isAnnotationKey(key);
        if (annotation) continue;
      }
      const v = obj[key];
      if (v === null || typeof v !== 'object' || isExactNumber(v)) {
        if (c === undefined) c = columnFor(name);
        row[c] = v as RawCell;
        if (v !== null && v !== undefined && !hasValue[c]) hasValue[c] = true;
      } else if (Array.isArray(v)) {
        composite(name, row, arrayCell(v));
      } else if ('__deferred' in (v as object)) {
        continue;
      } else if (Array.isArray((v as Record<string, unknown>).results) && Object.keys(v as object).length === 1) {
        composite(name, row, arrayCell((v as Record<string, unknown>).results as unknown[])); // v2 expanded collection
      } else if (depth >= MAX_DEPTH) {
        composite(name, row, JSON.stringify(v, jsonReplacer));
      } else {
        visit(v as Record<string, unknown>, (prefix ? prefix + key : key) + '.', depth + 1, row);
      }
    }
  };

  for (let r = 0; r < entities.length; r++) {
    // Sized to the columns known so far: no spare capacity in every one of 200,000 rows.
    const row: RawCell[] = columns.length ? new Array(columns.length) : [];
    visit(entities[r] as Record<string, unknown>, '', 0, row);
    rows[r] = row;
    if (release) entities[r] = null;
  }

  // A property that is null in some rows and an object in others would leave an always-empty `Owner` column
  // beside `Owner.Name`; drop such placeholders.
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
