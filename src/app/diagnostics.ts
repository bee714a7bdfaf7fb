/**
 * "Check this spreadsheet": verifies, live in the user's spreadsheet, the platform behaviours the add-on relies on
 * and that Google's documentation does not settle (README, "Platform assumptions"). User data is never touched:
 * cell checks run in a temporary hidden tab that is removed afterwards. Each check reports
 * `{ check, ok, detail }`; `ok: null` means it does not apply yet (no scheduled run so far, not connected).
 */
import { DATASETS, entitySetOfPath } from '../core/catalogue';
import { describeError } from '../core/errors';
import { describeEntitySet } from '../core/odata/metadata';
import { buildCollectionUrl } from '../core/odata/query';
import { AUTOMATIC_FORMAT, TEXT_FORMAT } from '../core/table/typing';
import { StoredConnection, userConnectionStore } from '../services/connection-store';
import { HttpClient, defaultHttpDeps } from '../services/http';
import { loadSchedule } from '../services/schedule-store';
import { lastScheduledRun } from '../services/user-notices';
import { clientFor } from './connection';
import { fetchMetadata } from './metadata';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface DiagnosticResult {
  check: string;
  ok: boolean | null;
  detail: string;
}

/** What must come back exactly as written into plain-text (`@`) cells. */
const TEXT_SAMPLES = ['007', '=1+1', 'TRUE', '2024-01-02'];
/** A filter value with spaces, characters a URL reserves, and non-ASCII: what UrlFetchApp must escape. */
const ESCAPING_SAMPLE = 'Zoë & Jürgen #1 + 50% / ok? – 日本';
/** A filter value with both kinds of quote (the apostrophe doubled, as OData requires). */
const QUOTES_SAMPLE = 'Zoë\'s "diagnostic" test';
const DIAGNOSTICS_BUDGET_MS = 60 * 1000;

function safely(check: string, fn: () => DiagnosticResult): DiagnosticResult {
  try {
    return fn();
  } catch (e) {
    return { check, ok: false, detail: `The check itself failed: ${describeError(e).message}` };
  }
}

function textCellsCheck(sheet: Sheet): DiagnosticResult {
  const check = 'Plain-text cells keep text as written';
  const range = sheet.getRange(1, 1, 1, TEXT_SAMPLES.length);
  range.setNumberFormat(TEXT_FORMAT);
  range.setValues([TEXT_SAMPLES.slice()]);
  SpreadsheetApp.flush();
  const back = range.getValues()[0];
  const changed = TEXT_SAMPLES.map((s, i) => ({ wrote: s, read: back[i] })).filter((c) => c.read !== c.wrote);
  return changed.length
    ? { check, ok: false, detail: `Sheets changed ${changed.map((c) => `"${c.wrote}" into ${JSON.stringify(c.read)}`).join(', ')}: imported text such as ids with leading zeros could change.` }
    : { check, ok: true, detail: `${TEXT_SAMPLES.map((s) => `"${s}"`).join(', ')} stayed text.` };
}

function automaticFormatCheck(sheet: Sheet): DiagnosticResult {
  const check = `The "${AUTOMATIC_FORMAT}" format undoes plain text`;
  const cell = sheet.getRange(2, 1);
  cell.setNumberFormat(TEXT_FORMAT);
  cell.setValue('42');
  cell.setNumberFormat(AUTOMATIC_FORMAT);
  cell.setValues([['42']]);
  SpreadsheetApp.flush();
  const value = cell.getValue();
  return value === 42
    ? { check, ok: true, detail: `After resetting a plain-text cell to ${AUTOMATIC_FORMAT}, "42" was read as the number 42.` }
    : { check, ok: false, detail: `After resetting a plain-text cell to ${AUTOMATIC_FORMAT}, "42" came back as ${JSON.stringify(value)}: a column that changed type may keep showing numbers as text.` };
}

function metadataCheck(sheet: Sheet): DiagnosticResult {
  const check = 'Add-on data can be saved with a tab';
  const value = JSON.stringify({ probe: ESCAPING_SAMPLE });
  sheet.addDeveloperMetadata('trueclicks.diagnostics', value, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
  const found = sheet.getDeveloperMetadata().filter((m) => m.getKey() === 'trueclicks.diagnostics');
  return found.length === 1 && found[0].getValue() === value
    ? { check, ok: true, detail: 'Developer metadata was written and read back unchanged.' }
    : { check, ok: false, detail: 'Developer metadata did not read back as written: saved imports could be lost.' };
}

function lastRunCheck(): DiagnosticResult {
  const check = 'Scheduled refresh finds its spreadsheet';
  const last = lastScheduledRun();
  if (!last) return { check, ok: null, detail: 'No scheduled refresh has run for you yet. Set a schedule, and run this check again after its first run.' };
  const how = last.activeSpreadsheet ? 'with its spreadsheet active' : 'with no active spreadsheet, so it opened the spreadsheet by id';
  return last.opened
    ? { check, ok: true, detail: `The last scheduled refresh (${last.at}) ran ${how}.` }
    : { check, ok: false, detail: `The last scheduled refresh (${last.at}) ran ${how}, and could not open it: ${last.outcome}` };
}

function triggerListCheck(spreadsheet: Spreadsheet): DiagnosticResult {
  const check = 'The schedule trigger can be found';
  const stored = loadSchedule(spreadsheet.getId());
  if (!stored) return { check, ok: null, detail: 'You have no scheduled refresh in this spreadsheet.' };
  const perDocument = ScriptApp.getUserTriggers(spreadsheet).some((t) => t.getUniqueId() === stored.triggerId);
  const inProject = ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === stored.triggerId);
  if (!perDocument && !inProject) return { check, ok: false, detail: 'Your scheduled refresh trigger no longer exists. Set the schedule again.' };
  return {
    check,
    ok: true,
    detail: perDocument ? 'Google lists the trigger for this spreadsheet (getUserTriggers).' : 'Google lists the trigger only for the script (getProjectTriggers); the add-on finds it by its id.',
  };
}

function cacheCheck(): DiagnosticResult {
  const check = 'The cache keeps what it is given';
  const cache = CacheService.getDocumentCache() || CacheService.getScriptCache();
  const key = `tc-diagnostics-${Date.now()}`;
  const value = JSON.stringify({ sample: ESCAPING_SAMPLE, n: 1234567890123 });
  cache.put(key, value, 60);
  const back = cache.get(key);
  cache.remove(key);
  return back === value
    ? { check, ok: true, detail: 'A value with non-ASCII text was stored and read back unchanged.' }
    : { check, ok: false, detail: 'A value put in the cache did not come back: formulas will fetch their data on every recalculation.' };
}

/** A text column of the first catalogue dataset, from $metadata or its first row; never a hard-coded name. */
function textColumn(client: HttpClient, connection: StoredConnection): string | null {
  const path = DATASETS[0].path;
  const metadata = fetchMetadata(client, connection.baseUrl);
  const schema = metadata ? describeEntitySet(metadata, entitySetOfPath(path)) : null;
  if (schema) {
    const column = schema.columns.find((c) => c.type === 'Edm.String' && c.name.indexOf('.') < 0);
    return column ? column.name : null;
  }
  const body = client.getJson(buildCollectionUrl(connection.baseUrl, path, { top: 1 })) as { value?: Array<Record<string, unknown>> };
  const first = body && Array.isArray(body.value) && body.value[0] ? body.value[0] : {};
  return Object.keys(first).find((k) => typeof first[k] === 'string') || null;
}

interface FilterProbe {
  client: HttpClient;
  connection: StoredConnection;
  column: string;
}

function filterProbe(): FilterProbe | string {
  const connection = userConnectionStore().load();
  if (!connection) return 'Not connected: connect to TrueClicks in the sidebar, then run this check again.';
  const deps = defaultHttpDeps();
  const client = clientFor(connection, deps.now() + DIAGNOSTICS_BUDGET_MS, deps);
  const column = textColumn(client, connection);
  return column ? { client, connection, column } : 'The first dataset has no text column to filter on.';
}

/** Sends a filter comparing a text column with `value`; ok when TrueClicks accepts it (whether or not rows match). */
function filterCheck(check: string, probe: FilterProbe | string, value: string, whatFails: string): DiagnosticResult {
  if (typeof probe === 'string') return { check, ok: null, detail: probe };
  const filter = `${probe.column} eq '${value.replace(/'/g, "''")}'`;
  try {
    probe.client.getJson(buildCollectionUrl(probe.connection.baseUrl, DATASETS[0].path, { filter, top: 1 }));
    return { check, ok: true, detail: `TrueClicks accepted the filter ${filter}.` };
  } catch (e) {
    const error = describeError(e);
    if (error.code !== 'BAD_REQUEST') throw e;
    return { check, ok: false, detail: `TrueClicks rejected the filter ${filter}. ${whatFails}` };
  }
}

function withTemporaryTab<T>(spreadsheet: Spreadsheet, fn: (sheet: Sheet) => T): T {
  const sheet = spreadsheet.insertSheet(`TrueClicks check ${Date.now()}`);
  try {
    sheet.hideSheet();
    return fn(sheet);
  } finally {
    spreadsheet.deleteSheet(sheet);
  }
}

export function runDiagnostics(spreadsheet: Spreadsheet): DiagnosticResult[] {
  const cellChecks = withTemporaryTab(spreadsheet, (sheet) => [
    safely('Plain-text cells keep text as written', () => textCellsCheck(sheet)),
    safely('The "General" format undoes plain text', () => automaticFormatCheck(sheet)),
    safely('Add-on data can be saved with a tab', () => metadataCheck(sheet)),
  ]);
  return cellChecks.concat([
    safely('Scheduled refresh finds its spreadsheet', lastRunCheck),
    safely('The schedule trigger can be found', () => triggerListCheck(spreadsheet)),
    ...filterChecks(),
    safely('The cache keeps what it is given', cacheCheck),
  ]);
}

function filterChecks(): DiagnosticResult[] {
  const escaping = 'Filters with accents and symbols reach TrueClicks intact';
  const quotes = 'Filters with quotes in a value are accepted';
  let probe: FilterProbe | string;
  try {
    probe = filterProbe();
  } catch (e) {
    probe = `Could not prepare the check: ${describeError(e).message}`;
    return [escaping, quotes].map((check) => ({ check, ok: false, detail: probe as string }));
  }
  return [
    safely(escaping, () => filterCheck(escaping, probe, ESCAPING_SAMPLE, 'UrlFetchApp may be escaping such queries differently than expected: filters with these characters will fail.')),
    safely(quotes, () => filterCheck(quotes, probe, QUOTES_SAMPLE, 'This server does not accept quotes inside filter values: filters on values with an apostrophe or a double quote will fail.')),
  ];
}

/** The results as a short list for an alert. */
export function formatDiagnostics(results: DiagnosticResult[]): string {
  const mark = (ok: boolean | null) => (ok === true ? 'OK' : ok === false ? 'PROBLEM' : 'n/a');
  const failed = results.filter((r) => r.ok === false).length;
  const head = failed ? `${failed} of ${results.length} checks found a problem.` : 'Everything the add-on relies on works in this spreadsheet.';
  return [head, ''].concat(results.map((r) => `${mark(r.ok)} - ${r.check}: ${r.detail}`)).join('\n');
}
