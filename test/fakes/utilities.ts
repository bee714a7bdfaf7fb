/**
 * Utilities fake. formatDate/parseDate follow java.text.SimpleDateFormat (letters G y Y M L d D E u
 * a H k K h m s S z Z X w W F, quoted text, '' for a quote); an unknown letter throws
 * "Illegal pattern character 'x'" like Java. parseDate handles numeric fields, month/day names, a,
 * and z/Z/X offsets; like DateFormat.parse it ignores trailing text and throws
 * 'Unparseable date: "..."' on a mismatch. An unknown time zone id silently means GMT, as in
 * java.util.TimeZone; a non-Date first argument throws "The parameters (String,...) don't match the
 * method signature for Utilities.formatDate.".
 * sleep() really blocks (Atomics.wait) for ms * options.sleepScale and records ms in env.sleeps.
 * Bytes in and out are Apps Script style signed Byte[] (-128..127).
 * gzip/ungzip are real gzip (zlib): gzip(blob[, name]) gives an application/x-gzip Blob named <name>.gz by
 * default [A]; ungzip of bytes that are not gzip throws [A wording].
 */
import * as crypto from 'crypto';
import * as zlib from 'zlib';
import { decodeBytes, encodeString, fromBytes, GasContext, isDate, makeEnum, toSignedBytes } from './context';
import { isValidTimeZone, offsetMs, utcMs, wallClock, zonedToInstant } from './timezone';

const UTILITIES_ENUMS = {
  Charset: makeEnum(['US_ASCII', 'UTF_8'] as const),
  DigestAlgorithm: makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const),
  MacAlgorithm: makeEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const),
};

const HASH: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token = { letter: string; count: number } | { literal: string };

function tokenize(pattern: string, illegal: (ch: string) => Error): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ literal: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      out.push({ literal: text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      if (!/[GyYMLdDEuaHkKhmsSzZXwWF]/.test(ch)) throw illegal(ch);
      let j = i;
      while (pattern[j] === ch) j++;
      out.push({ letter: ch, count: j - i });
      i = j;
    } else {
      out.push({ literal: ch });
      i++;
    }
  }
  return out;
}

function zoneName(ms: number, tz: string, long: boolean): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: long ? 'long' : 'short' })
      .formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  let n = name('en-US');
  if (!long && /^GMT[+-]/.test(n)) n = name('en-GB');
  if (/^GMT[+-]\d+$/.test(n) || /^GMT[+-]\d+:\d+$/.test(n) || n === 'GMT' && tz !== 'GMT' && tz !== 'Etc/GMT') {
    const off = offsetMs(ms, tz) / 60000;
    const sign = off < 0 ? '-' : '+';
    const a = Math.abs(off);
    return off === 0 && n === 'GMT' ? 'GMT' : `GMT${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  }
  return n;
}

function offsetText(offMin: number, style: 'Z' | 'X', count: number): string {
  if (style === 'X' && offMin === 0) return 'Z';
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (count === 1) return `${sign}${hh}`;
  return count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

function formatJavaDate(ms: number, tz: string, pattern: string, illegal: (ch: string) => Error): string {
  const w = wallClock(ms, tz);
  const pad = (n: number, len: number) => String(n).padStart(len, '0');
  const dayOfYear = Math.round((utcMs(w.year, w.month, w.day) - utcMs(w.year, 1, 1)) / 86_400_000) + 1;
  return tokenize(pattern, illegal)
    .map((t) => {
      if ('literal' in t) return t.literal;
      const { letter, count } = t;
      switch (letter) {
        case 'G': return w.year > 0 ? 'AD' : 'BC';
        case 'y':
        case 'Y': return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
        case 'M':
        case 'L':
          if (count >= 4) return MONTHS[w.month - 1];
          if (count === 3) return MONTHS[w.month - 1].slice(0, 3);
          return pad(w.month, count);
        case 'd': return pad(w.day, count);
        case 'D': return pad(dayOfYear, count);
        case 'E': return count >= 4 ? DAYS[w.weekday - 1] : DAYS[w.weekday - 1].slice(0, 3);
        case 'u': return pad(w.weekday, count);
        case 'F': return pad(Math.floor((w.day - 1) / 7) + 1, count);
        case 'w': return pad(Math.floor((dayOfYear - 1) / 7) + 1, count);
        case 'W': return pad(Math.floor((w.day - 1) / 7) + 1, count);
        case 'a': return w.hour < 12 ? 'AM' : 'PM';
        case 'H': return pad(w.hour, count);
        case 'k': return pad(w.hour === 0 ? 24 : w.hour, count);
        case 'K': return pad(w.hour % 12, count);
        case 'h': return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
        case 'm': return pad(w.minute, count);
        case 's': return pad(w.second, count);
        case 'S': return pad(w.ms, count);
        case 'z': return zoneName(ms, tz, count >= 4);
        case 'Z': return offsetText(offsetMs(ms, tz) / 60000, 'Z', count);
        case 'X': return offsetText(offsetMs(ms, tz) / 60000, 'X', count);
        default: throw illegal(letter);
      }
    })
    .join('');
}

function parseJavaDate(text: string, tz: string, pattern: string, now: number, fail: () => Error, illegal: (ch: string) => Error): number {
  const tokens = tokenize(pattern, illegal);
  const f = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: undefined as boolean | undefined, hour12: false };
  let offsetMin: number | undefined;
  let pos = 0;
  const numeric = (t: Token | undefined): boolean =>
    !!t && 'letter' in t && (/[yYdDHkKhmsSuFwW]/.test(t.letter) || (/[ML]/.test(t.letter) && t.count <= 2));
  const thisYear = wallClock(now, tz).year;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const rest = text.slice(pos);
    if ('literal' in t) {
      if (!rest.startsWith(t.literal)) throw fail();
      pos += t.literal.length;
      continue;
    }
    const abut = numeric(tokens[i + 1]);
    let m: RegExpExecArray | null;
    if (numeric(t)) {
      m = (abut ? new RegExp(`^[+-]?\\d{1,${t.count}}`) : /^[+-]?\d+/).exec(rest);
      if (!m) throw fail();
      const n = Number(m[0]);
      switch (t.letter) {
        case 'y':
        case 'Y': f.year = t.count <= 2 && m[0].length === 2 ? 2000 + n - (2000 + n > thisYear + 20 ? 100 : 0) : n; break;
        case 'M':
        case 'L': f.month = n; break;
        case 'd': f.day = n; break;
        case 'H': f.hour = n; break;
        case 'k': f.hour = n === 24 ? 0 : n; break;
        case 'K': f.hour = n; f.hour12 = true; break;
        case 'h': f.hour = n === 12 ? 0 : n; f.hour12 = true; break;
        case 'm': f.minute = n; break;
        case 's': f.second = n; break;
        case 'S': f.ms = n; break;
        default: break;
      }
    } else if (t.letter === 'M' || t.letter === 'L') {
      m = /^[A-Za-z]+/.exec(rest);
      const i2 = m ? MONTHS.findIndex((name) => name.toLowerCase() === m![0].toLowerCase() || name.slice(0, 3).toLowerCase() === m![0].toLowerCase()) : -1;
      if (!m || i2 < 0) throw fail();
      f.month = i2 + 1;
    } else if (t.letter === 'E') {
      m = /^[A-Za-z]+/.exec(rest);
      if (!m || !DAYS.some((d) => d.toLowerCase() === m![0].toLowerCase() || d.slice(0, 3).toLowerCase() === m![0].toLowerCase())) throw fail();
    } else if (t.letter === 'a') {
      m = /^(AM|PM)/i.exec(rest);
      if (!m) throw fail();
      f.pm = m[0].toUpperCase() === 'PM';
    } else if (t.letter === 'G') {
      m = /^(AD|BC)/.exec(rest);
      if (!m) throw fail();
    } else {
      m = /^(Z|[+-]\d{2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)/.exec(rest);
      if (!m) {
        m = /^[A-Za-z]{2,5}/.exec(rest);
        if (!m) throw fail();
      } else {
        const s = m[0].replace(/^(GMT|UTC)/, '');
        if (s === '' || s === 'Z') offsetMin = 0;
        else {
          const dm = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(s) as RegExpExecArray;
          offsetMin = (dm[1] === '-' ? -1 : 1) * (Number(dm[2]) * 60 + Number(dm[3] ?? 0));
        }
      }
    }
    pos += m[0].length;
  }
  if (f.hour12 && f.pm) f.hour += 12;
  const wall = { year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second, ms: f.ms };
  if (offsetMin !== undefined) return utcMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms) - offsetMin * 60_000;
  // lenient like Java: normalise overflowing fields through Date.UTC first
  const norm = new Date(utcMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms));
  return zonedToInstant({
    year: norm.getUTCFullYear(), month: norm.getUTCMonth() + 1, day: norm.getUTCDate(), hour: norm.getUTCHours(),
    minute: norm.getUTCMinutes(), second: norm.getUTCSeconds(), ms: norm.getUTCMilliseconds(),
  }, tz);
}

export function formatString(template: string, ...args: unknown[]): string {
  let i = 0;
  return String(template).replace(/%(-)?(0)?(\d+)?(?:\.(\d+))?([sdifx%])/g, (all, left, zero, width, prec, conv) => {
    if (conv === '%') return '%';
    const v = args[i++];
    let s: string;
    if (conv === 's') s = String(v);
    else if (conv === 'd' || conv === 'i') s = String(Math.trunc(Number(v)));
    else if (conv === 'x') s = Math.trunc(Number(v)).toString(16);
    else s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
    if (width && s.length < Number(width)) s = left ? s.padEnd(Number(width)) : s.padStart(Number(width), zero && conv !== 's' ? '0' : ' ');
    return s;
  });
}

export class FakeBlob {
  constructor(private data: Buffer, private contentType: string | null = null, private name: string | null = null) {}

  getBytes(): number[] {
    return toSignedBytes(this.data);
  }

  setBytes(data: number[]): FakeBlob {
    this.data = fromBytes(data);
    return this;
  }

  getDataAsString(charset?: string): string {
    return decodeBytes(this.data, charset);
  }

  setDataFromString(s: string, charset?: string): FakeBlob {
    this.data = encodeString(s, charset);
    return this;
  }

  getContentType(): string | null {
    return this.contentType;
  }

  setContentType(contentType: string | null): FakeBlob {
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    return this.name;
  }

  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }

  copyBlob(): FakeBlob {
    return new FakeBlob(Buffer.from(this.data), this.contentType, this.name);
  }

  getAs(contentType: string): FakeBlob {
    return new FakeBlob(Buffer.from(this.data), contentType, this.name);
  }

  getBlob(): FakeBlob {
    return this;
  }

  isGoogleType(): boolean {
    return false;
  }

  /** Raw bytes, for the UrlFetch fake. */
  _buffer(): Buffer {
    return this.data;
  }
}

export const isBlob = (v: unknown): v is FakeBlob => v instanceof FakeBlob;

function toBuffer(value: unknown, charset?: unknown): Buffer {
  if (Array.isArray(value)) return fromBytes(value as number[]);
  if (isBlob(value)) return value._buffer();
  return encodeString(String(value), charset);
}

export function createUtilities(ctx: GasContext) {
  const sleepFlag = new Int32Array(new SharedArrayBuffer(4));
  const illegal = (ch: string) => ctx.error(`Illegal pattern character '${ch}'`);
  // java.util.TimeZone.getTimeZone() falls back to GMT for an unknown id, silently.
  const zone = (tz: string) => (isValidTimeZone(tz) ? tz : 'UTC');
  return {
    ...UTILITIES_ENUMS,
    formatDate(date: Date, timeZone: string, format: string): string {
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        const t = (v: unknown) => (isDate(v) ? 'Date' : v === null ? 'null' : typeof v === 'string' ? 'String' : typeof v);
        throw ctx.error(`The parameters (${[date, timeZone, format].map(t).join(',')}) don't match the method signature for Utilities.formatDate.`);
      }
      return formatJavaDate(date.getTime(), zone(timeZone), format, illegal);
    },
    parseDate(date: string, timeZone: string, format: string): Date {
      const fail = () => ctx.error(`Unparseable date: "${date}"`);
      return ctx.date(parseJavaDate(String(date), zone(timeZone), String(format), ctx.now(), fail, illegal));
    },
    formatString,
    sleep(milliseconds: number): void {
      const ms = Number(milliseconds);
      ctx.sleeps.push(ms);
      const real = Math.max(0, Math.round(ms * ctx.options.sleepScale));
      if (real > 0) Atomics.wait(sleepFlag, 0, 0, real);
    },
    getUuid(): string {
      return crypto.randomUUID();
    },
    base64Encode(data: string | number[], charset?: unknown): string {
      return toBuffer(data, charset).toString('base64');
    },
    base64EncodeWebSafe(data: string | number[], charset?: unknown): string {
      return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: string, charset?: unknown): number[] {
      void charset;
      const s = String(encoded).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw ctx.error('Could not decode string.');
      return toSignedBytes(Buffer.from(s, 'base64'));
    },
    base64DecodeWebSafe(encoded: string, charset?: unknown): number[] {
      void charset;
      const s = String(encoded).replace(/\s+/g, '');
      if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) throw ctx.error('Could not decode string.');
      return toSignedBytes(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    },
    newBlob(data: string | number[], contentType?: string, name?: string): FakeBlob {
      return new FakeBlob(toBuffer(data ?? ''), contentType ?? null, name ?? null);
    },
    gzip(blob: FakeBlob, name?: string): FakeBlob {
      if (!isBlob(blob)) throw ctx.error(`The parameters (${typeof blob}) don't match the method signature for Utilities.gzip.`);
      const fallback = blob.getName() ? `${blob.getName()}.gz` : null;
      return new FakeBlob(zlib.gzipSync(blob._buffer()), 'application/x-gzip', name ?? fallback);
    },
    ungzip(blob: FakeBlob): FakeBlob {
      if (!isBlob(blob)) throw ctx.error(`The parameters (${typeof blob}) don't match the method signature for Utilities.ungzip.`);
      let data: Buffer;
      try {
        data = zlib.gunzipSync(blob._buffer());
      } catch {
        throw ctx.error('Could not decompress gzip.');
      }
      const name = blob.getName();
      return new FakeBlob(data, null, name ? name.replace(/\.gz$/, '') : null);
    },
    computeDigest(algorithm: unknown, value: string | number[], charset?: unknown): number[] {
      const alg = HASH[String(algorithm)];
      if (!alg) throw ctx.error(`Invalid argument: algorithm`);
      return toSignedBytes(crypto.createHash(alg).update(toBuffer(value, charset)).digest());
    },
    computeHmacSignature(algorithm: unknown, value: string | number[], key: string | number[], charset?: unknown): number[] {
      const alg = HASH[String(algorithm).replace(/^HMAC_/, '')];
      if (!alg) throw ctx.error(`Invalid argument: algorithm`);
      return toSignedBytes(crypto.createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: unknown): number[] {
      return toSignedBytes(crypto.createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
    },
    jsonParse(jsonString: string): unknown {
      return JSON.parse(jsonString);
    },
    jsonStringify(obj: unknown): string {
      return JSON.stringify(obj);
    },
  };
}
