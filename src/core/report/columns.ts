/**
 * What a report knows about an imported tab: its columns (name, position, kind) and a few distinct values of its
 * text columns. Kinds come from $metadata types when the service gives them, otherwise from the values the import
 * wrote (the import typed them from $metadata already, so both agree on a healthy tab).
 */

export type ColumnKind = 'number' | 'date' | 'text' | 'boolean' | 'empty';

export interface SourceColumn {
  name: string;
  /** 1-based column in the tab. */
  index: number;
  kind: ColumnKind;
}

export interface SourceTab {
  /** Dataset key of the saved import that fills the tab. */
  dataset: string;
  sheetName: string;
  sheetId: number;
  columns: SourceColumn[];
  /** Data rows when the tab was read (the report itself stays live; this only informs proposals). */
  rows: number;
  /** Up to MAX_DISTINCT distinct values per text column, most frequent first. */
  distinct: Record<string, string[]>;
  /** Sample rows (header excluded) for build-time choices such as "top accounts by spend". */
  sample: unknown[][];
}

const MAX_DISTINCT = 50;

/** Maps an Edm type name to a column kind. */
function kindOfEdmType(type: string): ColumnKind {
  if (/^Edm\.(Int16|Int32|Int64|Byte|SByte|Decimal|Double|Single)$/.test(type)) return 'number';
  if (/^Edm\.(Date|DateTime|DateTimeOffset)$/.test(type)) return 'date';
  if (type === 'Edm.Boolean') return 'boolean';
  return 'text';
}

function kindOfValue(value: unknown): ColumnKind {
  if (value === '' || value === null || value === undefined) return 'empty';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return 'date';
  return 'text';
}

/** The kind most non-empty sample values share (ties go to text: it is the safe reading). */
function kindOfValues(values: ReadonlyArray<unknown>): ColumnKind {
  const counts: Record<string, number> = {};
  for (const v of values) {
    const k = kindOfValue(v);
    if (k !== 'empty') counts[k] = (counts[k] || 0) + 1;
  }
  let best: ColumnKind = 'empty';
  let bestCount = 0;
  for (const k of ['text', 'number', 'date', 'boolean'] as ColumnKind[]) {
    if ((counts[k] || 0) > bestCount) {
      best = k;
      bestCount = counts[k];
    }
  }
  return best;
}

/** Distinct non-empty values of one column, most frequent first, at most `limit`. */
export function distinctValues(values: ReadonlyArray<unknown>, limit = MAX_DISTINCT): string[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    if (v === '' || v === null || v === undefined) continue;
    const s = String(v);
    counts.set(s, (counts.get(s) || 0) + 1);
  }
  return Array.from(counts.entries())
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([s]) => s);
}

/**
 * Describes a tab from its header and sample rows. `edmTypes` (column name → Edm type, from $metadata) wins over the
 * sampled kind where both exist.
 */
export function describeColumns(header: ReadonlyArray<unknown>, sample: ReadonlyArray<ReadonlyArray<unknown>>, edmTypes: Record<string, string> = {}): SourceColumn[] {
  const out: SourceColumn[] = [];
  header.forEach((h, i) => {
    const name = String(h === null || h === undefined ? '' : h);
    if (name === '') return;
    const sampled = kindOfValues(sample.map((row) => row[i]));
    const edm = Object.prototype.hasOwnProperty.call(edmTypes, name) ? kindOfEdmType(edmTypes[name]) : null;
    out.push({ name, index: i + 1, kind: edm || sampled });
  });
  return out;
}

export function columnByName(tab: SourceTab, name: string): SourceColumn | null {
  const exact = tab.columns.find((c) => c.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return tab.columns.find((c) => c.name.toLowerCase() === lower) || null;
}
