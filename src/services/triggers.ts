/**
 * The scheduled-refresh trigger. An editor add-on may hold one time-driven trigger per user per document, at
 * most hourly; triggers run as the user who made them. Google's documentation does not settle whether an
 * add-on's clock trigger belongs to the document (listed by getUserTriggers(spreadsheet), handler run with the
 * spreadsheet active) or to the script (listed only by getProjectTriggers(), handler run with no active
 * spreadsheet — what VtstAddonTriggerLib assumes). This module works under both: a trigger is found by its
 * unique id, remembered per user (schedule-store.ts), across both lists.
 */
import { Schedule } from '../core/schedule';
import { TRIGGER_HANDLERS } from '../shared/entry-names';

type Trigger = GoogleAppsScript.Script.Trigger;

const isSchedule = (t: Trigger) => t.getHandlerFunction() === TRIGGER_HANDLERS.scheduledRefresh;

/**
 * This user's refresh triggers for a spreadsheet: those getUserTriggers lists for it, and those of
 * getProjectTriggers whose unique id the add-on remembered for it.
 */
export function scheduleTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, knownIds: string[]): Trigger[] {
  const found: Record<string, Trigger> = {};
  for (const t of ScriptApp.getUserTriggers(spreadsheet)) if (isSchedule(t)) found[t.getUniqueId()] = t;
  for (const t of ScriptApp.getProjectTriggers()) if (isSchedule(t) && knownIds.indexOf(t.getUniqueId()) >= 0) found[t.getUniqueId()] = t;
  return Object.keys(found).map((id) => found[id]);
}

export function deleteTriggers(triggers: Trigger[]): void {
  for (const t of triggers) ScriptApp.deleteTrigger(t);
}

/** Deletes one trigger of this user by its unique id; false when it no longer exists. */
export function deleteTriggerById(triggerUid: string): boolean {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getUniqueId() === triggerUid) {
      ScriptApp.deleteTrigger(t);
      return true;
    }
  }
  return false;
}

/** Creates the trigger for a schedule (not 'off'), in the spreadsheet's time zone; returns its unique id. */
export function createScheduleTrigger(schedule: Schedule, timeZone: string): string {
  const clock = ScriptApp.newTrigger(TRIGGER_HANDLERS.scheduledRefresh).timeBased();
  let builder: GoogleAppsScript.Script.ClockTriggerBuilder;
  if (schedule.frequency === 'hourly') builder = clock.everyHours(1);
  else if (schedule.frequency === 'daily') builder = clock.everyDays(1).atHour(schedule.hour as number);
  else builder = clock.everyWeeks(1).onWeekDay(ScriptApp.WeekDay[schedule.weekday as keyof typeof GoogleAppsScript.Base.Weekday]).atHour(schedule.hour as number);
  return builder.inTimezone(timeZone).create().getUniqueId();
}
