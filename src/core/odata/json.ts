/**
 * JSON parsing that keeps big numbers exact. `JSON.parse` turns 9007199254740993 into 9007199254740992; OData
 * servers that ignore `IEEE754Compatible=true` send Int64 and Decimal values as raw number tokens. Number tokens
 * with more than 15 significant digits are therefore turned into strings marked with BIG_NUMBER_MARK before
 * parsing; the typing step turns a marked value back into a number when that is exact, and keeps it as exact
 * text otherwise. Bodies without a long number (the common case) go straight to `JSON.parse`.
 */
/** Sixteen or more digits, possibly around a decimal point: the only tokens JSON.parse may round. */
const LONG_NUMBER = /\d[\d.]{15,}/;

/** Prefix of a string that was a raw JSON number token. JSON text cannot hold a raw U+0000 inside a string. */
export const BIG_NUMBER_MARK = '\u0000#';

export function isBigNumberToken(value: unknown): value is string {
  return typeof value === 'string' && value.charCodeAt(0) === 0 && value.charCodeAt(1) === 35;
}

/** The digits of a marked token, or the value unchanged. */
export function unmarkBigNumber(value: string): string {
  return isBigNumberToken(value) ? value.slice(2) : value;
}

export function parseJsonPreservingBigNumbers(text: string): unknown {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text);
  return JSON.parse(quoteBigNumberTokens(text));
}

function significantDigits(token: string): number {
  const mantissa = token.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

/** Rewrites number tokens (outside strings) with more than 15 significant digits as marked JSON strings. */
export function quoteBigNumberTokens(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the whole string literal, honouring escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      const token = text.slice(start, i);
      if (significantDigits(token) > 15) {
        out += text.slice(last, start) + '"\\u0000#' + token + '"';
        last = i;
      }
    } else {
      i++;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
