/**
 * A range remembered by a chart, pivot table or conditional format: which sheet and which cells, and whether it
 * was given open-ended (A2:D), which Sheets keeps open so it follows rows added later. Assumed: a Range obtained
 * with an open-ended A1 string keeps that property when it is handed to a chart or a pivot table (see README,
 * Platform assumptions).
 */
import { toA1 } from './a1';
import type { FakeRange } from './range';
import type { FakeSheet } from './sheet';

export interface GridRef {
  sheet: FakeSheet;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  openEnded: boolean;
}

export function refOf(range: FakeRange): GridRef {
  return {
    sheet: range.getSheet(),
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
    openEnded: range._openEnded,
  };
}

/** Rows the reference covers now: an open-ended one grows with its sheet. */
export function currentRows(ref: GridRef): number {
  return ref.openEnded ? ref.sheet._grid.maxRows - ref.row + 1 : ref.numRows;
}

/** 'Sheet name'!A2:D (open-ended) or A2:D40, for assertions and the workbench. */
export function describeRef(ref: GridRef): string {
  const a1 = toA1(ref.row, ref.column, ref.numRows, ref.numColumns);
  const text = ref.openEnded ? a1.replace(/\d+$/, '') : a1;
  return `'${ref.sheet._name.replace(/'/g, "''")}'!${text}`;
}

/** The stored value of each cell (formulas count as their cached result: undefined here). */
export function rawValues(ref: GridRef): unknown[][] {
  const out: unknown[][] = [];
  const rows = Math.min(currentRows(ref), Math.max(0, ref.sheet._grid.lastRow() - ref.row + 1));
  for (let i = 0; i < rows; i++) {
    const row: unknown[] = [];
    for (let j = 0; j < ref.numColumns; j++) {
      const cell = ref.sheet._grid.get(ref.row + i, ref.column + j);
      row.push(cell && cell.v !== undefined ? cell.v : '');
    }
    out.push(row);
  }
  return out;
}
