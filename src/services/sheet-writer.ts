/**
 * Writes a finished table into a tab in a bounded number of range calls (never per row): in chunks of rows,
 * formats first (so strings land in plain-text cells and are stored literally), then values; then what is left
 * of the previous import is cleared — only inside the area the add-on wrote last time, so columns and notes the
 * user added beside the data survive a refresh. Called only after every page has arrived and the table is
 * built, so a failed fetch never touches the tab.
 */
import { Table } from '../core/table/build-table';
import { TEXT_FORMAT } from '../core/table/typing';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HEADER_BACKGROUND = '#e8f0fe';

/**
 * Cells per setValues/setNumberFormats call. One call for a whole large table builds one huge request
 * (a 300,000-row table is millions of cells) that Sheets may time out on; Google recommends keeping Sheets
 * requests to about 2 MB, which 100,000 cells of ~20 bytes is. Typical imports (a few thousand rows) stay one call.
 */
export const WRITE_CHUNK_CELLS = 100000;

/** Rows per chunk for a table of this width: at least one. */
function chunkRows(width: number): number {
  return Math.max(1, Math.floor(WRITE_CHUNK_CELLS / Math.max(1, width)));
}

function writeRows(sheet: Sheet, rows: unknown[][], formats: string[][], width: number): void {
  const step = chunkRows(width);
  for (let start = 0; start < rows.length; start += step) {
    const values = rows.slice(start, start + step);
    const range = sheet.getRange(start + 1, 1, values.length, width);
    range.setNumberFormats(formats.slice(start, start + step));
    range.setValues(values);
  }
}

export interface WriteResult {
  rows: number;
  columns: number;
}

/** The area a previous import wrote (header included), or 'whole-sheet' for a tab the user asked to replace. */
export type PreviousExtent = { rows: number; columns: number } | 'whole-sheet';

export function writeTable(sheet: Sheet, table: Table, note: string, previous: PreviousExtent): WriteResult {
  // Rows without a single property cannot be shown; say so in the header instead of writing blank rows.
  const hasColumns = table.header.length > 0;
  const header = hasColumns ? table.header : ['(no columns returned)'];
  const values = hasColumns ? table.values : [];
  const formats = hasColumns ? table.formats : [];
  const width = header.length;
  const height = values.length + 1;

  const old = previous === 'whole-sheet' ? { rows: sheet.getLastRow(), columns: sheet.getLastColumn() } : previous;
  if (sheet.getMaxRows() < height) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());

  const headerFormats: string[] = new Array(width).fill(TEXT_FORMAT);
  writeRows(sheet, [header as unknown[]].concat(values), [headerFormats].concat(formats), width);

  if (old.rows > height && old.columns > 0) sheet.getRange(height + 1, 1, old.rows - height, old.columns).clear();
  if (old.columns > width && old.rows > 0) sheet.getRange(1, width + 1, Math.min(old.rows, height), old.columns - width).clear();

  const headerRange = sheet.getRange(1, 1, 1, width);
  headerRange.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  sheet.getRange(1, 1).setNote(note);
  if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
  return { rows: values.length, columns: table.header.length };
}
