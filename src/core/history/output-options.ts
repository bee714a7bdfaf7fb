/**
 * How an import puts its rows into the tab: replace everything (the default), append a dated snapshot below the
 * existing rows, or merge rows by key. Validated once, saved with the import definition, and read by every
 * later refresh and scheduled run.
 */
import { AddOnError } from '../errors';
import { parseColumns } from '../odata/query';

export type OutputMode = 'replace' | 'append' | 'merge';
export type SnapshotEvery = 'run' | 'day' | 'week';

export interface OutputOptions {
  mode: OutputMode;
  /** Append: how long one snapshot period lasts; a later run in the same period replaces its rows. */
  snapshotEvery?: SnapshotEvery;
  /** Append: keep only the newest N periods. */
  keepSnapshots?: number;
  /** Merge: the columns that identify a row (absent: the entity key from $metadata). */
  key?: string[];
  /** Append: start an empty tab from this dataset's history (e.g. account-history), stamped with its own dates. */
  seedFrom?: string;
}

export const SNAPSHOT_COLUMN = 'SnapshotAt';
export const DEFAULT_SNAPSHOT_EVERY: SnapshotEvery = 'day';
/** Bounds the retention list kept in the saved status and the periods a plan walks. */
const MAX_KEEP_SNAPSHOTS = 1000;

const MODES: OutputMode[] = ['replace', 'append', 'merge'];
const EVERY: SnapshotEvery[] = ['run', 'day', 'week'];

function parseMode(input: unknown): OutputMode {
  if (input === undefined || input === null || input === '') return 'replace';
  const mode = String(input).trim().toLowerCase() as OutputMode;
  if (MODES.indexOf(mode) < 0) throw new AddOnError('BAD_INPUT', `Mode must be replace, append or merge (got "${String(input)}").`);
  return mode;
}

function parseEvery(input: unknown): SnapshotEvery {
  if (input === undefined || input === null || input === '') return DEFAULT_SNAPSHOT_EVERY;
  const every = String(input).trim().toLowerCase() as SnapshotEvery;
  if (EVERY.indexOf(every) < 0) throw new AddOnError('BAD_INPUT', `"Snapshot every" must be run, day or week (got "${String(input)}").`);
  return every;
}

function parseKeep(input: unknown): number | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const n = typeof input === 'number' ? input : Number(String(input).trim());
  if (!isFinite(n) || n < 1 || Math.floor(n) !== n || n > MAX_KEEP_SNAPSHOTS) {
    throw new AddOnError('BAD_INPUT', `"Keep snapshots" must be a whole number from 1 to ${MAX_KEEP_SNAPSHOTS} (got "${String(input)}"), or empty to keep them all.`);
  }
  return n;
}

export interface OutputParams {
  mode?: unknown;
  snapshotEvery?: unknown;
  keepSnapshots?: unknown;
  key?: unknown;
  seedFrom?: unknown;
}

/** The saved form: undefined for plain replace, so definitions saved before modes existed stay equal. */
export function parseOutputOptions(params: OutputParams): OutputOptions | undefined {
  const mode = parseMode(params.mode);
  if (mode === 'replace') return undefined;
  if (mode === 'merge') {
    const key = parseColumns(params.key);
    return key ? { mode, key } : { mode };
  }
  const out: OutputOptions = { mode, snapshotEvery: parseEvery(params.snapshotEvery) };
  const keep = parseKeep(params.keepSnapshots);
  if (keep !== undefined) out.keepSnapshots = keep;
  if (typeof params.seedFrom === 'string' && params.seedFrom.trim()) out.seedFrom = params.seedFrom.trim();
  return out;
}

export function modeOf(output: OutputOptions | undefined): OutputMode {
  return output ? output.mode : 'replace';
}

/** One line for the saved-import summary, e.g. "Append: one snapshot a day, newest 12 kept". */
export function describeOutput(output: OutputOptions | undefined): string {
  if (!output || output.mode === 'replace') return 'Replace: each run replaces the tab';
  if (output.mode === 'merge') return `Merge by ${output.key && output.key.length ? output.key.join(' + ') : 'the dataset key'}`;
  const every = output.snapshotEvery === 'run' ? 'one snapshot per run' : `one snapshot a ${output.snapshotEvery || DEFAULT_SNAPSHOT_EVERY}`;
  const keep = output.keepSnapshots ? `, newest ${output.keepSnapshots} kept` : '';
  return `Append: ${every}${keep}${output.seedFrom ? `, started from ${output.seedFrom}` : ''}`;
}
