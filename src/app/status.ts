/**
 * What the sidebar shows: the connection (never the token) and every saved import with its last outcome.
 */
import { DATASETS } from '../core/catalogue';
import { ODataQuery } from '../core/odata/query';
import { userConnectionStore } from '../services/connection-store';
import { listImports } from '../services/import-store';
import { ConnectionSummary, summarise } from './connection';

export interface SavedImportStatus {
  sheetName: string;
  dataset: string;
  datasetTitle: string;
  query: ODataQuery;
  lastRun: string | null;
  lastSuccess: string | null;
  rows: number | null;
  columns: number | null;
  lastError: { code: string; message: string } | null;
  truncated: string | null;
}

export interface Status {
  connection: ConnectionSummary;
  imports: SavedImportStatus[];
  /** Scheduled refresh: not available yet (its own issue); null means no schedule. */
  schedule: null;
}

export function getStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Status {
  const imports = listImports(spreadsheet).map((saved) => {
    const known = DATASETS.find((d) => d.key === saved.definition.dataset);
    return {
      sheetName: saved.sheet.getName(),
      dataset: saved.definition.dataset,
      datasetTitle: known ? known.title : saved.definition.dataset,
      query: saved.definition.query,
      lastRun: saved.status.lastRun,
      lastSuccess: saved.status.lastSuccess,
      rows: saved.status.rows,
      columns: saved.status.columns,
      lastError: saved.status.lastError,
      truncated: saved.status.truncated,
    };
  });
  return { connection: summarise(userConnectionStore().load()), imports, schedule: null };
}
