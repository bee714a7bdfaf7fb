/**
 * The wire contract between the sidebar and the server functions in dist/Code.js, derived from src/main.ts (the
 * one list of entry points), never written by hand: every export of src/main.ts is a google.script.run target,
 * with its arguments and result as they cross the wire. google.script.run carries JSON-like values only, so a
 * `Date` arrives as text and functions are dropped — `Json<T>` says so in the type.
 *
 * Type-only: importing src/main.ts here adds nothing to the sidebar's bundle. The named types below are what the
 * sidebar's sections use.
 */
import type * as server from '../main';

/** A value after it crossed google.script.run: Dates become ISO text, functions disappear. */
type Json<T> = T extends Date
  ? string
  : T extends (...args: never[]) => unknown
    ? never
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

type Server = typeof server;

/** Every server function as the sidebar calls it through google.script.run. */
export type ServerApi = { [K in keyof Server]: (...args: Json<Parameters<Server[K]>>) => Json<ReturnType<Server[K]>> };

export type ServerFunction = keyof ServerApi;

type Result<K extends ServerFunction> = ReturnType<ServerApi[K]>;
type FirstArgument<K extends ServerFunction> = Parameters<ServerApi[K]>[0];

export type TestResult = Result<'testConnection'>;
export type DatasetInfo = Result<'listDatasets'>[number];
export type DatasetDescription = NonNullable<Result<'describeDataset'>>;
export type ImportParams = FirstArgument<'importDataset'>;
export type ImportResult = Result<'importDataset'>;
export type Progress = NonNullable<Result<'getProgress'>>;
export type Status = Result<'getStatus'>;
export type SavedImport = Status['imports'][number];
export type SavedQuery = NonNullable<SavedImport['query']>;
export type RefreshSummary = Result<'refreshAll'>;
export type ScheduleInput = FirstArgument<'setSchedule'>;
export type Schedule = Result<'setSchedule'>;
export type Frequency = ScheduleInput['frequency'];
export type Weekday = NonNullable<ScheduleInput['weekday']>;
export type RuleKeyInfo = Result<'listRuleKeys'>[number];
export type AccountInfo = Result<'listAccounts'>[number];
export type CheckTableParams = FirstArgument<'importCheckTable'>;
export type ReportTemplateInfo = Result<'listReportTemplates'>[number];
export type DescribedReport = Result<'describeReport'>;
export type RoleProposal = DescribedReport['roles'][number];
export type ReportResult = Result<'createReport'>;
export type ReportTab = Result<'listReports'>[number];
export type DescribedColumn = DatasetDescription['columns'][number];
export type ValueKind = DescribedColumn['kind'];
export type DateWindow = NonNullable<SavedImport['dateWindow']>;
