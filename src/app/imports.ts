/**
 * The two ways a user starts an import into a tab: a dataset, or a check's output table.
 */
import { ImportDefinition } from '../core/import-definition';
import { ImportCheckTableParams, checkTableDefinition, checkTableSheetName } from './check-table';
import { ImportDatasetParams, datasetDefinition, datasetSheetName } from './dataset-table';
import { ImportContext, ImportResult } from './import-context';
import { runImport } from './run-import';
import { checkSheetName, prepareTarget } from './target-sheet';

function importInto(definition: ImportDefinition, defaultName: string, params: { sheetName?: unknown; overwrite?: unknown }, ctx: ImportContext): ImportResult {
  const given = params.sheetName !== undefined && params.sheetName !== null && params.sheetName !== '';
  const target = prepareTarget(ctx.spreadsheet, given ? checkSheetName(params.sheetName) : defaultName, params.overwrite === true, definition);
  return runImport(definition, target, ctx);
}

export function importDataset(params: ImportDatasetParams, ctx: ImportContext): ImportResult {
  const definition = datasetDefinition(params || {});
  return importInto(definition, datasetSheetName(definition), params || {}, ctx);
}

export function importCheckTable(params: ImportCheckTableParams, ctx: ImportContext): ImportResult {
  const definition = checkTableDefinition(params || {});
  return importInto(definition, checkTableSheetName(definition), params || {}, ctx);
}
