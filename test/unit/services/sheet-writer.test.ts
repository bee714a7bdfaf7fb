/**
 * The sheet writer against the Sheet fake: large tables go out in bounded chunks, every cell lands where it
 * belongs, and small tables stay one call.
 */
import { createGasEnvironment, GasEnvironment } from '../../fakes';
import { Table } from '../../../src/core/table/build-table';
import { WRITE_CHUNK_CELLS, writeTable } from '../../../src/services/sheet-writer';

let env: GasEnvironment;
beforeEach(() => {
  env = createGasEnvironment();
});
afterEach(() => env.close());

function table(rows: number, width: number): Table {
  const header = Array.from({ length: width }, (_, c) => `Col${c}`);
  const values = Array.from({ length: rows }, (_, r) => Array.from({ length: width }, (_2, c) => r * width + c));
  const formats = Array.from({ length: rows }, () => new Array(width).fill('0'));
  return { header, values, formats, kinds: new Array(width).fill('number'), typedFrom: 'values' };
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

it('writes a large table in chunks of at most WRITE_CHUNK_CELLS cells, every cell in place', () => {
  const sheet = env.spreadsheet.insertSheet('Big') as unknown as Sheet;
  const t = table(25000, 10); // 250,010 cells with the header
  env.resetStats();
  const written = writeTable(sheet, t, 'note', 'whole-sheet');
  expect(written).toEqual({ rows: 25000, columns: 10 });
  // 100,000 cells per call = 10,000 rows of 10 columns: 25,001 rows take 3 calls.
  expect(WRITE_CHUNK_CELLS).toBe(100000);
  expect(env.stats.setValuesCalls).toBe(3);
  expect(env.stats.cellsWritten).toBe(25001 * 10);
  const snap = env.sheetSnapshot('Big');
  expect(snap.values[0]).toEqual(t.header);
  expect(snap.values[10000]).toEqual(t.values[9999]);
  expect(snap.values[25000]).toEqual(t.values[24999]);
});

it('a table that fits one chunk is one setValues call', () => {
  const sheet = env.spreadsheet.insertSheet('Small') as unknown as Sheet;
  env.resetStats();
  writeTable(sheet, table(3000, 20), 'note', 'whole-sheet');
  expect(env.stats.setValuesCalls).toBe(1);
});
