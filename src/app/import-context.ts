/**
 * What every import needs to run, and what it returns. Shared by dataset imports and check-table imports.
 */
import { AddOnError } from '../core/errors';
import { ServiceMetadata } from '../core/odata/metadata';
import { Truncation } from '../core/odata/paging';
import { Table } from '../core/table/build-table';
import { StoredConnection } from '../services/connection-store';
import { HttpClient, HttpDeps, RequestTimer, defaultHttpDeps } from '../services/http';
import { clientFor } from './connection';
import { Progress } from '../services/progress';
import { NEW_SHEET_COLUMNS, SPREADSHEET_CELL_LIMIT } from './limits';
import { TargetSheet } from './target-sheet';

export interface ImportResult {
  sheetName: string;
  rows: number;
  columns: number;
  /** Why the data is incomplete (page cap, row cap or time limit), or null. */
  truncated: string | null;
  /** 'metadata' when column types came from $metadata, 'values' when inferred. */
  typedFrom: 'metadata' | 'values';
  /** Append and merge: what this run changed, in words. */
  changes?: string;
}

export interface ImportContext {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  connection: StoredConnection;
  /** Epoch ms after which no new request starts (shared by all imports of one run). */
  deadline: number;
  /** Epoch ms by which a write must have finished (the 6-minute run's end, less a margin); none for formulas. */
  runEndsAt?: number;
  http?: HttpDeps;
  /** $metadata per base URL, fetched once per run (refreshAll imports many sets from one service). */
  metadataCache?: Record<string, ServiceMetadata | null>;
  /** Told after every page and before/after writing, for the sidebar's progress display. */
  onProgress?: (progress: Progress) => void;
  /** Whether each service (by base URL) honours `$skip`, probed once per run. */
  skipSupport?: Record<string, { known?: boolean }>;
  /** A tighter row cap than the spreadsheet's own (cell formulas). */
  maxRows?: number;
  /** Cell formulas: start a request only when its estimated duration still fits (services/http.ts). */
  requestTimer?: RequestTimer;
  /** Whether the user asked to stop (cancelImport); read between pages and batches. */
  cancelled?: () => boolean;
  /** The last progress reported, so a retry wait or a batch adds to it instead of starting over. */
  lastProgress?: Progress;
}

/** A finished table, ready to be written, and how it was obtained. */
export interface ProducedTable {
  table: Table;
  truncation: Truncation | null;
  /** Requests (pages or accounts) it took, for progress. */
  pages: number;
  /** The columns that identify a row by default (the $metadata entity key; a check table's account id). */
  key: string[];
}

export function httpDeps(ctx: ImportContext): HttpDeps {
  return ctx.http || defaultHttpDeps();
}

/** An HTTP client whose retry waits show in the progress ("TrueClicks is busy, retrying in 3 s"). */
export function clientOf(ctx: ImportContext): HttpClient {
  return clientFor(ctx.connection, ctx.deadline, httpDeps(ctx), {
    timer: ctx.requestTimer,
    onRetryWait: (waitMs) => report(ctx, { phase: 'fetching', pages: 0, rows: 0, ...ctx.lastProgress, retryInMs: waitMs }),
    beforeBatch: (done, total) => {
      stopIfCancelled(ctx);
      if (total > 1) report(ctx, { phase: 'fetching', pages: done, rows: 0, ...ctx.lastProgress, accountsDone: done, accountsTotal: total, retryInMs: undefined });
    },
  });
}

export function report(ctx: ImportContext, progress: Progress): void {
  ctx.lastProgress = progress;
  if (ctx.onProgress) ctx.onProgress(progress);
}

const CANCELLED_MESSAGE = 'Import cancelled. Nothing was written: the tab is as it was.';

/** Throws the "cancelled" error when the user asked to stop; called between pages, batches, and before writing. */
export function stopIfCancelled(ctx: ImportContext): void {
  if (ctx.cancelled && ctx.cancelled()) throw new AddOnError('CANCELLED', CANCELLED_MESSAGE);
}

export function cellsOutside(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, target: GoogleAppsScript.Spreadsheet.Sheet | null): number {
  let total = 0;
  for (const s of spreadsheet.getSheets()) {
    if (!target || s.getSheetId() !== target.getSheetId()) total += s.getMaxRows() * s.getMaxColumns();
  }
  return total;
}

/** Columns the tab will have: it grows to fit the table; a new tab starts with Sheets' default grid. */
function gridColumns(target: TargetSheet, width: number): number {
  return Math.max(target.sheet ? target.sheet.getMaxColumns() : NEW_SHEET_COLUMNS, width);
}

/** The most data rows of `expectedWidth` columns that still fit the spreadsheet's cell limit. */
export function rowBudget(ctx: ImportContext, target: TargetSheet | null, expectedWidth: number, cap: number): number {
  const limit = Math.min(cap, ctx.maxRows || cap);
  if (!target) return limit;
  const cellBudget = SPREADSHEET_CELL_LIMIT - cellsOutside(ctx.spreadsheet, target.sheet);
  return Math.max(0, Math.min(limit, Math.floor(cellBudget / gridColumns(target, expectedWidth)) - 1));
}
