/**
 * Reports: template reports and custom charts built from the imported tabs (see core/report). Reports find their
 * data through the saved imports, never by tab name, and only ever replace a tab the add-on marked as a report.
 */
import { AddOnError } from '../core/errors';
import { BuiltReport, ReportValues, buildReport, proposeRoles } from '../core/report/build';
import { CustomChartChoice, customChartPlan, parseCustomChoice } from '../core/report/custom';
import { ReportPlan } from '../core/report/plan';
import { RoleProposal } from '../core/report/roles';
import { ReportTemplate, TEMPLATES, TemplateSummary, findTemplate, summarizeTemplate } from '../core/report/templates';
import { readImport } from '../services/import-store';
import { SavedReport, listReportSheets, readReport, writeReport } from '../services/report-store';
import { clearReportTab, writeReportPlan } from '../services/report-writer';
import { readSourceTab, templateTabs } from './report-sources';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface ReportResult {
  sheetName: string;
  charts: number;
  pivotTables: number;
  remarks: string[];
  roles: RoleProposal[];
}

export type ReportTemplateInfo = TemplateSummary;

export function listReportTemplates(): TemplateSummary[] {
  return TEMPLATES.map(summarizeTemplate);
}

function requireTemplate(key: unknown): ReportTemplate {
  const t = findTemplate(key);
  if (!t) throw new AddOnError('BAD_INPUT', `"${String(key)}" is not a report template. Use one of ${TEMPLATES.map((x) => x.key).join(', ')}.`);
  return t;
}

function stringMap(raw: unknown, what: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new AddOnError('BAD_INPUT', `${what} must map names to column names.`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string' && v.trim()) out[k] = v;
  return out;
}

function stringList(raw: unknown): string[] | undefined {
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : undefined;
}

function parseValues(raw: unknown): ReportValues {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const positive = (v: unknown) => (typeof v === 'number' && v >= 1 && v <= 100 ? Math.floor(v) : undefined);
  const out: ReportValues = {
    failing: stringList(r.failing),
    closed: stringList(r.closed),
    accounts: stringList(r.accounts),
    metric: typeof r.metric === 'string' ? r.metric : undefined,
    topAccounts: positive(r.topAccounts),
    weeksBack: positive(r.weeksBack),
  };
  for (const k of Object.keys(out) as Array<keyof ReportValues>) if (out[k] === undefined) delete out[k];
  return out;
}

/** The report tab to (re)build: the named one if it is ours or free, else the default name or a numbered free one. */
function reportTarget(spreadsheet: Spreadsheet, wanted: unknown, fallback: string, template: string): { name: string; sheet: Sheet | null } {
  if (typeof wanted === 'string' && wanted.trim()) {
    const sheet = spreadsheet.getSheetByName(wanted.trim());
    if (sheet && !readReport(sheet)) {
      throw new AddOnError('SHEET_IN_USE', `The tab "${wanted.trim()}" was not made by a TrueClicks report, so it was left alone. Choose another name, or delete that tab first.`);
    }
    return { name: wanted.trim(), sheet };
  }
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? fallback : `${fallback} ${n}`;
    const sheet = spreadsheet.getSheetByName(name);
    if (!sheet) return { name, sheet: null };
    const saved = readReport(sheet);
    if (saved && (saved.template === template || saved.template === '')) return { name, sheet };
  }
  throw new AddOnError('BAD_INPUT', `Give the report a tab name: "${fallback}" and its numbered variants are taken.`);
}

/** Clears (or creates) the tab, then writes the plan and the mark. Nothing is touched before the plan is ready. */
function putReport(spreadsheet: Spreadsheet, target: { name: string; sheet: Sheet | null }, plan: ReportPlan, sources: Record<string, Sheet>, saved: SavedReport) {
  const sheet = target.sheet || spreadsheet.insertSheet(target.name);
  if (target.sheet) clearReportTab(sheet);
  writeReport(sheet, saved);
  const written = writeReportPlan(sheet, plan, sources);
  sheet.activate();
  return { sheetName: sheet.getName(), ...written };
}

export interface DescribedReport {
  template: TemplateSummary;
  sources: Array<{ alias: string; dataset: string; optional: boolean; sheetName: string | null; columns: string[] }>;
  roles: RoleProposal[];
}

/** What the sidebar shows before Create: each source's tab (or that it is missing) and the proposed columns. */
export function describeReport(spreadsheet: Spreadsheet, params: { template?: unknown; sheetName?: unknown; roles?: unknown }): DescribedReport {
  const template = requireTemplate(params && params.template);
  const existing = typeof params.sheetName === 'string' ? spreadsheet.getSheetByName(params.sheetName) : null;
  const saved = existing ? readReport(existing) : null;
  const { tabs } = templateTabs(spreadsheet, template, saved ? saved.sources : {});
  const roles = { ...(saved ? saved.roles : {}), ...stringMap(params.roles, 'roles') };
  return {
    template: summarizeTemplate(template),
    sources: template.sources.map((s) => ({
      alias: s.alias, dataset: s.dataset, optional: !!s.optional,
      sheetName: tabs[s.alias] ? tabs[s.alias]!.sheetName : null,
      columns: tabs[s.alias] ? tabs[s.alias]!.columns.map((c) => c.name) : [],
    })),
    roles: proposeRoles({ template, tabs, roles }),
  };
}

export function createReport(spreadsheet: Spreadsheet, params: { template?: unknown; sheetName?: unknown; roles?: unknown; values?: unknown }): ReportResult {
  const p = params || {};
  const template = requireTemplate(p.template);
  const target = reportTarget(spreadsheet, p.sheetName, template.title, template.key);
  const saved = target.sheet ? readReport(target.sheet) : null;
  const same = saved && saved.template === template.key ? saved : null;
  const { tabs, sheets } = templateTabs(spreadsheet, template, same ? same.sources : {});
  const built: BuiltReport = buildReport({
    template,
    tabs,
    roles: { ...(same ? same.roles : {}), ...stringMap(p.roles, 'roles') },
    values: { ...(same ? same.values : {}), ...parseValues(p.values) },
  });
  const sourceIds: Record<string, number> = {};
  for (const alias of Object.keys(sheets)) sourceIds[alias] = sheets[alias].getSheetId();
  const written = putReport(spreadsheet, target, built.plan, sheets, { template: template.key, roles: built.roles, values: built.values, sources: sourceIds });
  return { ...written, remarks: built.plan.remarks, roles: built.proposals };
}

/** A pivot and chart from any imported tab: `source` is the tab's name (as the sidebar lists it). */
export type CustomChartParams = { source?: unknown; x?: unknown; y?: unknown; aggregate?: unknown; series?: unknown; chartType?: unknown; sheetName?: unknown };

export function createCustomChart(spreadsheet: Spreadsheet, params: CustomChartParams): ReportResult {
  const p: Record<string, unknown> = params || {};
  const sourceSheet = typeof p.source === 'string' ? spreadsheet.getSheetByName(p.source) : null;
  const imported = sourceSheet ? readImport(sourceSheet) : null;
  if (!sourceSheet || !imported) throw new AddOnError('BAD_INPUT', `Choose a tab the add-on imported: "${String(p.source)}" is not one.`);
  const choice: CustomChartChoice = parseCustomChoice(p);
  const dataset = imported.definition.kind === 'dataset' ? imported.definition.dataset : `check:${imported.definition.ruleKey}`;
  const plan = customChartPlan(readSourceTab(sourceSheet, dataset), choice);
  const target = reportTarget(spreadsheet, p.sheetName, 'Custom chart', 'custom');
  const saved: SavedReport = {
    template: 'custom', roles: {}, values: {}, sources: { custom: sourceSheet.getSheetId() },
    custom: { dataset, sheetId: sourceSheet.getSheetId(), ...choice },
  };
  const written = putReport(spreadsheet, target, plan, { custom: sourceSheet }, saved);
  return { ...written, remarks: plan.remarks, roles: [] };
}

export interface ReportTab {
  sheetName: string;
  template: string;
  title: string;
  /** Data tabs the report reads now, and what is missing (a deleted source is reported, never silently ignored). */
  sources: Array<{ dataset: string; sheetName: string | null }>;
  problem: string | null;
}

export function listReports(spreadsheet: Spreadsheet): ReportTab[] {
  return listReportSheets(spreadsheet).map(({ sheet, report }) => {
    const template = findTemplate(report.template);
    const sources = Object.keys(report.sources).map((alias) => {
      const data = spreadsheet.getSheetById(report.sources[alias]);
      const spec = template ? template.sources.find((s) => s.alias === alias) : null;
      return { dataset: spec ? spec.dataset : report.custom ? report.custom.dataset : alias, sheetName: data ? data.getName() : null };
    });
    const missing = sources.filter((s) => !s.sheetName).map((s) => s.dataset);
    return {
      sheetName: sheet.getName(),
      template: report.template,
      title: template ? template.title : 'Custom chart',
      sources,
      problem: missing.length ? `A data tab it used is gone (${missing.join(', ')}): import it again, then Rebuild.` : null,
    };
  });
}

/** Rebuilds a report tab the add-on made, with its saved choices. */
export function rebuildReport(spreadsheet: Spreadsheet, sheetName: unknown): ReportResult {
  const sheet = typeof sheetName === 'string' ? spreadsheet.getSheetByName(sheetName) : null;
  const saved = sheet ? readReport(sheet) : null;
  if (!sheet || !saved) throw new AddOnError('BAD_INPUT', `There is no TrueClicks report in a tab called "${String(sheetName)}".`);
  if (saved.template === 'custom' && saved.custom) {
    const source = spreadsheet.getSheetById(saved.custom.sheetId);
    return createCustomChart(spreadsheet, { ...saved.custom, source: source ? source.getName() : '', sheetName: sheet.getName() });
  }
  return createReport(spreadsheet, { template: saved.template, sheetName: sheet.getName() });
}

/** The columns of an imported tab, for the custom chart's pickers. */
export function describeTab(spreadsheet: Spreadsheet, sheetName: unknown): { sheetName: string; columns: Array<{ name: string; kind: string }> } {
  const sheet = typeof sheetName === 'string' ? spreadsheet.getSheetByName(sheetName) : null;
  const imported = sheet ? readImport(sheet) : null;
  if (!sheet || !imported) throw new AddOnError('BAD_INPUT', `Choose a tab the add-on imported: "${String(sheetName)}" is not one.`);
  const tab = readSourceTab(sheet, imported.definition.kind === 'dataset' ? imported.definition.dataset : imported.definition.ruleKey);
  return { sheetName: tab.sheetName, columns: tab.columns.map((c) => ({ name: c.name, kind: c.kind })) };
}
