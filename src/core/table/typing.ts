/**
 * Turns raw JSON values into what a Sheets cell should hold, with the number format that keeps it faithful.
 *
 * The rule that protects users: Range.setValues parses a string like typed input (formulas, numbers, dates,
 * booleans) unless the cell is formatted as plain text `@`. So every string we write — IDs with leading zeros,
 * `123-456-7890`, "TRUE" in a text column, `=HYPERLINK(...)` from the API — goes into a cell formatted `@`, and
 * only real numbers, booleans and Date objects go into cells with other formats. No string can become a formula.
 */
import { ExactNumber, isExactNumber } from '../odata/json';
import { RawCell } from './flatten';

/**
 * `datetime` is an instant (Edm.DateTimeOffset, or a value with an offset); `localdatetime` is a wall-clock time
 * without zone (OData v2/v3 Edm.DateTime), shown as the same wall-clock time in the spreadsheet's zone.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'localdatetime' | 'date';

export type CellValue = string | number | boolean | Date;

export const TEXT_FORMAT = '@';
/**
 * Sheets' "Automatic" format. ('0.###############' is what getNumberFormat() reports for such cells, but set
 * explicitly it is a custom pattern that may show 1001 as "1001.".)
 */
export const AUTOMATIC_FORMAT = 'General';
export const FORMATS: Record<ColumnKind, string> = {
  text: TEXT_FORMAT,
  integer: '0',
  number: AUTOMATIC_FORMAT,
  boolean: AUTOMATIC_FORMAT,
  datetime: 'yyyy-mm-dd hh:mm:ss',
  localdatetime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
};

/** Sheets refuses more than 50,000 characters in a cell. */
export const MAX_CELL_CHARS = 50000;

export interface TypingContext {
  /** The instant at which the spreadsheet's time zone shows this wall-clock time (month 1-12). */
  wallClockInZone(year: number, month: number, day: number, hour?: number, minute?: number, second?: number, ms?: number): Date;
}

const INTEGER_TYPES = ['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte'];
const NUMBER_TYPES = ['Edm.Decimal', 'Edm.Double', 'Edm.Single'];

export function kindFromEdmType(type: string): ColumnKind {
  if (INTEGER_TYPES.indexOf(type) >= 0) return 'integer';
  if (NUMBER_TYPES.indexOf(type) >= 0) return 'number';
  if (type === 'Edm.Boolean') return 'boolean';
  if (type === 'Edm.DateTimeOffset') return 'datetime';
  if (type === 'Edm.DateTime') return 'localdatetime';
  if (type === 'Edm.Date') return 'date';
  return 'text';
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const V2_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses ISO 8601 date-times (with or without offset; none means UTC, as OData v2/v3 DateTime) and v2 `/Date(ms)/`. */
export function parseInstant(text: string): Date | null {
  const v2 = V2_DATE.exec(text);
  if (v2) return new Date(Number(v2[1]));
  const m = ISO_DATETIME.exec(text);
  if (!m) return null;
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.replace(/[^\d]/g, '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60000;
  }
  const d = new Date(t);
  return isNaN(d.getTime()) ? null : d;
}

/** Wall-clock parts of an ISO date-time without offset, or of a v2 `/Date(ms)/` (whose ms encode the wall clock as UTC). */
function parseWallClock(text: string): number[] | null {
  const v2 = V2_DATE.exec(text);
  if (v2) {
    if (v2[2]) return null; // carries an offset: an instant, not a wall clock
    const d = new Date(Number(v2[1]));
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()];
  }
  const m = ISO_DATETIME.exec(text);
  if (!m || m[8]) return null; // Z or an offset: an instant
  return [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ? Number((m[7] + '00').slice(0, 3)) : 0];
}

/** Decimal string → [digits without leading/trailing zeros, exponent of the first digit], for exactness checks. */
function canonicalDecimal(text: string): string {
  let s = text.replace(/^[+-]/, '');
  let exp = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf('.');
  const intLen = dot < 0 ? s.length : dot;
  let digits = s.replace('.', '');
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.replace(/^0+/, '').replace(/0+$/, '');
  if (!digits) return '0';
  return (text[0] === '-' ? '-' : '') + digits + 'e' + (exp + intLen - lead);
}

/** A plain decimal of at most 15 digits (sign and point aside): a double holds every such number exactly. */
const SHORT_DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

function fitsDouble(text: string): boolean {
  const digits = text.length - (text.charCodeAt(0) === 45 ? 1 : 0) - (text.indexOf('.') >= 0 ? 1 : 0);
  return digits <= 15 && SHORT_DECIMAL.test(text);
}

/** The number a numeric string stands for, only when a JS number holds it exactly; otherwise null. */
export function exactNumber(text: string): number | null {
  if (text.length <= 17 && fitsDouble(text)) return Number(text); // the common case: no digit-by-digit comparison
  if (!PLAIN_NUMBER.test(text)) return null;
  const n = Number(text);
  if (!isFinite(n)) return null;
  return canonicalDecimal(text) === canonicalDecimal(String(n)) ? n : null;
}

export interface TypedCell {
  value: CellValue;
  /** Set only when the cell needs a format other than its column's (e.g. exact text in a number column). */
  format?: string;
}

function truncateText(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const marker = ` … [truncated: ${text.length} characters]`;
  let cut = MAX_CELL_CHARS - marker.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair (emoji)
  return text.slice(0, cut) + marker;
}

export function textCell(value: unknown): string {
  if (typeof value === 'string') return truncateText(value);
  if (value === null || value === undefined) return '';
  return truncateText(String(value));
}

/** The kind a single present value suggests; 'text' when it fits no other kind. */
function kindOfValue(v: string | number | boolean | ExactNumber): ColumnKind {
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (isExactNumber(v)) return v.digits.search(/[.eE]/) >= 0 ? 'number' : 'integer';
  if (ISO_DATE.test(v)) return 'date';
  if (ISO_DATETIME.test(v) || V2_DATE.test(v)) return parseWallClock(v) ? 'localdatetime' : 'datetime';
  return 'text';
}

/** The kind of a column so far (null: no value yet) once one more value's kind is seen: integers and decimals make numbers, any other mix text. */
function combineKinds(sofar: ColumnKind | null, next: ColumnKind): ColumnKind {
  if (sofar === null || sofar === next) return next;
  if ((sofar === 'integer' && next === 'number') || (sofar === 'number' && next === 'integer')) return 'number';
  return 'text';
}

/** Decides a column's kind from its values when there is no metadata. */
export function inferKind(rows: RawCell[][], column: number): ColumnKind {
  let kind: ColumnKind | null = null;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][column];
    if (v === null || v === undefined) continue;
    kind = combineKinds(kind, kindOfValue(v));
    if (kind === 'text') return 'text';
  }
  // Integers inferred from data get the Automatic format: a later refresh may bring decimals.
  return kind === null ? 'text' : kind === 'integer' ? 'number' : kind;
}

/** A value that does not fit its column's kind: kept as exact text, in a cell formatted as plain text. */
function misfit(raw: RawCell): TypedCell {
  return { value: textCell(raw), format: TEXT_FORMAT };
}

function numberCell(raw: RawCell): TypedCell {
  if (typeof raw === 'number') return { value: raw };
  if (typeof raw === 'string' || isExactNumber(raw)) {
    const n = exactNumber(String(raw));
    if (n !== null) return { value: n };
  }
  return misfit(raw);
}

function booleanCell(raw: RawCell): TypedCell {
  if (typeof raw === 'boolean') return { value: raw };
  if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
  return misfit(raw);
}

function instantCell(raw: RawCell): TypedCell {
  const d = typeof raw === 'string' ? parseInstant(raw) : null;
  return d ? { value: d } : misfit(raw);
}

function wallClockCell(raw: RawCell, ctx: TypingContext): TypedCell {
  const parts = typeof raw === 'string' ? parseWallClock(raw) : null;
  if (parts) return { value: ctx.wallClockInZone(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]) };
  return instantCell(raw); // an explicit offset is still an instant
}

/** A date-time at UTC midnight, which some servers send for a date-only value. */
const ISO_UTC_MIDNIGHT = /^(\d{4})-(\d{2})-(\d{2})T00:00(?::00)?(?:\.0+)?(?:Z)?$/;

function dateCell(raw: RawCell, ctx: TypingContext): TypedCell {
  if (typeof raw !== 'string') return misfit(raw);
  const m = ISO_DATE.exec(raw) || ISO_UTC_MIDNIGHT.exec(raw);
  if (m) return { value: ctx.wallClockInZone(+m[1], +m[2], +m[3]) };
  const v2 = V2_DATE.exec(raw);
  if (v2) {
    // v2 has no date-only type: Edm.DateTime at UTC midnight stands for the calendar day.
    const d = new Date(Number(v2[1]));
    return { value: ctx.wallClockInZone(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
  }
  return misfit(raw);
}

/**
 * One cell of a column of the given kind. Values that do not fit the kind are kept as exact text rather than
 * coerced (a number too big for a JS number, "INF", a malformed date).
 */
export function typeCell(raw: RawCell, kind: ColumnKind, ctx: TypingContext): TypedCell {
  if (raw === null || raw === undefined || raw === '') return { value: '' };
  switch (kind) {
    case 'integer':
    case 'number':
      return numberCell(raw);
    case 'boolean':
      return booleanCell(raw);
    case 'datetime':
      return instantCell(raw);
    case 'localdatetime':
      return wallClockCell(raw, ctx);
    case 'date':
      return dateCell(raw, ctx);
    default:
      return { value: textCell(raw) };
  }
}
