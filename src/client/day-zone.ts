/**
 * Days in the spreadsheet's time zone for the filter builder (no DOM here): a day typed for a date-time column
 * begins at that zone's midnight, daylight saving time included, using the browser's own zone database (Intl).
 */
import { DayZone, UTC_DAYS } from '../core/odata/literals';

function offsetMinutes(format: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The zone's days, or UTC's when the zone is unknown to this browser. */
export function dayZone(timeZone: string | undefined): DayZone {
  if (!timeZone) return UTC_DAYS;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch (_unknownZone) {
    return UTC_DAYS;
  }
  const localDay = (ms: number) => new Date(ms + offsetMinutes(format, ms) * 60000).toISOString().slice(0, 10);
  return {
    midnight(day) {
      const wall = Date.parse(`${day}T00:00:00Z`);
      // the offset at the guess settles within two steps; a day whose midnight is skipped (DST) begins just after
      let t = wall - offsetMinutes(format, wall) * 60000;
      t = wall - offsetMinutes(format, t) * 60000;
      if (localDay(t) !== day) t += 60 * 60000;
      return new Date(t).toISOString().replace('.000Z', 'Z');
    },
    dayStartingAt(instant) {
      const ms = Date.parse(instant);
      if (!isFinite(ms)) return null;
      const day = localDay(ms);
      return this.midnight(day) === new Date(ms).toISOString().replace('.000Z', 'Z') ? day : null;
    },
  };
}
