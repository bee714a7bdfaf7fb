/**
 * The scheduled-refresh trigger. An editor add-on may hold one time-driven trigger per user per document, at
 * most hourly; a trigger created from a document belongs to it, and its handler runs with that document as the
 * active spreadsheet (so spreadsheets.currentonly covers the refresh). Triggers run as the user who made them.
 */
import { Schedule } from '../core/schedule';
import { TRIGGER_HANDLERS } from '../shared/entry-names';

type Trigger = GoogleAppsScript.Script.Trigger;

export function scheduleTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Trigger[] {
  return ScriptApp.getUserTriggers(spreadsheet).filter((t) => t.getHandlerFunction() === TRIGGER_HANDLERS.scheduledRefresh);
}

export function deleteScheduleTriggers(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  for (const t of scheduleTriggers(spreadsheet)) ScriptApp.deleteTrigger(t);
}

/** Creates the trigger for a schedule (not 'off'), in the spreadsheet's time zone; returns its id. */
export function createScheduleTrigger(schedule: Schedule, timeZone: string): string {
  const clock = ScriptApp.newTrigger(TRIGGER_HANDLERS.scheduledRefresh).timeBased();
  let builder: GoogleAppsScript.Script.ClockTriggerBuilder;
  if (schedule.frequency === 'hourly') builder = clock.everyHours(1);
  else if (schedule.frequency === 'daily') builder = clock.everyDays(1).atHour(schedule.hour as number);
  else builder = clock.everyWeeks(1).onWeekDay(ScriptApp.WeekDay[schedule.weekday as keyof typeof GoogleAppsScript.Base.Weekday]).atHour(schedule.hour as number);
  return builder.inTimezone(timeZone).create().getUniqueId();
}
