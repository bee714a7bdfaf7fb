/**
 * Scheduled refresh: one time-driven trigger per user per spreadsheet, and the handler it runs. Nothing fails
 * silently: every run — including one that could not start — is written to the run log, each import records its
 * own outcome (status, tab note), rejected credentials stop the run and ask to reconnect, and getStatus reports
 * the schedule as it really is (a trigger deleted outside the add-on shows as such).
 */
import { AddOnError, describeError, redactSecrets } from '../core/errors';
import { RunLogEntry, Schedule, describeSchedule, parseSchedule } from '../core/schedule';
import { userConnectionStore } from '../services/connection-store';
import { loadRunLog, loadSchedule, recordRun, saveSchedule } from '../services/schedule-store';
import { createScheduleTrigger, deleteScheduleTriggers, scheduleTriggers } from '../services/triggers';
import { ImportContext } from './import-context';
import { withDocumentLock } from './boundary';
import { LOCK_WAIT_MS, SCHEDULE_LOCK_WAIT_MS } from './limits';
import { RefreshSummary, refreshAll } from './refresh';

export interface ScheduleStatus extends Schedule {
  timeZone: string;
  description: string;
  /** The trigger exists and will fire. */
  active: boolean;
  /** Something the user should know (trigger removed elsewhere, settings lost). */
  problem: string | null;
  /** The latest scheduled run, from the run log. */
  lastRun: { at: string; ok: boolean; message: string } | null;
}

function summaryLine(entry: RunLogEntry): string {
  if (entry.message) return entry.message;
  const parts = [`Refreshed ${entry.refreshed} of ${entry.refreshed + entry.failed + entry.skipped}.`];
  if (entry.failed) parts.push(`${entry.failed} failed${entry.failures[0] ? ` (${entry.failures[0].sheetName}: ${entry.failures[0].message})` : ''}.`);
  if (entry.skipped) parts.push(`${entry.skipped} left for the next run.`);
  return parts.join(' ');
}

export function scheduleStatus(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleStatus {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const stored = loadSchedule(spreadsheet.getId());
  const triggers = scheduleTriggers(spreadsheet);
  const last = loadRunLog().filter((e) => e.trigger === 'schedule')[0];
  const lastRun = last ? { at: last.at, ok: !last.message && last.failed === 0, message: summaryLine(last) } : null;
  if (stored && triggers.some((t) => t.getUniqueId() === stored.triggerId)) {
    return { frequency: stored.frequency, hour: stored.hour, weekday: stored.weekday, timeZone: stored.timeZone, description: describeSchedule(stored, stored.timeZone), active: true, problem: null, lastRun };
  }
  const off = { frequency: 'off' as const, timeZone, description: describeSchedule({ frequency: 'off' }, timeZone), lastRun };
  if (stored) {
    return { ...off, active: false, problem: 'The scheduled refresh was removed outside the add-on (for example on the Apps Script triggers page). Set the schedule again to resume it.' };
  }
  if (triggers.length) return { ...off, active: true, problem: 'A scheduled refresh exists but its settings were lost. Set the schedule again (or turn it off).' };
  return { ...off, active: false, problem: null };
}

/** Creates, replaces or removes this user's refresh trigger for this spreadsheet; never leaves duplicates. */
export function setSchedule(input: unknown, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ScheduleStatus {
  const schedule = parseSchedule(input as { frequency?: unknown });
  if (schedule.frequency !== 'off' && !userConnectionStore().load()) {
    throw new AddOnError('NOT_CONNECTED', 'Connect to TrueClicks first: the scheduled refresh runs with your connection.');
  }
  deleteScheduleTriggers(spreadsheet);
  if (schedule.frequency === 'off') {
    saveSchedule(spreadsheet.getId(), null);
  } else {
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const triggerId = createScheduleTrigger(schedule, timeZone);
    saveSchedule(spreadsheet.getId(), { ...schedule, triggerId, timeZone, setAt: new Date(Date.now()).toISOString() });
  }
  return scheduleStatus(spreadsheet);
}

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

/** Runs a refresh of every saved import under the document lock and writes the run log entry. */
export function refreshRun(trigger: RunLogEntry['trigger'], started: number, makeContext: () => ImportContext): RefreshSummary {
  // A scheduled run does not wait long for a manual import that is writing: the next run catches up.
  const waitMs = trigger === 'schedule' ? SCHEDULE_LOCK_WAIT_MS : LOCK_WAIT_MS;
  try {
    return withDocumentLock(waitMs, () => {
      const summary = refreshAll(makeContext());
      recordRun(logEntry(trigger, started, summary));
      return summary;
    });
  } catch (e) {
    // Runs that never got to the imports (lock busy, not connected) are logged too.
    const error = describeError(e);
    const message = error.code === 'BUSY' ? 'Skipped: another TrueClicks import was writing to this spreadsheet. The next run catches up.' : error.message;
    recordRun(logEntry(trigger, started, null, message));
    throw e;
  }
}

/** The trigger handler. Never throws: a failed run is recorded where the user looks. */
export function scheduledRefresh(makeContext: () => ImportContext): void {
  const started = Date.now();
  try {
    refreshRun('schedule', started, makeContext);
  } catch (e) {
    const connection = userConnectionStore().load();
    console.error(redactSecrets(`Scheduled refresh failed: ${describeError(e).message}`, connection ? [connection.token] : []));
  }
}
