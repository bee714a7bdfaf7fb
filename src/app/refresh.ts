/**
 * Re-run every saved import of this spreadsheet, one by one. One failure does not stop the others; a run that
 * is running out of time stops starting new imports and says which were skipped.
 */
import { describeError, redactSecrets } from '../core/errors';
import { listImports } from '../services/import-store';
import { logUnexpected } from './boundary';
import { definitionSource } from '../core/import-definition';
import { ImportContext } from './import-context';
import { runImport } from './run-import';

export interface RefreshOutcome {
  sheetName: string;
  dataset: string;
  ok: boolean;
  rows: number | null;
  error: { code: string; message: string } | null;
  truncated: string | null;
  skipped: boolean;
}

export interface RefreshSummary {
  refreshed: number;
  failed: number;
  skipped: number;
  outcomes: RefreshOutcome[];
}

export function refreshAll(ctx: ImportContext, now: () => number = () => Date.now()): RefreshSummary {
  const outcomes: RefreshOutcome[] = [];
  for (const saved of listImports(ctx.spreadsheet)) {
    const sheetName = saved.sheet.getName();
    const base = { sheetName, dataset: definitionSource(saved.definition) };
    if (now() >= ctx.deadline) {
      outcomes.push({ ...base, ok: false, rows: null, error: null, truncated: null, skipped: true });
      continue;
    }
    try {
      const result = runImport(saved.definition, { name: sheetName, sheet: saved.sheet }, ctx);
      outcomes.push({ ...base, ok: true, rows: result.rows, error: null, truncated: result.truncated, skipped: false });
    } catch (e) {
      const described = describeError(e);
      const error = { code: described.code, message: redactSecrets(described.message, [ctx.connection.token]) };
      if (described.code === 'INTERNAL') logUnexpected(e, [ctx.connection.token]);
      outcomes.push({ ...base, ok: false, rows: null, error, truncated: null, skipped: false });
    }
  }
  return {
    refreshed: outcomes.filter((o) => o.ok).length,
    failed: outcomes.filter((o) => !o.ok && !o.skipped).length,
    skipped: outcomes.filter((o) => o.skipped).length,
    outcomes,
  };
}
