/** Utilities fake: Java-style dates, base64, digests, sleep. */
import * as crypto from 'crypto';
import { createGasEnvironment } from '../../fakes';

type Any = any;

const env = createGasEnvironment({ sleepScale: 0.01 });
const U = (env.globals as Any).Utilities;
const signed = (buf: Buffer) => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

describe('formatDate (java.text.SimpleDateFormat)', () => {
  const winter = new Date(Date.UTC(2024, 2, 5, 9, 5, 7, 12)); // Tue 5 Mar 2024 09:05:07.012 UTC
  const summer = new Date(Date.UTC(2024, 6, 1, 22, 30, 0));

  test.each([
    [winter, 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '2024-03-05T10:05:07.012+01:00'],
    [summer, 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm:ssXXX", '2024-07-02T00:30:00+02:00'],
    [winter, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ssX", '2024-03-05T09:05:07Z'],
    [winter, 'America/New_York', 'yyyy-MM-dd HH:mm Z', '2024-03-05 04:05 -0500'],
    [winter, 'Europe/Amsterdam', 'EEE, d MMM yy h:mm a', 'Tue, 5 Mar 24 10:05 AM'],
    [summer, 'Europe/Amsterdam', 'EEEE d MMMM yyyy, hh:mm a z', 'Tuesday 2 July 2024, 12:30 AM CEST'],
    [winter, 'Europe/Amsterdam', "D 'day' '''quoted'''", "65 day 'quoted'"],
    [winter, 'Europe/Amsterdam', 'z', 'CET'],
    [winter, 'Not/AZone', 'HH:mm z', '09:05 UTC'],
  ])('%p in %s as %j', (date, tz, pattern, expected) => {
    expect(U.formatDate(date, tz, pattern)).toBe(expected);
  });

  test('errors like Java and Apps Script', () => {
    expect(() => U.formatDate(winter, 'Etc/UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(() => U.formatDate(winter, 'Etc/UTC', "D ''quoted''")).toThrow("Illegal pattern character 'q'");
    expect(() => U.formatDate('2024-03-05', 'Etc/UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });
});

describe('parseDate', () => {
  test.each([
    ['2024-03-05 10:30', 'Europe/Amsterdam', 'yyyy-MM-dd HH:mm', '2024-03-05T09:30:00.000Z'],
    ['2024-07-05 10:30', 'Europe/Amsterdam', 'yyyy-MM-dd HH:mm', '2024-07-05T08:30:00.000Z'],
    ['2024-03-05T10:30:00+05:00', 'Europe/Amsterdam', "yyyy-MM-dd'T'HH:mm:ssXXX", '2024-03-05T05:30:00.000Z'],
    ['20240305', 'Etc/UTC', 'yyyyMMdd', '2024-03-05T00:00:00.000Z'],
    ['5 Mar 2024 3:07 PM', 'Etc/UTC', 'd MMM yyyy h:mm a', '2024-03-05T15:07:00.000Z'],
    ['2024-03-05 and more', 'Etc/UTC', 'yyyy-MM-dd', '2024-03-05T00:00:00.000Z'],
    ['2024-02-30', 'Etc/UTC', 'yyyy-MM-dd', '2024-03-01T00:00:00.000Z'],
  ])('%j in %s with %j', (text, tz, pattern, iso) => {
    const d = U.parseDate(text, tz, pattern);
    expect(d.toISOString()).toBe(iso);
  });

  test('mismatch throws', () => {
    expect(() => U.parseDate('05/03/2024', 'Etc/UTC', 'yyyy-MM-dd')).toThrow('Unparseable date: "05/03/2024"');
  });
});

describe('bytes, base64 and digests', () => {
  test('base64Encode uses UTF-8 and accepts bytes', () => {
    expect(U.base64Encode('user:tökén')).toBe(Buffer.from('user:tökén', 'utf8').toString('base64'));
    expect(U.base64Encode([-1, 0, 65])).toBe(Buffer.from([255, 0, 65]).toString('base64'));
    expect(U.base64EncodeWebSafe([-5, -17])).toBe('--8=');
  });

  test('base64Decode returns signed bytes', () => {
    expect(U.base64Decode('/wBB')).toEqual([-1, 0, 65]);
    expect(U.newBlob(U.base64Decode(U.base64Encode('héllo'))).getDataAsString()).toBe('héllo');
    expect(U.base64DecodeWebSafe('-_8')).toEqual(signed(Buffer.from('+/8', 'base64')));
    expect(() => U.base64Decode('not base64!')).toThrow('Could not decode string.');
  });

  test('computeDigest and HMAC return signed byte arrays', () => {
    expect(U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc')).toEqual(signed(crypto.createHash('sha256').update('abc').digest()));
    expect(U.computeDigest(U.DigestAlgorithm.MD5, 'abc')).toHaveLength(16);
    expect(U.computeHmacSha256Signature('msg', 'key')).toEqual(signed(crypto.createHmac('sha256', 'key').update('msg').digest()));
    expect(U.computeHmacSignature(U.MacAlgorithm.HMAC_SHA_1, 'msg', 'key')).toEqual(signed(crypto.createHmac('sha1', 'key').update('msg').digest()));
    expect(Math.min(...U.computeDigest(U.DigestAlgorithm.SHA_512, 'x'))).toBeLessThan(0);
  });

  test('newBlob', () => {
    const blob = U.newBlob('a,b', 'text/csv', 'x.csv');
    expect([blob.getDataAsString(), blob.getContentType(), blob.getName(), blob.getBytes()]).toEqual(['a,b', 'text/csv', 'x.csv', [97, 44, 98]]);
  });
});

describe('misc', () => {
  test('sleep really blocks (scaled) and is recorded', () => {
    const t0 = Date.now();
    U.sleep(2000); // 20 ms with sleepScale 0.01
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(500);
    expect(env.sleeps).toEqual([2000]);
  });

  test('getUuid and formatString', () => {
    expect(U.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(U.formatString('%s has %d rows (%.1f%%) %05d', 'Sheet1', 12.7, 99.44, 42)).toBe('Sheet1 has 12 rows (99.4%) 00042');
  });
});

describe('gzip and ungzip', () => {
  it('are real gzip: a round trip gives the bytes back, and Node reads what the fake wrote', () => {
    const text = 'héllo 🚀 '.repeat(1000);
    const gz = U.gzip(U.newBlob(text, 'text/plain', 'data.json'));
    expect(gz.getContentType()).toBe('application/x-gzip');
    expect(gz.getName()).toBe('data.json.gz');
    expect(gz.getBytes().length).toBeLessThan(Buffer.byteLength(text) / 10);
    expect(require('zlib').gunzipSync(Buffer.from(gz.getBytes())).toString('utf8')).toBe(text);
    const back = U.ungzip(U.newBlob(U.base64Decode(U.base64Encode(gz.getBytes())), 'application/x-gzip'));
    expect(back.getDataAsString()).toBe(text);
  });
  it('ungzip refuses bytes that are not gzip', () => {
    expect(() => U.ungzip(U.newBlob('not gzip'))).toThrow(/decompress/);
  });
});
