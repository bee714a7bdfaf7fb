/**
 * JSON parsing that keeps numbers exact. `JSON.parse` turns 9007199254740993 into 9007199254740992, 1e400 into
 * Infinity and 1e-400 into 0; OData servers that ignore `IEEE754Compatible=true` send Int64 and Decimal values
 * as raw number tokens. Such tokens (more than 15 significant digits, or an exponent of three digits) are
 * wrapped before parsing and come back as ExactNumber values; the typing step turns one into a number when that
 * is exact, and keeps it as exact text otherwise. Bodies without such a token (the common case) go straight to
 * `JSON.parse`.
 */

/** A number token from the JSON text that a JS number may not hold exactly: its digits, as sent. */
export class ExactNumber {
  constructor(readonly digits: string) {}
  /** JSON cells (arrays of objects) show the digits. */
  toJSON(): string {
    return this.digits;
  }
  toString(): string {
    return this.digits;
  }
}

export function isExactNumber(value: unknown): value is ExactNumber {
  return value instanceof ExactNumber;
}

/**
 * A candidate risky number token: right after `:`, `,` or `[` (where a JSON value starts), sixteen or more
 * digits (possibly around a decimal point), or a three-digit exponent. Digits inside text ("Order 1234567890123456",
 * a date, a phone number) are not preceded by those characters and never send a body down the slow path; the rare
 * text that is (":1234567890123456" inside a string) only costs the exact scan, which skips strings.
 */
const CANDIDATE = /(?:^|[:,[])\s*-?(?:\d[\d.]{15}|[\d.]+[eE][+-]?\d{3})/;

/** The key of the wrapper object; no real property name starts with U+0000. */
const WRAPPER_KEY = '\u0000exact';

export function parseJsonPreservingBigNumbers(text: string): unknown {
  if (!CANDIDATE.test(text)) return JSON.parse(text);
  const wrapped = wrapRiskyNumberTokens(text);
  if (wrapped === text) return JSON.parse(text); // only text looked risky
  return JSON.parse(wrapped, (_key, value) =>
    value && typeof value === 'object' && typeof value[WRAPPER_KEY] === 'string' && Object.keys(value).length === 1 ? new ExactNumber(value[WRAPPER_KEY]) : value,
  );
}

function significantDigits(token: string): number {
  const mantissa = token.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

function risky(token: string): boolean {
  if (significantDigits(token) > 15) return true;
  const n = Number(token);
  return !isFinite(n) || (n === 0 && /[1-9]/.test(token.replace(/[eE].*$/, '')));
}

/** Rewrites risky number tokens (outside strings) as `{"\u0000exact":"<token>"}`. */
export function wrapRiskyNumberTokens(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = afterString(text, i + 1);
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i = afterNumber(text, i + 1);
      const token = text.slice(start, i);
      if (risky(token)) {
        out += text.slice(last, start) + '{"\\u0000exact":"' + token + '"}';
        last = i;
      }
    } else {
      i++;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The index just past the string literal whose contents start at `i`, honouring escapes (may pass the end). */
function afterString(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d === 92 /* \ */) i += 2;
    else if (d === 34 /* " */) return i + 1;
    else i++;
  }
  return i;
}

/** The index just past the number token whose rest starts at `i` (digits, point, exponent, signs). */
function afterNumber(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
    else break;
  }
  return i;
}
