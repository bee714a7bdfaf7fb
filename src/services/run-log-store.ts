/**
 * The run log: for everyone who opens the spreadsheet's sidebar, so it lives with the spreadsheet — as
 * spreadsheet-level developer metadata (DOCUMENT visibility), not document properties, because a scheduled run
 * may get its spreadsheet by id with no document properties available. Bounded in size (core/schedule.ts);
 * never holds credentials (messages are redacted before they get here).
 */
import { RunLogEntry, appendRunLog } from '../core/schedule';

const RUN_LOG_KEY = 'trueclicks.runlog';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function metadataOf(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | null {
  for (const m of spreadsheet.getDeveloperMetadata()) if (m.getKey() === RUN_LOG_KEY) return m;
  return null;
}

function parse(raw: string | null): RunLogEntry[] {
  try {
    const parsed = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as RunLogEntry[]) : [];
  } catch (_corrupt) {
    return [];
  }
}

/** Earlier versions kept the log in document properties: read it until the first new entry replaces it. */
function legacyLog(): RunLogEntry[] {
  try {
    const properties = PropertiesService.getDocumentProperties();
    return properties ? parse(properties.getProperty(RUN_LOG_KEY)) : [];
  } catch (_unavailable) {
    return [];
  }
}

export function loadRunLog(spreadsheet: Spreadsheet): RunLogEntry[] {
  const meta = metadataOf(spreadsheet);
  return meta ? parse(meta.getValue()) : legacyLog();
}

export function recordRun(spreadsheet: Spreadsheet, entry: RunLogEntry): void {
  const meta = metadataOf(spreadsheet);
  const value = JSON.stringify(appendRunLog(meta ? parse(meta.getValue()) : legacyLog(), entry));
  if (meta) meta.setValue(value);
  else spreadsheet.addDeveloperMetadata(RUN_LOG_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}
