/**
 * A report tab is marked with developer metadata (DOCUMENT visibility, like saved imports): what template built it
 * and the choices made. The mark is what lets createReport replace a report tab and never a tab the user made; it
 * moves and is copied with the tab.
 */
import { ReportValues } from '../core/report/build';

const REPORT_KEY = 'trueclicks.report';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SavedReport {
  template: string;
  roles: Record<string, string>;
  values: ReportValues;
  /** Custom charts: the tab's dataset key and the chosen columns. */
  custom?: { dataset: string; sheetId: number; x: string; y: string; aggregate: string; series: string | null; chartType: string };
  /** Source alias → sheet id of the data tab used when built (to prefer the same tab on rebuild). */
  sources: Record<string, number>;
}

function find(sheet: Sheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | null {
  for (const m of sheet.getDeveloperMetadata()) if (m.getKey() === REPORT_KEY) return m;
  return null;
}

export function readReport(sheet: Sheet): SavedReport | null {
  const m = find(sheet);
  if (!m) return null;
  try {
    const parsed = JSON.parse(m.getValue() || '') as SavedReport;
    return parsed && typeof parsed.template === 'string' ? (Object.assign({ roles: {}, values: {}, sources: {} }, parsed) as SavedReport) : null;
  } catch (_corrupt) {
    // Still our tab (the mark is there), but what built it is unreadable: rebuild from fresh proposals.
    return { template: '', roles: {}, values: {}, sources: {} };
  }
}

export function writeReport(sheet: Sheet, report: SavedReport): void {
  const value = JSON.stringify(report);
  const m = find(sheet);
  if (m) m.setValue(value);
  else sheet.addDeveloperMetadata(REPORT_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}

export function listReportSheets(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Array<{ sheet: Sheet; report: SavedReport }> {
  const out: Array<{ sheet: Sheet; report: SavedReport }> = [];
  for (const sheet of spreadsheet.getSheets()) {
    const report = readReport(sheet);
    if (report) out.push({ sheet, report });
  }
  return out;
}
