/**
 * Keeping a growing tab's columns where they are. Append and merge add to a tab that already has a header:
 * every column it has keeps its position (a column the source dropped stays, empty from now on), and a column
 * the source adds goes at the right. Also the SnapshotAt stamp that leads every appended row.
 */
import { Table } from '../table/build-table';
import { CellValue, ColumnKind, FORMATS, TEXT_FORMAT } from '../table/typing';
import { SNAPSHOT_COLUMN } from './output-options';

/** The table re-laid to `header` followed by its own columns that `header` lacks (unless `onlyHeader`). */
export function alignToHeader(table: Table, header: string[], onlyHeader = false): Table {
  const lower = (s: string) => s.toLowerCase();
  const known = header.map(lower);
  const added = onlyHeader ? [] : table.header.filter((c) => known.indexOf(lower(c)) < 0);
  const target = header.concat(added);
  const own = table.header.map(lower);
  const source = target.map((c) => own.indexOf(lower(c)));
  if (source.every((s, i) => s === i) && target.length === table.header.length) return table;
  const pick = <T>(row: ReadonlyArray<T>, empty: T): T[] => source.map((s) => (s < 0 ? empty : row[s]));
  return {
    header: target,
    values: table.values.map((row) => pick<CellValue>(row, '')),
    formats: table.formats.map((row) => pick<string>(row, TEXT_FORMAT)),
    kinds: pick<ColumnKind>(table.kinds, 'text'),
    typedFrom: table.typedFrom,
  };
}

const SNAPSHOT_FORMAT = FORMATS.datetime;

/** The table with a leading SnapshotAt column: `stampOf(i)` for row i (the run's start, or a history row's own date). */
export function stampTable(table: Table, stampOf: (row: number) => Date): Table {
  return {
    header: [SNAPSHOT_COLUMN].concat(table.header),
    values: table.values.map((row, i) => [stampOf(i) as CellValue].concat(row)),
    formats: table.formats.map((row) => [SNAPSHOT_FORMAT].concat(row)),
    kinds: (['datetime'] as ColumnKind[]).concat(table.kinds),
    typedFrom: table.typedFrom,
  };
}
