/**
 * Loads the built add-on (dist/Code.js) into a fresh set of Apps Script fakes with gas-local: the same file
 * clasp would push, running in a vm context whose globals are the fakes.
 */
import path from 'path';
import { createGasEnvironment, GasEnvironment, GasEnvironmentOptions } from '../fakes';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gas = require('gas-local');

export const DIST = path.join(__dirname, '..', '..', 'dist');

export interface ScheduleStatus {
  frequency: string;
  hour?: number;
  weekday?: string;
  timeZone: string;
  description: string;
  active: boolean;
  problem: string | null;
  lastRun: { at: string; ok: boolean; message: string } | null;
}

/** The top-level functions of dist/Code.js, as Apps Script would call them. */
export interface AddOn {
  onOpen(e?: unknown): void;
  onInstall(e?: unknown): void;
  showSidebar(): void;
  menuRefreshAll(): void;
  showHelp(): void;
  saveConnection(input: { username?: string; token?: string; baseUrl?: string }): { connected: boolean; username: string | null; baseUrl: string | null };
  testConnection(): { ok: boolean; message: string; code?: string };
  disconnect(): { connected: boolean };
  listDatasets(): Array<{ key: string; title: string; description: string; path: string }>;
  importDataset(params: Record<string, unknown>): { sheetName: string; rows: number; columns: number; truncated: string | null; typedFrom: string };
  refreshAll(): {
    refreshed: number;
    failed: number;
    skipped: number;
    outcomes: Array<{ sheetName: string; dataset: string; ok: boolean; rows: number | null; error: { code: string; message: string } | null; skipped: boolean; skipReason?: string }>;
    reconnect: boolean;
  };
  importCheckTable(params: Record<string, unknown>): { sheetName: string; rows: number; columns: number; truncated: string | null };
  listRuleKeys(): Array<{ ruleKey: string; name: string | null }>;
  listAccounts(): Array<{ id: string | number; name: string | null }>;
  setFormulasAllowed(allowed: boolean): ReturnType<AddOn['getStatus']>;
  TRUECLICKS(dataset: unknown, columns?: unknown, filter?: unknown, orderby?: unknown, top?: unknown): unknown[][];
  TRUECLICKS_TABLE(ruleKey: unknown, accountIds?: unknown): unknown[][];
  setSchedule(input: Record<string, unknown>): ScheduleStatus;
  getRunLog(): Array<{ at: string; trigger: string; refreshed: number; failed: number; skipped: number; message?: string; failures: Array<{ sheetName: string; code: string; message: string }> }>;
  showRunLog(): void;
  scheduledRefresh(e?: unknown): void;
  getProgress(progressId: string): { phase: string; pages: number; rows: number; totalRows?: number; accountsDone?: number; accountsTotal?: number; retryInMs?: number } | null;
  cancelImport(progressId: string): { cancelled: boolean };
  insertFormula(params: Record<string, unknown>): { cell: string; formula: string; note: string | null };
  refreshImport(sheetName: string): { sheetName: string; rows: number; columns: number; truncated: string | null };
  removeImport(sheetName: string): ReturnType<AddOn['getStatus']>;
  goToSheet(sheetName: string): void;
  listEntitySets(): string[];
  describeDataset(dataset: string): { columns: Array<{ name: string; type: string; label: string; kind: string; samples?: string[] }>; key: string[]; dialect: string; accountColumn: string | null } | null;
  getStatus(): {
    connection: { connected: boolean; username: string | null; baseUrl: string | null };
    formulasAllowed: boolean;
    imports: Array<{ sheetName: string; dataset: string; lastRun: string | null; lastSuccess: string | null; rows: number | null; columns: number | null; lastError: { code: string; message: string } | null; truncated: string | null }>;
    schedule: ScheduleStatus;
  };
}

export function loadAddOn(options: GasEnvironmentOptions = {}): { env: GasEnvironment; addOn: AddOn } {
  const env = createGasEnvironment({ htmlDir: DIST, ...options });
  const addOn = gas.require(DIST, env.globals) as AddOn;
  return { env, addOn };
}

/** Calls fn and returns the message it throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
