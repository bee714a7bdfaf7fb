/**
 * The fidelity contract of the Sheet fake: strings written with setValue(s) are parsed like typed
 * input unless the cell is plain text "@" (rules in test/fakes/sheets-parse.ts).
 */
import { createGasEnvironment, createManualClock, FORMULA_PARSE_ERROR, FORMULA_PLACEHOLDER } from '../../fakes';

// "now" is 2024-06-15 so that year-less dates ("1-2") land in 2024
const clock = createManualClock(Date.UTC(2024, 5, 15, 12, 0, 0));

type Any = any;

function setup(options: Parameters<typeof createGasEnvironment>[0] = {}) {
  const env = createGasEnvironment({ now: clock.now, ...options });
  const g = env.globals as Any;
  const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  return { env, g, sheet };
}

function write(value: unknown, opts: { text?: boolean; format?: string } = {}) {
  const { sheet } = setup();
  const cell = sheet.getRange('B2');
  if (opts.text) cell.setNumberFormat('@');
  if (opts.format) cell.setNumberFormat(opts.format);
  cell.setValue(value);
  return {
    value: cell.getValue(),
    display: cell.getDisplayValue() as string,
    formula: cell.getFormula() as string,
    format: cell.getNumberFormat() as string,
  };
}

/** the instant at which Amsterdam's wall clock shows the given time */
const ams = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const summer = mo > 3 && mo < 10; // good enough for the dates used here
  return new Date(utc - (summer ? 2 : 1) * 3600_000);
};

describe('strings in an automatic (unformatted) cell are parsed like typed input', () => {
  test.each([
    // [input, value, display, number format]
    ["'00123", '00123', '00123', '0.###############'],
    ["'=SUM(1,2)", '=SUM(1,2)', '=SUM(1,2)', '0.###############'],
    ["'TRUE", 'TRUE', 'TRUE', '0.###############'],
    ['   ', '   ', '   ', '0.###############'],
    ['TRUE', true, 'TRUE', '0.###############'],
    ['false', false, 'FALSE', '0.###############'],
    ['True', true, 'TRUE', '0.###############'],
    ['00123', 123, '123', '0.###############'],
    ['-5', -5, '-5', '0.###############'],
    ['+5', 5, '5', '0.###############'],
    [' 42 ', 42, '42', '0.###############'],
    ['1.5', 1.5, '1.5', '0.###############'],
    ['.5', 0.5, '0.5', '0.###############'],
    ['1,234.5', 1234.5, '1,234.50', '#,##0.00'],
    ['1,234', 1234, '1,234', '#,##0'],
    ['1e5', 100000, '1.00E+05', '0.00E+00'],
    ['50%', 0.5, '50%', '0%'],
    ['12.5%', 0.125, '12.50%', '0.00%'],
    ['$1,234.50', 1234.5, '$1,234.50', '"$"#,##0.00'],
    ['-$5', -5, '-$5.00', '"$"#,##0.00'],
    ['€5', 5, '€5.00', '[$€]#,##0.00'],
    ['(123)', -123, '-123', '0.###############'],
    ['12345678901234567', 12345678901234600, '1.23457E+16', '0.###############'],
    ['1,23', '1,23', '1,23', '0.###############'],
    ['123-456-7890', '123-456-7890', '123-456-7890', '0.###############'],
    ['ID-00123', 'ID-00123', 'ID-00123', '0.###############'],
    ['abc', 'abc', 'abc', '0.###############'],
    ['2/30/2024', '2/30/2024', '2/30/2024', '0.###############'],
    ['13/1/2024', '13/1/2024', '13/1/2024', '0.###############'],
  ])('%j', (input, value, display, format) => {
    const r = write(input);
    expect(r.value).toEqual(value);
    expect(r.display).toBe(display);
    expect(r.format).toBe(format);
    expect(r.formula).toBe('');
  });

  test.each([
    ['2024-03-05', ams(2024, 3, 5), '2024-03-05', 'yyyy-mm-dd'],
    ['2024/03/05', ams(2024, 3, 5), '2024-03-05', 'yyyy-mm-dd'],
    ['2024-03-05 10:30', ams(2024, 3, 5, 10, 30), '2024-03-05 10:30:00', 'yyyy-mm-dd h:mm:ss'],
    ['2024-03-05T10:30:00', ams(2024, 3, 5, 10, 30), '2024-03-05 10:30:00', 'yyyy-mm-dd h:mm:ss'],
    ['2024-07-05T10:30:00', ams(2024, 7, 5, 10, 30), '2024-07-05 10:30:00', 'yyyy-mm-dd h:mm:ss'],
    ['2024-03-05T10:30:00Z', new Date(Date.UTC(2024, 2, 5, 10, 30)), '2024-03-05 11:30:00', 'yyyy-mm-dd h:mm:ss'],
    ['3/5/2024', ams(2024, 3, 5), '3/5/2024', 'm/d/yyyy'],
    ['3-5-2024', ams(2024, 3, 5), '3/5/2024', 'm/d/yyyy'],
    ['3/5/24', ams(2024, 3, 5), '3/5/2024', 'm/d/yyyy'],
    ['1-2', ams(2024, 1, 2), '1/2/2024', 'm/d/yyyy'],
    ['3/5/2024 14:05', ams(2024, 3, 5, 14, 5), '3/5/2024 14:05:00', 'm/d/yyyy h:mm:ss'],
    ['March 5, 2024', ams(2024, 3, 5), 'March 5, 2024', 'mmmm d, yyyy'],
    ['5 Mar 2024', ams(2024, 3, 5), 'March 5, 2024', 'mmmm d, yyyy'],
  ])('date/time %j becomes a Date at that wall-clock time in the spreadsheet zone', (input, date, display, format) => {
    const r = write(input);
    expect(Object.prototype.toString.call(r.value)).toBe('[object Date]');
    expect((r.value as Date).toISOString()).toBe(date.toISOString());
    expect(r.display).toBe(display);
    expect(r.format).toBe(format);
  });

  test.each([
    ['10:30', '1899-12-30 10:30', '10:30:00 AM'],
    ['10:30 PM', '1899-12-30 22:30', '10:30:00 PM'],
  ])('time of day %j is a Date on 1899-12-30 (in 1899 the zone has its historical offset)', (input, wall, display) => {
    const r = write(input);
    const shown = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).format(r.value as Date);
    expect(shown).toBe(wall);
    expect(r.display).toBe(display);
    expect(r.format).toBe('h:mm:ss am/pm');
  });

  test('a duration beyond 24 h', () => {
    const r = write('25:30');
    expect(r.format).toBe('[h]:mm:ss');
    expect(r.display).toBe('25:30:00');
  });

  test.each([
    ['=SUM(1,2)', '=SUM(1,2)', FORMULA_PLACEHOLDER],
    ['=', '=', FORMULA_PARSE_ERROR],
    ['+1 (555) 0100', '=+1 (555) 0100', FORMULA_PARSE_ERROR],
    ['-A1', '=-A1', FORMULA_PLACEHOLDER],
    ['-5% budget', '=-5% budget', FORMULA_PARSE_ERROR],
    ['+A1*2', '=+A1*2', FORMULA_PLACEHOLDER],
    ['=IMPORTXML("http://x", "//a")', '=IMPORTXML("http://x", "//a")', FORMULA_PLACEHOLDER],
  ])('%j becomes a formula', (input, formula, value) => {
    const r = write(input);
    expect(r.formula).toBe(formula);
    expect(r.value).toBe(value);
  });
});

describe('strings in a plain-text "@" cell are stored verbatim', () => {
  test.each(['00123', '=SUM(1,2)', '+1 (555) 0100', '-A1', 'TRUE', '2024-03-05', '1-2', '50%', '$5', '1e5', "'quoted", '12345678901234567'])(
    '%j',
    (input) => {
      const r = write(input, { text: true });
      expect(r.value).toBe(input);
      expect(r.display).toBe(input);
      expect(r.formula).toBe('');
      expect(r.format).toBe('@');
    },
  );

  test('setValues honours "@" per cell', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 1, 2);
    range.setNumberFormats([['@', '0.###############']]);
    range.setValues([['00123', '00123']]);
    expect(range.getValues()).toEqual([['00123', 123]]);
  });

  test('non-strings keep their type in an "@" cell', () => {
    const r = write(5, { text: true });
    expect(r.value).toBe(5);
  });
});

describe('non-string values', () => {
  test('numbers and booleans are stored as-is (no 15-digit cut)', () => {
    expect(write(0.1 + 0.2).value).toBe(0.1 + 0.2);
    // eslint-disable-next-line no-loss-of-precision -- Sheets stores what the double holds; the literal is the test
    expect(write(12345678901234567).value).toBe(12345678901234567);
    expect(write(true).value).toBe(true);
  });

  test('null, undefined and "" clear the cell', () => {
    for (const v of [null, undefined, '']) {
      const { sheet } = setup();
      sheet.getRange('A1').setValue('x');
      sheet.getRange('A1').setValue(v);
      expect(sheet.getRange('A1').getValue()).toBe('');
      expect(sheet.getLastRow()).toBe(0);
    }
  });

  test('a JS Date is stored as that instant, with a date-time format, displayed in the spreadsheet zone', () => {
    const d = new Date(Date.UTC(2024, 2, 5, 9, 30, 15));
    const r = write(d);
    expect((r.value as Date).getTime()).toBe(d.getTime());
    expect(r.format).toBe('m/d/yyyy h:mm:ss');
    expect(r.display).toBe('3/5/2024 10:30:15');
    const { sheet } = setup({ timeZone: 'America/New_York' });
    sheet.getRange('A1').setValue(d);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('3/5/2024 4:30:15');
  });

  test('getValues returns fresh Date copies', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('2024-03-05');
    const first = sheet.getRange('A1').getValue() as Date;
    first.setFullYear(1999);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(ams(2024, 3, 5).toISOString());
  });

  test('a Date written to a "0.00" cell reads back as its serial number (Sheets keeps the format)', () => {
    const r = write(new Date(Date.UTC(2024, 2, 4, 23, 0)), { format: '0.00' });
    expect(r.value).toBe(45356);
    expect(r.display).toBe('45356.00');
  });

  test('formats stick: a number typed into a cell that got a date format reads back as a Date', () => {
    const { sheet } = setup();
    const a1 = sheet.getRange('A1');
    a1.setValue('2024-03-05');
    a1.setValue('42');
    expect(Object.prototype.toString.call(a1.getValue())).toBe('[object Date]');
    expect(a1.getDisplayValue()).toBe('1900-02-10');
  });

  test('changing the spreadsheet time zone keeps wall-clock dates (serials) and moves the instant', () => {
    const { g, sheet } = setup();
    sheet.getRange('A1').setValue('2024-03-05 10:00');
    g.SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone('Etc/UTC');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2024-03-05T10:00:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2024-03-05 10:00:00');
  });

  test('an evaluateFormula hook supplies formula results', () => {
    const { sheet } = setup({ evaluateFormula: (f) => (f === '=1+1' ? 2 : undefined) });
    sheet.getRange(1, 1, 1, 2).setValues([['=1+1', '=A1*3']]);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([[2, FORMULA_PLACEHOLDER]]);
  });
});

describe('display formats', () => {
  test.each([
    [3.14159, '0.00', '3.14'],
    [1234567.8, '#,##0', '1,234,568'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [-1234.5, '#,##0.00;(#,##0.00)', '(1,234.50)'],
    [0.256, '0%', '26%'],
    [0.1 + 0.2, '0.###############', '0.3'],
    [5, '@', '5'],
    [12, '000', '012'],
    [1234.5, '"€ "#,##0.00', '€ 1,234.50'],
    [45356.4375, 'yyyy-mm-dd hh:mm:ss', '2024-03-05 10:30:00'],
    [45356.4375, 'dd/mm/yyyy', '05/03/2024'],
    [45356.4375, 'ddd d mmm yy', 'Tue 5 Mar 24'],
    [45356.4375, 'h:mm am/pm', '10:30 AM'],
  ])('%p with %j -> %j', (value, format, display) => {
    const r = write(value, { format: format as string });
    expect(r.display).toBe(display);
  });
});
