/**
 * Saved imports live as developer metadata on the tab they fill: the definition moves and is copied with the
 * tab (a copied spreadsheet knows what to refresh), and its presence marks the tab as one the add-on created.
 * DOCUMENT visibility, not PROJECT: PROJECT metadata is tied to the script's Cloud project, so moving the add-on
 * to another project (as publishing requires) would orphan every saved import. Never holds credentials.
 */
import { AddOnError } from '../core/errors';
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

/**
 * Developer metadata is limited per location: 30,000 characters of keys and values for each sheet (and for the
 * spreadsheet), the figure of Google's Sheets API metadata guide. A saved import's definition and status share
 * their tab's budget; keep a margin for metadata other tools put on the same tab.
 */
const METADATA_CHARS_PER_SHEET = 30000;
const METADATA_BUDGET = METADATA_CHARS_PER_SHEET - 2000;
/** The most a status takes without its header (times, counts, an error message of a few hundred characters). */
const STATUS_RESERVE = 2000;

function metadataChars(definition: ImportDefinition, status: ImportStatus | null): number {
  return DEFINITION_KEY.length + JSON.stringify(definition).length + (status ? STATUS_KEY.length + JSON.stringify(status).length : STATUS_RESERVE);
}

/**
 * Refuses, before anything is fetched or written, a definition too large to be saved with its tab (a check
 * table with thousands of chosen accounts).
 */
export function assertStorable(definition: ImportDefinition): void {
  if (metadataChars(definition, null) <= METADATA_BUDGET) return;
  const ids = definition.kind === 'checkTable' && definition.accountIds ? definition.accountIds : null;
  const perId = ids ? Math.ceil(JSON.stringify(ids).length / ids.length) : 1;
  throw new AddOnError(
    'TOO_LARGE',
    ids
      ? `${ids.length} chosen accounts are too many to save with the tab: Google Sheets keeps at most ${METADATA_CHARS_PER_SHEET.toLocaleString('en-US')} characters of add-on data per tab, enough for about ${Math.floor((METADATA_BUDGET - STATUS_RESERVE - 200) / perId)} account ids like these. Choose fewer accounts, or "All accounts".`
      : `This import's settings are too long to save with the tab (Google Sheets keeps at most ${METADATA_CHARS_PER_SHEET.toLocaleString('en-US')} characters of add-on data per tab). Shorten the filter or the column list.`,
  );
}

/** A status that fits next to its definition: a very wide header is left out (it is read back from row 1). */
export function storableStatus(definition: ImportDefinition, status: ImportStatus): ImportStatus {
  return metadataChars(definition, status) <= METADATA_BUDGET ? status : { ...status, header: [] };
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
