import { normaliseBaseUrl, validateConnectionInput } from '../../../src/core/connection-settings';
import { DEFAULT_BASE_URL } from '../../../src/core/catalogue';
import { typingContextFor } from '../../../src/services/time-zone';

describe('connection settings', () => {
  it('defaults the base URL and normalises it to a service root', () => {
    expect(normaliseBaseUrl(undefined)).toBe(DEFAULT_BASE_URL);
    expect(normaliseBaseUrl(' https://API.example.com/odata ')).toBe('https://api.example.com/odata/');
    expect(normaliseBaseUrl('http://127.0.0.1:4004/odata/')).toBe('http://127.0.0.1:4004/odata/');
    expect(normaliseBaseUrl('http://localhost:4004/odata')).toBe('http://localhost:4004/odata/');
  });
  it.each([
    ['http://api.example.com/odata/', /https/],
    ['ftp://x/', /https/],
    ['api.example.com', /full address/],
    ['https://user:pw@api.example.com/', /own fields/],
    ['https://api.example.com/odata/?x=1', /"\?"/],
  ])('rejects %s', (url, message) => {
    expect(() => normaliseBaseUrl(url)).toThrow(message);
  });
  it('requires a username without spaces or colons', () => {
    expect(() => validateConnectionInput({ username: '', token: 't' })).toThrow(/username/);
    expect(() => validateConnectionInput({ username: 'a:b', token: 't' })).toThrow(/":"/);
    expect(validateConnectionInput({ username: ' agency ', token: ' t ' })).toEqual({ username: 'agency', token: 't', baseUrl: DEFAULT_BASE_URL });
  });
});

describe('calendar days in the spreadsheet time zone', () => {
  // America/New_York: UTC-5 in winter, UTC-4 from 10 March 2024 (02:00 local).
  const offsetAt = (ms: number) => (ms >= Date.UTC(2024, 2, 10, 7) && ms < Date.UTC(2024, 10, 3, 6) ? -240 : -300);
  const ctx = typingContextFor('America/New_York', offsetAt);
  it('gives local midnight, not UTC midnight', () => {
    expect(ctx.wallClockInZone(2024, 3, 5).toISOString()).toBe('2024-03-05T05:00:00.000Z');
    expect(ctx.wallClockInZone(2024, 7, 1).toISOString()).toBe('2024-07-01T04:00:00.000Z');
  });
  it('handles the day daylight saving time starts', () => {
    expect(ctx.wallClockInZone(2024, 3, 10).toISOString()).toBe('2024-03-10T05:00:00.000Z');
  });
  it('returns a fresh Date each time (callers may mutate)', () => {
    const a = ctx.wallClockInZone(2024, 1, 1);
    a.setTime(0);
    expect(ctx.wallClockInZone(2024, 1, 1).toISOString()).toBe('2024-01-01T05:00:00.000Z');
  });
});

describe('wall-clock times that DST skips or repeats', () => {
  // Santiago-like: -04:00, and from 2024-09-08 00:00 local (04:00Z) clocks jump to 01:00 (-03:00).
  const santiago = typingContextFor('America/Santiago', (ms) => (ms >= Date.UTC(2024, 8, 8, 4) ? -180 : -240));
  it('maps a skipped midnight to the first instant of that day, not the evening before', () => {
    expect(santiago.wallClockInZone(2024, 9, 8).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(santiago.wallClockInZone(2024, 9, 7).toISOString()).toBe('2024-09-07T04:00:00.000Z');
    expect(santiago.wallClockInZone(2024, 9, 9).toISOString()).toBe('2024-09-09T03:00:00.000Z');
  });
  // New York fall-back: 2024-11-03 01:30 happens twice (first at -04:00).
  const ny = typingContextFor('America/New_York', (ms) => (ms >= Date.UTC(2024, 10, 3, 6) ? -300 : -240));
  it('takes the first occurrence of a repeated time', () => {
    expect(ny.wallClockInZone(2024, 11, 3, 1, 30).toISOString()).toBe('2024-11-03T05:30:00.000Z');
  });
});
