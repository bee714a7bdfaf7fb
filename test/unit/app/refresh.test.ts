/**
 * The refresh use case (src/app/refresh.ts) with injected services: which saved imports run, in which order,
 * what is skipped and why, and what the summary says. The built bundle is tested end to end elsewhere
 * (test/integration/schedule.test.ts); this pins the rules themselves.
 */
import { AddOnError } from '../../../src/core/errors';
import { EMPTY_STATUS, ImportDefinition, ImportStatus } from '../../../src/core/import-definition';
import { RefreshDeps, refreshAll } from '../../../src/app/refresh';
import { ImportContext, ImportResult } from '../../../src/app/import-context';
import { SavedImport } from '../../../src/services/import-store';

const TOKEN = 'secret-token-123';
const T0 = Date.parse('2026-12-01T06:00:00Z');

function saved(name: string, status: Partial<ImportStatus> = {}): SavedImport {
  const definition: ImportDefinition = { kind: 'dataset', dataset: name.toLowerCase(), query: {} };
  return { sheet: { getName: () => name } as GoogleAppsScript.Spreadsheet.Sheet, definition, status: { ...EMPTY_STATUS, ...status } };
}

function context(deadline = T0 + 270_000): ImportContext {
  return { spreadsheet: {} as GoogleAppsScript.Spreadsheet.Spreadsheet, connection: { username: 'u', token: TOKEN, baseUrl: 'https://api.example/odata/', savedAt: '2026-11-01T00:00:00Z' }, deadline };
}

/** Runs refreshAll over `imports`; `behaviour` decides what each import does (by tab name); the clock advances by each import's duration. */
function run(imports: SavedImport[], behaviour: Record<string, { ms?: number; error?: unknown }> = {}, deadline?: number) {
  let clock = T0;
  const ran: string[] = [];
  const logged: unknown[] = [];
  const deps: RefreshDeps = {
    listImports: () => imports,
    now: () => clock,
    logUnexpected: (e) => void logged.push(e),
    runImport: (_definition, target) => {
      ran.push(target.name);
      const b = behaviour[target.name] || {};
      clock += b.ms || 1000;
      if (b.error) throw b.error;
      return { sheetName: target.name, rows: 10, columns: 3, truncated: null, typedFrom: 'metadata' } as ImportResult;
    },
  };
  return { summary: refreshAll(context(deadline), deps), ran, logged };
}

describe('refreshAll', () => {
  it('runs every saved import, the one attempted longest ago first (never-run ones before all)', () => {
    const { summary, ran } = run([
      saved('Recent', { lastRun: '2026-11-30T10:00:00Z' }),
      saved('Never'),
      saved('Old', { lastRun: '2026-11-01T10:00:00Z' }),
    ]);
    expect(ran).toEqual(['Never', 'Old', 'Recent']);
    expect(summary).toMatchObject({ refreshed: 3, failed: 0, skipped: 0, reconnect: false });
  });

  it('carries on after a failure, and reports it with its code and a message without the token', () => {
    const { summary, ran } = run([saved('A'), saved('B')], { A: { error: new AddOnError('SERVER', `TrueClicks failed for ${TOKEN}`) } });
    expect(ran).toEqual(['A', 'B']);
    expect(summary).toMatchObject({ refreshed: 1, failed: 1, skipped: 0 });
    expect(summary.outcomes[0].error).toEqual({ code: 'SERVER', message: expect.not.stringContaining(TOKEN) });
  });

  it('stops at rejected credentials: the rest are skipped with "reconnect", not hammered', () => {
    const { summary, ran } = run([saved('A'), saved('B'), saved('C')], { A: { error: new AddOnError('AUTH', 'rejected') } });
    expect(ran).toEqual(['A']);
    expect(summary.reconnect).toBe(true);
    expect(summary.outcomes.slice(1).map((o) => [o.skipped, o.skipReason])).toEqual([
      [true, expect.stringMatching(/reconnect/)],
      [true, expect.stringMatching(/reconnect/)],
    ]);
  });

  it('always starts the first import, then only those whose last duration still fits before the deadline', () => {
    const imports = [saved('Huge', { durationMs: 400_000 }), saved('Big', { durationMs: 200_000 }), saved('Small', { durationMs: 5_000 })];
    const { summary, ran } = run(imports, { Huge: { ms: 100_000 } }, T0 + 270_000);
    // Huge runs although it once took longer than a whole run; Big (200 s) no longer fits after 100 s; Small does.
    expect(ran).toEqual(['Huge', 'Small']);
    expect(summary.outcomes.find((o) => o.sheetName === 'Big')).toMatchObject({ skipped: true, skipReason: expect.stringMatching(/time/) });
    expect(summary).toMatchObject({ refreshed: 2, skipped: 1 });
  });

  it('logs unexpected errors (not the add-on\'s own) for the developer, and still reports them', () => {
    const { summary, logged } = run([saved('A')], { A: { error: new TypeError('boom') } });
    expect(logged).toHaveLength(1);
    expect(summary.outcomes[0]).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
