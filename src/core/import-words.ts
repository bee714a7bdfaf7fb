/**
 * Saved imports in words, for the sidebar's list, the confirmation before replacing a tab, and refusals:
 * "Accounts (current), only rows where Platform is 'Google Ads', WeekStart in the last 12 weeks, sorted by …".
 */
import { resolveDataset } from './catalogue';
import { formatCount } from './format';
import { ImportDefinition } from './import-definition';
import { describeDateWindow } from './odata/date-window';
import { FilterColumn, FilterRow, parseFilter } from './odata/filter-builder';
import { DayZone, kindOfType } from './odata/literals';

const OPERATOR_WORDS: Record<string, string> = {
  contains: 'contains',
  startswith: 'starts with',
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  le: 'is at most',
  gt: 'is more than',
  ge: 'is at least',
};
const DATE_WORDS: Record<string, string> = { eq: 'is on', lt: 'is before', gt: 'is after', le: 'is on or before', ge: 'is on or after' };

function rowInWords(row: FilterRow, columns: FilterColumn[]): string {
  const column = columns.find((c) => c.name === row.column);
  const kind = column ? kindOfType(column.type) : 'text';
  const quoted = (v?: string) => (kind === 'text' ? `'${v}'` : String(v));
  if (row.op === 'empty') return `${row.column} is empty`;
  if (row.op === 'notempty') return `${row.column} is not empty`;
  if (row.op === 'true' || row.op === 'false') return `${row.column} is ${row.op}`;
  if (row.op === 'between') return `${row.column} is between ${row.value} and ${row.value2}`;
  const words = (kind === 'date' || kind === 'datetime' ? DATE_WORDS[row.op] : undefined) || OPERATOR_WORDS[row.op] || row.op;
  return `${row.column} ${words} ${quoted(row.value)}`;
}

/** A filter in words when the builder can read it ("Platform is 'Meta Ads' and AuditScore is less than 60"), else as written. */
export function filterInWords(filter: string, columns: FilterColumn[] = [], zone?: DayZone): string {
  const rows = columns.length ? parseFilter(filter, columns, zone) : null;
  if (!rows || !rows.length) return filter;
  // rows ORed together read as one group: "A and (B or C)"
  const groups: string[][] = [];
  rows.forEach((r, i) => (i > 0 && r.or ? groups[groups.length - 1].push(rowInWords(r, columns)) : groups.push([rowInWords(r, columns)])));
  return groups.map((g) => (g.length > 1 ? `(${g.join(' or ')})` : g[0])).join(' and ');
}

/** One saved import in words; `columns` (from $metadata) lets the filter be told in words too. */
export function describeDefinition(definition: ImportDefinition, columns: FilterColumn[] = []): string {
  if (definition.kind === 'checkTable') {
    const who = definition.accountIds ? `${formatCount(definition.accountIds.length)} chosen account${definition.accountIds.length === 1 ? '' : 's'}` : 'all accounts';
    return `the output table of the check "${definition.ruleKey}" for ${who}${definition.accountNames ? ', with account names' : ''}`;
  }
  const q = definition.query;
  const parts = [resolveDataset(definition.dataset).title];
  if (q.columns && q.columns.length) parts.push(`columns ${q.columns.join(', ')}`);
  if (q.filter) parts.push(`only rows where ${filterInWords(q.filter, columns)}`);
  if (definition.dateWindow) parts.push(describeDateWindow(definition.dateWindow));
  if (definition.accountNames) parts.push('with account names');
  if (q.orderby) parts.push(`sorted by ${q.orderby.replace(/\s+desc$/i, ' (highest first)').replace(/\s+asc$/i, ' (lowest first)')}`);
  if (q.top) parts.push(`first ${formatCount(q.top)} rows`);
  return parts.join(', ');
}
