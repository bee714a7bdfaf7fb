/**
 * What the sidebar shows: the connection (never the token) and every saved import with its last outcome.
 */
import { resolveDataset } from '../core/catalogue';
import { definitionSource } from '../core/import-definition';
import { describeDefinition } from '../core/import-words';
import { DateWindow } from '../core/odata/date-window';
import { ODataQuery } from '../core/odata/query';
import { userConnectionStore } from '../services/connection-store';
import { formulasAllowed } from '../services/formula-access';
import { listImports } from '../services/import-store';
import { ConnectionSummary, summarise } from './connection';
import { ScheduleStatus, scheduleStatus } from './schedule';

export interface SavedImportStatus {
  sheetName: string;
  kind: 'dataset' | 'checkTable';
  /** Dataset key or path; `check:<ruleKey>` for a check table. */
  dataset: string;
  /** What the sidebar shows as the import's title. */
  datasetTitle: string;
  /** Dataset imports: the OData query. */
  query: ODataQuery | null;
  /** Dataset imports: the relative date range, if any. */
  dateWindow: DateWindow | null;
  /** Whether an AccountName column is added after the account id. */
  accountNames: boolean;
  /** The whole definition in words. */
  description: string;
  /** Check tables: the rule key and the chosen accounts (null = all). */
  ruleKey: string | null;
  accountIds: string[] | null;
  lastRun: string | null;
  lastSuccess: string | null;
  rows: number | null;
  columns: number | null;
  lastError: { code: string; message: string } | null;
  truncated: string | null;
}

export interface Status {
  connection: ConnectionSummary;
  /** Whether this user's connection may be used by =TRUECLICKS() formulas in this spreadsheet (when they own it). */
  formulasAllowed: boolean;
  imports: SavedImportStatus[];
  schedule: ScheduleStatus;
}

export function getStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Status {
  const imports = listImports(spreadsheet).map((saved): SavedImportStatus => {
    const d = saved.definition;
    return {
      sheetName: saved.sheet.getName(),
      kind: d.kind,
      dataset: definitionSource(d),
      datasetTitle:
        d.kind === 'checkTable'
          ? `Check table ${d.ruleKey} (${d.accountIds ? `${d.accountIds.length} account${d.accountIds.length === 1 ? '' : 's'}` : 'all accounts'})`
          : resolveDataset(d.dataset).title,
      query: d.kind === 'dataset' ? d.query : null,
      dateWindow: d.kind === 'dataset' && d.dateWindow ? d.dateWindow : null,
      accountNames: d.accountNames === true,
      description: describeDefinition(d),
      ruleKey: d.kind === 'checkTable' ? d.ruleKey : null,
      accountIds: d.kind === 'checkTable' ? d.accountIds : null,
      lastRun: saved.status.lastRun,
      lastSuccess: saved.status.lastSuccess,
      rows: saved.status.rows,
      columns: saved.status.columns,
      lastError: saved.status.lastError,
      truncated: saved.status.truncated,
    };
  });
  return {
    connection: summarise(userConnectionStore().load()),
    formulasAllowed: formulasAllowed(spreadsheet.getId()),
    imports,
    schedule: scheduleStatus(spreadsheet),
  };
}
