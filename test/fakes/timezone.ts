/**
 * Wall-clock <-> instant conversion in an IANA time zone (via Intl), and the Sheets serial date
 * number (days since 1899-12-30, wall clock of the spreadsheet's time zone).
 */

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 1 = Monday ... 7 = Sunday (java.time numbering)
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds since the epoch of a UTC wall clock (handles years < 100 correctly). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function utcWall(ms: number): WallClock {
  const d = new Date(ms);
  const dow = d.getUTCDay();
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), second: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), weekday: dow === 0 ? 7 : dow,
  };
}

export function wallClock(ms: number, tz: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = utcMs(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const msPart = ((ms % 1000) + 1000) % 1000;
  return utcWall(wall + msPart);
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (wall - utc). */
export function offsetMs(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - ms;
}

/** The instant at which the wall clock in `tz` shows the given fields. */
export function zonedToInstant(w: Omit<WallClock, 'weekday'>, tz: string): number {
  const guess = utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  return second;
}

export function serialFromWall(w: Omit<WallClock, 'weekday'>): number {
  return (utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - SERIAL_EPOCH) / DAY_MS;
}

export function wallFromSerial(serial: number): WallClock {
  return utcWall(SERIAL_EPOCH + Math.round(serial * DAY_MS));
}

export function serialFromInstant(ms: number, tz: string): number {
  return serialFromWall(wallClock(ms, tz));
}

export function instantFromSerial(serial: number, tz: string): number {
  return zonedToInstant(wallFromSerial(serial), tz);
}

