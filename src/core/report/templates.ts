/**
 * The report templates: what each one shows, which datasets it reads (by catalogue key: reports find their tabs
 * through the saved imports, never by tab name) and which columns (roles) it needs from each.
 */
import { ColumnKind } from './columns';
import {
  ACCOUNT_ID_HINTS, ACCOUNT_NAME_HINTS, ACTUAL_HINTS, DATE_HINTS, NAME_AVOID, RoleSpec, SCORE_HINTS, SPEND_HINTS, STATUS_HINTS, TARGET_HINTS,
} from './roles';

interface TemplateSource {
  /** Name the template's roles use for this source. */
  alias: string;
  /** Catalogue dataset key. */
  dataset: string;
  /** Without it the report is still built, with the parts that need it left out and explained. */
  optional?: boolean;
}

export interface ReportTemplate {
  key: string;
  title: string;
  description: string;
  sources: ReadonlyArray<TemplateSource>;
  roles: ReadonlyArray<RoleSpec>;
}

export interface TemplateSummary {
  key: string;
  title: string;
  description: string;
  /** Dataset keys the template reads; the required ones first. */
  needs: string[];
  optionalNeeds: string[];
}

const ID_KINDS: ColumnKind[] = ['number', 'text'];
const NUMBER: ColumnKind[] = ['number'];
const TEXT: ColumnKind[] = ['text'];
const DATE: ColumnKind[] = ['date'];
const CATEGORY: ColumnKind[] = ['text', 'boolean', 'number'];

function accountId(source: string, key = `${source}.accountId`): RoleSpec {
  return { key, label: 'Account ID', source, kinds: ID_KINDS, hints: ACCOUNT_ID_HINTS };
}

function role(key: string, label: string, source: string, kinds: ColumnKind[], hints: RoleSpec['hints'], extra: Partial<RoleSpec> = {}): RoleSpec {
  return { key, label, source, kinds, hints, ...extra };
}

const ACCOUNT_HEALTH: ReportTemplate = {
  key: 'account-health',
  title: 'Account health',
  description: 'One row per account: score, change, 12-week trend, failing checks, open tasks and target pacing.',
  sources: [
    { alias: 'accounts', dataset: 'accounts' },
    { alias: 'history', dataset: 'account-history', optional: true },
    { alias: 'checks', dataset: 'checks', optional: true },
    { alias: 'tasks', dataset: 'tasks', optional: true },
    { alias: 'targets', dataset: 'targets-active', optional: true },
  ],
  roles: [
    accountId('accounts'),
    role('accounts.name', 'Account name', 'accounts', TEXT, ACCOUNT_NAME_HINTS, { avoid: NAME_AVOID }),
    role('accounts.score', 'Score', 'accounts', NUMBER, SCORE_HINTS),
    accountId('history'),
    role('history.date', 'Week', 'history', DATE, DATE_HINTS),
    role('history.score', 'Score', 'history', NUMBER, SCORE_HINTS),
    accountId('checks'),
    role('checks.status', 'Check status', 'checks', TEXT, STATUS_HINTS),
    accountId('tasks'),
    role('tasks.status', 'Task status', 'tasks', TEXT, STATUS_HINTS),
    accountId('targets'),
    role('targets.actual', 'Actual', 'targets', NUMBER, ACTUAL_HINTS),
    role('targets.target', 'Target', 'targets', NUMBER, TARGET_HINTS),
  ],
};

const SCORE_TREND: ReportTemplate = {
  key: 'score-trend',
  title: 'Score trend',
  description: 'A line per account: its score week by week (the top accounts by spend).',
  sources: [{ alias: 'history', dataset: 'account-history' }],
  roles: [
    accountId('history', 'accountId'),
    role('date', 'Week', 'history', DATE, DATE_HINTS),
    role('score', 'Score', 'history', NUMBER, SCORE_HINTS),
    role('spend', 'Spend (ranks the accounts)', 'history', NUMBER, SPEND_HINTS, { optional: true }),
  ],
};

const ACCOUNT_SCORES: ReportTemplate = {
  key: 'account-scores',
  title: 'Account scores',
  description: 'Every account’s current score as a sorted bar chart.',
  sources: [{ alias: 'accounts', dataset: 'accounts' }],
  roles: [
    role('accountName', 'Account name', 'accounts', TEXT, ACCOUNT_NAME_HINTS, { avoid: NAME_AVOID }),
    role('score', 'Score', 'accounts', NUMBER, SCORE_HINTS),
  ],
};

const CHECK_STATUS: ReportTemplate = {
  key: 'check-status',
  title: 'Check status',
  description: 'How many checks pass, warn or fail in each category, as stacked bars.',
  sources: [{ alias: 'checks', dataset: 'checks' }],
  roles: [
    role('category', 'Category', 'checks', CATEGORY, [[/categor|group|area|section/i, 6], [/type|kind/i, 2]]),
    role('status', 'Status', 'checks', CATEGORY, STATUS_HINTS),
  ],
};

const TARGET_PACING: ReportTemplate = {
  key: 'target-pacing',
  title: 'Target pacing',
  description: 'Actual against target for each account, for one metric at a time.',
  sources: [{ alias: 'targets', dataset: 'targets-active' }],
  roles: [
    accountId('targets', 'accountId'),
    role('actual', 'Actual', 'targets', NUMBER, ACTUAL_HINTS),
    role('target', 'Target', 'targets', NUMBER, TARGET_HINTS),
    role('metric', 'Metric (one at a time)', 'targets', TEXT, [[/metric|kpi|measure/i, 6]], { optional: true }),
  ],
};

const TASKS_OVERVIEW: ReportTemplate = {
  key: 'tasks-overview',
  title: 'Tasks overview',
  description: 'Open tasks by assignee and status, as stacked columns.',
  sources: [{ alias: 'tasks', dataset: 'tasks' }],
  roles: [
    role('assignee', 'Assignee', 'tasks', TEXT, [[/assign|responsib|owner/i, 6], [/user|person|email/i, 2]]),
    role('status', 'Status', 'tasks', CATEGORY, STATUS_HINTS),
  ],
};

export const TEMPLATES: ReadonlyArray<ReportTemplate> = [ACCOUNT_HEALTH, SCORE_TREND, ACCOUNT_SCORES, CHECK_STATUS, TARGET_PACING, TASKS_OVERVIEW];

export function findTemplate(key: unknown): ReportTemplate | null {
  const k = typeof key === 'string' ? key.trim().toLowerCase() : '';
  return TEMPLATES.find((t) => t.key === k) || null;
}

export function summarizeTemplate(t: ReportTemplate): TemplateSummary {
  return {
    key: t.key,
    title: t.title,
    description: t.description,
    needs: t.sources.filter((s) => !s.optional).map((s) => s.dataset).concat(t.sources.filter((s) => s.optional).map((s) => s.dataset)),
    optionalNeeds: t.sources.filter((s) => s.optional).map((s) => s.dataset),
  };
}
