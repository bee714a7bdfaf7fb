/**
 * What the progress line says (no DOM here, so it is tested in plain Node): a total when the service gave one
 * ("1,250 of 3,120 rows"), accounts for check tables ("12 of 60 accounts"), and TrueClicks asking to wait.
 */
import { formatCount } from '../core/format';
import type { Progress } from './server-api';

function plural(n: number, one: string): string {
  return `${formatCount(n)} ${n === 1 ? one : `${one}s`}`;
}

function fetchingText(p: Progress): string {
  if (typeof p.accountsTotal === 'number' && p.accountsTotal > 0) return `Fetching… ${formatCount(p.accountsDone || 0)} of ${plural(p.accountsTotal, 'account')}`;
  if (typeof p.totalRows === 'number') return `Fetching… ${formatCount(p.rows)} of ${plural(p.totalRows, 'row')}`;
  return `Fetching… ${plural(p.pages, 'page')}, ${plural(p.rows, 'row')} so far`;
}

export function progressText(p: Progress | null): string {
  if (!p) return 'Starting the import…';
  if (typeof p.retryInMs === 'number' && p.retryInMs > 0) return `TrueClicks is busy, retrying in ${Math.max(1, Math.round(p.retryInMs / 1000))} s…`;
  if (p.phase === 'fetching') return fetchingText(p);
  if (p.phase === 'writing') return `Writing ${plural(p.rows, 'row')} to the tab…`;
  return `Finishing (${plural(p.rows, 'row')})…`;
}

/** How far along, 0–1, when the total is known; null for an indeterminate bar. */
export function progressFraction(p: Progress | null): number | null {
  if (!p) return null;
  if (typeof p.accountsTotal === 'number' && p.accountsTotal > 0) return Math.min(1, (p.accountsDone || 0) / p.accountsTotal);
  if (typeof p.totalRows === 'number' && p.totalRows > 0) return Math.min(1, p.rows / p.totalRows);
  return null;
}

