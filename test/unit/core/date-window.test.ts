import { dateWindowFilter, describeDateWindow, localDay, parseDateWindow, windowStart } from '../../../src/core/odata/date-window';
import { typingContextFor } from '../../../src/services/time-zone';

/** The zone's UTC offset in minutes at an instant, from Node's own zone database (the real rules, DST included). */
function offsetFromIntl(timeZone: string) {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (ms: number) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60000);
  };
}

function resolve(timeZone: string, nowIso: string, window: { column: string; last: number; unit: 'days' | 'weeks' | 'months' }, type: string, dialect: 'v4' | 'v2' = 'v4') {
  const offsetAt = offsetFromIntl(timeZone);
  const zone = typingContextFor(timeZone, offsetAt);
  const now = Date.parse(nowIso);
  const start = windowStart(window, localDay(now, offsetAt(now)));
  return dateWindowFilter(window, start, type, dialect, (d) => zone.wallClockInZone(d.year, d.month, d.day).getTime());
}

describe('date windows', () => {
  it('start on the right local day: today counts as the last day of the window', () => {
    const today = { year: 2026, month: 12, day: 4 };
    expect(windowStart({ column: 'D', last: 30, unit: 'days' }, today)).toEqual({ year: 2026, month: 11, day: 5 });
    expect(windowStart({ column: 'D', last: 12, unit: 'weeks' }, today)).toEqual({ year: 2026, month: 9, day: 12 });
    expect(windowStart({ column: 'D', last: 1, unit: 'months' }, today)).toEqual({ year: 2026, month: 11, day: 5 });
    expect(windowStart({ column: 'D', last: 1, unit: 'months' }, { year: 2026, month: 3, day: 31 })).toEqual({ year: 2026, month: 3, day: 1 });
    expect(windowStart({ column: 'D', last: 0, unit: 'months' }, today)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(windowStart({ column: 'D', last: 0, unit: 'weeks' }, today)).toEqual({ year: 2026, month: 11, day: 30 }); // Monday
    expect(windowStart({ column: 'D', last: 0, unit: 'weeks' }, { year: 2026, month: 12, day: 6 })).toEqual({ year: 2026, month: 11, day: 30 }); // Sunday
  });

  it('"today" is the spreadsheet zone\'s day, not UTC\'s', () => {
    // 23:30 UTC on 3 Dec is already 4 Dec in Amsterdam and still 3 Dec in Los Angeles.
    const w = { column: 'CreatedOn', last: 1, unit: 'days' as const };
    expect(resolve('Europe/Amsterdam', '2026-12-03T23:30:00Z', w, 'Edm.Date')).toBe('CreatedOn ge 2026-12-04');
    expect(resolve('America/Los_Angeles', '2026-12-03T23:30:00Z', w, 'Edm.Date')).toBe('CreatedOn ge 2026-12-03');
  });

  it('across the spring DST change in Amsterdam: midnight before the change is +01:00, after it +02:00', () => {
    // Now: Monday 30 March 2026, 10:00 CEST (DST began Sunday 29 March). Last 7 days → from Tuesday 24 March (CET).
    const w = { column: 'LastUpdated', last: 7, unit: 'days' as const };
    expect(resolve('Europe/Amsterdam', '2026-03-30T08:00:00Z', w, 'Edm.DateTimeOffset')).toBe('LastUpdated ge 2026-03-23T23:00:00Z');
    expect(resolve('Europe/Amsterdam', '2026-03-30T08:00:00Z', { ...w, last: 1 }, 'Edm.DateTimeOffset')).toBe('LastUpdated ge 2026-03-29T22:00:00Z');
    expect(resolve('Europe/Amsterdam', '2026-03-30T08:00:00Z', w, 'Edm.DateTimeOffset', 'v2')).toBe("LastUpdated ge datetimeoffset'2026-03-23T23:00:00Z'");
  });

  it('across the autumn DST change in New York, and on a day whose midnight does not exist (Santiago)', () => {
    const w = { column: 'LastUpdated', last: 0, unit: 'months' as const };
    // 3 Nov 2026 (EST, -05:00): the month began on 1 Nov at 00:00 EDT (-04:00).
    expect(resolve('America/New_York', '2026-11-03T15:00:00Z', w, 'Edm.DateTimeOffset')).toBe('LastUpdated ge 2026-11-01T04:00:00Z');
    // Chile moves clocks from 00:00 to 01:00 on 6 Sep 2026: the day starts at 01:00 -03:00.
    expect(resolve('America/Santiago', '2026-09-06T15:00:00Z', { ...w, unit: 'days' }, 'Edm.DateTimeOffset')).toBe('LastUpdated ge 2026-09-06T04:00:00Z');
  });

  it('date columns get the day; v2 dates and zone-less DateTime get datetime literals', () => {
    const w = { column: 'WeekStart', last: 12, unit: 'weeks' as const };
    expect(resolve('Europe/Amsterdam', '2026-12-04T12:00:00Z', w, 'Edm.Date')).toBe('WeekStart ge 2026-09-12');
    expect(resolve('Europe/Amsterdam', '2026-12-04T12:00:00Z', w, 'Edm.Date', 'v2')).toBe("WeekStart ge datetime'2026-09-12T00:00:00'");
    expect(resolve('Europe/Amsterdam', '2026-12-04T12:00:00Z', w, 'Edm.DateTime', 'v2')).toBe("WeekStart ge datetime'2026-09-12T00:00:00'");
  });

  it('validates and describes in words', () => {
    expect(parseDateWindow({ column: 'WeekStart', last: '12', unit: 'weeks' })).toEqual({ column: 'WeekStart', last: 12, unit: 'weeks' });
    expect(parseDateWindow(undefined)).toBeUndefined();
    expect(() => parseDateWindow({ column: 'W', last: -1, unit: 'weeks' })).toThrow(/whole number/);
    expect(() => parseDateWindow({ column: 'W', last: 2, unit: 'years' })).toThrow(/days, weeks or months/);
    expect(() => parseDateWindow({ column: "W' or 1 eq 1", last: 2, unit: 'days' })).toThrow(/date column/);
    expect(describeDateWindow({ column: 'WeekStart', last: 12, unit: 'weeks' })).toBe('WeekStart in the last 12 weeks');
    expect(describeDateWindow({ column: 'CreatedOn', last: 0, unit: 'months' })).toBe('CreatedOn: this month so far');
  });
});
