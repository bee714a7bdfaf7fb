/**
 * Where schedules are kept: all in the **user's** properties, because the user who sets a schedule owns its
 * trigger and a trigger's handler may run with no active spreadsheet (then document properties are unavailable):
 *  - `trueclicks.schedule.<spreadsheet id>` — the schedule of that spreadsheet and its trigger's unique id;
 *  - `trueclicks.trigger.<trigger uid>` — which spreadsheet a trigger refreshes (the handler's way back to its
 *    spreadsheet when Google runs it without one, and how "off" finds a trigger getUserTriggers does not list).
 * Neither holds credentials. Every value is bounded in UTF-8 bytes (core/bytes.ts).
 */
import { truncateToBytes } from '../core/bytes';
import { Schedule } from '../core/schedule';

const SCHEDULE_PREFIX = 'trueclicks.schedule.';
const TRIGGER_PREFIX = 'trueclicks.trigger.';
/** Spreadsheet names can be long and non-Latin; the name is only for messages. */
const NAME_MAX_BYTES = 300;

type Properties = GoogleAppsScript.Properties.Properties;
const userProperties = (): Properties => PropertiesService.getUserProperties();

export interface StoredSchedule extends Schedule {
  triggerId: string;
  timeZone: string;
  setAt: string;
}

export interface TriggerTarget {
  spreadsheetId: string;
  /** For messages when the spreadsheet can no longer be opened. */
  name: string;
}

function readJson<T>(properties: Properties, key: string): T | null {
  const raw = properties.getProperty(key);
  try {
    return raw ? (JSON.parse(raw) as T) : null;
  } catch (_corrupt) {
    return null;
  }
}

export function loadSchedule(spreadsheetId: string, properties = userProperties()): StoredSchedule | null {
  return readJson<StoredSchedule>(properties, SCHEDULE_PREFIX + spreadsheetId);
}

export function saveSchedule(spreadsheetId: string, schedule: StoredSchedule | null, properties = userProperties()): void {
  if (schedule) properties.setProperty(SCHEDULE_PREFIX + spreadsheetId, JSON.stringify(schedule));
  else properties.deleteProperty(SCHEDULE_PREFIX + spreadsheetId);
}

export function rememberTrigger(triggerUid: string, spreadsheetId: string, name: string, properties = userProperties()): void {
  const target: TriggerTarget = { spreadsheetId, name: truncateToBytes(name, NAME_MAX_BYTES) };
  properties.setProperty(TRIGGER_PREFIX + triggerUid, JSON.stringify(target));
}

export function triggerTarget(triggerUid: string, properties = userProperties()): TriggerTarget | null {
  const target = readJson<TriggerTarget>(properties, TRIGGER_PREFIX + triggerUid);
  return target && typeof target.spreadsheetId === 'string' ? target : null;
}

export function forgetTrigger(triggerUid: string, properties = userProperties()): void {
  properties.deleteProperty(TRIGGER_PREFIX + triggerUid);
}

/** Unique ids of the triggers this user set for a spreadsheet (normally one; more only after a failed delete). */
export function triggerIdsOf(spreadsheetId: string, properties = userProperties()): string[] {
  const out: string[] = [];
  for (const key of properties.getKeys()) {
    if (key.indexOf(TRIGGER_PREFIX) !== 0) continue;
    const target = readJson<TriggerTarget>(properties, key);
    if (target && target.spreadsheetId === spreadsheetId) out.push(key.slice(TRIGGER_PREFIX.length));
  }
  const stored = loadSchedule(spreadsheetId, properties);
  if (stored && stored.triggerId && out.indexOf(stored.triggerId) < 0) out.push(stored.triggerId);
  return out;
}

