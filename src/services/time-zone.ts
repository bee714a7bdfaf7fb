/**
 * Calendar days in the spreadsheet's time zone. Sheets shows a Date instant in the spreadsheet's zone, so an
 * Edm.Date of 2024-03-05 must become the instant of midnight there, not UTC midnight (which is the previous
 * evening in the Americas). Utilities.formatDate knows the zone rules, including daylight saving time.
 */
import { TypingContext } from '../core/table/typing';

export function offsetMinutesAt(ms: number, timeZone: string): number {
  const z = Utilities.formatDate(new Date(ms), timeZone, 'Z'); // e.g. "+0100"
  const sign = z[0] === '-' ? -1 : 1;
  return sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
}

export function typingContextFor(timeZone: string, offsetAt: (ms: number) => number = (ms) => offsetMinutesAt(ms, timeZone)): TypingContext {
  const cache: Record<string, Date> = {};
  return {
    dateInZone(year, month, day) {
      const key = `${year}-${month}-${day}`;
      const hit = cache[key];
      if (hit) return new Date(hit.getTime());
      const wallClock = Date.UTC(year, month - 1, day);
      // Two passes settle the offset on days when it changes (DST).
      let t = wallClock - offsetAt(wallClock) * 60000;
      t = wallClock - offsetAt(t) * 60000;
      cache[key] = new Date(t);
      return new Date(t);
    },
  };
}
