/**
 * Build-time choices among the values a tab holds: which statuses mean "failing" or "done", the most common metric,
 * the top accounts by spend. Heuristics on words (not on TrueClicks' exact values), saved with the report and
 * overridable, so a service that says "KO" instead of "Failed" can still be reported on.
 */

const FAILING = /fail|critical|error|broken|\bko\b/i;
const NOT_FAILING = /not applicable|n\/a|pass|success/i;
const CLOSED = /done|closed|complete|resolved|cancel|won.?t|wontfix|archiv|rejected|finished/i;

/** Status values that count as a failing check. */
export function failingValues(distinct: ReadonlyArray<string>): string[] {
  const strict = distinct.filter((v) => /fail/i.test(v) && !NOT_FAILING.test(v));
  return strict.length ? strict : distinct.filter((v) => FAILING.test(v) && !NOT_FAILING.test(v));
}

/** Status values that mean a task is no longer open (everything else, including new values, counts as open). */
export function closedValues(distinct: ReadonlyArray<string>): string[] {
  return distinct.filter((v) => CLOSED.test(v));
}

/** The ids with the largest total of `amount` (ties: first seen), at most `n`. */
export function topIds(rows: ReadonlyArray<ReadonlyArray<unknown>>, idIndex: number, amountIndex: number | null, n: number): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const id = row[idIndex];
    if (id === '' || id === null || id === undefined) continue;
    const amount = amountIndex === null ? 1 : Number(row[amountIndex]);
    const key = String(id);
    totals.set(key, (totals.get(key) || 0) + (Number.isFinite(amount) ? amount : 0));
  }
  return Array.from(totals.entries())
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([id]) => id);
}
