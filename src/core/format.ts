/** Small text helpers for user-facing messages (no Intl: its availability in Apps Script is not guaranteed). */

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  const s = String(Math.trunc(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
