/**
 * From a template, the tabs its datasets were imported into and the user's choices to a report plan: proposes a
 * column for every role, explains in words what is missing, and records what was chosen so a rebuild repeats it.
 */
import { AddOnError } from '../errors';
import { SourceTab, columnByName } from './columns';
import { ColumnRef, HealthRoles, healthBoardPlan } from './health-board';
import { PivotChartInput, pivotChartPlan, valueLabel } from './pivot-reports';
import { ReportPlan } from './plan';
import { RoleProposal, proposeRole } from './roles';
import { ReportTemplate } from './templates';
import { closedValues, failingValues, topIds } from './values';

/** Choices among data values, saved with the report; each is proposed from the data when absent. */
export interface ReportValues {
  failing?: string[];
  closed?: string[];
  accounts?: string[];
  metric?: string;
  topAccounts?: number;
  weeksBack?: number;
}

export interface ReportInput {
  template: ReportTemplate;
  /** Template source alias → the tab its dataset was imported into, or null when it was not. */
  tabs: Record<string, SourceTab | null>;
  roles: Record<string, string>;
  values: ReportValues;
}

export interface BuiltReport {
  plan: ReportPlan;
  proposals: RoleProposal[];
  /** Role key → chosen column name: saved with the report. */
  roles: Record<string, string>;
  values: ReportValues;
}

const DEFAULT_TOP_ACCOUNTS = 8;
const DEFAULT_WEEKS_BACK = 4;
const TREND_WEEKS = 12;

export function proposeRoles(input: Pick<ReportInput, 'template' | 'tabs' | 'roles'>): RoleProposal[] {
  return input.template.roles.map((r) => proposeRole(r, input.tabs[r.source] || null, input.roles[r.key]));
}

/** Fails with one message that lists every required dataset or column that is missing, and what to do. */
function requireRoles(template: ReportTemplate, tabs: ReportInput['tabs'], proposals: RoleProposal[]): void {
  const problems: string[] = [];
  for (const s of template.sources) if (!s.optional && !tabs[s.alias]) problems.push(`import the ${s.dataset} dataset first (it has no tab yet)`);
  for (const p of proposals) {
    if (p.missingChoice) problems.push(`the column "${p.missingChoice}" chosen for "${p.label}" is not in ${tabs[p.source]!.sheetName} any more: choose another`);
    const source = template.sources.find((s) => s.alias === p.source);
    if (!p.column && !p.missingChoice && !p.optional && tabs[p.source] && !(source && source.optional)) problems.push(`choose a column for "${p.label}" (no column of the right type was found in ${tabs[p.source]!.sheetName})`);
  }
  if (problems.length) throw new AddOnError('BAD_INPUT', `The ${template.title} report cannot be built yet: ${problems.join('; ')}.`);
}

export function buildReport(input: ReportInput): BuiltReport {
  const proposals = proposeRoles(input);
  requireRoles(input.template, input.tabs, proposals);
  const roles: Record<string, string> = {};
  for (const p of proposals) if (p.column) roles[p.key] = p.column;
  const ctx = new Resolved(input, proposals);
  const values = { ...input.values };
  const plan = input.template.key === 'account-health' ? healthPlan(ctx, values) : pivotChartPlan(templateChart(input.template.key, ctx, values));
  return { plan, proposals, roles, values };
}

/** Role lookups for one build. */
class Resolved {
  constructor(readonly input: ReportInput, readonly proposals: RoleProposal[]) {}

  tab(alias: string): SourceTab | null {
    return this.input.tabs[alias] || null;
  }

  /** 1-based column of the role's chosen column within its tab, or null. */
  column(key: string): number | null {
    const p = this.proposals.find((x) => x.key === key);
    const tab = p ? this.tab(p.source) : null;
    const c = p && p.column && tab ? columnByName(tab, p.column) : null;
    return c ? c.index : null;
  }

  ref(key: string): ColumnRef | undefined {
    const p = this.proposals.find((x) => x.key === key);
    const tab = p ? this.tab(p.source) : null;
    const column = this.column(key);
    return tab && column ? { sheetName: tab.sheetName, column } : undefined;
  }

  name(key: string): string {
    const p = this.proposals.find((x) => x.key === key);
    return (p && p.column) || key;
  }

  distinct(key: string): string[] {
    const p = this.proposals.find((x) => x.key === key);
    const tab = p ? this.tab(p.source) : null;
    return tab && p && p.column ? tab.distinct[p.column] || [] : [];
  }
}

function healthPlan(ctx: Resolved, values: ReportValues): ReportPlan {
  const roles: HealthRoles = {};
  for (const r of ctx.input.template.roles) (roles as Record<string, ColumnRef | undefined>)[r.key] = ctx.ref(r.key);
  values.failing = values.failing || failingValues(ctx.distinct('checks.status'));
  values.closed = values.closed || closedValues(ctx.distinct('tasks.status'));
  values.weeksBack = values.weeksBack || DEFAULT_WEEKS_BACK;
  const accounts = ctx.tab('accounts');
  return healthBoardPlan(roles, {
    accountRows: accounts ? accounts.rows : 0,
    weeksBack: values.weeksBack,
    trendWeeks: TREND_WEEKS,
    failing: values.failing,
    closed: values.closed,
  });
}

function templateChart(key: string, ctx: Resolved, values: ReportValues): PivotChartInput {
  switch (key) {
    case 'score-trend':
      return scoreTrend(ctx, values);
    case 'account-scores':
      return accountScores(ctx);
    case 'check-status':
      return checkStatus(ctx);
    case 'target-pacing':
      return targetPacing(ctx, values);
    default:
      return tasksOverview(ctx, values);
  }
}

function width(ctx: Resolved, alias: string): number {
  const tab = ctx.tab(alias)!;
  return Math.max(...tab.columns.map((c) => c.index));
}

function scoreTrend(ctx: Resolved, values: ReportValues): PivotChartInput {
  const tab = ctx.tab('history')!;
  const id = ctx.column('accountId')!;
  const spend = ctx.column('spend');
  const n = values.topAccounts || DEFAULT_TOP_ACCOUNTS;
  values.topAccounts = n;
  const accounts = values.accounts && values.accounts.length ? values.accounts : topIds(tab.sample, id - 1, spend ? spend - 1 : null, n);
  return {
    source: 'history',
    sourceWidth: width(ctx, 'history'),
    title: `${ctx.name('score')} by week`,
    chartType: 'LINE',
    stacked: false,
    rows: { sourceColumn: ctx.column('date')!, showTotals: false },
    columns: { sourceColumn: id, showTotals: false },
    values: [{ sourceColumn: ctx.column('score')!, summarize: 'AVERAGE', name: valueLabel('AVERAGE', ctx.name('score')) }],
    filters: [{ sourceColumn: id, visibleValues: accounts }],
    seriesCount: accounts.length,
    axisTitles: { horizontal: ctx.name('date'), vertical: ctx.name('score') },
    remarks: values.accounts && values.accounts.length ? [] : [`Shows the ${accounts.length} accounts with the most ${spend ? ctx.name('spend') : 'rows'} when built; Rebuild to rank them again.`],
  };
}

/** How many accounts share their name with another (the pivot groups by name, so they become one bar). */
function sharedNames(ctx: Resolved): number {
  const column = ctx.column('accountName');
  const tab = ctx.tab('accounts');
  if (!column || !tab) return 0;
  const counts = new Map<string, number>();
  for (const row of tab.sample) {
    const name = String(row[column - 1]);
    if (name !== '') counts.set(name, (counts.get(name) || 0) + 1);
  }
  return Array.from(counts.values()).filter((n) => n > 1).reduce((s, n) => s + n, 0);
}

function accountScores(ctx: Resolved): PivotChartInput {
  const shared = sharedNames(ctx);
  return {
    remarks: shared ? [`${shared} accounts share a name with another; each name is one bar (their average).`] : [],
    source: 'accounts',
    sourceWidth: width(ctx, 'accounts'),
    title: `${ctx.name('score')} by account`,
    chartType: 'BAR',
    stacked: false,
    rows: { sourceColumn: ctx.column('accountName')!, showTotals: false, descending: true, sortByValue: 0 },
    values: [{ sourceColumn: ctx.column('score')!, summarize: 'AVERAGE', name: valueLabel('AVERAGE', ctx.name('score')) }],
    seriesCount: 1,
  };
}

function checkStatus(ctx: Resolved): PivotChartInput {
  return {
    source: 'checks',
    sourceWidth: width(ctx, 'checks'),
    title: `Checks by ${ctx.name('category')} and ${ctx.name('status')}`,
    chartType: 'BAR',
    stacked: true,
    rows: { sourceColumn: ctx.column('category')!, showTotals: false },
    columns: { sourceColumn: ctx.column('status')!, showTotals: false },
    values: [{ sourceColumn: ctx.column('status')!, summarize: 'COUNTA', name: 'Checks' }],
    seriesCount: ctx.distinct('status').length,
  };
}

function targetPacing(ctx: Resolved, values: ReportValues): PivotChartInput {
  const metricColumn = ctx.column('metric');
  const metrics = ctx.distinct('metric');
  const metric = values.metric || (metricColumn && metrics.length ? metrics[0] : undefined);
  values.metric = metric;
  return {
    source: 'targets',
    sourceWidth: width(ctx, 'targets'),
    title: metric ? `${metric}: actual vs target` : 'Actual vs target',
    chartType: 'COLUMN',
    stacked: false,
    rows: { sourceColumn: ctx.column('accountId')!, showTotals: false },
    values: [
      { sourceColumn: ctx.column('actual')!, summarize: 'SUM', name: valueLabel('SUM', ctx.name('actual')) },
      { sourceColumn: ctx.column('target')!, summarize: 'SUM', name: valueLabel('SUM', ctx.name('target')) },
    ],
    filters: metricColumn && metric ? [{ sourceColumn: metricColumn, visibleValues: [metric] }] : [],
    seriesCount: 2,
    axisTitles: { horizontal: ctx.name('accountId') },
  };
}

function tasksOverview(ctx: Resolved, values: ReportValues): PivotChartInput {
  const statuses = ctx.distinct('status');
  values.closed = values.closed || closedValues(statuses);
  const closed = values.closed;
  const open = statuses.filter((s) => closed.indexOf(s) < 0);
  return {
    source: 'tasks',
    sourceWidth: width(ctx, 'tasks'),
    title: `Open tasks by ${ctx.name('assignee')} and ${ctx.name('status')}`,
    chartType: 'COLUMN',
    stacked: true,
    rows: { sourceColumn: ctx.column('assignee')!, showTotals: false },
    columns: { sourceColumn: ctx.column('status')!, showTotals: false },
    values: [{ sourceColumn: ctx.column('status')!, summarize: 'COUNTA', name: 'Tasks' }],
    // Visible (open) values rather than hidden (closed) ones: pivot filters are documented with visible values and
    // a condition only, so this works whichever way Sheets treats hidden values. A status new since the build
    // shows after a Rebuild.
    filters: closed.length ? [{ sourceColumn: ctx.column('status')!, visibleValues: open }] : [],
    seriesCount: open.length,
    remarks: closed.length ? [`Statuses counted as closed and left out: ${closed.join(', ')}.`] : [],
  };
}
