/**
 * Planning a merge by key: which rows of the tab change, which keys are new (added at the bottom) and which
 * are gone (cleared in place). Pure. The writes come out as runs of adjacent rows, so the writer needs one range
 * call per run instead of one per row; past MAX_RUNS runs the plan becomes one block from the first changed row
 * to the last, which is still fully determined by the plan (every row in it is either a source row or empty).
 *
 * Rows are never moved: a user's own column beside the data stays aligned with its key, and a formula that
 * points at a row keeps pointing at the same key. A removed key leaves an empty row in place (not reused later,
 * so a note the user wrote beside it never lands next to another key).
 */
import { AddOnError } from '../errors';
import { CellValue } from '../table/typing';

export const MAX_RUNS = 100;

export interface MergeInput {
  /** The tab's data rows as read (below the header), each as wide as the data area was. */
  existing: ReadonlyArray<ReadonlyArray<unknown>>;
  /** Key column positions in `existing` rows (0-based). */
  existingKey: number[];
  rows: ReadonlyArray<ReadonlyArray<CellValue>>;
  formats: ReadonlyArray<ReadonlyArray<string>>;
  /** Key column positions in the new rows; the new header extends the old one, so other positions line up. */
  key: number[];
  /** Column names of the key, for the duplicate-key message. */
  keyNames: string[];
  /** Keep rows whose key is missing (the source was cut short, so a missing key proves nothing). */
  keepMissing?: boolean;
}

/** A block of adjacent rows to write: `values[i]` goes to data row `start + i` (0-based, below the header). */
export interface RowBlock {
  start: number;
  values: CellValue[][];
  formats: string[][];
}

export interface MergePlan {
  writes: RowBlock[];
  /** Runs of rows whose key the source no longer returns: cleared in place. */
  clears: Array<{ start: number; rows: number }>;
  updated: number;
  inserted: number;
  removed: number;
  unchanged: number;
  /** Data rows after the merge (the tab's data area grows only at the bottom). */
  finalRows: number;
}

function isDate(v: unknown): v is Date {
  return !!v && Object.prototype.toString.call(v) === '[object Date]';
}

/** A cell as compared: Dates by instant, everything else by its text, so 5 (number) and 5 (read back) match. */
function comparable(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (isDate(v)) return `d:${v.getTime()}`;
  return typeof v === 'number' || typeof v === 'boolean' ? `${typeof v}:${String(v)}` : String(v);
}

/** Keys compare as text: an id written as number 5 and read back as 5, or as text "5", is the same key. */
function keyOf(row: ReadonlyArray<unknown>, positions: number[]): string {
  return JSON.stringify(positions.map((p) => (isDate(row[p]) ? `d:${(row[p] as Date).getTime()}` : String(row[p] === undefined || row[p] === null ? '' : row[p]))));
}

function blankKey(row: ReadonlyArray<unknown>, positions: number[]): boolean {
  return positions.every((p) => row[p] === undefined || row[p] === null || row[p] === '');
}

function sameRow(a: ReadonlyArray<unknown>, b: ReadonlyArray<CellValue>): boolean {
  const width = Math.max(a.length, b.length);
  for (let c = 0; c < width; c++) if (comparable(a[c]) !== comparable(b[c])) return false;
  return true;
}

function indexExisting(input: MergeInput): Record<string, number> {
  const at: Record<string, number> = Object.create(null);
  input.existing.forEach((row, r) => {
    if (blankKey(row, input.existingKey)) return;
    const k = keyOf(row, input.existingKey);
    if (at[k] === undefined) at[k] = r;
  });
  return at;
}

function refuseDuplicates(input: MergeInput): void {
  const seen: Record<string, true> = Object.create(null);
  for (const row of input.rows) {
    const k = keyOf(row, input.key);
    if (seen[k]) {
      const shown = input.key.map((p, i) => `${input.keyNames[i]} = ${String(row[p])}`).join(', ');
      throw new AddOnError(
        'BAD_INPUT',
        `Merge stopped: TrueClicks returned more than one row with ${shown}, so the key (${input.keyNames.join(' + ')}) does not identify a row. Nothing was changed. Pick key columns that are unique together.`,
      );
    }
    seen[k] = true;
  }
}

type RowChange = { row: number; values: CellValue[] | null; formats: string[] | null };

function blankRow(width: number): CellValue[] {
  return new Array(width).fill('');
}

/** Groups sorted single-row changes into blocks of adjacent rows. */
function coalesce(changes: RowChange[], width: number, emptyFormats: string[]): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (const change of changes) {
    const last = blocks[blocks.length - 1];
    const values = change.values || blankRow(width);
    const formats = change.formats || emptyFormats;
    if (last && last.start + last.values.length === change.row) {
      last.values.push(values);
      last.formats.push(formats);
    } else blocks.push({ start: change.row, values: [values], formats: [formats] });
  }
  return blocks;
}

export function planMerge(input: MergeInput, emptyFormats: string[]): MergePlan {
  refuseDuplicates(input);
  const at = indexExisting(input);
  const width = emptyFormats.length;
  const matched: boolean[] = new Array(input.existing.length).fill(false);
  /** Every source row's place in the tab (for the one-block fallback, which rewrites unchanged rows too). */
  const placed: RowChange[] = [];
  const writes: RowChange[] = [];
  let updated = 0;
  let bottom = input.existing.length;
  input.rows.forEach((row, i) => {
    const r = at[keyOf(row, input.key)];
    const change = { row: r === undefined ? bottom++ : r, values: row as CellValue[], formats: input.formats[i] as string[] };
    placed.push(change);
    if (r !== undefined) matched[r] = true;
    if (r === undefined) writes.push(change);
    else if (!sameRow(input.existing[r], row)) {
      updated++;
      writes.push(change);
    }
  });
  const clears: RowChange[] = [];
  input.existing.forEach((row, r) => {
    if (!input.keepMissing && !matched[r] && !blankKey(row, input.existingKey)) clears.push({ row: r, values: null, formats: null });
  });
  const inserted = bottom - input.existing.length;
  const counts = { updated, inserted, removed: clears.length, unchanged: input.rows.length - inserted - updated, finalRows: bottom };
  writes.sort((a, b) => a.row - b.row);
  const writeBlocks = coalesce(writes, width, emptyFormats);
  const clearBlocks = coalesce(clears, width, emptyFormats).map((b) => ({ start: b.start, rows: b.values.length }));
  if (writeBlocks.length + clearBlocks.length <= MAX_RUNS) return { writes: writeBlocks, clears: clearBlocks, ...counts };
  // Too many scattered changes: one block from the first changed row to the last, unchanged rows rewritten as they are.
  const first = Math.min(writes.length ? writes[0].row : Infinity, clears.length ? clears[0].row : Infinity);
  const last = Math.max(writes.length ? writes[writes.length - 1].row : -1, clears.length ? clears[clears.length - 1].row : -1);
  return { writes: [spanBlock(first, last, placed, width, emptyFormats)], clears: [], ...counts };
}

function spanBlock(start: number, end: number, placed: RowChange[], width: number, emptyFormats: string[]): RowBlock {
  const values: CellValue[][] = [];
  const formats: string[][] = [];
  for (let r = start; r <= end; r++) {
    values.push(blankRow(width));
    formats.push(emptyFormats);
  }
  for (const p of placed) {
    if (p.row < start || p.row > end) continue;
    values[p.row - start] = p.values as CellValue[];
    formats[p.row - start] = p.formats as string[];
  }
  return { start, values, formats };
}
