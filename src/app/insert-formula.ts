/**
 * "Insert as formula": writes the =TRUECLICKS(...) (or =TRUECLICKS_TABLE(...)) of the sidebar's current query
 * into the selected cell. A date range becomes fixed dates (a formula cannot move its window by itself), and a
 * cell that already holds something is only replaced when the user confirmed.
 */
import { AddOnError } from '../core/errors';
import { trueclicksFormula, trueclicksTableFormula } from '../core/formula-text';
import { DateWindow } from '../core/odata/date-window';
import { andFilters } from '../core/odata/filter-builder';
import { describeEntitySet } from '../core/odata/metadata';
import { entitySetOfPath, resolveDataset } from '../core/catalogue';
import { checkTableDefinition } from './check-table';
import { datasetDefinition, resolveDateWindow } from './dataset-table';
import { ImportContext, clientOf, httpDeps } from './import-context';
import { fetchMetadata } from './metadata';

export interface InsertFormulaParams {
  dataset?: unknown;
  columns?: unknown;
  filter?: unknown;
  orderby?: unknown;
  top?: unknown;
  dateWindow?: DateWindow;
  ruleKey?: unknown;
  accountIds?: unknown;
  /** Replace what the selected cell holds. */
  overwrite?: unknown;
}

export interface InsertedFormula {
  /** "Sheet1!B2" */
  cell: string;
  formula: string;
  /** Something to know about the formula (fixed dates …), or null. */
  note: string | null;
}

function formulaFor(params: InsertFormulaParams, ctx: ImportContext): { formula: string; note: string | null } {
  if (params.ruleKey !== undefined && params.ruleKey !== null && params.ruleKey !== '') {
    const d = checkTableDefinition(params);
    return { formula: trueclicksTableFormula(d.ruleKey, d.accountIds), note: null };
  }
  const d = datasetDefinition(params);
  let filter = d.query.filter;
  let note: string | null = null;
  if (d.dateWindow) {
    const metadata = fetchMetadata(clientOf(ctx), ctx.connection.baseUrl, ctx.metadataCache || (ctx.metadataCache = {}));
    const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(resolveDataset(d.dataset).path)) : null;
    filter = andFilters(filter, resolveDateWindow(d.dateWindow, schema, metadata, ctx.spreadsheet.getSpreadsheetTimeZone(), httpDeps(ctx).now()));
    note = 'The date range is written as fixed dates: a formula does not move its window. A saved import does.';
  }
  return { formula: trueclicksFormula({ dataset: d.dataset, columns: d.query.columns, filter, orderby: d.query.orderby, top: d.query.top }), note };
}

export function insertFormula(params: InsertFormulaParams, ctx: ImportContext): InsertedFormula {
  const range = ctx.spreadsheet.getActiveRange();
  if (!range) throw new AddOnError('BAD_INPUT', 'Select the cell where the formula should go, then try again.');
  const cell = range.getCell(1, 1);
  const { formula, note } = formulaFor(params || {}, ctx);
  const held = cell.getFormula() || String(cell.getDisplayValue() || '');
  if (held && params.overwrite !== true) {
    throw new AddOnError('SHEET_IN_USE', `The selected cell ${cell.getA1Notation()} already holds "${held.slice(0, 60)}". Nothing was changed. Select an empty cell, or confirm to replace it.`);
  }
  cell.setFormula(formula);
  return { cell: `${cell.getSheet().getName()}!${cell.getA1Notation()}`, formula, note };
}
