/**
 * A refresh run and the scheduled-refresh trigger's handler. Nothing fails silently: every run — including one
 * that could not start — is written to the spreadsheet's run log; each import records its own outcome (status,
 * tab note); rejected credentials stop the run and ask to reconnect. The handler works whether Google runs it
 * with its spreadsheet active or with none (then it opens the spreadsheet remembered for its trigger by id, and
 * uses only that spreadsheet and the user's properties). A run that cannot reach its spreadsheet removes its
 * trigger and tells the user in the sidebar of any of their spreadsheets.
 */
import { describeError, redactSecrets } from '../core/errors';
import { RunLogEntry } from '../core/schedule';
import { userConnectionStore } from '../services/connection-store';
import { loadRunLog, recordRun } from '../services/run-log-store';
import { TriggerTarget, forgetTrigger, loadSchedule, rememberTrigger, saveSchedule, triggerTarget } from '../services/schedule-store';
import { deleteTriggerById } from '../services/triggers';
import { addNotice, recordScheduledRun } from '../services/user-notices';
import { withDocumentLock } from './boundary';
import { ImportContext } from './import-context';
import { LOCK_WAIT_MS, SCHEDULE_LOCK_WAIT_MS } from './limits';
import { RefreshSummary, refreshAll } from './refresh';
import { summaryLine } from './schedule';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type ContextFactory = (spreadsheet: Spreadsheet) => ImportContext;

function logEntry(trigger: RunLogEntry['trigger'], started: number, summary: RefreshSummary | null, message?: string): RunLogEntry {
  return {
    at: new Date(started).toISOString(),
    trigger,
    refreshed: summary ? summary.refreshed : 0,
    failed: summary ? summary.failed : 0,
    skipped: summary ? summary.skipped : 0,
    durationMs: Date.now() - started,
    message: message || (summary && summary.reconnect ? 'TrueClicks rejected the credentials: reconnect in the sidebar. The run stopped after the first rejection.' : undefined),
    failures: summary ? summary.outcomes.filter((o) => o.error).map((o) => ({ sheetName: o.sheetName, code: o.error!.code, message: o.error!.message })) : [],
  };
}

/** Runs a refresh of every saved import under the writer lock and writes the run log entry. */
export function refreshRun(trigger: RunLogEntry['trigger'], started: number, spreadsheet: Spreadsheet, makeContext: ContextFactory): RefreshSummary {
  // A scheduled run does not wait long for a manual import that is writing: the next run catches up.
  const waitMs = trigger === 'schedule' ? SCHEDULE_LOCK_WAIT_MS : LOCK_WAIT_MS;
  try {
    return withDocumentLock(waitMs, () => {
      const summary = refreshAll(makeContext(spreadsheet));
      recordRun(spreadsheet, logEntry(trigger, started, summary));
      return summary;
    });
  } catch (e) {
    // Runs that never got to the imports (lock busy, not connected) are logged too.
    const error = describeError(e);
    const message = error.code === 'BUSY' ? 'Skipped: another TrueClicks import was writing to this spreadsheet. The next run catches up.' : error.message;
    recordRun(spreadsheet, logEntry(trigger, started, null, message));
    throw e;
  }
}

function activeSpreadsheet(): Spreadsheet | null {
  try {
    return SpreadsheetApp.getActiveSpreadsheet() || null;
  } catch (_none) {
    return null;
  }
}

function openById(id: string): Spreadsheet | null {
  try {
    return SpreadsheetApp.openById(id);
  } catch (_deletedOrNoAccess) {
    return null;
  }
}

function secrets(): string[] {
  const connection = userConnectionStore().load();
  return connection ? [connection.token] : [];
}

/** The trigger cannot reach a spreadsheet: it removes itself and says why where the user will see it. */
function giveUp(started: number, uid: string | null, target: TriggerTarget | null, hadActive: boolean): void {
  if (uid) {
    try {
      deleteTriggerById(uid);
    } catch (e) {
      console.error(redactSecrets(`Could not delete scheduled-refresh trigger ${uid}: ${describeError(e).message}`, secrets()));
    }
    forgetTrigger(uid);
  }
  if (target) saveSchedule(target.spreadsheetId, null);
  const message = target
    ? `The scheduled refresh of "${target.name}" stopped: that spreadsheet could not be opened (it was deleted, or you no longer have access to it). Its schedule was removed; if you still need it, open the spreadsheet and set the schedule again.`
    : 'A scheduled TrueClicks refresh did not know which spreadsheet to refresh, so it was removed. Open the spreadsheet you want refreshed and set its schedule again.';
  addNotice(message, started);
  recordScheduledRun({ at: new Date(started).toISOString(), spreadsheetId: target ? target.spreadsheetId : null, activeSpreadsheet: hadActive, opened: false, outcome: message });
}

/** A trigger the schedule no longer names (its deletion failed earlier): it must not run alongside the new one. */
function isLeftover(uid: string, spreadsheet: Spreadsheet): boolean {
  const stored = loadSchedule(spreadsheet.getId());
  return !!stored && !!stored.triggerId && stored.triggerId !== uid;
}

function runAndLog(started: number, spreadsheet: Spreadsheet, makeContext: ContextFactory): string {
  try {
    refreshRun('schedule', started, spreadsheet, makeContext);
  } catch (e) {
    console.error(redactSecrets(`Scheduled refresh failed: ${describeError(e).message}`, secrets()));
  }
  const entry = loadRunLog(spreadsheet)[0];
  return entry ? summaryLine(entry) : 'The run did not record an outcome.';
}

/** The trigger handler. Never throws: every outcome is recorded where the user looks. */
export function scheduledRefresh(event: { triggerUid?: unknown } | undefined, makeContext: ContextFactory): void {
  const started = Date.now();
  const uid = event && event.triggerUid ? String(event.triggerUid) : null;
  const active = activeSpreadsheet();
  const target = uid ? triggerTarget(uid) : null;
  const spreadsheet = active || (target ? openById(target.spreadsheetId) : null);
  if (!spreadsheet) return giveUp(started, uid, target, !!active);
  if (uid && isLeftover(uid, spreadsheet)) {
    deleteTriggerById(uid);
    forgetTrigger(uid);
    return;
  }
  // A trigger set by an earlier version was never remembered: remember it now, so "off" finds it.
  if (uid && !target) rememberTrigger(uid, spreadsheet.getId(), spreadsheet.getName());
  const outcome = runAndLog(started, spreadsheet, makeContext);
  recordScheduledRun({ at: new Date(started).toISOString(), spreadsheetId: spreadsheet.getId(), activeSpreadsheet: !!active, opened: true, outcome });
}
