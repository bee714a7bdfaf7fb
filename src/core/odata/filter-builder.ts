/**
 * The sidebar's filter builder, without the DOM: rows of column → operator → value become one OData `$filter`
 * (escaped, in the literal syntax of each column's type, v4 or v2), and a hand-written filter that rows can
 * express is read back into rows (anything else stays "Advanced" text). Rows are ANDed; a row marked `or` is
 * ORed with the row before it, so `A, B or C` means `A and (B or C)`.
 */
import { AddOnError } from '../errors';
import { toSelectPath } from './query';
import { DayZone, ODataDialect, ParsedLiteral, UTC_DAYS, ValueKind, kindOfType, literalFor } from './literals';
import { FilterNode, parseFilterExpression } from './filter-parser';

export type FilterOperator = 'contains' | 'startswith' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'between' | 'empty' | 'notempty' | 'true' | 'false';

export interface FilterColumn {
  name: string;
  /** `$metadata` type, e.g. Edm.String */
  type: string;
}

export interface FilterRow {
  column: string;
  op: FilterOperator;
  value?: string;
  /** The upper bound of `between` (inclusive). */
  value2?: string;
  /** ORed with the row before it (ignored on the first row). */
  or?: boolean;
}

/** Which operators a kind of column offers, in the order the sidebar lists them. */
export const OPERATORS: Record<ValueKind, FilterOperator[]> = {
  text: ['contains', 'startswith', 'eq', 'ne', 'empty', 'notempty'],
  number: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'empty'],
  date: ['eq', 'lt', 'gt', 'le', 'ge', 'between', 'empty'],
  datetime: ['lt', 'ge', 'between', 'empty'],
  boolean: ['true', 'false'],
  list: [],
  other: ['empty', 'notempty'],
};

const COMPARISON: FilterOperator[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

function columnOf(columns: FilterColumn[], name: string): FilterColumn {
  const found = columns.find((c) => c.name === name) || columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new AddOnError('BAD_INPUT', `The filter uses the column "${name}", which this dataset does not have.`);
  return found;
}

function needValue(row: FilterRow, which: 'value' | 'value2'): string {
  const v = row[which];
  if (v === undefined || v === null || String(v).trim() === '') {
    throw new AddOnError('BAD_INPUT', `Enter a value for the filter on ${row.column}${which === 'value2' ? ' (the second one of "between")' : ''}.`);
  }
  return String(v);
}

function emptyTest(path: string, kind: ValueKind, negate: boolean): string {
  if (kind !== 'text') return `${path} ${negate ? 'ne' : 'eq'} null`;
  return negate ? `(${path} ne null and ${path} ne '')` : `(${path} eq null or ${path} eq '')`;
}

function textFunction(op: 'contains' | 'startswith', path: string, literal: string, dialect: ODataDialect): string {
  if (dialect === 'v2') return op === 'contains' ? `substringof(${literal},${path})` : `startswith(${path},${literal}) eq true`;
  return `${op}(${path},${literal})`;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day after `day` (YYYY-MM-DD). */
function nextDay(day: string, step = 1): string {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + step * 86400000);
  return d.toISOString().slice(0, 10);
}

/** Between two days of a date-time column means up to the end of the second day: `lt` the day after it. */
function betweenFilter(row: FilterRow, path: string, kind: ValueKind, column: FilterColumn, dialect: ODataDialect, lit: (w: 'value' | 'value2') => string, zone: DayZone): string {
  const upper = needValue(row, 'value2').trim();
  if (kind === 'datetime' && DATE_ONLY.test(upper)) {
    return `(${path} ge ${lit('value')} and ${path} lt ${literalFor(zonedValue(nextDay(upper), column, zone), column.type, dialect, column.name)})`;
  }
  return `(${path} ge ${lit('value')} and ${path} le ${lit('value2')})`;
}

/** A day typed for a date-time-with-zone column means the instant that day begins in the zone. */
function zonedValue(value: string, column: FilterColumn, zone: DayZone): string {
  return column.type === 'Edm.DateTimeOffset' && DATE_ONLY.test(value.trim()) ? zone.midnight(value.trim()) : value;
}

/** One row as a `$filter` term (parenthesised when it holds `and`/`or` itself). */
function rowFilter(row: FilterRow, columns: FilterColumn[], dialect: ODataDialect, zone: DayZone = UTC_DAYS): string {
  const column = columnOf(columns, row.column);
  const kind = kindOfType(column.type);
  const path = toSelectPath(column.name);
  const lit = (which: 'value' | 'value2') => literalFor(zonedValue(needValue(row, which), column, zone), column.type, dialect, column.name);
  if (row.op === 'empty' || row.op === 'notempty') return emptyTest(path, kind, row.op === 'notempty');
  if (row.op === 'true' || row.op === 'false') return `${path} eq ${row.op}`;
  if (OPERATORS[kind].indexOf(row.op) < 0) throw new AddOnError('BAD_INPUT', `"${row.op}" cannot be used on ${column.name}.`);
  if (row.op === 'contains' || row.op === 'startswith') return textFunction(row.op, path, lit('value'), dialect);
  if (row.op === 'between') return betweenFilter(row, path, kind, column, dialect, lit, zone);
  return `${path} ${row.op} ${lit('value')}`;
}

/** Consecutive rows joined by `or` form one group; groups are ANDed. */
function groupsOf(rows: FilterRow[]): FilterRow[][] {
  const groups: FilterRow[][] = [];
  rows.forEach((row, i) => {
    if (i > 0 && row.or) groups[groups.length - 1].push(row);
    else groups.push([row]);
  });
  return groups;
}

/** The `$filter` for the rows ('' for none); days on date-time columns begin in `zone` (UTC unless given). */
export function buildFilter(rows: FilterRow[], columns: FilterColumn[], dialect: ODataDialect = 'v4', zone: DayZone = UTC_DAYS): string {
  return groupsOf(rows)
    .map((group) => {
      const terms = group.map((r) => rowFilter(r, columns, dialect, zone));
      return terms.length > 1 ? `(${terms.join(' or ')})` : terms[0];
    })
    .join(' and ');
}

/** ANDs two filters, keeping each one's own meaning. */
export function andFilters(a: string | undefined, b: string | undefined): string | undefined {
  const parts = [a, b].filter((p): p is string => !!p && !!p.trim());
  if (parts.length < 2) return parts[0];
  return parts.map((p) => `(${p})`).join(' and ');
}

// ---- reading a filter back into rows ----

interface ParseContext {
  columns: FilterColumn[];
  zone: DayZone;
}

function columnAt(columns: FilterColumn[], path: string | undefined): FilterColumn | undefined {
  return path ? columns.find((c) => toSelectPath(c.name) === path) : undefined;
}

/** `X eq true` / `X ne false` → is true; the other two → is false. */
function booleanRow(column: FilterColumn, op: string, lit: ParsedLiteral): FilterRow | null {
  if (lit.kind !== 'boolean' || (op !== 'eq' && op !== 'ne')) return null;
  return { column: column.name, op: (op === 'eq') === (lit.value === 'true') ? 'true' : 'false' };
}

/** `X eq null` → is empty (not for text: its "empty" also means ''); `X ne null` → is not empty (other types). */
function nullRow(column: FilterColumn, kind: ValueKind, op: string): FilterRow | null {
  if (op === 'eq' && kind !== 'text') return { column: column.name, op: 'empty' };
  if (op === 'ne' && kind === 'other') return { column: column.name, op: 'notempty' };
  return null;
}

const LITERAL_KINDS: Partial<Record<ValueKind, string[]>> = { text: ['text'], number: ['number'], date: ['date', 'datetime'], datetime: ['date', 'datetime'] };

function comparisonRow(node: FilterNode, ctx: ParseContext): FilterRow | null {
  if (node.type !== 'compare') return null;
  const column = columnAt(ctx.columns, node.column);
  if (!column) return null;
  const kind = kindOfType(column.type);
  const lit = node.literal;
  if (kind === 'boolean') return booleanRow(column, node.op, lit);
  if (lit.kind === 'null') return nullRow(column, kind, node.op);
  const op = node.op as FilterOperator;
  const fits = (LITERAL_KINDS[kind] || []).indexOf(lit.kind) >= 0 && COMPARISON.indexOf(op) >= 0 && OPERATORS[kind].indexOf(op) >= 0;
  if (!fits) return null;
  if (column.type !== 'Edm.DateTimeOffset' || !lit.instant) return { column: column.name, op, value: lit.value };
  // the builder shows days: only an instant at which a day begins in the zone can be one
  const day = ctx.zone.dayStartingAt(lit.instant);
  return day ? { column: column.name, op, value: day } : null;
}

function functionRow(node: FilterNode, ctx: ParseContext): FilterRow | null {
  if (node.type !== 'function' || node.literal.kind !== 'text') return null;
  const column = columnAt(ctx.columns, node.column);
  if (!column || kindOfType(column.type) !== 'text') return null;
  return { column: column.name, op: node.name === 'startswith' ? 'startswith' : 'contains', value: node.literal.value };
}

function isEmptyPair(a: FilterNode, b: FilterNode, op: 'eq' | 'ne'): boolean {
  return a.type === 'compare' && b.type === 'compare' && a.op === op && b.op === op && a.literal.kind === 'null' && b.literal.kind === 'text' && b.literal.value === '';
}

function betweenRow(column: FilterColumn, a: FilterNode, b: FilterNode, ctx: ParseContext): FilterRow | null {
  const kind = kindOfType(column.type);
  // date-time columns: `ge` a day and `lt` the day after the last one (see betweenFilter)
  const upperOp = kind === 'datetime' ? 'lt' : 'le';
  if (a.type !== 'compare' || b.type !== 'compare' || a.op !== 'ge' || b.op !== upperOp) return null;
  const low = comparisonRow(a, ctx);
  const high = comparisonRow(b, ctx);
  if (!low || !high || !high.value || OPERATORS[kind].indexOf('between') < 0) return null;
  if (kind === 'datetime' && !DATE_ONLY.test(high.value)) return null;
  return { column: column.name, op: 'between', value: low.value, value2: kind === 'datetime' ? nextDay(high.value, -1) : high.value };
}

/** `(X ge a and X le b)` → between; `(X eq null or X eq '')` → is empty; `(X ne null and X ne '')` → is not empty. */
function pairRow(node: FilterNode, ctx: ParseContext): FilterRow | null {
  if ((node.type !== 'and' && node.type !== 'or') || node.items.length !== 2) return null;
  const [a, b] = node.items;
  if (a.type !== 'compare' || b.type !== 'compare' || a.column !== b.column) return null;
  const column = columnAt(ctx.columns, a.column);
  if (!column) return null;
  if (node.type === 'or') return isEmptyPair(a, b, 'eq') ? { column: column.name, op: 'empty' } : null;
  if (isEmptyPair(a, b, 'ne')) return { column: column.name, op: 'notempty' };
  return betweenRow(column, a, b, ctx);
}

function atomRow(node: FilterNode, ctx: ParseContext): FilterRow | null {
  return pairRow(node, ctx) || comparisonRow(node, ctx) || functionRow(node, ctx);
}

/** Rows for one conjunct: an atom, or an `or` of atoms. */
function conjunctRows(node: FilterNode, ctx: ParseContext): FilterRow[] | null {
  const single = atomRow(node, ctx);
  if (single) return [single];
  if (node.type !== 'or') return null;
  const rows: FilterRow[] = [];
  for (const item of node.items) {
    const row = atomRow(item, ctx);
    if (!row) return null;
    rows.push(rows.length ? { ...row, or: true } : row);
  }
  return rows;
}

/**
 * The rows a hand-written `$filter` stands for, or null when the builder cannot show it (functions it does not
 * offer, `not`, nested groups, unknown columns, values of the wrong type): the sidebar then keeps it as text.
 */
export function parseFilter(filter: string, columns: FilterColumn[], zone: DayZone = UTC_DAYS): FilterRow[] | null {
  const ctx: ParseContext = { columns, zone };
  const text = filter.trim();
  if (!text) return [];
  const tree = parseFilterExpression(text);
  if (!tree) return null;
  const conjuncts = tree.type === 'and' && !pairRow(tree, ctx) ? tree.items : [tree];
  const rows: FilterRow[] = [];
  for (const c of conjuncts) {
    const part = conjunctRows(c, ctx);
    if (!part) return null;
    rows.push(...part);
  }
  return rows;
}
