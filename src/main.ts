/**
 * Everything Apps Script can see, and nothing else: the one list of entry points. Every exported function here
 * becomes a top-level function in dist/Code.js (build.mjs generates the wrappers, with the JSDoc of custom
 * functions), the sidebar's client types (src/client/server-api.ts) and the tests' handle (test/support/addon.ts)
 * are derived from these exports, so adding an entry point means editing this file only. Each entry point
 * delegates in a line or two.
 */
import { DATASETS, DatasetInfo } from './core/catalogue';
import { ConnectionInput } from './core/connection-settings';
import { isAddOnError } from './core/errors';
import { formatCount } from './core/format';
import { logUnexpected, publicCall, publicMessage, withDocumentLock } from './app/boundary';
import * as connection from './app/connection';
import * as diagnostics from './app/diagnostics';
import * as discovery from './app/discovery';
import * as formulas from './app/formulas';
import { DatasetDescription } from './app/discovery';
import { ImportCheckTableParams } from './app/check-table';
import { AccountChoice, RuleKeyChoice, listAccounts as readAccountChoices, listRuleKeys as readRuleKeys } from './app/check-table-sources';
import { ImportDatasetParams } from './app/dataset-table';
import { ImportContext, ImportResult } from './app/import-context';
import { importCheckTable as runImportCheckTable, importDataset as runImportDataset } from './app/imports';
import * as savedImports from './app/saved-imports';
import { LOCK_WAIT_MS, RUN_BUDGET_MS, RUN_END_MARGIN_MS, RUN_LIMIT_MS } from './app/limits';
import { RefreshSummary } from './app/refresh';
import * as reports from './app/reports';
import * as schedule from './app/schedule';
import * as scheduledRun from './app/scheduled-run';
import { ScheduleStatus } from './app/schedule';
import { RunLogEntry, Schedule } from './core/schedule';
import { loadRunLog } from './services/run-log-store';
import { Status, getStatus as readStatus } from './app/status';
import { Progress, cancelCheck, progressReporter, readProgress, requestCancel } from './services/progress';
import { InsertFormulaParams, InsertedFormula, insertFormula as writeFormula } from './app/insert-formula';
import { setFormulasAllowed as setFormulasAllowedFor } from './services/formula-access';
import * as ui from './services/ui';

/** The budget counts from the start of the execution: time spent waiting for the lock is spent too. */
function importContext(executionStart: number, progressId?: unknown, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ImportContext {
  return {
    spreadsheet,
    connection: connection.requireConnection(),
    deadline: executionStart + RUN_BUDGET_MS,
    runEndsAt: executionStart + RUN_LIMIT_MS - RUN_END_MARGIN_MS,
    metadataCache: {},
    onProgress: progressReporter(progressId),
    cancelled: cancelCheck(progressId),
  };
}

/** A use case that writes tabs: under the document lock, with a context whose budget starts now. */
function writing<T>(progressId: unknown, fn: (ctx: ImportContext) => T): T {
  const start = Date.now();
  return publicCall(() => withDocumentLock(LOCK_WAIT_MS, () => fn(importContext(start, progressId))));
}

function refreshAllNow(): RefreshSummary {
  const start = Date.now();
  return scheduledRun.refreshRun('manual', start, SpreadsheetApp.getActiveSpreadsheet(), (ss) => importContext(start, undefined, ss));
}

// ---- Simple triggers and menu ----

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  ui.buildMenu();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  ui.showSidebar();
}

export function menuRefreshAll(): void {
  try {
    const summary = refreshAllNow();
    const failed = summary.outcomes.filter((o) => o.error).map((o) => `• ${o.sheetName}: ${o.error ? o.error.message : ''}`);
    ui.alert(
      `Refreshed ${formatCount(summary.refreshed)} of ${formatCount(summary.outcomes.length)} imports.` +
        (summary.reconnect
          ? ' TrueClicks rejected the credentials, so the refresh stopped: reconnect in the sidebar.'
          : summary.skipped
            ? ` ${summary.skipped} did not fit in this run's time; run again to finish.`
            : '') +
        (failed.length ? `\n\n${failed.join('\n')}` : ''),
    );
  } catch (e) {
    if (!isAddOnError(e)) logUnexpected(e);
    ui.alert(publicMessage(e));
  }
}

export function showRunLog(): void {
  ui.showRunLog(loadRunLog(SpreadsheetApp.getActiveSpreadsheet()));
}

/** The scheduled-refresh trigger's handler (see app/scheduled-run.ts): runs with or without an active spreadsheet. */
export function scheduledRefresh(e?: GoogleAppsScript.Events.TimeDriven): void {
  const start = Date.now();
  scheduledRun.scheduledRefresh(e, (ss) => importContext(start, undefined, ss));
}

/** Menu "Check this spreadsheet": the self-check for a first deployment, as a short list. */
export function showDiagnostics(): void {
  try {
    ui.alert(diagnostics.formatDiagnostics(diagnostics.runDiagnostics(SpreadsheetApp.getActiveSpreadsheet())));
  } catch (e) {
    if (!isAddOnError(e)) logUnexpected(e);
    ui.alert(publicMessage(e));
  }
}

/** `[{ check, ok, detail }]` for each platform behaviour the add-on relies on (ok: null = does not apply yet). */
export function runDiagnostics(): diagnostics.DiagnosticResult[] {
  return publicCall(() => diagnostics.runDiagnostics(SpreadsheetApp.getActiveSpreadsheet()));
}

export function showHelp(): void {
  ui.alert(
    'TrueClicks for Sheets imports your TrueClicks data (accounts, checks, tasks, targets …) into tabs.\n\n' +
      'Open the sidebar (Extensions → TrueClicks for Sheets → Open TrueClicks), enter the data connector username and token ' +
      'that TrueClicks shows under Reporting → Data Connector → Create New Key, then pick a dataset to import.',
  );
}

// ---- Server functions for the sidebar (google.script.run) ----

/** Connecting from the sidebar of a spreadsheet also allows this user's formulas there (see formula-access.ts). */
export function saveConnection(input: ConnectionInput): connection.ConnectionSummary {
  return publicCall(() => {
    const summary = connection.saveConnection(input);
    setFormulasAllowedFor(SpreadsheetApp.getActiveSpreadsheet().getId(), true);
    return summary;
  });
}

/** Lets the spreadsheet owner turn TrueClicks formulas off (or on again) for this spreadsheet. */
export function setFormulasAllowed(allowed: boolean): Status {
  return publicCall(() => {
    setFormulasAllowedFor(SpreadsheetApp.getActiveSpreadsheet().getId(), allowed === true);
    return readStatus();
  });
}

// ---- Custom functions (Sheets reads this JSDoc for autocomplete and the formula help; keep it ASCII) ----

/**
 * Loads a TrueClicks dataset: a header row, then one row per record. Uses the spreadsheet owner's TrueClicks connection.
 *
 * @param {string} dataset accounts, account-history, checks, users, tasks, targets-active or targets-all (or an OData entity set name). Example: "accounts"
 * @param {string|Array<Array<string>>} columns [optional] Columns, comma-separated or a range of names. Example: "AccountId,Name,AuditScore"
 * @param {string} filter [optional] An OData filter. Example: "AuditScore lt 60 and IsActive eq true"
 * @param {string} orderby [optional] Sort order. Example: "AuditScore desc"
 * @param {number} top [optional] Row limit, a positive whole number. Example: 100
 * @return The data with a header row.
 * @customfunction
 */
export function TRUECLICKS(dataset: unknown, columns?: unknown, filter?: unknown, orderby?: unknown, top?: unknown): unknown[][] {
  return publicCall(() => formulas.trueclicks(dataset, columns, filter, orderby, top));
}

/**
 * Loads one check's output table for your accounts: a header row (account id first), then the rows of every account.
 *
 * @param {string} ruleKey The check's rule key (the checks dataset lists them). Example: "wasted-search-terms"
 * @param {string|Array<Array<string>>} accountIds [optional] One account id, comma-separated ids or a range; all accounts when omitted. Example: "1001,1002"
 * @return The combined table with a header row.
 * @customfunction
 */
export function TRUECLICKS_TABLE(ruleKey: unknown, accountIds?: unknown): unknown[][] {
  return publicCall(() => formulas.trueclicksTable(ruleKey, accountIds));
}

export function testConnection(): connection.TestResult {
  try {
    return connection.testConnection();
  } catch (e) {
    return { ok: false, message: publicMessage(e), code: isAddOnError(e) ? e.code : 'INTERNAL' };
  }
}

export function disconnect(): connection.ConnectionSummary {
  return publicCall(() => connection.disconnect());
}

export function listDatasets(): DatasetInfo[] {
  return DATASETS.map((d) => ({ key: d.key, title: d.title, description: d.description, path: d.path }));
}

/** `params.progressId` (optional): the sidebar polls getProgress(progressId) while the import runs. */
export function importDataset(params: ImportDatasetParams & { progressId?: string }): ImportResult {
  return writing(params && params.progressId, (ctx) => runImportDataset(params, ctx));
}

/** `params.progressId` as for importDataset. */
export function importCheckTable(params: ImportCheckTableParams & { progressId?: string }): ImportResult {
  return writing(params && params.progressId, (ctx) => runImportCheckTable(params, ctx));
}

export function listRuleKeys(): RuleKeyChoice[] {
  const start = Date.now();
  return publicCall(() => readRuleKeys(importContext(start)));
}

export function listAccounts(): AccountChoice[] {
  const start = Date.now();
  return publicCall(() => readAccountChoices(importContext(start)));
}

export function getProgress(progressId: string): Progress | null {
  return publicCall(() => readProgress(progressId));
}

/** Stops the import running under this id between pages or batches; it ends with a "cancelled" error and leaves the tab as it was. */
export function cancelImport(progressId: string): { cancelled: boolean } {
  return publicCall(() => ({ cancelled: requestCancel(progressId) }));
}

/** Writes =TRUECLICKS(...) / =TRUECLICKS_TABLE(...) for the sidebar's current query into the selected cell. */
export function insertFormula(params: InsertFormulaParams): InsertedFormula {
  const start = Date.now();
  return publicCall(() => writeFormula(params, importContext(start)));
}

export function refreshImport(sheetName: string): ImportResult {
  return writing(undefined, (ctx) => savedImports.refreshImport(sheetName, ctx));
}

export function removeImport(sheetName: string): Status {
  return publicCall(() => {
    savedImports.removeImport(SpreadsheetApp.getActiveSpreadsheet(), sheetName);
    return readStatus();
  });
}

export function goToSheet(sheetName: string): void {
  publicCall(() => savedImports.goToSheet(SpreadsheetApp.getActiveSpreadsheet(), sheetName));
}

export function listEntitySets(): string[] {
  return publicCall(() => discovery.listEntitySets(connection.requireConnection()));
}

export function describeDataset(dataset: string): DatasetDescription | null {
  return publicCall(() => discovery.describeDataset(connection.requireConnection(), dataset));
}

export function refreshAll(): RefreshSummary {
  return publicCall(refreshAllNow);
}

/** `{ frequency: 'off' | 'hourly' | 'daily' | 'weekly', hour?, weekday? }` in the spreadsheet's time zone. */
export function setSchedule(input: Schedule): ScheduleStatus {
  return publicCall(() => schedule.setSchedule(input, SpreadsheetApp.getActiveSpreadsheet()));
}

export function getRunLog(): RunLogEntry[] {
  return publicCall(() => loadRunLog(SpreadsheetApp.getActiveSpreadsheet()));
}

export function getStatus(): Status {
  return publicCall(() => readStatus());
}

// ---- Reports (app/reports.ts) ----

export function listReportTemplates(): reports.ReportTemplateInfo[] {
  return publicCall(() => reports.listReportTemplates());
}

export function describeReport(params: { template?: unknown; sheetName?: unknown; roles?: unknown }): reports.DescribedReport {
  return publicCall(() => reports.describeReport(SpreadsheetApp.getActiveSpreadsheet(), params || {}));
}

/** `{ template, sheetName?, roles?, values? }` — builds or rebuilds a report tab (see surface.md). */
export function createReport(params: { template?: unknown; sheetName?: unknown; roles?: unknown; values?: unknown }): reports.ReportResult {
  return publicCall(() => withDocumentLock(LOCK_WAIT_MS, () => reports.createReport(SpreadsheetApp.getActiveSpreadsheet(), params || {})));
}

/** `{ source, x, y, aggregate?, series?, chartType?, sheetName? }` — a pivot and chart from an imported tab. */
export function createCustomChart(params: reports.CustomChartParams): reports.ReportResult {
  return publicCall(() => withDocumentLock(LOCK_WAIT_MS, () => reports.createCustomChart(SpreadsheetApp.getActiveSpreadsheet(), params || {})));
}

export function rebuildReport(sheetName: string): reports.ReportResult {
  return publicCall(() => withDocumentLock(LOCK_WAIT_MS, () => reports.rebuildReport(SpreadsheetApp.getActiveSpreadsheet(), sheetName)));
}

export function listReports(): reports.ReportTab[] {
  return publicCall(() => reports.listReports(SpreadsheetApp.getActiveSpreadsheet()));
}

export function describeTab(sheetName: string): { sheetName: string; columns: Array<{ name: string; kind: string }> } {
  return publicCall(() => reports.describeTab(SpreadsheetApp.getActiveSpreadsheet(), sheetName));
}
