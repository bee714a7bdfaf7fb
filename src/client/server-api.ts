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

export type ValueKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'list' | 'other';

export interface DescribedColumn {
  name: string;
  /** `$metadata` type (Edm.*) */
  type: string;
  /** Number, Date & time, Date, Text, True/false … */
  label?: string;
  kind?: ValueKind;
  /** A few distinct values from a small sample. */
  samples?: string[];
}

export interface DatasetDescription {
  columns: DescribedColumn[];
  key: string[];
  dialect?: 'v4' | 'v2';
  /** The dataset's account-id column, when it has one (an AccountName column can then be added). */
  accountColumn?: string | null;
}

export interface DateWindow {
  column: string;
  last: number;
  unit: 'days' | 'weeks' | 'months';
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
  /** Only rows whose column lies in the last N days/weeks/months (0 = this period so far). */
  dateWindow?: DateWindow;
  /** Add an AccountName column after the account id. */
  accountNames?: boolean;
  /** Client-made id; the server records progress under it for getProgress. */
  progressId?: string;
}

export interface InsertFormulaParams {
  dataset?: string;
  columns?: string;
  filter?: string;
  orderby?: string;
  top?: number;
  dateWindow?: DateWindow;
  ruleKey?: string;
  accountIds?: string[];
  overwrite?: boolean;
}

export interface InsertedFormula {
  cell: string;
  formula: string;
  note: string | null;
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
  totalRows?: number;
  accountsDone?: number;
  accountsTotal?: number;
  retryInMs?: number;
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
  kind?: 'dataset' | 'checkTable';
  dataset: string;
  datasetTitle: string;
  query?: SavedQuery | null;
  dateWindow?: DateWindow | null;
  ruleKey?: string | null;
  accountIds?: string[] | null;
  accountNames?: boolean;
  /** The whole definition in words. */
  description?: string;
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
  /** Add an AccountName column beside the account id. */
  accountNames?: boolean;
  progressId?: string;
}

export interface CheckTableResult {
  sheetName: string;
  rows: number;
  columns: number;
  truncated?: string | null;
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
  cancelImport(progressId: string): { cancelled: boolean };
  insertFormula(params: InsertFormulaParams): InsertedFormula;
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
}

export type ServerFunction = keyof ServerApi;
