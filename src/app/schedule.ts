/**
 * Scheduled refresh: one time-driven trigger per user per spreadsheet. Setting, replacing or turning off a
 * schedule finds the previous trigger by its remembered unique id (services/triggers.ts explains why), so at
 * most one trigger exists whichever way Google lists add-on clock triggers. getStatus reports the schedule as it
 * really is (a trigger deleted outside the add-on shows as such) and, once, what a scheduled run could not
 * write to its spreadsheet. The handler is in scheduled-run.ts.
 */
import { AddOnError } from '../core/errors';
import { RunLogEntry, Schedule, describeSchedule, parseSchedule } from '../core/schedule';
import { userConnectionStore } from '../services/connection-store';
import { loadRunLog } from '../services/run-log-store';
import { forgetTrigger, loadSchedule, rememberTrigger, saveSchedule, triggerIdsOf } from '../services/schedule-store';
import { createScheduleTrigger, deleteTriggers, scheduleTriggers } from '../services/triggers';
import { UserNotice, takeNotices } from '../services/user-notices';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ScheduleStatus extends Schedule {
  timeZone: string;
  description: string;
  /** The trigger exists and will fire. */
  active: boolean;
  /** Something the user should know (trigger removed elsewhere, settings lost). */
  problem: string | null;
  /** The latest scheduled run, from the run log. */
  lastRun: { at: string; ok: boolean; message: string } | null;
  /** What scheduled runs of this user could not write to their spreadsheets (shown once, in any spreadsheet). */
  notices: UserNotice[];
}

export function summaryLine(entry: RunLogEntry): string {
  if (entry.message) return entry.message;
  const parts = [`Refreshed ${entry.refreshed} of ${entry.refreshed + entry.failed + entry.skipped}.`];
  if (entry.failed) parts.push(`${entry.failed} failed${entry.failures[0] ? ` (${entry.failures[0].sheetName}: ${entry.failures[0].message})` : ''}.`);
  if (entry.skipped) parts.push(`${entry.skipped} left for the next run.`);
  return parts.join(' ');
}

function lastScheduledEntry(spreadsheet: Spreadsheet): ScheduleStatus['lastRun'] {
  const last = loadRunLog(spreadsheet).filter((e) => e.trigger === 'schedule')[0];
  return last ? { at: last.at, ok: !last.message && last.failed === 0, message: summaryLine(last) } : null;
}

/** The schedule as it really is. `notices` is empty here; getStatus adds them (reading them clears them). */
function scheduleStatus(spreadsheet: Spreadsheet, notices: UserNotice[] = []): ScheduleStatus {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const stored = loadSchedule(spreadsheet.getId());
  const triggers = scheduleTriggers(spreadsheet, triggerIdsOf(spreadsheet.getId()));
  const lastRun = lastScheduledEntry(spreadsheet);
  if (stored && triggers.some((t) => t.getUniqueId() === stored.triggerId)) {
    const description = describeSchedule(stored, stored.timeZone);
    return { frequency: stored.frequency, hour: stored.hour, weekday: stored.weekday, timeZone: stored.timeZone, description, active: true, problem: null, lastRun, notices };
  }
  const off = { frequency: 'off' as const, timeZone, description: describeSchedule({ frequency: 'off' }, timeZone), lastRun, notices };
  if (stored) {
    return { ...off, active: false, problem: 'The scheduled refresh was removed outside the add-on (for example on the Apps Script triggers page). Set the schedule again to resume it.' };
  }
  if (triggers.length) return { ...off, active: true, problem: 'A scheduled refresh exists but its settings were lost. Set the schedule again (or turn it off).' };
  return { ...off, active: false, problem: null };
}

/** For getStatus: the schedule plus this user's notices, which are shown once. */
export function scheduleStatusWithNotices(spreadsheet: Spreadsheet): ScheduleStatus {
  return scheduleStatus(spreadsheet, takeNotices());
}

/** Deletes every refresh trigger of this user for this spreadsheet, and forgets them. */
function removeScheduleTriggers(spreadsheet: Spreadsheet): void {
  const ids = triggerIdsOf(spreadsheet.getId());
  deleteTriggers(scheduleTriggers(spreadsheet, ids));
  for (const id of ids) forgetTrigger(id);
}

/** Creates, replaces or removes this user's refresh trigger for this spreadsheet; never leaves duplicates. */
export function setSchedule(input: unknown, spreadsheet: Spreadsheet): ScheduleStatus {
  const schedule = parseSchedule(input as { frequency?: unknown });
  if (schedule.frequency !== 'off' && !userConnectionStore().load()) {
    throw new AddOnError('NOT_CONNECTED', 'Connect to TrueClicks first: the scheduled refresh runs with your connection.');
  }
  removeScheduleTriggers(spreadsheet);
  if (schedule.frequency === 'off') {
    saveSchedule(spreadsheet.getId(), null);
  } else {
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const triggerId = createScheduleTrigger(schedule, timeZone);
    rememberTrigger(triggerId, spreadsheet.getId(), spreadsheet.getName());
    saveSchedule(spreadsheet.getId(), { ...schedule, triggerId, timeZone, setAt: new Date(Date.now()).toISOString() });
  }
  return scheduleStatus(spreadsheet);
}
