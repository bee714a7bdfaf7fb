/**
 * "Keep weekly history": a new append tab starts from a historical dataset (account-history for accounts), so it
 * holds the year TrueClicks keeps on day one; weekly snapshots of the current data follow.
 */
import { AddOnError } from '../core/errors';
import { ImportDefinition } from '../core/import-definition';
import { stampTable } from '../core/history/align';
import { DEFAULT_SNAPSHOT_EVERY } from '../core/history/output-options';
import { periodKey } from '../core/history/periods';
import { describeSeed, findDateColumn, planSeed } from '../core/history/seed';
import { Table } from '../core/table/build-table';
import { dayInZone } from '../services/time-zone';
import { fetchDatasetTable } from './dataset-table';
import { ImportContext, ProducedTable } from './import-context';

export interface HistorySeed {
  /** History rows, already stamped with their own dates (SnapshotAt first), oldest first. */
  history: Table;
  /** This run's rows, laid out in the same columns (not stamped yet). */
  current: Table;
  /** How the columns were aligned, in words. */
  alignment: string;
}

export function fetchHistorySeed(definition: ImportDefinition, produced: ProducedTable, ctx: ImportContext, startedMs: number): HistorySeed {
  const output = definition.output!;
  const source = output.seedFrom!;
  const history = fetchDatasetTable({ kind: 'dataset', dataset: source, query: {} }, null, ctx, []).table;
  const dateAt = findDateColumn(history);
  if (dateAt < 0) {
    throw new AddOnError('BAD_RESPONSE', `${source} has no date column to tell its weeks apart (columns: ${history.header.slice(0, 20).join(', ')}). Start the history without it. Nothing was changed.`);
  }
  const tz = ctx.spreadsheet.getSpreadsheetTimeZone();
  const every = output.snapshotEvery || DEFAULT_SNAPSHOT_EVERY;
  const periodOf = (ms: number) => periodKey(every, ms, dayInZone(ms, tz));
  const plan = planSeed(produced.table, history, dateAt, periodOf, periodOf(startedMs), output.keepSnapshots);
  const target = definition.kind === 'dataset' ? definition.dataset : 'the current data';
  return { history: stampTable(plan.history, (i) => plan.stamps[i]), current: plan.current, alignment: describeSeed(plan, source, target) };
}
