/**
 * Relative date windows ("the last 12 weeks of WeekStart"): stored relative in a saved import and turned into a
 * `$filter` term at every run, from the first day of the window in the spreadsheet's time zone. `last: 0` means
 * the current period so far (today, this week from Monday, this month). Pure: the caller gives "now" and the
 * zone's rules (a function from a local calendar day to the instant of its midnight).
 */
import { AddOnError } from '../errors';
import { ODataDialect, kindOfType, literalFor, quoteString } from './literals';
import { toSelectPath } from './query';

type WindowUnit = 'days' | 'weeks' | 'months';

export interface DateWindow {
  column: string;
  last: number;
  unit: WindowUnit;
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const UNITS: WindowUnit[] = ['days', 'weeks', 'months'];
const MAX_LAST = 3660;
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*([./][A-Za-z_][A-Za-z0-9_]*)*$/;

/** Validates `{ column, last, unit }` from the sidebar, a saved import or a caller; undefined when absent. */
export function parseDateWindow(input: unknown): DateWindow | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const w = input as Partial<DateWindow>;
  const column = typeof w.column === 'string' ? w.column.trim() : '';
  if (!COLUMN.test(column)) throw new AddOnError('BAD_INPUT', 'Choose the date column of the date range.');
  const last = typeof w.last === 'number' ? w.last : Number(w.last);
  if (!Number.isInteger(last) || last < 0 || last > MAX_LAST) throw new AddOnError('BAD_INPUT', `The date range needs a whole number of ${w.unit || 'days'} between 0 and ${MAX_LAST}.`);
  if (UNITS.indexOf(w.unit as WindowUnit) < 0) throw new AddOnError('BAD_INPUT', 'The date range unit must be days, weeks or months.');
  return { column, last, unit: w.unit as WindowUnit };
}

function fromUtc(ms: number): CalendarDay {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(day: CalendarDay, n: number): CalendarDay {
  return fromUtc(Date.UTC(day.year, day.month - 1, day.day) + n * DAY_MS);
}

/** The same day `n` months earlier, clamped to the month's end (31 March − 1 month = 28/29 February). */
function monthsBack(day: CalendarDay, n: number): CalendarDay {
  const first = new Date(Date.UTC(day.year, day.month - 1 - n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(day.day, lastDay) };
}

/** The calendar day of `nowMs` where the clock is `offsetMinutes` ahead of UTC. */
export function localDay(nowMs: number, offsetMinutes: number): CalendarDay {
  return fromUtc(nowMs + offsetMinutes * 60000);
}

/** The first day inside the window, counting today as its last day. */
export function windowStart(window: DateWindow, today: CalendarDay): CalendarDay {
  if (window.last === 0) {
    if (window.unit === 'days') return today;
    if (window.unit === 'months') return { ...today, day: 1 };
    const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay(); // 0 = Sunday
    return addDays(today, -((weekday + 6) % 7)); // back to Monday
  }
  if (window.unit === 'days') return addDays(today, 1 - window.last);
  if (window.unit === 'weeks') return addDays(today, 1 - 7 * window.last);
  return addDays(monthsBack(today, window.last), 1);
}

function isoDay(day: CalendarDay): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/**
 * The `$filter` term of a window: `Column ge <first day>`. A date column gets the day itself; a date-time with a
 * zone gets the instant of that day's midnight in the spreadsheet's zone (`midnight`, DST-aware); a zone-less
 * v2 DateTime gets the wall-clock midnight.
 */
export function dateWindowFilter(window: DateWindow, start: CalendarDay, columnType: string, dialect: ODataDialect, midnight: (day: CalendarDay) => number): string {
  const path = toSelectPath(window.column);
  const kind = kindOfType(columnType);
  if (kind === 'date' || columnType === 'Edm.DateTime') return `${path} ge ${literalFor(isoDay(start), columnType, dialect, window.column)}`;
  if (kind === 'text') return `${path} ge ${quoteString(isoDay(start))}`; // ISO text sorts like dates
  const instant = new Date(midnight(start)).toISOString().replace('.000Z', 'Z');
  return `${path} ge ${literalFor(instant, kind === 'datetime' ? columnType : 'Edm.DateTimeOffset', dialect, window.column)}`;
}

const UNIT_WORDS: Record<WindowUnit, [string, string, string]> = {
  days: ['day', 'days', 'today'],
  weeks: ['week', 'weeks', 'this week so far'],
  months: ['month', 'months', 'this month so far'],
};

/** "WeekStart in the last 12 weeks", "CreatedOn: this month so far". */
export function describeDateWindow(window: DateWindow): string {
  const [one, many, current] = UNIT_WORDS[window.unit];
  if (window.last === 0) return `${window.column}: ${current}`;
  return `${window.column} in the last ${window.last === 1 ? one : `${window.last} ${many}`}`;
}
