/** Sheet/Range structure, errors, counters and developer metadata. */
import { createGasEnvironment } from '../../fakes';
import type { FakeRange } from '../../fakes/range';
import type { FakeSheet } from '../../fakes/sheet';
import type { FakeDeveloperMetadata, FakeSpreadsheet } from '../../fakes/spreadsheet';

type Any = any;

// Compile-time check that the fakes invent no Apps Script method names (test-only members start with
// "_" or are listed here).
type PublicKeys<T> = { [K in keyof T]: K extends `_${string}` ? never : K }[keyof T];
type Invented<F, Real, Allowed = never> = Exclude<PublicKeys<F>, keyof Real | Allowed>;
type AssertNone<T extends never> = T;
export type CheckRange = AssertNone<Invented<FakeRange, GoogleAppsScript.Spreadsheet.Range>>;
export type CheckSheet = AssertNone<Invented<FakeSheet, GoogleAppsScript.Spreadsheet.Sheet, 'stats'>>;
export type CheckSpreadsheet = AssertNone<Invented<FakeSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet, 'stats' | 'sheetStats' | 'resetStats'>>;
export type CheckMetadata = AssertNone<Invented<FakeDeveloperMetadata, GoogleAppsScript.Spreadsheet.DeveloperMetadata>>;

function setup(options: Parameters<typeof createGasEnvironment>[0] = {}) {
  const env = createGasEnvironment(options);
  const g = env.globals as Any;
  const ss = g.SpreadsheetApp.getActiveSpreadsheet();
  return { env, g, ss, sheet: ss.getActiveSheet() };
}

describe('dimensions and grid limits', () => {
  test('setValues checks rows, then columns, with the Sheets messages, and writes nothing on error', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 2, 3);
    expect(() => range.setValues([[1, 2, 3]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2, 3], [4, 5]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(() => range.setValues([])).toThrow('The data has 0 but the range has 2.');
    expect(() => range.setValues([1, 2, 3])).toThrow("The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(() => range.setValues('abc')).toThrow("The parameters (String) don't match the method signature");
    expect(sheet.getLastRow()).toBe(0);
  });

  test('errors are Apps Script "Exception"s', () => {
    const { sheet } = setup();
    try {
      sheet.getRange(0, 1);
      throw new Error('no throw');
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
      expect(String(e)).toBe('Exception: The starting row of the range is too small.');
    }
  });

  test('getRange validates like Sheets; new sheets are 1000 x 26', () => {
    const { sheet } = setup();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    const outside = 'The coordinates of the range are outside the dimensions of the sheet.';
    expect(() => sheet.getRange(1001, 1)).toThrow(outside);
    expect(() => sheet.getRange(1, 1, 1, 27)).toThrow(outside);
    expect(() => sheet.getRange('AA1')).toThrow(outside);
    expect(() => sheet.getRange('A1:A1001')).toThrow(outside);
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(sheet.getRange('A:B').getA1Notation()).toBe('A1:B1000');
    expect(sheet.getRange('B2:C').getNumRows()).toBe(999);
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1005, 1).getA1Notation()).toBe('A1005');
  });

  test('a cell holds at most 50,000 characters (values, text cells and formulas)', () => {
    const { sheet } = setup();
    const msg = 'Your input contains more than the maximum of 50000 characters in a single cell.';
    const big = 'x'.repeat(50_001);
    expect(() => sheet.getRange('A1').setValue(big)).toThrow(msg);
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['ok', big]])).toThrow(msg);
    expect(sheet.getRange('A1').getValue()).toBe('');
    sheet.getRange('B1').setNumberFormat('@');
    expect(() => sheet.getRange('B1').setValue(big)).toThrow(msg);
    expect(() => sheet.getRange('C1').setFormula('=' + big)).toThrow(msg);
    sheet.getRange('A1').setValue('y'.repeat(50_000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50_000);
  });

  test('a spreadsheet holds at most 10,000,000 cells', () => {
    const { ss, sheet } = setup();
    const msg = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    sheet.insertRowsAfter(1000, 383_000); // 384,000 x 26 = 9,984,000
    expect(() => sheet.insertRowsAfter(1, 4_000)).toThrow(msg);
    expect(() => ss.insertSheet('More')).toThrow(msg);
    expect(() => sheet.insertColumnsAfter(26, 1)).toThrow(msg);
    sheet.insertRowsAfter(1, 500);
    expect(sheet.getMaxRows()).toBe(384_500);
  });
});

describe('sheets', () => {
  test('insertSheet names, duplicates (case-insensitive), index and activation', () => {
    const { ss } = setup();
    const a = ss.insertSheet('Accounts');
    expect(ss.getActiveSheet()).toBe(a);
    expect(a.getIndex()).toBe(2);
    expect(() => ss.insertSheet('accounts')).toThrow('A sheet with the name "accounts" already exists. Please enter another name.');
    expect(ss.getSheetByName('ACCOUNTS')).toBe(a);
    expect(ss.getSheetByName('nope')).toBeNull();
    const first = ss.insertSheet('First', 0);
    expect(first.getIndex()).toBe(1);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(() => a.setName('Sheet1')).toThrow('already exists');
    expect(ss.getSheets().map((s: FakeSheet) => s.getName())).toEqual(['First', 'Sheet1', 'Accounts', 'Sheet4']);
    expect(ss.getSheetById(a.getSheetId())).toBe(a);
  });

  test('deleteSheet, and the last visible sheet cannot go', () => {
    const { ss, sheet } = setup();
    const b = ss.insertSheet('B');
    ss.deleteSheet(b);
    expect(ss.getSheets()).toHaveLength(1);
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the visible sheets in a document.");
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets in a document.");
  });

  test('Spreadsheet.getRange with a sheet name', () => {
    const { ss } = setup();
    const s = ss.insertSheet('My data');
    ss.getRange("'My data'!B2").setValue('x');
    expect(s.getRange('B2').getValue()).toBe('x');
    expect(() => ss.getRange('Missing!A1')).toThrow('Range not found');
  });

  test('getLastRow/getLastColumn reflect content only; getDataRange; insert/delete shift data', () => {
    const { sheet } = setup();
    sheet.getRange('C5').setNumberFormat('@').setNote('n');
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange(2, 2, 2, 2).setValues([['a', 'b'], ['c', '=A1']]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getRange('B4').getValue()).toBe('a');
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getRange('C4').getValue()).toBe('a');
    sheet.deleteRows(1, 3);
    expect(sheet.getRange('C1').getValue()).toBe('a');
    expect(sheet.getMaxRows()).toBe(999);
    sheet.deleteColumns(1, 2);
    expect(sheet.getRange('A1').getValue()).toBe('a');
    expect(() => sheet.deleteRows(1, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    expect(() => sheet.deleteRows(990, 20)).toThrow('Those rows are out of bounds.');
  });

  test('appendRow parses, lands after the last row and grows the grid', () => {
    const { sheet } = setup();
    sheet.getRange('A1000').setValue('last');
    sheet.appendRow(['00123', 'x']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([[123, 'x']]);
  });

  test('frozen rows, formats, notes, styles and clearing', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    const r = sheet.getRange(1, 1, 2, 2);
    r.setValues([['h1', 'h2'], [1, 2]]);
    expect(() => r.setNumberFormats([['@']])).toThrow('The number of rows in the data does not match');
    r.setNumberFormats([['@', '@'], ['0.00', '0.00']]);
    r.setNotes([['a', null], ['', 'd']]);
    expect(r.getNotes()).toEqual([['a', ''], ['', 'd']]);
    sheet.getRange('A1:B1').setFontWeight('bold').setBackground('#eeeeee');
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    expect(r.getFontWeights()).toEqual([['bold', 'bold'], ['normal', 'normal']]);
    expect(r.getDisplayValues()).toEqual([['h1', 'h2'], ['1.00', '2.00']]);
    r.clearContent();
    expect(r.getValues()).toEqual([['', ''], ['', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@'], ['0.00', '0.00']]);
    r.clearFormat();
    expect(r.getNumberFormat()).toBe('0.###############');
    expect(r.getBackground()).toBe('#ffffff');
    expect(r.getNote()).toBe('a');
    r.clearNote();
    expect(r.getNotes()).toEqual([['', ''], ['', '']]);
  });

  test('offset, getCell and A1 notation', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D4');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:E5');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(r.getCell(2, 3).getA1Notation()).toBe('D3');
    expect(() => r.offset(-2, 0)).toThrow('The starting row of the range is too small.');
  });
});

describe('counters', () => {
  test('one setValues is one range call; row-by-row writing is one per row', () => {
    const { env, sheet } = setup();
    const rows = Array.from({ length: 100 }, (_, i) => [i, 'x', true, 'a', 'b']);
    sheet.getRange(1, 1, 100, 5).setValues(rows);
    expect(env.stats).toMatchObject({ rangeCalls: 1, setValuesCalls: 1, cellsWritten: 500, writeCalls: 1 });
    env.resetStats();
    rows.forEach((row, i) => sheet.getRange(i + 1, 1, 1, 5).setValues([row]));
    expect(env.stats.setValuesCalls).toBe(100);
    sheet.getDataRange().getValues();
    expect(env.stats).toMatchObject({ getValuesCalls: 1, cellsRead: 500, rangeCalls: 101 });
    expect(env.spreadsheet.sheetStats('Sheet1').rangeCalls).toBe(101);
  });

  test('per sheet, and flush is counted', () => {
    const { env, g, ss } = setup();
    const other = ss.insertSheet('Other');
    other.getRange('A1').setValue(1);
    other.getRange('A1').setNumberFormat('0.0');
    g.SpreadsheetApp.flush();
    expect(env.spreadsheet.sheetStats('Other')).toMatchObject({ rangeCalls: 2, setValuesCalls: 1 });
    expect(env.spreadsheet.sheetStats('Sheet1').rangeCalls).toBe(0);
    expect(env.stats.flushCalls).toBe(1);
  });
});

describe('developer metadata', () => {
  test('add, find, update and remove; deleting a sheet removes its metadata', () => {
    const { g, ss } = setup();
    const V = g.SpreadsheetApp.DeveloperMetadataVisibility;
    ss.addDeveloperMetadata('trueclicks.version', '1');
    ss.addDeveloperMetadata('trueclicks.flag');
    ss.addDeveloperMetadata('trueclicks.private', 'p', V.PROJECT);
    ss.addDeveloperMetadata('trueclicks.project', V.PROJECT);
    const data = ss.insertSheet('Data');
    data.addDeveloperMetadata('trueclicks.import', '{"dataset":"accounts"}');

    const all = ss.getDeveloperMetadata();
    expect(all.map((m: FakeDeveloperMetadata) => [m.getKey(), m.getValue(), String(m.getVisibility())])).toEqual([
      ['trueclicks.version', '1', 'DOCUMENT'],
      ['trueclicks.flag', null, 'DOCUMENT'],
      ['trueclicks.private', 'p', 'PROJECT'],
      ['trueclicks.project', null, 'PROJECT'],
    ]);
    const found = ss.createDeveloperMetadataFinder().withKey('trueclicks.import').find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getSheet()).toBe(data);
    expect(String(found[0].getLocation().getLocationType())).toBe('SHEET');
    expect(data.createDeveloperMetadataFinder().withValue('1').find()).toHaveLength(0);
    found[0].setValue('{"dataset":"users"}');
    expect(data.getDeveloperMetadata()[0].getValue()).toBe('{"dataset":"users"}');
    ss.createDeveloperMetadataFinder().withKey('trueclicks.flag').find()[0].remove();
    expect(ss.getDeveloperMetadata()).toHaveLength(3);
    ss.deleteSheet(data);
    expect(ss.createDeveloperMetadataFinder().withKey('trueclicks.import').find()).toHaveLength(0);
  });

  test('per-location size limit (assumed 30,000 characters)', () => {
    const { ss } = setup();
    ss.addDeveloperMetadata('k', 'v'.repeat(29_000));
    expect(() => ss.addDeveloperMetadata('k2', 'v'.repeat(1_000))).toThrow('exceed the limit of 30000 characters');
  });
});

describe('sheetSnapshot', () => {
  test('values, formats, formulas, notes and frozen rows of the data region', () => {
    const { env, sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 2, 2).setValues([['id', 'when'], ['00123', '2024-03-05']]);
    sheet.getRange('A3').setNumberFormat('@').setValue('00123').setNote('kept');
    sheet.getRange('B3').setValue('=A3');
    const snap = env.sheetSnapshot('Sheet1');
    expect(snap.values.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v)))).toEqual([
      ['id', 'when'],
      [123, '2024-03-04T23:00:00.000Z'],
      ['00123', '#FORMULA'],
    ]);
    expect(snap.displayValues[1]).toEqual(['123', '2024-03-05']);
    expect(snap.formats[2]).toEqual(['@', '0.###############']);
    expect(snap.formulas[2]).toEqual(['', '=A3']);
    expect(snap.notes[2]).toEqual(['kept', '']);
    expect(snap.frozenRows).toBe(1);
  });
});
