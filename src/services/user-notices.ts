/**
 * What a scheduled run has to tell its user when it could not write to its spreadsheet (deleted, access lost,
 * trigger without a spreadsheet), and a record of the last scheduled run for runDiagnostics. Kept in the user's
 * properties, which every spreadsheet of that user can read: getStatus() in any of them shows a notice once.
 * Values are bounded in UTF-8 bytes.
 */
import { PROPERTY_VALUE_MAX_BYTES, truncateToBytes, utf8Bytes } from '../core/bytes';

const NOTICES_KEY = 'trueclicks.notices';
const LAST_SCHEDULED_RUN_KEY = 'trueclicks.lastScheduledRun';
const NOTICE_MAX_BYTES = 600;
const MAX_NOTICES = 10;

export interface UserNotice {
  at: string;
  message: string;
}

export interface ScheduledRunRecord {
  at: string;
  spreadsheetId: string | null;
  /** Whether SpreadsheetApp.getActiveSpreadsheet() returned a spreadsheet inside the trigger. */
  activeSpreadsheet: boolean;
  /** Whether the run got to its spreadsheet at all (active, or opened by id). */
  opened: boolean;
  outcome: string;
}

type Properties = GoogleAppsScript.Properties.Properties;

function readArray(properties: Properties): UserNotice[] {
  try {
    const parsed = JSON.parse(properties.getProperty(NOTICES_KEY) || '[]');
    return Array.isArray(parsed) ? (parsed as UserNotice[]) : [];
  } catch (_corrupt) {
    return [];
  }
}

/** Keeps the newest notices that fit one property value. */
export function boundNotices(notices: UserNotice[]): UserNotice[] {
  const out = notices.slice(0, MAX_NOTICES).map((n) => ({ at: n.at, message: truncateToBytes(n.message, NOTICE_MAX_BYTES) }));
  while (out.length > 1 && utf8Bytes(JSON.stringify(out)) > PROPERTY_VALUE_MAX_BYTES) out.pop();
  return out;
}

export function addNotice(message: string, at: number = Date.now(), properties: Properties = PropertiesService.getUserProperties()): void {
  properties.setProperty(NOTICES_KEY, JSON.stringify(boundNotices([{ at: new Date(at).toISOString(), message }].concat(readArray(properties)))));
}

/** Returns the notices and forgets them: each is shown once. */
export function takeNotices(properties: Properties = PropertiesService.getUserProperties()): UserNotice[] {
  const notices = readArray(properties);
  if (notices.length) properties.deleteProperty(NOTICES_KEY);
  return notices;
}

export function recordScheduledRun(record: ScheduledRunRecord, properties: Properties = PropertiesService.getUserProperties()): void {
  properties.setProperty(LAST_SCHEDULED_RUN_KEY, JSON.stringify({ ...record, outcome: truncateToBytes(record.outcome, NOTICE_MAX_BYTES) }));
}

export function lastScheduledRun(properties: Properties = PropertiesService.getUserProperties()): ScheduledRunRecord | null {
  try {
    const raw = properties.getProperty(LAST_SCHEDULED_RUN_KEY);
    return raw ? (JSON.parse(raw) as ScheduledRunRecord) : null;
  } catch (_corrupt) {
    return null;
  }
}
