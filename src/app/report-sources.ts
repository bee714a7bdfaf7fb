/**
 * Finding a report's data tabs through the saved imports (by dataset key, never by tab name) and reading what a
 * report needs to know about them: header, column kinds, distinct values and a bounded sample.
 */
import { resolveDataset } from '../core/catalogue';
import { SourceTab, describeColumns, distinctValues } from '../core/report/columns';
import { ReportTemplate } from '../core/report/templates';
import { listImports } from '../services/import-store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows read to propose columns and values; the report itself reads every row, live. */
const SAMPLE_ROWS = 20000;

function datasetKeyOf(dataset: string): string {
  try {
    const resolved = resolveDataset(dataset);
    return (resolved.key || resolved.path).toLowerCase();
  } catch (_notADataset) {
    return dataset.toLowerCase();
  }
}

/** The tabs filled by saved imports of `dataset` (catalogue key or path), the preferred sheet id first. */
function importedTabs(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, dataset: string, preferId?: number): Sheet[] {
  const want = datasetKeyOf(dataset);
  const found = listImports(spreadsheet)
    .filter((s) => s.definition.kind === 'dataset' && datasetKeyOf(s.definition.dataset) === want)
    .map((s) => s.sheet);
  return found.sort((a, b) => Number(b.getSheetId() === preferId) - Number(a.getSheetId() === preferId));
}

export function readSourceTab(sheet: Sheet, dataset: string): SourceTab {
  const lastRow = sheet.getLastRow();
  const lastColumn = Math.max(1, sheet.getLastColumn());
  const header = sheet.getRange(1, 1, 1, lastColumn).getValues()[0];
  const rows = Math.max(0, lastRow - 1);
  const sample = rows ? sheet.getRange(2, 1, Math.min(rows, SAMPLE_ROWS), lastColumn).getValues() : [];
  const columns = describeColumns(header, sample);
  const distinct: Record<string, string[]> = {};
  for (const c of columns) if (c.kind === 'text' || c.kind === 'boolean') distinct[c.name] = distinctValues(sample.map((r) => r[c.index - 1]));
  return { dataset, sheetName: sheet.getName(), sheetId: sheet.getSheetId(), columns, rows, distinct, sample };
}

export interface TemplateTabs {
  tabs: Record<string, SourceTab | null>;
  sheets: Record<string, Sheet>;
}

export function templateTabs(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, template: ReportTemplate, prefer: Record<string, number> = {}): TemplateTabs {
  const tabs: Record<string, SourceTab | null> = {};
  const sheets: Record<string, Sheet> = {};
  for (const s of template.sources) {
    const sheet = importedTabs(spreadsheet, s.dataset, prefer[s.alias])[0];
    tabs[s.alias] = sheet ? readSourceTab(sheet, s.dataset) : null;
    if (sheet) sheets[s.alias] = sheet;
  }
  return { tabs, sheets };
}
