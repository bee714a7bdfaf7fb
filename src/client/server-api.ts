/**
 * The wire contract between the sidebar and the server functions in dist/Code.js (src/main.ts): only JSON-safe
 * values — no Date, no functions, no class instances. Dates travel as ISO strings.
 *
 * This file must stay free of DOM and Apps Script types: test/browser/server-contract.test.ts compiles it next
 * to src/main.ts and fails when a server function's result stops matching what the sidebar expects.
 */

export interface ConnectionInput {
  username: string;
  /** Empty keeps the saved token (same username); the server never sends the token back. */
  token: string;
  baseUrl?: string;
}

export interface ConnectionSummary {
  connected: boolean;
  username: string | null;
  baseUrl: string | null;
}

export interface TestResult {
  ok: boolean;
  message: string;
  code?: string;
}

export interface DatasetInfo {
  key: string;
  title: string;
  description: string;
  path: string;
}

export interface DatasetDescription {
  columns: Array<{ name: string; type: string }>;
  key: string[];
}

export interface ImportParams {
  dataset: string;
  /** Comma-separated column names. */
  columns?: string;
  filter?: string;
  orderby?: string;
  top?: number;
  sheetName?: string;
  overwrite?: boolean;
  /** Client-made id; the server records progress under it for getProgress. */
  progressId?: string;
}

export interface ImportResult {
  sheetName: string;
  rows: number;
  columns: number;
  truncated?: string | null;
  typedFrom?: string;
}

export interface Progress {
  phase: 'fetching' | 'writing' | 'done';
  pages: number;
  rows: number;
}

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface RefreshOutcome {
  sheetName: string;
  dataset: string;
  ok: boolean;
  rows: number | null;
  error: ErrorInfo | null;
  truncated?: string | null;
  skipped?: boolean;
}

export interface RefreshSummary {
  refreshed: number;
  failed: number;
  skipped: number;
  outcomes: RefreshOutcome[];
}

export interface SavedQuery {
  columns?: string[];
  filter?: string;
  orderby?: string;
  top?: number;
}

export interface SavedImport {
  sheetName: string;
  dataset: string;
  datasetTitle: string;
  query?: SavedQuery | null;
  /** ISO date-times */
  lastRun: string | null;
  lastSuccess: string | null;
  rows: number | null;
  columns: number | null;
  lastError: ErrorInfo | null;
  /** Why the last import is incomplete, or null. */
  truncated: string | null;
}

export type Frequency = 'off' | 'hourly' | 'daily' | 'weekly';

/** Weekdays as ScriptApp.WeekDay names. */
export type Weekday = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export interface ScheduleInput {
  frequency: Frequency;
  /** 0–23, in the spreadsheet's time zone (daily and weekly). */
  hour?: number;
  /** weekly only */
  weekday?: Weekday;
}

export interface Schedule {
  frequency: Frequency;
  hour?: number | null;
  weekday?: string | number | null;
  timeZone?: string;
  /** The server's own words for it ("Every day between 07:00–08:00 (Europe/Amsterdam)"). */
  description?: string;
  /** The trigger exists and will fire. */
  active?: boolean;
  /** Something the user should know (trigger removed elsewhere, settings lost). */
  problem?: string | null;
  lastRun?: { at: string; ok: boolean; message: string } | null;
}

export interface Status {
  connection: ConnectionSummary;
  imports: SavedImport[];
  schedule: Schedule | null;
  /** Whether =TRUECLICKS() formulas may use the owner's connection in this spreadsheet. */
  formulasAllowed?: boolean;
}

export interface RuleKeyInfo {
  ruleKey: string;
  name: string | null;
}

export interface AccountInfo {
  id: string | number;
  name: string | null;
}

export interface CheckTableParams {
  ruleKey: string;
  /** Omitted = every account. */
  accountIds?: string[];
  sheetName?: string;
  overwrite?: boolean;
  progressId?: string;
}

export interface CheckTableResult {
  sheetName: string;
  rows: number;
  columns: number;
  truncated?: string | null;
}

export interface ReportTemplateInfo {
  key: string;
  title: string;
  description: string;
  /** Dataset keys the template reads. */
  needs: string[];
  optionalNeeds: string[];
}

export interface RoleProposal {
  key: string;
  label: string;
  source: string;
  column: string | null;
  reason: 'user' | 'name' | 'kind' | 'none';
  candidates: string[];
  optional: boolean;
}

export interface DescribedReport {
  template: ReportTemplateInfo;
  sources: Array<{ alias: string; dataset: string; optional: boolean; sheetName: string | null; columns: string[] }>;
  roles: RoleProposal[];
}

export interface CreateReportParams {
  template: string;
  sheetName?: string;
  /** Role key → column name, where the proposal is not right. */
  roles?: Record<string, string>;
}

export interface CustomChartParams {
  /** The imported tab to chart. */
  source: string;
  x: string;
  y: string;
  aggregate?: 'SUM' | 'AVERAGE' | 'COUNT' | 'MIN' | 'MAX';
  series?: string;
  chartType?: 'COLUMN' | 'BAR' | 'LINE' | 'AREA' | 'PIE';
  sheetName?: string;
}

export interface ReportResult {
  sheetName: string;
  charts: number;
  pivotTables: number;
  remarks: string[];
  roles: RoleProposal[];
}

export interface ReportTab {
  sheetName: string;
  template: string;
  title: string;
  sources: Array<{ dataset: string; sheetName: string | null }>;
  problem: string | null;
}

/** Every server function the sidebar calls through google.script.run. */
export interface ServerApi {
  saveConnection(input: ConnectionInput): ConnectionSummary;
  testConnection(): TestResult;
  disconnect(): ConnectionSummary;
  listDatasets(): DatasetInfo[];
  listEntitySets(): string[];
  describeDataset(dataset: string): DatasetDescription | null;
  importDataset(params: ImportParams): ImportResult;
  getProgress(progressId: string): Progress | null;
  refreshAll(): RefreshSummary;
  refreshImport(sheetName: string): ImportResult;
  removeImport(sheetName: string): Status;
  goToSheet(sheetName: string): void;
  getStatus(): Status;
  listRuleKeys(): RuleKeyInfo[];
  listAccounts(): AccountInfo[];
  importCheckTable(params: CheckTableParams): CheckTableResult;
  setSchedule(input: ScheduleInput): Schedule | null;
  setFormulasAllowed(allowed: boolean): Status;
  listReportTemplates(): ReportTemplateInfo[];
  describeReport(params: { template: string; sheetName?: string; roles?: Record<string, string> }): DescribedReport;
  createReport(params: CreateReportParams): ReportResult;
  createCustomChart(params: CustomChartParams): ReportResult;
  rebuildReport(sheetName: string): ReportResult;
  listReports(): ReportTab[];
  describeTab(sheetName: string): { sheetName: string; columns: Array<{ name: string; kind: string }> };
}

export type ServerFunction = keyof ServerApi;
