/**
 * Re-run the saved imports of this spreadsheet, one by one, stalest first. One failure does not stop the
 * others — except rejected credentials, which stop the run instead of hammering the API. An import is only
 * started when its last duration still fits in the run's budget, so a large workbook converges over successive
 * runs (the skipped ones are the stalest next time) instead of dying at Google's 6-minute limit.
 */
import { describeError, redactSecrets } from '../core/errors';
import { definitionSource } from '../core/import-definition';
import { stalestFirst } from '../core/schedule';
import { SavedImport, listImports } from '../services/import-store';
import { logUnexpected } from './boundary';
import { ImportContext } from './import-context';
import { runImport } from './run-import';

interface RefreshOutcome {
  sheetName: string;
  dataset: string;
  ok: boolean;
  rows: number | null;
  error: { code: string; message: string } | null;
  truncated: string | null;
  skipped: boolean;
  /** Why it was not run. */
  skipReason?: string;
}

export interface RefreshSummary {
  refreshed: number;
  failed: number;
  skipped: number;
  /** True when the server rejected the credentials: the user must reconnect. */
  reconnect: boolean;
  outcomes: RefreshOutcome[];
}

/** Assumed duration of an import that has never run, for the start decision. */
const UNKNOWN_DURATION_MS = 30 * 1000;

/** The services a refresh run uses; tests inject their own. */
export interface RefreshDeps {
  listImports: (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) => SavedImport[];
  runImport: typeof runImport;
  now: () => number;
  logUnexpected: typeof logUnexpected;
}

const DEFAULT_DEPS: RefreshDeps = { listImports, runImport, now: () => Date.now(), logUnexpected };

export function refreshAll(ctx: ImportContext, deps: RefreshDeps = DEFAULT_DEPS): RefreshSummary {
  const { now } = deps;
  const outcomes: RefreshOutcome[] = [];
  let reconnect = false;
  let started = 0;
  const saved = deps.listImports(ctx.spreadsheet);
  const ordered = stalestFirst(saved.map((s) => ({ saved: s, lastSuccess: s.status.lastSuccess, lastRun: s.status.lastRun })));
  for (const { saved: item } of ordered) {
    const sheetName = item.sheet.getName();
    const base = { sheetName, dataset: definitionSource(item.definition), rows: null, error: null, truncated: null };
    if (reconnect) {
      outcomes.push({ ...base, ok: false, skipped: true, skipReason: 'TrueClicks rejected the credentials; reconnect to refresh.' });
      continue;
    }
    // The first import of a run always gets its chance (even one that needed more than a whole run last time:
    // the server may be faster now); later ones only start when their last duration still fits.
    const expected = item.status.durationMs || UNKNOWN_DURATION_MS;
    if (started > 0 && now() + expected >= ctx.deadline) {
      outcomes.push({ ...base, ok: false, skipped: true, skipReason: 'Not enough time left in this run; it goes first next time.' });
      continue;
    }
    started++;
    try {
      const result = deps.runImport(item.definition, { name: sheetName, sheet: item.sheet }, ctx);
      outcomes.push({ ...base, ok: true, rows: result.rows, truncated: result.truncated, skipped: false });
    } catch (e) {
      const described = describeError(e);
      const error = { code: described.code, message: redactSecrets(described.message, [ctx.connection.token]) };
      if (described.code === 'INTERNAL') deps.logUnexpected(e, [ctx.connection.token]);
      if (described.code === 'AUTH') reconnect = true;
      outcomes.push({ ...base, ok: false, error, skipped: false });
    }
  }
  return {
    refreshed: outcomes.filter((o) => o.ok).length,
    failed: outcomes.filter((o) => !o.ok && !o.skipped).length,
    skipped: outcomes.filter((o) => o.skipped).length,
    reconnect,
    outcomes,
  };
}
