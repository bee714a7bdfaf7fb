/**
 * Proposing a column for each role a report needs, without knowing TrueClicks' column names: every column of an
 * acceptable kind gets a score from name hints (patterns, not field names) and the best one wins. A column of the
 * right kind with no matching name is still proposed (with a low score), so a renamed field keeps working; the
 * sidebar shows the proposal and the user can override it.
 */
import { ColumnKind, SourceColumn, SourceTab, columnByName } from './columns';

export interface RoleSpec {
  /** Key the user's overrides use, unique within a template (e.g. `score`, `history.date`). */
  key: string;
  label: string;
  /** Which of the template's sources the column comes from. */
  source: string;
  kinds: ReadonlyArray<ColumnKind>;
  /** Name patterns and what a match adds to a column's score. */
  hints: ReadonlyArray<readonly [RegExp, number]>;
  /** Name patterns that disqualify a column (e.g. an email column for a name role). */
  avoid?: ReadonlyArray<RegExp>;
  optional?: boolean;
}

export interface RoleProposal {
  key: string;
  label: string;
  source: string;
  /** The proposed (or chosen) column, or null when no column fits. */
  column: string | null;
  /** 'user': chosen by the user; 'name': the name matched a hint; 'kind': only the type fit; 'none'. */
  reason: 'user' | 'name' | 'kind' | 'none';
  /** Columns of an acceptable kind, best first: what the sidebar offers. */
  candidates: string[];
  optional: boolean;
  /** A column the user (or the saved report) chose that the tab no longer has. */
  missingChoice?: string;
}

function scoreColumn(role: RoleSpec, column: SourceColumn): number | null {
  if (role.kinds.indexOf(column.kind) < 0 && column.kind !== 'empty') return null;
  if (role.avoid && role.avoid.some((re) => re.test(column.name))) return null;
  let score = column.kind === 'empty' ? -5 : 0;
  for (const [re, weight] of role.hints) if (re.test(column.name)) score += weight;
  return score;
}

function ranked(role: RoleSpec, tab: SourceTab): Array<{ column: SourceColumn; score: number }> {
  const out: Array<{ column: SourceColumn; score: number }> = [];
  for (const column of tab.columns) {
    const score = scoreColumn(role, column);
    if (score !== null) out.push({ column, score });
  }
  // Higher score first; among equals, the leftmost column (keys and names usually come first).
  return out.sort((a, b) => b.score - a.score || a.column.index - b.column.index);
}

/** The proposal for one role, honouring the user's choice when it names a column of the tab. */
export function proposeRole(role: RoleSpec, tab: SourceTab | null, chosen?: string): RoleProposal {
  const base = { key: role.key, label: role.label, source: role.source, optional: !!role.optional };
  if (!tab) return { ...base, column: null, reason: 'none', candidates: [] };
  const list = ranked(role, tab);
  const candidates = list.map((r) => r.column.name);
  if (chosen) {
    const column = columnByName(tab, chosen);
    if (column) return { ...base, column: column.name, reason: 'user', candidates };
    return { ...base, column: null, reason: 'none', candidates, missingChoice: chosen };
  }
  if (list.length === 0) return { ...base, column: null, reason: 'none', candidates };
  return { ...base, column: list[0].column.name, reason: list[0].score > 0 ? 'name' : 'kind', candidates };
}

// ---- Hints shared by templates: patterns of words, never one exact field name ----

const ID = /(^|[^a-z])id$|Id$|ID$|_id$|key$/;
export const ACCOUNT_ID_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/account/i, 6], [/customer|client|advertiser/i, 4], [ID, 4], [/^id$/i, 1]];
export const ACCOUNT_NAME_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/name/i, 5], [/account|client|customer/i, 3], [/title|label/i, 2]];
export const NAME_AVOID: ReadonlyArray<RegExp> = [/e-?mail/i, /owner/i, /check|rule/i];
export const SCORE_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/score/i, 6], [/audit|health/i, 2], [/quality|grade/i, 3]];
export const DATE_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/week|date|day|period|month/i, 5], [/start/i, 2], [/snapshot/i, -3], [/created|updated|calculated|login/i, -2]];
export const STATUS_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/status|state/i, 6], [/result|outcome/i, 3]];
export const SPEND_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/spend|cost/i, 6], [/budget/i, 2]];
export const ACTUAL_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/actual|achieved|realis|current/i, 6], [/value/i, 1], [/target|goal/i, -6]];
export const TARGET_HINTS: ReadonlyArray<readonly [RegExp, number]> = [[/target|goal|planned|budget/i, 6], [/value|amount/i, 1], [/id$/i, -8]];

