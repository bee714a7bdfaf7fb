/**
 * Everything Apps Script can see, and nothing else: each entry point delegates in a line or two. The build
 * (build.mjs) generates a top-level `function` wrapper for each export listed in scripts/entry-points.cjs and
 * fails if the two lists drift apart.
 */
import { DATASETS, DatasetInfo } from './core/catalogue';
import { ConnectionInput } from './core/connection-settings';
import { isAddOnError } from './core/errors';
import { formatCount } from './core/format';
import { logUnexpected, publicCall, publicMessage, withDocumentLock } from './app/boundary';
import * as connection from './app/connection';
import { ImportDatasetParams, ImportResult, importDataset as runImportDataset } from './app/import-dataset';
import { LOCK_WAIT_MS, RUN_BUDGET_MS } from './app/limits';
import { RefreshSummary, refreshAll as runRefreshAll } from './app/refresh';
import { Status, getStatus as readStatus } from './app/status';
import * as ui from './services/ui';

/** The budget counts from the start of the execution: time spent waiting for the lock is spent too. */
function importContext(executionStart: number) {
  return {
    spreadsheet: SpreadsheetApp.getActiveSpreadsheet(),
    connection: connection.requireConnection(),
    deadline: executionStart + RUN_BUDGET_MS,
    metadataCache: {},
  };
}

function refreshAllNow(): RefreshSummary {
  const start = Date.now();
  return withDocumentLock(LOCK_WAIT_MS, () => runRefreshAll(importContext(start)));
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
        (summary.skipped ? ` ${summary.skipped} skipped for lack of time; run again to finish.` : '') +
        (failed.length ? `\n\n${failed.join('\n')}` : ''),
    );
  } catch (e) {
    if (!isAddOnError(e)) logUnexpected(e);
    ui.alert(publicMessage(e));
  }
}

export function showHelp(): void {
  ui.alert(
    'TrueClicks for Sheets imports your TrueClicks data (accounts, checks, tasks, targets …) into tabs.\n\n' +
      'Open the sidebar (Extensions → TrueClicks for Sheets → Open TrueClicks), enter the data connector username and token ' +
      'that TrueClicks shows under Reporting → Data Connector → Create New Key, then pick a dataset to import.',
  );
}

// ---- Server functions for the sidebar (google.script.run) ----

export function saveConnection(input: ConnectionInput): connection.ConnectionSummary {
  return publicCall(() => connection.saveConnection(input));
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

export function importDataset(params: ImportDatasetParams): ImportResult {
  const start = Date.now();
  return publicCall(() => withDocumentLock(LOCK_WAIT_MS, () => runImportDataset(params, importContext(start))));
}

export function refreshAll(): RefreshSummary {
  return publicCall(refreshAllNow);
}

export function getStatus(): Status {
  return publicCall(() => readStatus());
}
