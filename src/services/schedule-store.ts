/**
 * Where schedules and run logs are kept. The schedule belongs to the user who set it (their trigger runs with
 * their connection): user properties, per spreadsheet. The run log is for everyone who opens the spreadsheet's
 * sidebar: document properties, bounded in size (core/schedule.ts). Neither holds credentials.
 */
import { RunLogEntry, Schedule, appendRunLog } from '../core/schedule';

const SCHEDULE_PREFIX = 'trueclicks.schedule.';
const RUN_LOG_KEY = 'trueclicks.runlog';

export interface StoredSchedule extends Schedule {
  triggerId: string;
  timeZone: string;
  setAt: string;
}

export function loadSchedule(spreadsheetId: string, properties = PropertiesService.getUserProperties()): StoredSchedule | null {
  const raw = properties.getProperty(SCHEDULE_PREFIX + spreadsheetId);
  try {
    return raw ? (JSON.parse(raw) as StoredSchedule) : null;
  } catch (_corrupt) {
    return null;
  }
}

export function saveSchedule(spreadsheetId: string, schedule: StoredSchedule | null, properties = PropertiesService.getUserProperties()): void {
  if (schedule) properties.setProperty(SCHEDULE_PREFIX + spreadsheetId, JSON.stringify(schedule));
  else properties.deleteProperty(SCHEDULE_PREFIX + spreadsheetId);
}

export function loadRunLog(properties = PropertiesService.getDocumentProperties()): RunLogEntry[] {
  const raw = properties.getProperty(RUN_LOG_KEY);
  try {
    return raw ? (JSON.parse(raw) as RunLogEntry[]) : [];
  } catch (_corrupt) {
    return [];
  }
}

export function recordRun(entry: RunLogEntry, properties = PropertiesService.getDocumentProperties()): void {
  properties.setProperty(RUN_LOG_KEY, JSON.stringify(appendRunLog(loadRunLog(properties), entry)));
}
