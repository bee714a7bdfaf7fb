/**
 * The 10-million-cell check: a tab may only grow to what still fits the spreadsheet.
 */
import { AddOnError } from '../core/errors';
import { formatCount } from '../core/format';
import { ImportContext, cellsOutside } from './import-context';
import { NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, SPREADSHEET_CELL_LIMIT } from './limits';

/** Throws TOO_LARGE (before anything is written) when `rows` data rows × `width` columns would not fit. */
export function assertFits(ctx: ImportContext, sheet: GoogleAppsScript.Spreadsheet.Sheet | null, rows: number, width: number, newRows = rows): void {
  const columns = Math.max(sheet ? sheet.getMaxColumns() : NEW_SHEET_COLUMNS, width, 1);
  const gridRows = Math.max(sheet ? sheet.getMaxRows() : NEW_SHEET_ROWS, rows + 1);
  if (cellsOutside(ctx.spreadsheet, sheet) + gridRows * columns > SPREADSHEET_CELL_LIMIT) {
    throw new AddOnError(
      'TOO_LARGE',
      `The result (${formatCount(newRows)} rows × ${Math.max(width, 1)} columns${rows !== newRows ? `, ${formatCount(rows)} rows in the tab` : ''}) does not fit in this spreadsheet: Google Sheets allows 10 million cells. ${rows !== newRows ? 'Add a filter, choose fewer columns, set a row limit or keep fewer snapshots.' : 'Add a filter, choose fewer columns or set a row limit.'}`,
    );
  }
}
