/**
 * Writes a finished table into a tab in a fixed, small number of range calls (never per row): formats first
 * (so strings land in plain-text cells and are stored literally), then values, then leftover old rows and
 * columns are cleared. Called only after every page has arrived and the table is built, so a failed fetch
 * never touches the tab.
 */
import { Table } from '../core/table/build-table';
import { TEXT_FORMAT } from '../core/table/typing';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HEADER_BACKGROUND = '#e8f0fe';

export interface WriteResult {
  rows: number;
  columns: number;
}

export function writeTable(sheet: Sheet, table: Table, note: string): WriteResult {
  // Rows without a single property cannot be shown; say so in the header instead of writing blank rows.
  const hasColumns = table.header.length > 0;
  const header = hasColumns ? table.header : ['(no columns returned)'];
  const values = hasColumns ? table.values : [];
  const formats = hasColumns ? table.formats : [];
  const width = header.length;
  const height = values.length + 1;

  const oldLastRow = sheet.getLastRow();
  const oldLastColumn = sheet.getLastColumn();
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());

  const headerFormats: string[] = new Array(width).fill(TEXT_FORMAT);
  const grid = sheet.getRange(1, 1, height, width);
  grid.setNumberFormats([headerFormats].concat(formats));
  grid.setValues([header as unknown[]].concat(values));

  if (oldLastRow > height) sheet.getRange(height + 1, 1, oldLastRow - height, Math.max(oldLastColumn, width)).clear();
  if (oldLastColumn > width) sheet.getRange(1, width + 1, Math.min(oldLastRow, height), oldLastColumn - width).clear();

  const headerRange = sheet.getRange(1, 1, 1, width);
  headerRange.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  sheet.getRange(1, 1).setNote(note);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return { rows: values.length, columns: table.header.length };
}
