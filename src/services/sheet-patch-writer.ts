/**
 * Range operations for append and merge: the adapter that turns a plan (core/history) into a bounded number of
 * Apps Script calls. It never shifts rows in the middle of the data: rows are written at the bottom or in place,
 * cleared in place, or (retention) deleted whole at the top. Called only after every page has arrived and the
 * plan is made, so a failed fetch never touches the tab.
 */
import { RowBlock } from '../core/history/merge-plan';
import { TEXT_FORMAT } from '../core/table/typing';
import { HEADER_BACKGROUND } from './sheet-writer';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Data rows are counted from 0 below the header: data row r is sheet row r + 2. */
const FIRST_DATA_ROW = 2;

/** One read of `columns` columns starting at column 1, for the data rows from..from+rows-1. */
export function readDataColumns(sheet: Sheet, rows: number, columns: number, from = 0): unknown[][] {
  if (rows <= 0 || columns <= 0) return [];
  return sheet.getRange(FIRST_DATA_ROW + from, 1, rows, columns).getValues();
}

/**
 * Grows the grid from `oldRows` to `rows` data rows and from `oldWidth` to `width` data columns. Rows are added
 * right below the data when the user keeps something further down (a total row, say), so it moves down instead
 * of being overwritten; likewise new data columns are inserted right after the old data area when the user keeps
 * columns of their own beside it, so those columns (and formulas pointing at them, which Sheets adjusts) move
 * right with their rows.
 */
export function ensureGrid(sheet: Sheet, oldRows: number, rows: number, oldWidth: number, width: number): void {
  const dataEnd = oldRows + 1;
  if (rows > oldRows && sheet.getLastRow() > dataEnd) sheet.insertRowsAfter(dataEnd, rows - oldRows);
  else if (sheet.getMaxRows() < rows + 1) sheet.insertRowsAfter(sheet.getMaxRows(), rows + 1 - sheet.getMaxRows());
  if (width > oldWidth && sheet.getLastColumn() > oldWidth) sheet.insertColumnsAfter(oldWidth, width - oldWidth);
  else if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
}

/** Writes the header cells of columns the source added (from `fromColumn`, 0-based) in the header's style. */
export function extendHeader(sheet: Sheet, header: string[], fromColumn: number): void {
  if (header.length <= fromColumn) return;
  const added = header.slice(fromColumn);
  const range = sheet.getRange(1, fromColumn + 1, 1, added.length);
  range.setNumberFormats([added.map(() => TEXT_FORMAT)]);
  range.setValues([added]);
  range.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
}

/** Formats first, so text lands in plain-text cells and is stored literally; then values. Two calls per block. */
export function writeBlock(sheet: Sheet, block: RowBlock): void {
  if (!block.values.length) return;
  const range = sheet.getRange(FIRST_DATA_ROW + block.start, 1, block.values.length, block.values[0].length);
  range.setNumberFormats(block.formats as string[][]);
  range.setValues(block.values as unknown[][]);
}

/** Empties data rows in place (contents only), within the data columns. */
export function clearRows(sheet: Sheet, start: number, rows: number, width: number): void {
  if (rows > 0 && width > 0) sheet.getRange(FIRST_DATA_ROW + start, 1, rows, width).clearContent();
}

/** Deletes the oldest data rows (whole rows, so a user's columns beside them go with them and stay aligned). */
export function deleteTopRows(sheet: Sheet, rows: number): void {
  if (rows > 0) sheet.deleteRows(FIRST_DATA_ROW, rows);
}

export function setImportNote(sheet: Sheet, note: string): void {
  sheet.getRange(1, 1).setNote(note);
}
