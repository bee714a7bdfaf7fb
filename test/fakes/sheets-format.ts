/**
 * getDisplayValues(): formats a stored cell value with its number format (en_US).
 * Supported: automatic (no format / "General" / "0.###############"), "@", number patterns built from
 * 0 # , . % E+00 with literal prefix/suffix ("$", "[$€]", quoted text) and an optional negative
 * section, and date/time patterns (yyyy yy mmmm mmm mm m dddd ddd dd d hh h ss s .000 am/pm [h] [m]).
 * Unknown constructs fall back to the automatic display.
 */
import { wallFromSerial } from './timezone';

/** What getNumberFormat() returns for a cell nobody formatted. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const TEXT_FORMAT = '@';

export type StoredValue = string | number | boolean | undefined;

export function isAutomaticFormat(fmt: string | undefined): boolean {
  return !fmt || fmt === DEFAULT_NUMBER_FORMAT || /^general$/i.test(fmt);
}

/** Remove quoted text, escaped characters and [$...] / [Red] brackets (but keep [h] [m] [s]). */
function stripLiterals(fmt: string): string {
  return fmt.replace(/"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi, '');
}

export function isDateTimeFormat(fmt: string | undefined): boolean {
  if (isAutomaticFormat(fmt) || fmt === TEXT_FORMAT) return false;
  return /[ydhs]|\[m+\]/i.test(stripLiterals(fmt as string));
}

function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e15 || (abs !== 0 && abs < 1e-9)) {
    const [m, e] = n.toExponential(5).split('e');
    const exp = Number(e);
    return `${String(Number(m))}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(n.toPrecision(10)));
}

export function formatDisplay(value: StoredValue, fmt: string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isAutomaticFormat(fmt) || fmt === TEXT_FORMAT) return formatGeneral(value);
  try {
    return isDateTimeFormat(fmt) ? formatDateSerial(value, fmt as string) : formatNumber(value, fmt as string);
  } catch {
    return formatGeneral(value);
  }
}

// ---------------------------------------------------------------- dates

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const DATE_TOKEN = /"[^"]*"|\\.|\[h+\]|\[m+\]|\[s+\]|\[[^\]]*\]|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|\.0+|am\/pm|a\/p|./gi;

function formatDateSerial(serial: number, fmt: string): string {
  const section = splitSections(fmt)[0];
  const tokens = section.match(DATE_TOKEN) ?? [];
  const hasFraction = tokens.some((t) => /^\.0+$/.test(t));
  const twelveHour = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  const rounded = hasFraction ? serial : Math.round(serial * 86400) / 86400;
  const w = wallFromSerial(rounded);
  const lower = tokens.map((t) => t.toLowerCase());
  const kinds = lower.map((t) => (/^(h+|\[h+\])$/.test(t) ? 'h' : /^(s+|\[s+\])$/.test(t) ? 's' : /^m+$/.test(t) ? 'm' : /^[yd]/.test(t) ? 'date' : ''));
  const isMinute = (i: number): boolean => {
    for (let j = i - 1; j >= 0; j--) if (kinds[j]) return kinds[j] === 'h';
    for (let j = i + 1; j < kinds.length; j++) if (kinds[j]) return kinds[j] === 's';
    return false;
  };
  const pad = (n: number, len = 2) => String(n).padStart(len, '0');
  const totalSeconds = Math.floor(rounded * 86400 + 1e-7);
  return tokens
    .map((tok, i) => {
      const t = lower[i];
      if (tok.startsWith('"')) return tok.slice(1, -1);
      if (tok.startsWith('\\')) return tok.slice(1);
      if (/^\[h+\]$/.test(t)) return String(Math.floor(totalSeconds / 3600));
      if (/^\[m+\]$/.test(t)) return String(Math.floor(totalSeconds / 60));
      if (/^\[s+\]$/.test(t)) return String(totalSeconds);
      if (tok.startsWith('[')) return '';
      switch (t) {
        case 'yyyy': return pad(w.year, 4);
        case 'yy': return pad(w.year % 100);
        case 'mmmmm': return MONTH_NAMES[w.month - 1][0];
        case 'mmmm': return MONTH_NAMES[w.month - 1];
        case 'mmm': return MONTH_NAMES[w.month - 1].slice(0, 3);
        case 'mm': return isMinute(i) ? pad(w.minute) : pad(w.month);
        case 'm': return isMinute(i) ? String(w.minute) : String(w.month);
        case 'dddd': return DAY_NAMES[w.weekday - 1];
        case 'ddd': return DAY_NAMES[w.weekday - 1].slice(0, 3);
        case 'dd': return pad(w.day);
        case 'd': return String(w.day);
        case 'hh': return pad(twelveHour ? w.hour % 12 || 12 : w.hour);
        case 'h': return String(twelveHour ? w.hour % 12 || 12 : w.hour);
        case 'ss': return pad(w.second);
        case 's': return String(w.second);
        case 'am/pm': return w.hour < 12 ? 'AM' : 'PM';
        case 'a/p': return w.hour < 12 ? 'A' : 'P';
        default:
          if (/^\.0+$/.test(t)) return '.' + pad(w.ms, 3).slice(0, t.length - 1).padEnd(t.length - 1, '0');
          return tok;
      }
    })
    .join('');
}

// ---------------------------------------------------------------- numbers

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      cur += ch + (fmt[++i] ?? '');
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface NumberPattern {
  prefix: string;
  suffix: string;
  minInt: number;
  group: boolean;
  minFrac: number;
  maxFrac: number;
  percent: boolean;
  expDigits: number; // 0 = no exponent
}

function parsePattern(section: string): NumberPattern {
  let prefix = '';
  let suffix = '';
  let core = '';
  let percent = false;
  let expDigits = 0;
  let i = 0;
  const literal = (s: string) => {
    if (core) suffix += s;
    else prefix += s;
  };
  while (i < section.length) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end);
      if (inner.startsWith('$')) literal(inner.slice(1).split('-')[0]);
      i = end + 1;
    } else if (/[0#?.,]/.test(ch) && !(ch === ',' && !core)) {
      if (suffix) throw new Error('unsupported pattern');
      core += ch;
      i++;
    } else if ((ch === 'E' || ch === 'e') && /^[+-][0#]+/.test(section.slice(i + 1))) {
      const m = /^[+-]([0#]+)/.exec(section.slice(i + 1)) as RegExpExecArray;
      expDigits = m[1].length;
      i += 2 + m[1].length;
    } else if (ch === '%') {
      percent = true;
      literal('%');
      i++;
    } else if (ch === '_' || ch === '*') {
      i += 2;
    } else {
      literal(ch);
      i++;
    }
  }
  const [intPart, fracPart = ''] = core.split('.');
  return {
    prefix, suffix, percent, expDigits,
    minInt: (intPart.match(/0/g) ?? []).length,
    group: intPart.includes(','),
    minFrac: (fracPart.match(/0/g) ?? []).length,
    maxFrac: (fracPart.match(/[0#?]/g) ?? []).length,
  };
}

function digits(abs: number, p: NumberPattern): string {
  let fixed = abs.toFixed(p.maxFrac);
  let [int, frac = ''] = fixed.split('.');
  while (frac.length > p.minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && p.minInt === 0) int = '';
  int = int.padStart(p.minInt, '0');
  if (p.group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  fixed = frac ? `${int}.${frac}` : int;
  return fixed;
}

function formatNumber(n: number, fmt: string): string {
  const sections = splitSections(fmt);
  let section = sections[0];
  let sign = n < 0 ? '-' : '';
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    sign = '';
  } else if (n === 0 && sections.length > 2) section = sections[2];
  const p = parsePattern(section);
  let abs = Math.abs(n) * (p.percent ? 100 : 1);
  let body: string;
  if (p.expDigits) {
    let exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
    let mant = abs / 10 ** exp;
    if (Number(mant.toFixed(p.maxFrac)) >= 10) {
      exp += 1;
      mant /= 10;
    }
    body = `${digits(mant, p)}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(p.expDigits, '0')}`;
  } else {
    abs = Number(abs.toFixed(p.maxFrac));
    body = digits(abs, p);
    if (abs === 0) sign = '';
  }
  return `${sign}${p.prefix}${body}${p.suffix}`;
}
