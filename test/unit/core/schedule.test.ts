import { appendRunLog, describeSchedule, parseSchedule, RunLogEntry, RUN_LOG_MAX_BYTES, stalestFirst } from '../../../src/core/schedule';

describe('parseSchedule', () => {
  it('accepts the four frequencies, with defaults for hour and day', () => {
    expect(parseSchedule({ frequency: 'off' })).toEqual({ frequency: 'off' });
    expect(parseSchedule({ frequency: 'Hourly', hour: 9 })).toEqual({ frequency: 'hourly' });
    expect(parseSchedule({ frequency: 'daily' })).toEqual({ frequency: 'daily', hour: 6 });
    expect(parseSchedule({ frequency: 'weekly', hour: '23', weekday: 'friday' })).toEqual({ frequency: 'weekly', hour: 23, weekday: 'FRIDAY' });
    expect(parseSchedule({ frequency: ' WEEKLY ', hour: ' 07 ', weekday: ' sunday ' })).toEqual({ frequency: 'weekly', hour: 7, weekday: 'SUNDAY' });
    expect(parseSchedule({ frequency: 'weekly', hour: null, weekday: '  ' })).toEqual({ frequency: 'weekly', hour: 6, weekday: 'MONDAY' });
    expect(parseSchedule({ frequency: 'daily', hour: '', weekday: 'Funday' })).toEqual({ frequency: 'daily', hour: 6 });
    expect(parseSchedule({ frequency: 'weekly', hour: 0, weekday: 3 })).toEqual({ frequency: 'weekly', hour: 0, weekday: 'MONDAY' });
  });
  it.each([
    [{ frequency: 'every minute' }, /off, hourly, daily or weekly/],
    [{ frequency: 'daily', hour: 24 }, /0 to 23/],
    [{ frequency: 'daily', hour: 7.5 }, /0 to 23/],
    [{ frequency: 'weekly', weekday: 'Funday' }, /not a day of the week/],
    [null, /off, hourly, daily or weekly/],
    [{ frequency: 5 }, /off, hourly, daily or weekly/],
    [{ frequency: 'daily', hour: '-1' }, /0 to 23/],
    [{ frequency: 'daily', hour: '123' }, /0 to 23/],
    [{ frequency: 'weekly', hour: 'x' }, /0 to 23/],
    [{ frequency: 'weekly', weekday: 'mon' }, /"mon" is not a day of the week \(Monday … Sunday\)/],
  ])('rejects %p', (input, message) => {
    expect(() => parseSchedule(input as never)).toThrow(message);
  });
  it('describes a schedule in the spreadsheet time zone (Apps Script fires within the hour)', () => {
    expect(describeSchedule({ frequency: 'weekly', hour: 8, weekday: 'MONDAY' }, 'Europe/Amsterdam')).toBe('Every Monday between 08:00–09:00 (Europe/Amsterdam)');
  });
});

describe('stalestFirst', () => {
  it('puts never-tried imports first, then the longest since the last attempt, stable otherwise', () => {
    const items = [
      { id: 'a', lastSuccess: '2026-11-28T10:00:00Z', lastRun: '2026-11-28T10:00:00Z' },
      { id: 'b', lastSuccess: null, lastRun: null },
      { id: 'c', lastSuccess: '2026-11-27T10:00:00Z', lastRun: '2026-11-27T10:00:00Z' },
      { id: 'd', lastSuccess: '2026-11-28T10:00:00Z', lastRun: '2026-11-28T10:00:00Z' },
    ];
    expect(stalestFirst(items).map((i) => i.id)).toEqual(['b', 'c', 'a', 'd']);
  });
  it('an import that failed in the last run waits its turn, even if its data is the oldest', () => {
    const items = [
      { id: 'keepsFailing', lastSuccess: '2026-11-01T00:00:00Z', lastRun: '2026-11-28T10:00:00Z' },
      { id: 'fine', lastSuccess: '2026-11-28T09:00:00Z', lastRun: '2026-11-28T09:00:00Z' },
    ];
    expect(stalestFirst(items).map((i) => i.id)).toEqual(['fine', 'keepsFailing']);
  });
});

describe('run log', () => {
  const entry = (i: number): RunLogEntry => ({
    at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    trigger: 'schedule',
    refreshed: i,
    failed: 1,
    skipped: 0,
    durationMs: 1000,
    failures: [{ sheetName: 'Tab', code: 'SERVER', message: 'x'.repeat(500) }],
  });
  it('keeps the newest entries first and stays under the properties size limit', () => {
    let log: RunLogEntry[] = [];
    for (let i = 0; i < 100; i++) log = appendRunLog(log, entry(i));
    expect(log[0].refreshed).toBe(99);
    expect(Buffer.byteLength(JSON.stringify(log), 'utf8')).toBeLessThanOrEqual(RUN_LOG_MAX_BYTES);
    expect(log[0].failures[0].message.length).toBeLessThanOrEqual(160);
  });
  it('counts UTF-8 bytes, not characters: non-Latin tab names and messages still fit a 9 KB property', () => {
    const wide = (i: number): RunLogEntry => ({
      ...entry(i),
      failures: [1, 2, 3].map((n) => ({ sheetName: `Отчёт по аккаунтам ${n} 📊`, code: 'SERVER', message: 'サーバーがクエリを解析できませんでした。'.repeat(8) })),
    });
    let log: RunLogEntry[] = [];
    for (let i = 0; i < 60; i++) log = appendRunLog(log, wide(i));
    expect(log.length).toBeGreaterThan(1);
    expect(Buffer.byteLength(JSON.stringify(log), 'utf8')).toBeLessThanOrEqual(RUN_LOG_MAX_BYTES);
  });
});
