/**
 * Which tab an import writes to, and whether it may. A tab the add-on did not create and that holds data is
 * never replaced without an explicit overwrite.
 */
import { AddOnError } from '../core/errors';
import { readImport } from '../services/import-store';

export interface TargetSheet {
  name: string;
  /** Null when the tab does not exist yet: it is created only when there is data to write. */
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
}

export function checkSheetName(input: unknown): string {
  const name = typeof input === 'string' ? input.trim() : '';
  if (!name) throw new AddOnError('BAD_INPUT', 'Enter a name for the tab.');
  if (name.length > 100) throw new AddOnError('BAD_INPUT', 'Tab names can be at most 100 characters long.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this check rejects
  if (/[\u0000-\u001f]/.test(name)) throw new AddOnError('BAD_INPUT', 'Tab names cannot contain line breaks or control characters.');
  return name;
}

export function prepareTarget(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string, overwrite: boolean): TargetSheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return { name, sheet: null };
  const ours = readImport(sheet) !== null;
  if (!ours && !overwrite && (sheet.getLastRow() > 0 || sheet.getLastColumn() > 0)) {
    throw new AddOnError(
      'SHEET_IN_USE',
      `The tab "${name}" already holds data that the add-on did not import. Choose another tab name, or tick "Replace this tab" to overwrite it.`,
    );
  }
  return { name, sheet };
}
