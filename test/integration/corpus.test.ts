/**
 * The hostile corpus (sandbox/corpus/), through the built bundle, into the Sheets-like fake: every nasty case
 * lands as the README says it must — checked cell by cell (stored type, value, number format, no formula)
 * against a table of expectations written here from the spec, never from the add-on's output.
 *
 *  - Entity set `Corpus` (one row per case, key `Case`) over OData v4 and v2, and v4 with raw number tokens
 *    (a server that ignores IEEE754Compatible), in spreadsheets in America/New_York (negative offset, DST),
 *    America/Santiago (DST starts at midnight: 2024-09-08 00:00 does not exist) and Australia/Lord_Howe
 *    (30-minute DST). Then the same corpus through =TRUECLICKS("Corpus").
 *  - Check table `hostile-corpus` (REST, no $metadata: types inferred per column) for free-form JSON: deep
 *    objects, arrays, raw number tokens, hostile keys; through importCheckTable and =TRUECLICKS_TABLE().
 *
 * The spec (README "How data lands in a tab"): text is written into plain-text cells and stays exactly the same
 * text, never a formula; numbers and booleans are typed; Int64/Decimal values a JavaScript number cannot hold
 * exactly are kept as exact text; Edm.Date is that calendar day in the spreadsheet's zone; DateTimeOffset is that
 * instant; zone-less v2 date-times are that wall-clock time in the zone; text over 50,000 characters is cut with
 * a visible `[truncated: N characters]` marker; nested objects become Parent.Child columns, arrays of scalars one
 * `a, b, c` cell, arrays of objects one JSON cell; annotations never become columns.
 *
 * Known add-on bugs, when there are any (none at present), are marked `knownBug` below. Such a case is checked twice: everything except the problems the
 * bug causes must hold (a normal test), and the full expectation runs as `it.failing`, so the suite stays green
 * while the bug exists and turns red once it is fixed (then remove the mark).
 */
import { loadAddOn, AddOn } from '../support/addon';
import { startPrivateSandbox, PrivateSandbox } from '../support/sandbox';
import { wallClock } from '../support/oracle';
import type { GasEnvironment } from '../fakes';

// ------------------------------------------------------------------------------------------ expectations
type CellExpect =
  | { kind: 'text'; text: string } // exactly this text, in a plain-text cell
  | { kind: 'truncated'; original: string } // cut to the cell limit with a visible marker
  | { kind: 'exact'; digits: string } // a number a double cannot hold: exact text in a plain-text cell
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'day'; day: string } // Edm.Date: that calendar day in the spreadsheet's zone
  | { kind: 'instant'; iso: string } // DateTimeOffset: that instant
  | { kind: 'wallclock'; at: string } // zone-less date-time: that wall-clock time in the spreadsheet's zone
  | { kind: 'json'; value: unknown } // one text cell holding the JSON of the value
  | { kind: 'empty' };

const text = (t: string): CellExpect => ({ kind: 'text', text: t });
const truncated = (original: string): CellExpect => ({ kind: 'truncated', original });
const exact = (digits: string): CellExpect => ({ kind: 'exact', digits });
const num = (value: number): CellExpect => ({ kind: 'number', value });
const bool = (value: boolean): CellExpect => ({ kind: 'boolean', value });
const day = (d: string): CellExpect => ({ kind: 'day', day: d });
const instant = (iso: string): CellExpect => ({ kind: 'instant', iso });
const wall = (at: string): CellExpect => ({ kind: 'wallclock', at });
const json = (value: unknown): CellExpect => ({ kind: 'json', value });
const EMPTY: CellExpect = { kind: 'empty' };

interface CaseExpect {
  /** Expected cells by column; every other column of the row is empty. */
  cells: Record<string, CellExpect>;
  /** The value lives in a V4 collection, which OData v2 cannot express: the v2 row has none of it. */
  v4Only?: boolean;
  /** An add-on bug this case exposes (see the comments at the bug constants). */
  knownBug?: KnownBug;
}

interface KnownBug {
  why: string;
  /** The problems the bug causes, and only those (see checkCell's wording). */
  shows: RegExp;
}

const T = (t: string): CaseExpect => ({ cells: { TextValue: text(t) } });
const long60000 = '0123456789'.repeat(6000).slice(0, 59996) + ' END';
const long50000 = 'abcdefghij'.repeat(5000);
const long50001 = 'abcdefghij'.repeat(5001).slice(0, 50001);
const longEmoji = 'x' + '🚀'.repeat(29999) + 'y';
const C0 = 'a' + Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('') + 'b';

/** `SHOW_KNOWN_BUGS=1 npx jest test/integration/corpus.test.ts` runs the known-bug expectations as plain tests, to see their failures. */
const knownBugIt = process.env.SHOW_KNOWN_BUGS ? it : it.failing;

type Problems = { sheet: string[]; formula: string[] };
/** One case: as specified; with a known bug, as specified apart from that bug's problems, plus the full check as it.failing. */
function caseTest(title: string, expectation: CaseExpect, problems: () => Problems) {
  const bug = expectation.knownBug;
  if (!bug) {
    it(title, () => expect(problems()).toEqual({ sheet: [], formula: [] }));
    return;
  }
  const others = (list: string[]) => list.filter((p) => !bug.shows.test(p));
  it(`${title}, apart from a known add-on bug (${bug.why})`, () => {
    const p = problems();
    expect({ sheet: others(p.sheet), formula: others(p.formula) }).toEqual({ sheet: [], formula: [] });
  });
  knownBugIt(`${title} — fails until the add-on bug is fixed: ${bug.why}`, () => expect(problems()).toEqual({ sheet: [], formula: [] }));
}

// Known add-on bugs (details in the report that came with this test):
/** Entity set Corpus: sandbox/corpus/hostile.json, case by case. */
const CORPUS: Record<string, CaseExpect> = {
  'zeros-00123': T('00123'),
  'zeros-007': T('007'),
  'zeros-000000': T('000000'),
  'zeros-trailing-decimal': T('0.50'),
  'id-phone': T('123-456-7890'),
  'id-phone-international': T('+31 20 123 4567'),
  'id-iso-date': T('2024-03-05'),
  'id-us-date': T('3/5/2024'),
  'id-day-month': T('1-2'),
  'id-month-day': T('3/5'),
  'id-time': T('10:30'),
  'id-long-date': T('March 5, 2024'),
  'id-iso-datetime': T('2024-03-05T10:30:00Z'),
  'id-16-digits': T('1234567890123456'),
  'id-hex': T('0x1F'),
  'formula-equals': T('=1+2'),
  'formula-plus': T('+1'),
  'formula-minus': T('-1'),
  'formula-at': T('@x'),
  'formula-importxml': T('=IMPORTXML("http://evil.example","//a")'),
  'formula-hyperlink': T('=HYPERLINK("http://evil.example","click")'),
  'formula-dde': T("=cmd|' /C calc'!A0"),
  'formula-tab-prefixed': T('\t=1+2'),
  'formula-cr-prefixed': T('\r=1+2'),
  'formula-lf-prefixed': T('\n=1+2'),
  'formula-space-prefixed': T(' =1+2'),
  'formula-apostrophe': T("'=1+2"),
  'formula-equals-only': T('='),
  'formula-plus-phone': T('+1 (555) 0100'),
  'formula-minus-percent': T('-5% budget'),
  'formula-fullwidth-equals': T('＝1+2'),
  'bool-text-TRUE': T('TRUE'),
  'bool-text-false': T('false'),
  'number-text-exponent': T('1e5'),
  'number-text-grouped': T('1,234.5'),
  'number-text-padded': T(' 42 '),
  'number-text-parentheses': T('(123)'),
  'number-text-minus-zero': T('-0'),
  'number-text-plain': T('42'),
  'number-text-infinity': T('Infinity'),
  'number-text-nan': T('NaN'),
  'percent-50': T('50%'),
  'percent-12-5': T('12.5%'),
  'currency-usd': T('$1,234.50'),
  'currency-eur': T('€5'),
  'currency-negative-usd': T('-$5'),
  'currency-gbp': T('£5'),
  'currency-yen': T('¥100'),
  'long-60000': { cells: { TextValue: truncated(long60000) } },
  'long-50000': T(long50000),
  'long-50001': { cells: { TextValue: truncated(long50001) } },
  'long-emoji': { cells: { TextValue: truncated(longEmoji) } },
  'control-c0': T(C0),
  'control-del-c1': T('a\u007fb\u0080c\u0085d\u009fe'),
  'control-newlines': T('line one\nline two\r\nline three\rfour'),
  'control-separators': T('a\u2028b\u2029c'),
  'control-invisible': T('zero\u200bwidth\u200c\u200d\ufeffbom'),
  'control-nul-inside': T('a\u0000b'),
  'control-nul-hash-prefix': { ...T('\u0000#12345678901234567') },
  'control-bidi-override': T('\u202etxt.exe\u202c'),
  'rtl-arabic': T('متجر الأناقة – Riyadh'),
  'rtl-hebrew': T('דנה כהן'),
  'rtl-mixed-digits': T('שלום 123 عالم'),
  'emoji-zwj': T('👩\u200d👩\u200d👧\u200d👦 family'),
  'emoji-flag-skin-tone': T('🇳🇱 👍🏽'),
  'emoji-astral': T('𝟘𝟙𝟚 𝄞'),
  'text-decomposed': T('Zoe\u0308 Mu\u0308ller e\u0301'),
  'text-html': T('<script>alert(1)</script>'),
  'text-quotes': T('Smith, Jones & "Partners"; O\'Brien'),
  'text-whitespace-only': T('   '),
  'text-padded': T('  Padded  '),
  'text-empty-string': { cells: { TextValue: EMPTY } }, // a cell cannot hold an empty string apart from "empty"
  'null-everything': { cells: {} },
  'int64-2p53-plus-1': { cells: { Int64Value: exact('9007199254740993') } },
  'int64-max': { cells: { Int64Value: exact('9223372036854775807') } },
  'int64-min': { cells: { Int64Value: exact('-9223372036854775808') } },
  'int64-2p53-minus-1': { cells: { Int64Value: num(9007199254740991) } },
  'int64-negative': { cells: { Int64Value: num(-42) } },
  'int64-zero': { cells: { Int64Value: num(0) } },
  'decimal-20-digits': { cells: { DecimalValue: exact('12345678901234567.891') } },
  'decimal-nines': { cells: { DecimalValue: exact('99999999999999999.999') } },
  'decimal-30-digits': { cells: { DecimalValue: exact('123456789012345678901234567890') } },
  'decimal-tenth': { cells: { DecimalValue: num(0.1) } },
  'decimal-trailing-zero': { cells: { DecimalValue: num(-1234.5) } },
  'decimal-millionth': { cells: { DecimalValue: num(0.000001) } },
  'double-max': { cells: { DoubleValue: num(1.7976931348623157e308) } },
  'double-min-subnormal': { cells: { DoubleValue: num(5e-324) } },
  'double-0-30000000000000004': { cells: { DoubleValue: num(0.30000000000000004) } },
  'double-negative': { cells: { DoubleValue: num(-0.25) } },
  'int32-max': { cells: { Int32Value: num(2147483647) } },
  'int32-min': { cells: { Int32Value: num(-2147483648) } },
  'boolean-true': { cells: { BooleanValue: bool(true) } },
  'boolean-false': { cells: { BooleanValue: bool(false) } },
  'date-us-dst-start': { cells: { DateValue: day('2024-03-10') } },
  'date-us-dst-end': { cells: { DateValue: day('2024-11-03') } },
  'date-eu-dst-start': { cells: { DateValue: day('2024-03-31') } },
  'date-eu-dst-end': { cells: { DateValue: day('2024-10-27') } },
  'date-santiago-dst-start': { cells: { DateValue: day('2024-09-08') } },
  'date-santiago-dst-end': { cells: { DateValue: day('2024-04-07') } },
  'date-lord-howe-dst-start': { cells: { DateValue: day('2024-10-06') } },
  'date-leap-day': { cells: { DateValue: day('2024-02-29') } },
  'date-epoch': { cells: { DateValue: day('1970-01-01') } },
  'date-2038': { cells: { DateValue: day('2038-01-19') } },
  'instant-utc': { cells: { InstantValue: instant('2024-03-10T06:59:59Z') } },
  'instant-ny-after-jump': { cells: { InstantValue: instant('2024-03-10T03:30:00-04:00') } },
  'instant-ny-ambiguous-first': { cells: { InstantValue: instant('2024-11-03T01:30:00-04:00') } },
  'instant-ny-ambiguous-second': { cells: { InstantValue: instant('2024-11-03T01:30:00-05:00') } },
  'instant-santiago-gap': { cells: { InstantValue: instant('2024-09-08T00:30:00-04:00') } },
  'instant-india': { cells: { InstantValue: instant('2024-03-31T01:30:00+05:30') } },
  'instant-eu-fall': { cells: { InstantValue: instant('2024-10-27T02:30:00+01:00') } },
  'instant-before-epoch': { cells: { InstantValue: instant('1969-12-31T23:59:59Z') } },
  'instant-plus-14': { cells: { InstantValue: instant('2024-02-29T23:59:59+14:00') } },
  'instant-minus-12': { cells: { InstantValue: instant('2024-03-01T00:00:00-12:00') } },
  'instant-minus-3': { cells: { InstantValue: instant('2024-06-15T12:00:00-03:00') } },
  'nested-full': { cells: { 'Nested.Label': text('=1+2'), 'Nested.Count': num(7), 'Nested.Inner.Code': text('007'), 'Nested.Inner.Day': day('2024-03-10') } },
  'nested-inner-null': { cells: { 'Nested.Label': text('TRUE') } },
  'tags-hostile': { cells: { Tags: text('=1+2, TRUE, 000123, 🚀 launch, a, b') }, v4Only: true },
  'items-objects': { cells: { Items: json([{ Sku: '007', Qty: 2 }, { Sku: '=1+2', Qty: null }]) }, v4Only: true },
};

/** Declared columns of TrueClicks.CorpusCase (complex members flattened), in declared order. */
const V2_COLUMNS = ['Case', 'Why', 'TextValue', 'Int64Value', 'DecimalValue', 'DoubleValue', 'Int32Value', 'BooleanValue', 'DateValue', 'InstantValue', 'Nested.Label', 'Nested.Count', 'Nested.Inner.Code', 'Nested.Inner.Day'];
const V4_COLUMNS = [...V2_COLUMNS, 'Tags', 'Items'];

/** Check table hostile-corpus: sandbox/corpus/check-table.json (REST: no $metadata, types inferred per column). */
const HOSTILE_KEYS = { formula: '=HYPERLINK("http://evil.example","x")', bool: 'TRUE', zeros: '00123', phone: '+1 (555) 0100' };
const REST: Record<string, CaseExpect> = {
  'rest-nested-3-levels': { cells: { 'Deep.A.B.C': text('=1+2') } },
  'rest-nested-sibling': { cells: { 'Deep.A.B.C': text('007'), 'Deep.N': num(5) } },
  'rest-scalar-array': { cells: { List: text('=1+2, 000123, 1.5, true') } },
  'rest-empty-array': { cells: { List: EMPTY } },
  'rest-object-array': { cells: { Objects: json([{ Sku: '007', Qty: 2 }, { Sku: '@x', Tags: ['a', '=b'] }]) } },
  'rest-array-of-arrays': { cells: { Matrix: json([[1, 2], ['=3', null]]) } },
  'rest-big-raw-integer': { cells: { Count: exact('9007199254740993') } },
  'rest-small-integer': { cells: { Count: num(42) } },
  'rest-big-raw-decimal': { cells: { Amount: exact('12345678901234567.891') } },
  'rest-small-decimal': { cells: { Amount: num(0.1) } },
  'rest-overflow': { cells: { Extreme: exact('1e400') } },
  'rest-underflow': { cells: { Extreme: exact('1e-400') } },
  'rest-mixed-number': { cells: { Mixed: text('1') } },
  'rest-mixed-text': { cells: { Mixed: text('one') } },
  'rest-date-santiago': { cells: { Day: day('2024-09-08') } },
  'rest-date-us': { cells: { Day: day('2024-03-10') } },
  'rest-instant-first': { cells: { At: instant('2024-11-03T01:30:00-04:00') } },
  'rest-instant-second': { cells: { At: instant('2024-11-03T01:30:00-05:00') } },
  'rest-v2-date': { cells: { Legacy: wall('2024-03-10 00:00:00') } },
  'rest-booleans-true': { cells: { Flag: bool(true) } },
  'rest-booleans-false': { cells: { Flag: bool(false) } },
  'rest-null': { cells: { Maybe: EMPTY } },
  'rest-annotation': { cells: {} },
  'rest-hostile-keys': {
    cells: { [HOSTILE_KEYS.formula]: text('formula key'), [HOSTILE_KEYS.bool]: text('boolean key'), [HOSTILE_KEYS.zeros]: text('zeros key'), [HOSTILE_KEYS.phone]: text('phone key') },
  },
  'rest-prototype-keys': { cells: { constructor: text('ctor'), toString: text('ts') } }, // and __proto__, below
  'rest-dotted-key-collision': { cells: {} }, // checked on its own below: both values must be somewhere in the row
};
// `{ __proto__: … }` in an object literal would set the prototype instead of a key named __proto__.
Object.defineProperty(REST['rest-prototype-keys'].cells, '__proto__', { value: text('proto'), enumerable: true, configurable: true, writable: true });

// ------------------------------------------------------------------------------------------ oracle
/** Epoch ms of the first instant of a calendar day in a zone (midnight, unless a DST jump skips it), via Intl. */
function firstInstantOfDay(d: string, timeZone: string): number {
  const [y, m, dd] = d.split('-').map(Number);
  for (let t = Date.UTC(y, m - 1, dd) - 15 * 3600 * 1000; t < Date.UTC(y, m - 1, dd) + 15 * 3600 * 1000; t += 15 * 60 * 1000) {
    if (wallClock(new Date(t), timeZone).startsWith(d)) return t;
  }
  throw new Error(`no instant of ${d} in ${timeZone}`);
}

/** The earliest instant showing the same wall-clock time as t in the zone (t itself unless a fall-back repeats it). */
function firstInstantWithSameWallClock(t: number, timeZone: string): number {
  const shown = wallClock(new Date(t), timeZone);
  for (const back of [2 * 3600 * 1000, 3600 * 1000, 1800 * 1000]) if (wallClock(new Date(t - back), timeZone) === shown) return t - back;
  return t;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]'; // also Dates of the script's vm realm
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DATE_FORMAT_TOKENS = /[ydhs]/i;

interface Cell {
  value: unknown;
  /** Absent for formula results (a custom function returns values only). */
  format?: string;
  display?: string;
  formula?: string;
}

/** Problems of one cell against its expectation (empty list = as specified). */
function checkCell(expect: CellExpect, cell: Cell, timeZone: string): string[] {
  const p: string[] = [];
  const { value, format } = cell;
  const sheet = format !== undefined;
  if (cell.formula) p.push(`became a formula ${JSON.stringify(cell.formula)}`);
  const plainText = () => {
    if (sheet && format !== '@') p.push(`not in a plain-text cell (format ${format})`);
  };
  const typedNumber = () => {
    if (sheet && (format === '@' || DATE_FORMAT_TOKENS.test(format!.replace(/"[^"]*"/g, '')))) p.push(`number cell has format ${format}`);
  };
  switch (expect.kind) {
    case 'empty':
      if (value !== '') p.push(`expected an empty cell, got ${JSON.stringify(value)}`);
      break;
    case 'text':
      if (value !== expect.text) p.push(`text changed: ${JSON.stringify(expect.text).slice(0, 80)} → ${JSON.stringify(value).slice(0, 80)}`);
      plainText();
      break;
    case 'exact':
      if (value !== expect.digits) p.push(`exact number ${expect.digits} → ${JSON.stringify(value)}`);
      plainText();
      break;
    case 'truncated': {
      const n = expect.original.length;
      const v = typeof value === 'string' ? value : '';
      if (typeof value !== 'string') p.push(`long text became ${typeof value}`);
      const marker = `[truncated: ${n} characters]`;
      if (!v.endsWith(marker)) p.push(`no visible marker ${marker} at the end: …${JSON.stringify(v.slice(-40))}`);
      const kept = v.slice(0, v.length - marker.length).replace(/\s*…?\s*$/, '');
      if (!expect.original.startsWith(kept)) p.push('the kept part is not the start of the original text');
      if (kept.length < 49900) p.push(`only ${kept.length} characters kept`);
      // A cut may avoid splitting a surrogate pair (then one code unit shorter); it never exceeds the cell limit.
      const pairs = /[\uD800-\uDBFF]/.test(expect.original);
      if (pairs ? v.length < 49999 || v.length > 50000 : v.length !== 50000) p.push(`length ${v.length}, expected exactly 50,000`);
      if (LONE_SURROGATE.test(v)) p.push('the cut split a surrogate pair (a lone surrogate is not text)');
      plainText();
      break;
    }
    case 'number':
      if (typeof value !== 'number' || !Object.is(value, expect.value)) p.push(`number ${expect.value} → ${JSON.stringify(value)} (${typeof value})`);
      typedNumber();
      break;
    case 'boolean':
      if (value !== expect.value) p.push(`boolean ${expect.value} → ${JSON.stringify(value)}`);
      break;
    case 'day': {
      const want = firstInstantOfDay(expect.day, timeZone);
      if (!isDate(value)) p.push(`date ${expect.day} → ${JSON.stringify(value)}`);
      else if (value.getTime() !== want) p.push(`date ${expect.day} → ${wallClock(value, timeZone)} in ${timeZone} (expected ${wallClock(new Date(want), timeZone)})`);
      if (sheet && cell.display !== expect.day) p.push(`date shows as ${JSON.stringify(cell.display)} (format ${format}), expected ${expect.day}`);
      break;
    }
    case 'instant': {
      const want = Date.parse(expect.iso);
      // A sheet cell holds a serial number of wall-clock time in the spreadsheet's zone: in the hour that a
      // fall-back repeats, the second 01:30 is stored as 01:30 and reads back as the first one. A returned
      // (formula) value is the instant itself.
      const stored = sheet ? firstInstantWithSameWallClock(want, timeZone) : want;
      if (!isDate(value) || value.getTime() !== stored) p.push(`instant ${expect.iso} → ${isDate(value) ? value.toISOString() : JSON.stringify(value)}`);
      if (sheet && cell.display !== wallClock(new Date(want), timeZone)) p.push(`instant shows as ${JSON.stringify(cell.display)}, expected ${wallClock(new Date(want), timeZone)} (${timeZone})`);
      break;
    }
    case 'wallclock':
      if (!isDate(value) || wallClock(value, timeZone) !== expect.at) p.push(`wall-clock ${expect.at} → ${isDate(value) ? wallClock(value, timeZone) : JSON.stringify(value)} in ${timeZone}`);
      if (sheet && cell.display !== expect.at) p.push(`wall-clock time shows as ${JSON.stringify(cell.display)}`);
      break;
    case 'json': {
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(String(value));
      } catch {
        p.push(`not one JSON cell: ${JSON.stringify(value)}`);
      }
      if (parsed !== undefined && JSON.stringify(parsed) !== JSON.stringify(expect.value)) p.push(`JSON cell ${JSON.stringify(value)} ≠ ${JSON.stringify(expect.value)}`);
      plainText();
      break;
    }
  }
  return p;
}

/** A grid (header row first) by case: the cells of the row whose `Case` column is the case name. */
interface Grid {
  header: string[];
  rowOf(caseName: string): Cell[] | null;
  cases: string[];
}

function sheetGrid(env: GasEnvironment, sheetName: string): Grid {
  const snap = env.sheetSnapshot(sheetName);
  const header = snap.values[0] as string[];
  const caseCol = header.indexOf('Case');
  const rows = new Map<string, Cell[]>();
  for (let r = 1; r < snap.values.length; r++) {
    rows.set(
      String(snap.values[r][caseCol]),
      header.map((_, c) => ({ value: snap.values[r][c], format: snap.formats[r][c], display: snap.displayValues[r][c], formula: snap.formulas[r][c] })),
    );
  }
  return { header, rowOf: (name) => rows.get(name) ?? null, cases: [...rows.keys()] };
}

function formulaGrid(grid: unknown[][]): Grid {
  const header = grid[0] as string[];
  const caseCol = header.indexOf('Case');
  const rows = new Map<string, Cell[]>();
  for (const row of grid.slice(1)) rows.set(String(row[caseCol]), row.map((value) => ({ value })));
  return { header, rowOf: (name) => rows.get(name) ?? null, cases: [...rows.keys()] };
}

/** Every cell of one case's row against the expectation: listed columns as expected, all others empty. */
function checkRow(grid: Grid, caseName: string, expect: CaseExpect, timeZone: string, opts: { dropped?: boolean; fixedColumns?: string[] } = {}): string[] {
  const row = grid.rowOf(caseName);
  if (!row) return [`no row for ${caseName}`];
  const problems: string[] = [];
  const fixed = opts.fixedColumns ?? ['Case', 'Why'];
  if (!opts.dropped) for (const column of Object.keys(expect.cells)) if (!grid.header.includes(column)) problems.push(`no column ${column}`);
  grid.header.forEach((column, c) => {
    const cell = row[c];
    let want: CellExpect;
    if (column === 'Case') want = text(caseName);
    else if (fixed.includes(column)) {
      if (column === 'Why' && !(typeof cell.value === 'string' && cell.value.length > 0)) problems.push('Why: empty');
      if (cell.formula) problems.push(`${column}: became a formula`);
      return;
    } else want = !opts.dropped && Object.prototype.hasOwnProperty.call(expect.cells, column) ? expect.cells[column] : EMPTY;
    for (const problem of checkCell(want, cell, timeZone)) problems.push(`${column}: ${problem}`);
  });
  return problems;
}

// ------------------------------------------------------------------------------------------ runs
let sb: PrivateSandbox;
beforeAll(async () => {
  sb = await startPrivateSandbox();
});
afterAll(() => sb.stop());

/**
 * Only dates and times depend on the spreadsheet's zone. A variant that repeats a source already checked in
 * another zone (`zonesOnly`) checks just the cases with a date or time in them: the others cannot differ.
 */
const ZONED_KINDS: ReadonlyArray<CellExpect['kind']> = ['day', 'instant', 'wallclock'];
const dependsOnZone = (expectation: CaseExpect) => Object.values(expectation.cells).some((cell) => ZONED_KINDS.includes(cell.kind));
const casesFor = (cases: Record<string, CaseExpect>, zonesOnly: boolean) => Object.entries(cases).filter(([, e]) => !zonesOnly || dependsOnZone(e));

const VARIANTS = [
  { name: 'OData v4', root: 'odata', timeZone: 'America/New_York', raw: false, zonesOnly: false },
  { name: 'OData v2', root: 'odata-v2', timeZone: 'America/New_York', raw: false, zonesOnly: false },
  { name: 'OData v4', root: 'odata', timeZone: 'America/Santiago', raw: false, zonesOnly: true },
  { name: 'OData v2', root: 'odata-v2', timeZone: 'America/Santiago', raw: false, zonesOnly: true },
  { name: 'OData v4 with raw number tokens', root: 'odata', timeZone: 'Australia/Lord_Howe', raw: true, zonesOnly: false },
] as const;

describe.each(VARIANTS)('Corpus over $name, spreadsheet in $timeZone', ({ root, timeZone, raw, zonesOnly }) => {
  const v2 = root === 'odata-v2';
  let env: GasEnvironment;
  let addOn: AddOn;
  let sheet: Grid;
  let formula: Grid;
  let result: ReturnType<AddOn['importDataset']>;

  beforeAll(async () => {
    if (raw) await sb.control.config({ ignoreIeee754: true });
    ({ env, addOn } = loadAddOn({ timeZone }));
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/${root}/` });
    result = addOn.importDataset({ dataset: 'Corpus' });
    sheet = sheetGrid(env, result.sheetName);
    formula = formulaGrid(env.runCustomFunction('TRUECLICKS', ['Corpus']) as unknown[][]);
  });
  afterAll(async () => {
    env.close();
    await sb.control.reset();
  });

  it('imports every case, typed from $metadata, with the declared columns in declared order', () => {
    expect(result).toMatchObject({ sheetName: 'TrueClicks Corpus', rows: Object.keys(CORPUS).length, truncated: null, typedFrom: 'metadata' });
    expect(sheet.header).toEqual(v2 ? V2_COLUMNS : V4_COLUMNS);
    expect(formula.header).toEqual(sheet.header);
    // the expectation table covers the corpus exactly: no case is imported untested, none is missing
    expect([...sheet.cases].sort()).toEqual(Object.keys(CORPUS).sort());
    expect([...formula.cases].sort()).toEqual(Object.keys(CORPUS).sort());
  });

  it('creates no formula anywhere', () => {
    expect(env.sheetSnapshot(result.sheetName).formulas.flat().filter(Boolean)).toEqual([]);
  });

  describe.each(casesFor(CORPUS, zonesOnly))('%s', (caseName, expectation) => {
    const dropped = v2 && expectation.v4Only;
    caseTest('the cell and the =TRUECLICKS() value are as specified', expectation, () => ({
      sheet: checkRow(sheet, caseName, expectation, timeZone, { dropped }),
      formula: checkRow(formula, caseName, expectation, timeZone, { dropped }),
    }));
  });
});

/**
 * Output modes (issue 11): the same corpus lands exactly as in replace when the rows are written by the append
 * and merge writers. Append: a second snapshot below the first (checked: the newest row of each case). Merge: a
 * first run without two cases, then the whole corpus: those two are inserted by the merge writer, the rest compared.
 */
const MODE_VARIANTS = [
  { mode: 'append', root: 'odata', timeZone: 'America/New_York' },
  { mode: 'append', root: 'odata-v2', timeZone: 'America/Santiago' },
  { mode: 'merge', root: 'odata', timeZone: 'America/New_York' },
  { mode: 'merge', root: 'odata-v2', timeZone: 'America/Santiago' },
] as const;

describe.each(MODE_VARIANTS)('Corpus in $mode mode over $root, spreadsheet in $timeZone', ({ mode, root, timeZone }) => {
  const v2 = root === 'odata-v2';
  let env: GasEnvironment;
  let sheet: Grid;
  let second: ReturnType<AddOn['importDataset']>;

  beforeAll(() => {
    let addOn: AddOn;
    ({ env, addOn } = loadAddOn({ timeZone }));
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/${root}/` });
    if (mode === 'append') {
      addOn.importDataset({ dataset: 'Corpus', mode, snapshotEvery: 'run' });
      second = addOn.importDataset({ dataset: 'Corpus', mode, snapshotEvery: 'run' });
    } else {
      expect(addOn.importDataset({ dataset: 'Corpus', mode, filter: "Case ne 'zeros-007' and Case ne 'id-phone'" }).rows).toBeLessThan(Object.keys(CORPUS).length);
      second = addOn.importDataset({ dataset: 'Corpus', mode });
    }
    sheet = sheetGrid(env, second.sheetName);
    // (A row may count as updated: an instant in the repeated DST hour reads back an hour off, as Sheets stores wall-clock serials.)
    if (mode === 'merge') expect(second.changes).toMatch(/^[01] updated, 2 added, 0 removed/);
  });
  afterAll(() => env.close());

  it('holds every case with the same columns as replace (append: after SnapshotAt), and no formula', () => {
    const cases = Object.keys(CORPUS).length;
    expect(second.rows).toBe(mode === 'append' ? 2 * cases : cases);
    expect(sheet.header).toEqual((mode === 'append' ? ['SnapshotAt'] : []).concat(v2 ? V2_COLUMNS : V4_COLUMNS));
    expect([...sheet.cases].sort()).toEqual(Object.keys(CORPUS).sort());
    expect(env.sheetSnapshot(second.sheetName).formulas.flat().filter(Boolean)).toEqual([]);
  });

  describe.each(Object.entries(CORPUS))('%s', (caseName, expectation) => {
    const dropped = v2 && expectation.v4Only;
    caseTest('the cell is as specified', expectation, () => ({
      sheet: checkRow(sheet, caseName, expectation, timeZone, { dropped, fixedColumns: ['Case', 'Why', 'SnapshotAt'] }),
      formula: [],
    }));
  });
});

describe.each([
  { timeZone: 'America/New_York', zonesOnly: false },
  { timeZone: 'America/Santiago', zonesOnly: true },
])('check table hostile-corpus (REST), spreadsheet in $timeZone', ({ timeZone, zonesOnly }) => {
  let env: GasEnvironment;
  let addOn: AddOn;
  let sheet: Grid;
  let formula: Grid;
  let result: ReturnType<AddOn['importCheckTable']>;
  const FIXED = ['AccountId', 'Case', 'Why'];

  beforeAll(() => {
    ({ env, addOn } = loadAddOn({ timeZone }));
    addOn.saveConnection({ username: sb.username, token: sb.token, baseUrl: `${sb.url}/odata/` });
    result = addOn.importCheckTable({ ruleKey: 'hostile-corpus', accountIds: ['1001'] });
    sheet = sheetGrid(env, result.sheetName);
    formula = formulaGrid(env.runCustomFunction('TRUECLICKS_TABLE', ['hostile-corpus', '1001']) as unknown[][]);
  });
  afterAll(() => env.close());

  it('imports every case for the account, the account id first, every column it returned and no annotation', () => {
    expect(result.rows).toBe(Object.keys(REST).length);
    expect(sheet.header[0]).toBe('AccountId');
    // (the Dotted.Key collision is checked by its own case)
    const expectedColumns = new Set(['AccountId', 'Case', 'Why', ...Object.values(REST).flatMap((e) => Object.keys(e.cells))]);
    expect(sheet.header.filter((c) => !c.startsWith('Dotted'))).toEqual(expect.arrayContaining([...expectedColumns]));
    expect(sheet.header.filter((c) => !expectedColumns.has(c) && !c.startsWith('Dotted'))).toEqual([]);
    expect(sheet.header.some((c) => c.includes('@odata') || c.includes('odata.etag'))).toBe(false);
    expect(formula.header).toEqual(sheet.header);
    expect([...sheet.cases].sort()).toEqual(Object.keys(REST).sort());
    for (const grid of [sheet, formula]) for (const name of grid.cases) expect(grid.rowOf(name)![0].value).toBe(1001);
  });

  it('writes hostile keys as literal header text: no formula anywhere', () => {
    const snap = env.sheetSnapshot(result.sheetName);
    expect(snap.formulas.flat().filter(Boolean)).toEqual([]);
    for (const key of Object.values(HOSTILE_KEYS)) {
      const c = snap.values[0].indexOf(key);
      expect({ key, value: snap.values[0][c], format: snap.formats[0][c] }).toEqual({ key, value: key, format: '@' });
    }
  });

  describe.each(casesFor(REST, zonesOnly).filter(([name]) => name !== 'rest-dotted-key-collision'))('%s', (caseName, expectation) => {
    caseTest('the cell and the =TRUECLICKS_TABLE() value are as specified', expectation, () => ({
      sheet: checkRow(sheet, caseName, expectation, timeZone, { fixedColumns: FIXED }),
      formula: checkRow(formula, caseName, expectation, timeZone, { fixedColumns: FIXED }),
    }));
  });

  describe('rest-dotted-key-collision: a key "Dotted.Key" beside a nested {"Dotted":{"Key"}}', () => {
    const values = () => [sheet, formula].map((grid) => grid.rowOf('rest-dotted-key-collision')!.map((c) => c.value));
    it('keeps both values, in two columns, as text and no formula', () => {
      for (const row of values()) expect(row).toEqual(expect.arrayContaining(['literal', 'nested']));
      expect(sheet.rowOf('rest-dotted-key-collision')!.every((c) => !c.formula)).toBe(true);
    });
  });
});
