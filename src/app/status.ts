/**
 * What the sidebar shows: the connection (never the token) and every saved import with its last outcome.
 */
import { resolveDataset } from '../core/catalogue';
import { describeOutput, modeOf, OutputMode } from '../core/history/output-options';
import { growthWarning } from '../core/history/growth';
import { ImportDefinition, definitionSource } from '../core/import-definition';
import { describeDefinition } from '../core/import-words';
import { DateWindow } from '../core/odata/date-window';
import { ODataQuery } from '../core/odata/query';
import { userConnectionStore } from '../services/connection-store';
import { formulasAllowed } from '../services/formula-access';
import { SavedImport, listImports } from '../services/import-store';
import { ConnectionSummary, summarise } from './connection';
import { SPREADSHEET_CELL_LIMIT } from './limits';
import { ScheduleStatus, scheduleStatusWithNotices } from './schedule';

interface SavedImportStatus {
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
  /** How rows land: replace, append or merge, and that in words ("Append: one snapshot a day"). */
  mode: OutputMode;
  output: string;
  /** Set when the schedule will fill the spreadsheet's 10 million cells within 90 days at this tab's growth. */
  growthWarning: string | null;
}

export interface Status {
  connection: ConnectionSummary;
  /** Whether this user's connection may be used by =TRUECLICKS() formulas in this spreadsheet (when they own it). */
  formulasAllowed: boolean;
  imports: SavedImportStatus[];
  schedule: ScheduleStatus;
}

function totalCells(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  return spreadsheet.getSheets().reduce((sum, s) => sum + s.getMaxRows() * s.getMaxColumns(), 0);
}

function datasetTitle(d: ImportDefinition): string {
  if (d.kind === 'dataset') return resolveDataset(d.dataset).title;
  return `Check table ${d.ruleKey} (${d.accountIds ? `${d.accountIds.length} account${d.accountIds.length === 1 ? '' : 's'}` : 'all accounts'})`;
}

/** The 90-day warning of a tab that grows on the schedule (append, merge), or null. */
function warningFor(saved: SavedImport, schedule: ScheduleStatus, cellsNow: () => number): string | null {
  const { definition, status } = saved;
  if (modeOf(definition.output) === 'replace' || !status.growthRows || !schedule.active || schedule.frequency === 'off') return null;
  return growthWarning({
    output: definition.output,
    frequency: schedule.frequency,
    growthRows: status.growthRows,
    rows: status.rows || 0,
    columns: status.columns || 1,
    cellsNow: cellsNow(),
    limit: SPREADSHEET_CELL_LIMIT,
  });
}

function importStatus(saved: SavedImport, schedule: ScheduleStatus, cellsNow: () => number): SavedImportStatus {
  const d = saved.definition;
  return {
    sheetName: saved.sheet.getName(),
    kind: d.kind,
    dataset: definitionSource(d),
    datasetTitle: datasetTitle(d),
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
    mode: modeOf(d.output),
    output: describeOutput(d.output),
    growthWarning: warningFor(saved, schedule, cellsNow),
  };
}

export function getStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Status {
  const schedule = scheduleStatusWithNotices(spreadsheet);
  let cells: number | null = null;
  // Counted once, and only when some tab grows on a schedule.
  const cellsNow = () => (cells === null ? (cells = totalCells(spreadsheet)) : cells);
  return {
    connection: summarise(userConnectionStore().load()),
    formulasAllowed: formulasAllowed(spreadsheet.getId()),
    imports: listImports(spreadsheet).map((saved) => importStatus(saved, schedule, cellsNow)),
    schedule,
  };
}
