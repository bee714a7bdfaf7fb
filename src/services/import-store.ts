/**
 * Saved imports live as developer metadata on the tab they fill: the definition moves and is copied with the
 * tab (a copied spreadsheet knows what to refresh), and its presence marks the tab as one the add-on created.
 * DOCUMENT visibility, not PROJECT: PROJECT metadata is tied to the script's Cloud project, so moving the add-on
 * to another project (as publishing requires) would orphan every saved import. Never holds credentials.
 */
import { ImportDefinition, ImportStatus, parseDefinition, parseStatus } from '../core/import-definition';

const DEFINITION_KEY = 'trueclicks.import';
const STATUS_KEY = 'trueclicks.status';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SavedImport {
  sheet: Sheet;
  definition: ImportDefinition;
  status: ImportStatus;
}

function metadataByKey(sheet: Sheet): Record<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata> {
  const out: Record<string, GoogleAppsScript.Spreadsheet.DeveloperMetadata> = {};
  for (const m of sheet.getDeveloperMetadata()) {
    const key = m.getKey();
    if (key === DEFINITION_KEY || key === STATUS_KEY) out[key] = m;
  }
  return out;
}

function put(sheet: Sheet, existing: GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined, key: string, value: string): void {
  if (existing) existing.setValue(value);
  else sheet.addDeveloperMetadata(key, value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}

export function readImport(sheet: Sheet): SavedImport | null {
  const meta = metadataByKey(sheet);
  const definition = parseDefinition(meta[DEFINITION_KEY] ? meta[DEFINITION_KEY].getValue() : null);
  if (!definition) return null;
  return { sheet, definition, status: parseStatus(meta[STATUS_KEY] ? meta[STATUS_KEY].getValue() : null) };
}

export function listImports(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SavedImport[] {
  const out: SavedImport[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    const saved = readImport(sheet);
    if (saved) out.push(saved);
  }
  return out;
}

export function writeImport(sheet: Sheet, definition: ImportDefinition, status: ImportStatus): void {
  const meta = metadataByKey(sheet);
  put(sheet, meta[DEFINITION_KEY], DEFINITION_KEY, JSON.stringify(definition));
  put(sheet, meta[STATUS_KEY], STATUS_KEY, JSON.stringify(status));
}

export function writeStatus(sheet: Sheet, status: ImportStatus): void {
  const meta = metadataByKey(sheet);
  put(sheet, meta[STATUS_KEY], STATUS_KEY, JSON.stringify(status));
}

export function removeImport(sheet: Sheet): void {
  const meta = metadataByKey(sheet);
  if (meta[DEFINITION_KEY]) meta[DEFINITION_KEY].remove();
  if (meta[STATUS_KEY]) meta[STATUS_KEY].remove();
}
