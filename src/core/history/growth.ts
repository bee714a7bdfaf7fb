/**
 * The 10-million-cell projection for tabs that grow on a schedule: at the current growth, how many days until
 * the spreadsheet is full. Pure; the sidebar warns when that is within 90 days.
 */
import { OutputOptions } from './output-options';

const WARN_WITHIN_DAYS = 90;

const RUNS_PER_DAY: Record<string, number> = { off: 0, hourly: 24, daily: 1, weekly: 1 / 7 };

export interface GrowthInput {
  output: OutputOptions | undefined;
  frequency: string;
  /** Rows one run added (append: one snapshot; merge: new keys). */
  growthRows: number | null;
  /** Data rows in the tab now, and its width. */
  rows: number;
  columns: number;
  /** Cells of the whole spreadsheet now, and its limit. */
  cellsNow: number;
  limit: number;
}

/** Rows the tab gains per day on this schedule (0 when it does not grow). */
export function rowsPerDay(input: GrowthInput): number {
  const runs = RUNS_PER_DAY[input.frequency] || 0;
  if (!input.output || input.output.mode === 'replace' || !input.growthRows || !runs) return 0;
  if (input.output.mode === 'merge') return input.growthRows * runs;
  const every = input.output.snapshotEvery || 'day';
  const periodsPerDay = every === 'run' ? runs : Math.min(runs, every === 'week' ? 1 / 7 : 1);
  return input.growthRows * periodsPerDay;
}

/** Days until the spreadsheet reaches its cell limit at this growth, or null when it never will. */
export function daysUntilFull(input: GrowthInput): number | null {
  const perDay = rowsPerDay(input);
  if (!perDay) return null;
  const keep = input.output && input.output.mode === 'append' ? input.output.keepSnapshots : undefined;
  const room = input.limit - input.cellsNow;
  if (room <= 0) return 0;
  const rowsUntilFull = room / Math.max(input.columns, 1);
  // With retention the tab stops growing at keepSnapshots periods.
  if (keep && keep * (input.growthRows || 0) - input.rows < rowsUntilFull) return null;
  return rowsUntilFull / perDay;
}

export function growthWarning(input: GrowthInput): string | null {
  const days = daysUntilFull(input);
  if (days === null || days > WARN_WITHIN_DAYS) return null;
  const when = days < 1 ? 'within a day' : `in about ${Math.floor(days)} days`;
  return `At its current growth (${Math.round(rowsPerDay(input))} rows a day) this tab fills the spreadsheet's 10 million cells ${when}. Keep fewer snapshots, snapshot less often or choose fewer columns.`;
}
