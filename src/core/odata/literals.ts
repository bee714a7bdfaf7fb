/**
 * OData literals: a user's value (as typed in the sidebar) written in the literal syntax of a column's type, for
 * OData v4 or for v2/v3 (`datetime'…'`, `123L`, `1.5M`), and read back. Pure; shared by the filter builder and
 * date windows.
 */
import { AddOnError } from '../errors';

/** v4, or the v2/v3 family whose literals carry a type prefix or suffix. */
export type ODataDialect = 'v4' | 'v2';

/** What the sidebar calls a type, and which inputs and operators it gets. */
export type ValueKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'list' | 'other';

const NUMBER_TYPES = /^Edm\.(Int16|Int32|Int64|Decimal|Double|Single|Byte|SByte)$/;

export function kindOfType(type: string): ValueKind {
  if (type === 'Edm.String' || type === 'Edm.Guid') return 'text';
  if (NUMBER_TYPES.test(type)) return 'number';
  if (type === 'Edm.Date') return 'date';
  if (type === 'Edm.DateTimeOffset' || type === 'Edm.DateTime') return 'datetime';
  if (type === 'Edm.Boolean') return 'boolean';
  if (/^Collection\(/.test(type)) return 'list';
  return 'other';
}

const FRIENDLY: Record<ValueKind, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  datetime: 'Date & time',
  boolean: 'True/false',
  list: 'List',
  other: 'Other',
};

/** "Number", "Date & time", "Text" … for a `$metadata` type. */
export function friendlyTypeName(type: string): string {
  return FRIENDLY[kindOfType(type)];
}

export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;

/** v2/v3 write Int64, Decimal, Double and Single literals with a type suffix. */
const V2_SUFFIX: Record<string, string> = { 'Edm.Int64': 'L', 'Edm.Decimal': 'M', 'Edm.Double': 'd', 'Edm.Single': 'f' };

function numberLiteral(value: string, type: string, dialect: ODataDialect, column: string): string {
  const text = value.trim();
  if (!NUMBER.test(text)) throw new AddOnError('BAD_INPUT', `"${value}" is not a number for ${column}. Use digits with a dot for decimals, e.g. 12.5.`);
  const plain = text.replace(/^\+/, '');
  const suffix = dialect === 'v2' ? V2_SUFFIX[type] || '' : '';
  // 12.5L is not a literal: a fraction on an Int64 column goes as a Decimal.
  return plain + (suffix === 'L' && !/^-?\d+$/.test(plain) ? 'M' : suffix);
}

function validDate(text: string, column: string): string {
  const m = DATE.exec(text.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw new AddOnError('BAD_INPUT', `"${text}" is not a date for ${column}. Use the date picker, or write it as 2026-01-31.`);
  }
  return m[0];
}

/** A date (`2026-01-31`) or a date-time (`2026-01-31T10:00`, with or without seconds and zone) for a date-time column. */
function dateTimeParts(value: string, column: string): { date: string; time: string; zone: string } {
  const text = value.trim();
  const m = DATE_TIME.exec(text);
  if (m) return { date: validDate(m[1], column), time: m[2].length === 5 ? `${m[2]}:00` : m[2], zone: m[5] || 'Z' };
  return { date: validDate(text, column), time: '00:00:00', zone: 'Z' };
}

/** The literal of `value` for a column of `$metadata` type `type`, in the dialect's syntax. */
export function literalFor(value: string, type: string, dialect: ODataDialect, column = 'this column'): string {
  const kind = kindOfType(type);
  if (kind === 'number') return numberLiteral(value, type, dialect, column);
  if (kind === 'boolean') {
    const v = value.trim().toLowerCase();
    if (v !== 'true' && v !== 'false') throw new AddOnError('BAD_INPUT', `${column} is true or false (got "${value}").`);
    return v;
  }
  if (kind === 'date') {
    const date = validDate(value, column);
    return dialect === 'v2' ? `datetime'${date}T00:00:00'` : date;
  }
  if (kind === 'datetime') {
    const p = dateTimeParts(value, column);
    // v2/v3 Edm.DateTime has no zone: it is a wall-clock time.
    if (dialect === 'v2') return type === 'Edm.DateTime' ? `datetime'${p.date}T${p.time}'` : `datetimeoffset'${p.date}T${p.time}${p.zone}'`;
    return `${p.date}T${p.time}${p.zone}`;
  }
  return quoteString(value);
}

/** A literal token of a filter, as the parser reads it: the value as the user would type it, and its kind. */
export interface ParsedLiteral {
  kind: 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'null';
  value: string;
  /** A date-time written with a zone (v4 bare, or datetimeoffset'…'): the instant, e.g. 2026-01-31T23:00:00Z. */
  instant?: string;
}

/**
 * How a calendar day typed for a date-time-with-zone column becomes an instant, and back: the spreadsheet's time
 * zone in the sidebar; UTC by default.
 */
export interface DayZone {
  /** The instant (ISO, ending in Z or an offset) at which `day` (YYYY-MM-DD) begins. */
  midnight(day: string): string;
  /** The day that begins at `instant`, or null when the instant is not the start of a day. */
  dayStartingAt(instant: string): string | null;
}

export const UTC_DAYS: DayZone = {
  midnight: (day) => `${day}T00:00:00Z`,
  dayStartingAt: (instant) => {
    const ms = Date.parse(instant);
    return isFinite(ms) && ms % 86400000 === 0 ? new Date(ms).toISOString().slice(0, 10) : null;
  },
};

/** `2026-01-31`, `2026-01-31T10:00:00Z`, `datetime'…'` (no zone) or `datetimeoffset'…'`; null for anything else. */
function readDateLiteral(token: string): ParsedLiteral | null {
  const typed = /^(datetime|datetimeoffset)'([^']*)'$/i.exec(token);
  const bare = typed ? typed[2] : token;
  if (DATE.test(bare)) return { kind: 'date', value: bare };
  const dt = DATE_TIME.exec(bare);
  if (!dt) return null;
  const zoned = !(typed && typed[1].toLowerCase() === 'datetime');
  const midnight = /^00:00(:00(\.0+)?)?$/.test(dt[2]) && (!dt[5] || dt[5] === 'Z');
  const parsed: ParsedLiteral = midnight ? { kind: 'date', value: dt[1] } : { kind: 'datetime', value: bare.replace(/Z$/, '') };
  if (zoned) parsed.instant = dt[5] ? bare : `${bare}Z`;
  return parsed;
}

/** Reads a literal written by `literalFor` (or by hand in the same syntax); null when it is not one. */
export function readLiteral(token: string): ParsedLiteral | null {
  if (/^'(?:[^']|'')*'$/.test(token)) return { kind: 'text', value: token.slice(1, -1).replace(/''/g, "'") };
  if (token === 'true' || token === 'false') return { kind: 'boolean', value: token };
  if (token === 'null') return { kind: 'null', value: '' };
  const dated = readDateLiteral(token);
  if (dated) return dated;
  const n = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[LlMmDdFf]?$/.exec(token);
  if (n) return { kind: 'number', value: n[1] };
  return null;
}
