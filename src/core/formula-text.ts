/**
 * The text of a `=TRUECLICKS(...)` or `=TRUECLICKS_TABLE(...)` formula for a query, as the sidebar's "Insert as
 * formula" writes it into a cell. Arguments are Sheets string literals ("" doubles a quote); trailing empty
 * arguments are left out, inner ones are written as "".
 */
function sheetsString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function call(name: string, args: Array<string | number | undefined>): string {
  let last = args.length;
  while (last > 0 && (args[last - 1] === undefined || args[last - 1] === '')) last--;
  const written = args.slice(0, last).map((a) => (typeof a === 'number' ? String(a) : sheetsString(a || '')));
  return `=${name}(${written.join(', ')})`;
}

export interface FormulaQuery {
  dataset: string;
  columns?: string[];
  filter?: string;
  orderby?: string;
  top?: number;
}

export function trueclicksFormula(q: FormulaQuery): string {
  return call('TRUECLICKS', [q.dataset, q.columns && q.columns.length ? q.columns.join(',') : undefined, q.filter, q.orderby, q.top]);
}

export function trueclicksTableFormula(ruleKey: string, accountIds: string[] | null): string {
  return call('TRUECLICKS_TABLE', [ruleKey, accountIds && accountIds.length ? accountIds.join(',') : undefined]);
}
