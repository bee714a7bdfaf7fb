/**
 * What a saved import is: enough to run it again (refresh, schedule, a copied spreadsheet) and what happened
 * last time. Stored as JSON with the tab it fills; never holds credentials.
 */
import { OutputOptions } from './history/output-options';
import { DateWindow } from './odata/date-window';
import { ODataQuery } from './odata/query';

export interface DatasetImportDefinition {
  kind: 'dataset';
  /** Catalogue key or the user's own OData path. */
  dataset: string;
  query: ODataQuery;
  /** How rows land in the tab; absent = replace. */
  output?: OutputOptions;
  /** Only rows whose column lies in the last N days/weeks/months, resolved again at every run. */
  dateWindow?: DateWindow;
  /** Add an AccountName column after the account id (looked up from the accounts dataset). */
  accountNames?: boolean;
}

export interface CheckTableImportDefinition {
  kind: 'checkTable';
  ruleKey: string;
  /** The chosen accounts, or null for every account in the accounts dataset (re-read on each refresh). */
  accountIds: string[] | null;
  output?: OutputOptions;
  /** Add an AccountName column beside the account id (looked up from the accounts dataset). */
  accountNames?: boolean;
}

export type ImportDefinition = DatasetImportDefinition | CheckTableImportDefinition;

export interface ImportStatus {
  /** ISO time of the last attempt. */
  lastRun: string | null;
  /** ISO time of the last attempt that wrote data. */
  lastSuccess: string | null;
  rows: number | null;
  columns: number | null;
  /** Header written by the last successful run: the column order later runs keep. */
  header: string[];
  lastError: { code: string; message: string } | null;
  /** Why the last successful run is incomplete, if it is. */
  truncated: string | null;
  /** How long the last successful run took: scheduled runs use it to decide what still fits their budget. */
  durationMs: number | null;
  /** Data rows the last successful run added (append and merge), for the 10-million-cell projection. */
  growthRows: number | null;
}

export const EMPTY_STATUS: ImportStatus = {
  lastRun: null,
  lastSuccess: null,
  rows: null,
  columns: null,
  header: [],
  lastError: null,
  truncated: null,
  durationMs: null,
  growthRows: null,
};

/** A short identifier of what an import loads: the dataset key/path, or `check:<ruleKey>`. */
export function definitionSource(definition: ImportDefinition): string {
  return definition.kind === 'checkTable' ? `check:${definition.ruleKey}` : definition.dataset;
}

export function sameDefinition(a: ImportDefinition, b: ImportDefinition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether two imports load the same source (dataset or rule key). Changing the filter, columns, sort, limit or
 * window of the import in a tab is an edit; loading another source there would replace it (and asks first). It
 * also decides whether an append or merge tab continues its history.
 */
export function sameSource(a: ImportDefinition, b: ImportDefinition): boolean {
  return definitionSource(a).toLowerCase() === definitionSource(b).toLowerCase();
}

export function parseDefinition(json: string | null): ImportDefinition | null {
  if (!json) return null;
  try {
    const d = JSON.parse(json) as ImportDefinition;
    if (d && d.kind === 'dataset') return typeof d.dataset === 'string' && d.query && typeof d.query === 'object' ? d : null;
    if (d && d.kind === 'checkTable') return typeof d.ruleKey === 'string' && (d.accountIds === null || Array.isArray(d.accountIds)) ? d : null;
    return null;
  } catch (_corrupt) {
    return null;
  }
}

export function parseStatus(json: string | null): ImportStatus {
  if (!json) return { ...EMPTY_STATUS };
  try {
    return { ...EMPTY_STATUS, ...(JSON.parse(json) as Partial<ImportStatus>) };
  } catch (_corrupt) {
    return { ...EMPTY_STATUS };
  }
}
