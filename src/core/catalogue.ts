/**
 * The one catalogue of TrueClicks URLs. Every path here is relative to the API base URL, which the user may
 * override in the connection settings (and which tests point at the local sandbox). Nobody outside TrueClicks
 * has confirmed these paths: a dataset key that is not listed is treated as a path of its own, so a renamed or
 * new TrueClicks dataset still works without a release.
 */
import { AddOnError } from './errors';

/** TrueClicks' OData service root (trailing slash: paths below are resolved relative to it). */
export const DEFAULT_BASE_URL = 'https://api.trueclicks.com/odata/';

export interface DatasetInfo {
  key: string;
  title: string;
  description: string;
  path: string;
}

export const DATASETS: ReadonlyArray<DatasetInfo> = [
  {
    key: 'accounts',
    title: 'Accounts (current)',
    description: 'Latest aggregated account data: scores, monitoring issues and auditing results.',
    path: 'Accounts',
  },
  {
    key: 'account-history',
    title: 'Accounts (history)',
    description: 'The same account data, weekly, for up to one year.',
    path: 'AccountHistory',
  },
  {
    key: 'checks',
    title: 'Checks (current)',
    description: 'Latest score or value of every monitoring and auditing check.',
    path: 'Checks',
  },
  { key: 'users', title: 'Users', description: 'Active users and pending invitations.', path: 'Users' },
  { key: 'tasks', title: 'Tasks', description: 'Tasks from TrueClicks task management.', path: 'Tasks' },
  {
    key: 'targets-active',
    title: 'Target monitoring (active)',
    description: 'Currently running target monitoring periods.',
    path: 'TargetMonitoringActive',
  },
  {
    key: 'targets-all',
    title: 'Target monitoring (all)',
    description: 'Current, past and future target monitoring periods.',
    path: 'TargetMonitoringAll',
  },
];

export interface ResolvedDataset {
  /** Catalogue key, or null when the user gave a path of their own. */
  key: string | null;
  title: string;
  path: string;
}

/**
 * Finds a dataset by key (case-insensitive), or accepts the input as an OData path relative to the base URL.
 * Absolute URLs and `..` are refused: credentials are only ever sent below the configured base.
 */
export function resolveDataset(input: unknown): ResolvedDataset {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) {
    throw new AddOnError('BAD_INPUT', `Choose a dataset: one of ${DATASETS.map((d) => d.key).join(', ')}.`);
  }
  const known = DATASETS.find((d) => d.key === text.toLowerCase());
  if (known) return { key: known.key, title: known.title, path: known.path };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('/') || /(^|\/)\.\.(\/|$)/.test(text) || /\s/.test(text)) {
    throw new AddOnError(
      'BAD_INPUT',
      `"${text}" is not a dataset. Use one of ${DATASETS.map((d) => d.key).join(', ')}, or an OData entity set name such as Accounts.`,
    );
  }
  return { key: null, title: text, path: text };
}

/** The entity-set name a dataset path refers to (last path segment, without key predicate or query). */
export function entitySetOfPath(path: string): string {
  const noQuery = path.split(/[?#]/)[0].replace(/\/+$/, '');
  const last = noQuery.slice(noQuery.lastIndexOf('/') + 1);
  return last.replace(/\(.*\)$/, '');
}
