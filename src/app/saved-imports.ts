/**
 * Acting on one saved import from the sidebar: refresh it, forget it, or jump to its tab.
 */
import { AddOnError } from '../core/errors';
import { readImport, removeImport as removeStoredImport } from '../services/import-store';
import { ImportContext, ImportResult } from './import-context';
import { runImport } from './run-import';

function savedTab(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetName: unknown): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = typeof sheetName === 'string' ? spreadsheet.getSheetByName(sheetName) : null;
  if (!sheet || !readImport(sheet)) {
    throw new AddOnError('BAD_INPUT', `There is no saved TrueClicks import in a tab called "${String(sheetName)}". It may have been renamed or deleted; refresh the list.`);
  }
  return sheet;
}

export function refreshImport(sheetName: unknown, ctx: ImportContext): ImportResult {
  const sheet = savedTab(ctx.spreadsheet, sheetName);
  const saved = readImport(sheet)!;
  return runImport(saved.definition, { name: sheet.getName(), sheet }, ctx);
}

/** Forgets the import: later refreshes skip the tab. The tab and its data stay. */
export function removeImport(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetName: unknown): void {
  removeStoredImport(savedTab(spreadsheet, sheetName));
}

export function goToSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetName: unknown): void {
  const sheet = typeof sheetName === 'string' ? spreadsheet.getSheetByName(sheetName) : null;
  if (!sheet) throw new AddOnError('BAD_INPUT', `There is no tab called "${String(sheetName)}".`);
  sheet.activate();
}
