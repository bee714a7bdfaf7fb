/**
 * Scheduled refresh as data: validating what the user chose, ordering imports so that large workbooks converge
 * over successive runs, and a bounded run log. Pure.
 */
import { utf8Bytes } from './bytes';
import { AddOnError } from './errors';

type Frequency = 'off' | 'hourly' | 'daily' | 'weekly';
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  frequency: Frequency;
  /** Hour of the day (0–23) in the spreadsheet's time zone, for daily and weekly. */
  hour?: number;
  weekday?: Weekday;
}

const DEFAULT_HOUR = 6;

export function parseSchedule(input: { frequency?: unknown; hour?: unknown; weekday?: unknown } | null | undefined): Schedule {
  const i = input || {};
  const frequency = typeof i.frequency === 'string' ? i.frequency.trim().toLowerCase() : '';
  if (frequency === 'off' || frequency === 'hourly') return { frequency };
  if (frequency !== 'daily' && frequency !== 'weekly') {
    throw new AddOnError('BAD_INPUT', 'Choose how often to refresh: off, hourly, daily or weekly.');
  }
  const hour = parseHour(i.hour);
  if (frequency === 'daily') return { frequency, hour };
  return { frequency, hour, weekday: parseWeekday(i.weekday) };
}

/** A whole hour 0–23 (a number or its text); missing means the default hour. */
function parseHour(input: unknown): number {
  const hourText = input === undefined || input === null || input === '' ? String(DEFAULT_HOUR) : String(input).trim();
  const hour = Number(hourText);
  if (!/^\d{1,2}$/.test(hourText) || hour > 23) throw new AddOnError('BAD_INPUT', 'The hour must be a whole number from 0 to 23.');
  return hour;
}

/** A day of the week in any case; missing or blank (or not text) means Monday. */
function parseWeekday(input: unknown): Weekday {
  const day = typeof input === 'string' && input.trim() ? input.trim().toUpperCase() : 'MONDAY';
  if ((WEEKDAYS as readonly string[]).indexOf(day) < 0) throw new AddOnError('BAD_INPUT', `"${String(input)}" is not a day of the week (Monday … Sunday).`);
  return day as Weekday;
}

export function describeSchedule(s: Schedule, timeZone: string): string {
  const at = (h: number | undefined) => `${String(h === undefined ? DEFAULT_HOUR : h).padStart(2, '0')}:00–${String(((h === undefined ? DEFAULT_HOUR : h) + 1) % 24).padStart(2, '0')}:00 (${timeZone})`;
  switch (s.frequency) {
    case 'hourly':
      return 'Every hour';
    case 'daily':
      return `Every day between ${at(s.hour)}`;
    case 'weekly':
      return `Every ${(s.weekday || 'MONDAY').charAt(0) + (s.weekday || 'MONDAY').slice(1).toLowerCase()} between ${at(s.hour)}`;
    default:
      return 'Off';
  }
}

/**
 * Stalest first, by the last *attempt*: never tried, then the longest waiting. Ordering by the last success
 * instead would let one import that keeps failing (say, one that outgrew the time budget) go first in every run
 * and starve all the others; by attempt, it takes its turn like the rest. Ties: the oldest success first.
 */
export function stalestFirst<T extends { lastSuccess: string | null; lastRun: string | null }>(items: T[]): T[] {
  const time = (iso: string | null) => (iso ? Date.parse(iso) : -Infinity);
  const key = (t: T) => time(t.lastRun || t.lastSuccess);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => key(a.item) - key(b.item) || time(a.item.lastSuccess) - time(b.item.lastSuccess) || a.index - b.index)
    .map((x) => x.item);
}

export interface RunLogEntry {
  at: string;
  trigger: 'schedule' | 'manual';
  refreshed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** One line for the whole run when it did not get to the imports (not connected, lock busy …). */
  message?: string;
  failures: Array<{ sheetName: string; code: string; message: string }>;
}

/**
 * Keep the newest entries that fit 8,000 UTF-8 bytes: under a property value's 9 KB, and well under developer
 * metadata's per-location limit (counted in characters, never more than bytes), where the log lives now.
 */
export const RUN_LOG_MAX_BYTES = 8000;
const RUN_LOG_MAX_ENTRIES = 40;
const MESSAGE_CHARS = 160;

function shorten(text: string): string {
  return text.length > MESSAGE_CHARS ? text.slice(0, MESSAGE_CHARS - 1) + '…' : text;
}

export function appendRunLog(log: RunLogEntry[], entry: RunLogEntry): RunLogEntry[] {
  const compact: RunLogEntry = {
    ...entry,
    message: entry.message ? shorten(entry.message) : undefined,
    failures: entry.failures.slice(0, 5).map((f) => ({ sheetName: shorten(f.sheetName), code: f.code, message: shorten(f.message) })),
  };
  const out = [compact].concat(log).slice(0, RUN_LOG_MAX_ENTRIES);
  while (out.length > 1 && utf8Bytes(JSON.stringify(out)) > RUN_LOG_MAX_BYTES) out.pop();
  return out;
}
