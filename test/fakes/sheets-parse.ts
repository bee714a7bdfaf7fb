/**
 * THE FIDELITY CONTRACT: how the fake Sheet turns a *string* written with Range.setValue(s) /
 * Sheet.appendRow into a cell value, the way Google Sheets parses typed ("USER_ENTERED") input.
 * Locale: en_US (decimal point, comma grouping, month/day/year). Time zone: the spreadsheet's.
 *
 * A string is stored VERBATIM (no parsing at all) when the cell's number format is plain text "@".
 * Otherwise the rules below apply, first match wins. [V] = verified in Google's docs or by widely
 * reported behaviour; [A] = assumed; where unsure the model picks the LOSSY reading on purpose, so a
 * missing `setNumberFormat('@')` in the add-on shows up in tests instead of in users' sheets.
 *
 *  1. ''                      -> empty cell.                                                        [V]
 *  2. "'..."                  -> text without the apostrophe ("'00123" -> "00123").                  [V]
 *  3. "=..."                  -> formula (getFormula returns it; getValue returns its result, see
 *                                formulaResult()).                                                    [V: Range docs]
 *  4. whitespace only         -> kept as text.                                                        [A]
 *  5. TRUE / FALSE, any case  -> boolean.                                                             [V]
 *  6. numbers (surrounding spaces ignored):                                                           [V unless noted]
 *       "00123" -> 123 (leading zeros lost), "-5", "+5" -> 5, "1.5", ".5", "1,234.5" (groups of 3
 *       only; format #,##0.00), "1e5"/"1.2E-3" (format 0.00E+00), "50%" -> 0.5 (format 0%; "12.5%" ->
 *       0.00%), "$1,234.50" / "-$5" / "€5" / "£5" -> number (currency format), "(123)" -> -123 [A].
 *       Numbers are cut to 15 significant digits like Sheets: "12345678901234567" -> 12345678901234600.
 *  7. dates and times -> a serial number with a date/time number format, i.e. getValue returns a Date
 *     at that wall-clock time in the SPREADSHEET time zone:
 *       "2024-03-05", "2024/03/05" (yyyy-mm-dd), "2024-03-05 10:30", "2024-03-05T10:30:00[.sss]"
 *       (yyyy-mm-dd h:mm:ss; the "T" form is [A]: Sheets may keep it as text, we parse = lossy),
 *       "...Z" / "...+02:00" [A, lossy]: that instant shown in the spreadsheet zone,
 *       "3/5/2024", "3-5-2024", "3/5/24" (m/d/yyyy; 2-digit years < 30 -> 20xx [A]),
 *       "3/5" and "1-2" -> that day of the current year [V: the classic "1-2 becomes Jan 2"],
 *       "March 5, 2024", "Mar 5 2024", "5 March 2024" [A], "10:30", "10:30:15", "10:30 PM" ->
 *       time of day on 1899-12-30 (h:mm:ss am/pm), "25:30" -> a duration [h]:mm:ss [A].
 *     Invalid calendar dates ("2/30/2024", "13/1/2024") stay text.
 *  8. "+..." or "-..." that is not a number or date -> a FORMULA "=+..." / "=-..." [V: typing a phone
 *     number like "+1 (555) 0100" gives "#ERROR!" (Formula parse error); "-A1" becomes =-A1].
 *  9. anything else           -> text, unchanged ("123-456-7890", "ID-00123", "abc") [A: phone-like
 *     digit groups that are not valid dates stay text in Sheets].
 *
 * Not modelled: locales other than en_US, fractions ("1 1/2"), durations with days, currency
 * symbols after the number, and "@"/tab/CR prefixes (stored as text).
 */
import { serialFromInstant, serialFromWall, utcMs, wallClock } from './timezone';

export type Parsed =
  | { kind: 'empty' }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; value: number; format?: string }
  | { kind: 'formula'; formula: string };

export interface ParseEnv {
  timeZone: string;
  now: number;
}

export const FORMATS = {
  isoDate: 'yyyy-mm-dd',
  isoDateTime: 'yyyy-mm-dd h:mm:ss',
  usDate: 'm/d/yyyy',
  usDateTime: 'm/d/yyyy h:mm:ss',
  longDate: 'mmmm d, yyyy',
  time: 'h:mm:ss am/pm',
  duration: '[h]:mm:ss',
  /** what Sheets applies to a JS Date written into an unformatted cell */
  jsDate: 'm/d/yyyy h:mm:ss',
  percent: '0%',
  percent2: '0.00%',
  grouped: '#,##0',
  grouped2: '#,##0.00',
  scientific: '0.00E+00',
} as const;

const CURRENCY_FORMAT: Record<string, string> = {
  $: '"$"#,##0.00',
  '€': '[$€]#,##0.00',
  '£': '[$£]#,##0.00',
  '¥': '[$¥]#,##0',
};

/** Sheets keeps 15 significant digits of typed numbers. */
function to15Digits(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(15));
}

export function parseUserEntered(input: string, env: ParseEnv): Parsed {
  if (input === '') return { kind: 'empty' };
  const first = input[0];
  if (first === "'") return input.length === 1 ? { kind: 'empty' } : { kind: 'text', value: input.slice(1) };
  if (first === '=') return { kind: 'formula', formula: input };
  const t = input.trim();
  if (t === '') return { kind: 'text', value: input };
  if (/^(true|false)$/i.test(t)) return { kind: 'boolean', value: t.toLowerCase() === 'true' };
  const num = parseNumber(t);
  if (num) return num;
  const date = parseDateTime(t, env);
  if (date) return date;
  if ((first === '+' || first === '-') && input.length > 1) return { kind: 'formula', formula: '=' + input };
  return { kind: 'text', value: input };
}

const NUMBER_RE =
  /^([+-])?\s*([$€£¥])?\s*([+-])?(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(%)?$/;

function parseNumber(t: string): Parsed | null {
  let s = t;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) s = paren[1].trim();
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  const [, sign1, currency, sign2, body, exp, pct] = m;
  if (sign1 && sign2) return null;
  if (paren && (sign1 || sign2)) return null;
  const grouped = body.includes(',');
  if (exp !== undefined && (currency || pct || grouped)) return null;
  if (currency && pct) return null;
  const digits = body.replace(/,/g, '');
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  let value = Number(`${digits}e${Number(exp ?? 0) - (pct ? 2 : 0)}`);
  if (!Number.isFinite(value)) return null;
  if (sign1 === '-' || sign2 === '-' || paren) value = -value;
  value = to15Digits(value);
  let format: string | undefined;
  if (pct) format = decimals > 0 ? FORMATS.percent2 : FORMATS.percent;
  else if (currency) format = CURRENCY_FORMAT[currency];
  else if (exp !== undefined) format = FORMATS.scientific;
  else if (grouped) format = decimals > 0 ? FORMATS.grouped2 : FORMATS.grouped;
  return { kind: 'number', value, format };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december'];

function monthFromName(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)) || (n === 'sept' && m === 'september'));
  return i + 1; // 0 when unknown
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([ap]\.?m\.?)?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)${TIME}\s*(Z|[+-]\d{2}:?\d{2})?)?$`, 'i');
const US_RE = new RegExp(String.raw`^(\d{1,2})([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?:\s+${TIME})?$`, 'i');
const DAY_MONTH_RE = new RegExp(String.raw`^(\d{1,2})[\s-]+([a-z]{3,9}\.?),?[\s-]+(\d{4})(?:\s+${TIME})?$`, 'i');
const MONTH_DAY_RE = new RegExp(String.raw`^([a-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})(?:\s+${TIME})?$`, 'i');
const TIME_RE = new RegExp(String.raw`^${TIME}$`, 'i');

interface Time {
  h: number;
  mi: number;
  s: number;
  ms: number;
}

/** Hour/minute/second groups -> a time, or null when out of range. `allowDuration` lets hour > 23. */
function readTime(g: (string | undefined)[], allowDuration = false): Time | null | undefined {
  const [hh, mm, ss, frac, ampm] = g;
  if (hh === undefined) return undefined;
  let h = Number(hh);
  const mi = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  if (mi > 59 || s > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    const pm = ampm[0].toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  } else if (h > 23 && !allowDuration) return null;
  return { h, mi, s, ms };
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(utcMs(y, mo + 1, 0)).getUTCDate();
}

function dateResult(y: number, mo: number, d: number, time: Time | undefined, dateFmt: string, dateTimeFmt: string): Parsed | null {
  if (!validDate(y, mo, d)) return null;
  const t = time ?? { h: 0, mi: 0, s: 0, ms: 0 };
  const value = serialFromWall({ year: y, month: mo, day: d, hour: t.h, minute: t.mi, second: t.s, ms: t.ms });
  return { kind: 'number', value, format: time ? dateTimeFmt : dateFmt };
}

function parseDateTime(t: string, env: ParseEnv): Parsed | null {
  let m = ISO_RE.exec(t);
  if (m) {
    const time = readTime(m.slice(4, 9));
    if (time === null) return null;
    const zone = m[9];
    if (zone && time) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validDate(y, mo, d)) return null;
      let offsetMin = 0;
      if (zone.toUpperCase() !== 'Z') {
        const z = zone.replace(':', '');
        offsetMin = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
      }
      const instant = utcMs(y, mo, d, time.h, time.mi, time.s, time.ms) - offsetMin * 60_000;
      return { kind: 'number', value: serialFromInstant(instant, env.timeZone), format: FORMATS.isoDateTime };
    }
    return dateResult(Number(m[1]), Number(m[2]), Number(m[3]), time, FORMATS.isoDate, FORMATS.isoDateTime);
  }
  m = US_RE.exec(t);
  if (m) {
    const time = readTime(m.slice(5, 10));
    if (time === null) return null;
    let y: number;
    if (m[4] === undefined) y = wallClock(env.now, env.timeZone).year;
    else if (m[4].length === 2) y = Number(m[4]) + (Number(m[4]) < 30 ? 2000 : 1900);
    else y = Number(m[4]);
    return dateResult(y, Number(m[1]), Number(m[3]), time, FORMATS.usDate, FORMATS.usDateTime);
  }
  m = DAY_MONTH_RE.exec(t);
  if (m) {
    const time = readTime(m.slice(4, 9));
    const mo = monthFromName(m[2]);
    if (time === null || !mo) return null;
    return dateResult(Number(m[3]), mo, Number(m[1]), time, FORMATS.longDate, FORMATS.usDateTime);
  }
  m = MONTH_DAY_RE.exec(t);
  if (m) {
    const time = readTime(m.slice(4, 9));
    const mo = monthFromName(m[1]);
    if (time === null || !mo) return null;
    return dateResult(Number(m[3]), mo, Number(m[2]), time, FORMATS.longDate, FORMATS.usDateTime);
  }
  m = TIME_RE.exec(t);
  if (m) {
    const time = readTime(m.slice(1, 6), true);
    if (!time) return null;
    const value = (time.h * 3_600_000 + time.mi * 60_000 + time.s * 1000 + time.ms) / 86_400_000;
    return { kind: 'number', value, format: time.h > 23 ? FORMATS.duration : FORMATS.time };
  }
  return null;
}

/**
 * What getValue() returns for a formula cell. The fake does not evaluate formulas: unless the
 * environment has an `evaluateFormula` hook, a formula that Sheets could not even parse returns
 * "#ERROR!" (what Sheets shows for "=+1 (555) 0100") and any other formula returns the marker
 * "#FORMULA" — a string no real value collides with, so tests notice values that became formulas.
 */
export const FORMULA_PLACEHOLDER = '#FORMULA';
export const FORMULA_PARSE_ERROR = '#ERROR!';

export function formulaResult(formula: string): string {
  return isParsableFormula(formula) ? FORMULA_PLACEHOLDER : FORMULA_PARSE_ERROR;
}

/**
 * A syntax sanity check, not a parser: rejects unknown characters, unbalanced brackets, a formula
 * ending in an operator and two operands side by side ("1 (555)", "5 apples") — Sheets has no
 * implicit/space operator, so those are "Formula parse error".
 */
function isParsableFormula(formula: string): boolean {
  const body = formula.replace(/^=/, '');
  if (body.trim() === '') return false;
  const TOKEN =
    /\s+|"(?:[^"]|"")*"|'(?:[^']|'')+'!\$?[A-Za-z]*\$?\d*(?::\$?[A-Za-z]*\$?\d*)?|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+|[A-Za-z_$][\w.$]*(?:![$A-Za-z0-9:]+)?|<=|>=|<>|[-+*/^&=<>%:,;(){}]/y;
  let depth = 0;
  let prev: 'operand' | 'open' | 'op' | 'start' = 'start';
  let prevName = false;
  let pos = 0;
  while (pos < body.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(body);
    if (!m) return false;
    pos = TOKEN.lastIndex;
    const tok = m[0];
    if (/^\s+$/.test(tok)) {
      prevName = false;
      continue;
    }
    const startsOperand = /^["'\d.A-Za-z_$]/.test(tok) || tok === '(' || tok === '{';
    if (startsOperand && prev === 'operand' && !(tok === '(' && prevName)) return false;
    prevName = /^[A-Za-z_]/.test(tok) && pos === TOKEN.lastIndex && body[pos] === '(';
    if (tok === '(' || tok === '{') {
      depth++;
      prev = 'open';
    } else if (tok === ')' || tok === '}') {
      if (--depth < 0 || prev === 'op') return false;
      prev = 'operand';
    } else if (tok === '%') {
      if (prev !== 'operand') return false;
    } else if (/^[-+*/^&=<>:,;]|^<=|^>=|^<>/.test(tok)) {
      if ((tok === ',' || tok === ';') && depth === 0) return false;
      prev = 'op';
    } else prev = 'operand';
  }
  return depth === 0 && prev !== 'op' && prev !== 'open';
}
