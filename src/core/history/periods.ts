/**
 * Snapshot periods: which "day" or "week" a run belongs to, in the spreadsheet's time zone. Pure: the caller
 * turns an instant into its calendar day in the zone (Utilities.formatDate), this module does the rest.
 */
import { SnapshotEvery } from './output-options';

const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Monday of the ISO week holding `day` ("yyyy-MM-dd"), as "yyyy-MM-dd". */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const monday = new Date(utc - ((new Date(utc).getUTCDay() + 6) % 7) * DAY_MS);
  return `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
}

/**
 * The period key of a snapshot taken at `ms` whose calendar day in the spreadsheet's zone is `localDay`.
 * 'run' makes every run its own period (keyed by the instant itself).
 */
export function periodKey(every: SnapshotEvery, ms: number, localDay: string): string {
  if (every === 'run') return `run:${ms}`;
  return every === 'week' ? `week:${weekStart(localDay)}` : `day:${localDay}`;
}
