/**
 * Wall-clock times in the spreadsheet's time zone. Sheets shows a Date instant in the spreadsheet's zone, so an
 * Edm.Date of 2024-03-05 must become the instant of midnight there, not UTC midnight (which is the previous
 * evening in the Americas); likewise a zone-less Edm.DateTime. Utilities.formatDate knows the zone rules,
 * including daylight saving time.
 */
import { TypingContext } from '../core/table/typing';

export function offsetMinutesAt(ms: number, timeZone: string): number {
  const z = Utilities.formatDate(new Date(ms), timeZone, 'Z'); // e.g. "+0100"
  const sign = z[0] === '-' ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
}

/** Zone offsets only change on quarter-hour boundaries, so one lookup per 15-minute bucket is exact. */
const BUCKET_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function typingContextFor(timeZone: string, offsetAt: (ms: number) => number = (ms) => offsetMinutesAt(ms, timeZone)): TypingContext {
  const offsets: Record<number, number> = {};
  const offset = (ms: number): number => {
    const bucket = Math.floor(ms / BUCKET_MS);
    let minutes = offsets[bucket];
    if (minutes === undefined) minutes = offsets[bucket] = offsetAt(bucket * BUCKET_MS);
    return minutes;
  };
  return {
    wallClockInZone(year, month, day, hour = 0, minute = 0, second = 0, ms = 0) {
      const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, ms);
      // The offsets in force half a day either side cover any transition near this wall-clock time.
      const before = offset(wallClock - DAY_MS / 2);
      const after = offset(wallClock + DAY_MS / 2);
      for (const candidate of before === after ? [before] : [before, after]) {
        const t = wallClock - candidate * 60000;
        if (offset(t) === candidate) return new Date(t); // this wall-clock time exists (the first, if repeated)
      }
      // Skipped by a DST jump (e.g. midnight in Santiago on the day DST starts): take the first instant after
      // the gap, which still falls on the same calendar day.
      return new Date(wallClock - before * 60000);
    },
  };
}

/** "2026-11-28 10:15 CET": a moment as the spreadsheet's users read it, for notes. */
export function formatInZone(ms: number, timeZone: string): string {
  return Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd HH:mm z');
}

/** "2026-11-28": the calendar day of an instant in the spreadsheet's zone (snapshot periods). */
export function dayInZone(ms: number, timeZone: string): string {
  return Utilities.formatDate(new Date(ms), timeZone, 'yyyy-MM-dd');
}
