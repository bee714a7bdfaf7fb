/**
 * Fakes of the Apps Script services used by "TrueClicks for Sheets", for integration tests that load
 * dist/Code.js with gas-local and for unit tests that put the services on globalThis.
 *
 *   const env = createGasEnvironment({ timeZone: 'Europe/Amsterdam' });
 *   const ctx = require('gas-local').require(distDir, env.globals);
 *   ctx.onOpen(env.makeEvent());
 *   ...
 *   env.close(); // stops the HTTP worker
 *
 * The fakes aim to BEHAVE like the real services (see each file's header comment for the modelled
 * rules and which ones are verified vs assumed); sheets-parse.ts is the string-parsing contract.
 */
import * as crypto from 'crypto';
import { AuthModeName, GasContext, LogEntry } from './context';
import { CacheStores, createCacheService } from './cache';
import { createLockService, LockScope, LockTable } from './lock';
import { createConsole, createLogger } from './logger';
import { createPropertiesService, PropertyStores } from './properties';
import { createScriptApp, SCRIPT_ENUMS, TriggerRecord, TriggerRegistry } from './script-app';
import { createSession } from './session';
import { RangeStats } from './sheet';
import { createSpreadsheetApp, FakeSpreadsheet, SpreadsheetRegistry } from './spreadsheet';
import type { Entry as CacheEntry } from './cache';
import { createCharts } from './charts';
import { createHtmlService, createUi, newUiRecorder, UiRecorder } from './ui';
import { createUrlFetchApp, HttpBridge, HttpRecorder } from './url-fetch';
import { createUtilities } from './utilities';
import { formatDisplay, DEFAULT_NUMBER_FORMAT, isDateTimeFormat } from './sheets-format';
import { instantFromSerial } from './timezone';
import { formulaResult } from './sheets-parse';

export { createManualClock } from './context';
export { FORMULA_PLACEHOLDER, FORMULA_PARSE_ERROR } from './sheets-parse';
export { startLoopbackServer } from './loopback-server';
export type { LoopbackServer } from './loopback-server';

export interface GasEnvironmentOptions {
  /** spreadsheet time zone (default 'Europe/Amsterdam') */
  timeZone?: string;
  /** script (manifest) time zone (default 'Etc/UTC') */
  scriptTimeZone?: string;
  /** active user e-mail (default 'owner@example.com') */
  user?: string;
  /** spreadsheet owner, whose user properties custom functions see (default: the initial user) */
  owner?: string;
  authMode?: AuthModeName;
  /** clock for cache expiry, "3/5"-style dates without a year, etc. (default Date.now) */
  now?: () => number;
  /** folder with <name>.html files for HtmlService.createHtmlOutputFromFile */
  htmlDir?: string;
  /** per-request HTTP timeout (default 30000) */
  httpTimeoutMs?: number;
  /** real sleep time = requested ms * sleepScale (default 1) */
  sleepScale?: number;
  /** createAddonMenu() name (default 'TrueClicks for Sheets') */
  addonName?: string;
  /** apply Editor add-on trigger restrictions (default true) */
  addOn?: boolean;
  /** where an add-on's clock trigger belongs: 'document' (default) or 'project' (see context.ts) */
  clockTriggers?: 'document' | 'project';
  spreadsheetName?: string;
  /** getValue() of a formula cell; return undefined to use the default (see sheets-parse.ts) */
  evaluateFormula?: (formula: string, where: { sheet: string; row: number; column: number }) => unknown;
}

interface SheetSnapshot {
  values: unknown[][];
  displayValues: string[][];
  formats: string[][];
  formulas: string[][];
  notes: string[][];
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
}

export interface GasEnvironment {
  /** the global object for gas-local (fresh per environment) */
  globals: Record<string, unknown>;
  spreadsheet: FakeSpreadsheet;
  readonly user: string;
  readonly authMode: AuthModeName;
  setUser(email: string): void;
  setAuthMode(mode: AuthModeName): void;
  /** ScriptApp.getAuthorizationInfo() reports REQUIRED while true */
  setAuthorizationRequired(required: boolean): void;
  logs: string[];
  logEntries: LogEntry[];
  http: HttpRecorder;
  sleeps: number[];
  ui: UiRecorder;
  triggers: TriggerRecord[];
  deleteTriggerOutside(id: string): boolean;
  /** the spreadsheet that is active now (null inside a 'project' clock trigger) */
  readonly activeSpreadsheet: FakeSpreadsheet | null;
  /** creates another spreadsheet of the same user (own tabs, document properties and cache) and makes it active */
  openAnotherSpreadsheet(name?: string): FakeSpreadsheet;
  /** makes a spreadsheet of this environment the active one */
  activate(ss: FakeSpreadsheet): void;
  /** the spreadsheet is deleted or this user lost access: openById fails, triggers of it find nothing */
  loseSpreadsheet(ss: FakeSpreadsheet): void;
  /** simulate another execution holding a lock (see lock.ts) */
  holdLock(scope: LockScope, options?: { releaseAfterMs?: number; user?: string }): { release(): void };
  lockHeld(scope: LockScope, user?: string): 'self' | 'other' | null;
  lockWaits: { scope: string; timeoutMs: number; acquired: boolean }[];
  /** end of an execution: releases the add-on's locks */
  endExecution(): void;
  /**
   * Simulates Apps Script killing the execution (its time limit): after `n` more completed setValues calls,
   * every spreadsheet call throws "Exceeded maximum execution time", so nothing after that point reaches the
   * spreadsheet. `revive()` ends the simulation (the next execution).
   */
  killAfterSetValues(n: number): void;
  revive(): void;
  /** raw stores, for assertions */
  properties: { user(email?: string): Record<string, string>; document(): Record<string, string>; script(): Record<string, string> };
  stats: RangeStats & { flushCalls: number };
  resetStats(): void;
  sheetSnapshot(name: string): SheetSnapshot;
  /** an onOpen/onInstall style event object in the current auth mode */
  makeEvent(extra?: Record<string, unknown>): Record<string, unknown>;
  /** run fn as another user / auth mode / without UI, then restore */
  runAs<T>(as: { user?: string; authMode?: AuthModeName; ui?: boolean }, fn: () => T): T;
  /** run a trigger's handler from env.globals as its owner (FULL, no UI), like Apps Script would */
  runTrigger(idOrRecord: string | TriggerRecord): unknown;
  /** call a custom function from env.globals in CUSTOM_FUNCTION mode as the given user */
  runCustomFunction(name: string, args: unknown[], asUser?: string): unknown;
  close(): void;
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  const user = options.user ?? 'owner@example.com';
  const globals: Record<string, unknown> = {};
  const ctx = new GasContext(
    {
      timeZone: options.timeZone ?? 'Europe/Amsterdam',
      scriptTimeZone: options.scriptTimeZone ?? 'Etc/UTC',
      user,
      owner: options.owner ?? user,
      authMode: options.authMode ?? 'FULL',
      now: options.now ?? Date.now,
      htmlDir: options.htmlDir,
      httpTimeoutMs: options.httpTimeoutMs ?? 30_000,
      sleepScale: options.sleepScale ?? 1,
      addonName: options.addonName ?? 'TrueClicks for Sheets',
      scriptId: '1FakeScriptId' + crypto.randomBytes(12).toString('hex'),
      addOn: options.addOn ?? true,
      clockTriggers: options.clockTriggers ?? 'document',
      evaluateFormula: options.evaluateFormula,
    },
    globals,
  );
  const ui = newUiRecorder();
  const spreadsheet = new FakeSpreadsheet(ctx, ui, '1Fake' + crypto.randomBytes(20).toString('hex'));
  if (options.spreadsheetName) spreadsheet._name = options.spreadsheetName;
  const properties = new PropertyStores();
  const caches = new CacheStores();
  const docs = new SpreadsheetRegistry(spreadsheet);
  // Per-spreadsheet document stores; the primary's are the ones env.properties.document() shows.
  const docProps = new Map<string, Map<string, string>>([[spreadsheet._id, properties.document]]);
  const docCaches = new Map<string, Map<string, CacheEntry>>([[spreadsheet._id, caches.document]]);
  const perDocument = <T>(stores: Map<string, Map<string, T>>) => (): Map<string, T> | null => {
    if (!docs.active) return null;
    if (!stores.has(docs.active._id)) stores.set(docs.active._id, new Map());
    return stores.get(docs.active._id)!;
  };
  const locks = new LockTable();
  const triggers = new TriggerRegistry();
  const bridge = new HttpBridge();
  const http: HttpRecorder = { requests: [], fetchCalls: 0, fetchAllCalls: 0 };
  const uiService = createUi(ctx, ui);

  Object.assign(globals, {
    SpreadsheetApp: createSpreadsheetApp(ctx, docs, () => {
      if (!ctx.uiAvailable || ctx.authMode === 'CUSTOM_FUNCTION') throw ctx.error('Cannot call SpreadsheetApp.getUi() from this context.');
      return uiService;
    }),
    PropertiesService: createPropertiesService(ctx, properties, perDocument(docProps)),
    CacheService: createCacheService(ctx, caches, perDocument(docCaches)),
    LockService: createLockService(ctx, locks, () => docs.active !== null),
    Utilities: createUtilities(ctx),
    UrlFetchApp: createUrlFetchApp(ctx, bridge, http),
    Session: createSession(ctx),
    ScriptApp: createScriptApp(ctx, triggers, docs),
    HtmlService: createHtmlService(ctx),
    Logger: createLogger(ctx),
    Charts: createCharts(),
    console: createConsole(ctx),
  });

  const asRecord = (m: Map<string, string>) => Object.fromEntries(m);

  const env: GasEnvironment = {
    globals,
    spreadsheet,
    get user() {
      return ctx.user;
    },
    get authMode() {
      return ctx.authMode;
    },
    setUser(email) {
      ctx.user = email;
    },
    setAuthMode(mode) {
      ctx.authMode = mode;
    },
    setAuthorizationRequired(required) {
      triggers.authorizationRequired = required;
    },
    logs: ctx.logs,
    logEntries: ctx.logEntries,
    http,
    sleeps: ctx.sleeps,
    ui,
    triggers: triggers.triggers,
    deleteTriggerOutside: (id) => triggers.remove(id),
    get activeSpreadsheet() {
      return docs.active;
    },
    openAnotherSpreadsheet(name) {
      const other = docs.add(new FakeSpreadsheet(ctx, ui, '1Fake' + crypto.randomBytes(20).toString('hex')));
      if (name) other._name = name;
      docs.active = other;
      return other;
    },
    activate(ss) {
      if (!docs.byId.has(ss._id)) throw new Error('activate: not a spreadsheet of this environment');
      docs.active = ss;
    },
    loseSpreadsheet(ss) {
      docs.unreachable.add(ss._id);
    },
    holdLock: (scope, o = {}) => locks.holdOther(LockTable.key(scope, o.user ?? ctx.user), o.releaseAfterMs),
    lockHeld(scope, u) {
      return locks.held.get(LockTable.key(scope, u ?? ctx.user))?.kind ?? null;
    },
    lockWaits: locks.waits,
    endExecution: () => locks.releaseOwn(),
    killAfterSetValues(n) {
      ctx.killAfterSetValues = n;
      ctx.killed = false;
    },
    revive() {
      ctx.killAfterSetValues = null;
      ctx.killed = false;
      locks.releaseOwn();
    },
    properties: {
      user: (email) => asRecord(properties.userStore(email ?? ctx.user)),
      document: () => asRecord(properties.document),
      script: () => asRecord(properties.script),
    },
    stats: spreadsheet.stats,
    resetStats: () => spreadsheet.resetStats(),
    sheetSnapshot(name) {
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) throw new Error(`sheetSnapshot: no sheet named "${name}"`);
      const g = sheet._grid;
      const rows = Math.max(1, g.lastRow());
      const cols = Math.max(1, g.lastColumn());
      const grid = <T>(fn: (r: number, c: number) => T): T[][] =>
        Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_2, j) => fn(i + 1, j + 1)));
      const value = (r: number, c: number): unknown => {
        const cell = g.get(r, c);
        if (!cell) return '';
        if (cell.f !== undefined) return ctx.options.evaluateFormula?.(cell.f, { sheet: name, row: r, column: c }) ?? formulaResult(cell.f);
        if (cell.v === undefined) return '';
        if (typeof cell.v === 'number' && isDateTimeFormat(cell.nf)) return new Date(instantFromSerial(cell.v, spreadsheet._timeZone));
        return cell.v;
      };
      return {
        values: grid(value),
        displayValues: grid((r, c) => {
          const cell = g.get(r, c);
          return cell?.f !== undefined ? String(value(r, c)) : formatDisplay(cell?.v, cell?.nf);
        }),
        formats: grid((r, c) => g.get(r, c)?.nf ?? DEFAULT_NUMBER_FORMAT),
        formulas: grid((r, c) => g.get(r, c)?.f ?? ''),
        notes: grid((r, c) => g.get(r, c)?.note ?? ''),
        frozenRows: sheet._frozenRows,
        frozenColumns: sheet._frozenColumns,
        maxRows: g.maxRows,
        maxColumns: g.maxColumns,
      };
    },
    makeEvent(extra = {}) {
      return { authMode: SCRIPT_ENUMS.AuthMode[ctx.authMode], source: spreadsheet, ...extra };
    },
    runAs(as, fn) {
      const saved = { user: ctx.user, authMode: ctx.authMode, ui: ctx.uiAvailable };
      if (as.user !== undefined) ctx.user = as.user;
      if (as.authMode !== undefined) ctx.authMode = as.authMode;
      if (as.ui !== undefined) ctx.uiAvailable = as.ui;
      try {
        return fn();
      } finally {
        ctx.user = saved.user;
        ctx.authMode = saved.authMode;
        ctx.uiAvailable = saved.ui;
      }
    },
    runTrigger(idOrRecord) {
      const rec = typeof idOrRecord === 'string' ? triggers.triggers.find((t) => t.id === idOrRecord) : idOrRecord;
      if (!rec || !triggers.triggers.includes(rec)) throw new Error(`runTrigger: no trigger ${String(typeof idOrRecord === 'string' ? idOrRecord : idOrRecord.id)}`);
      const handler = globals[rec.handler];
      if (typeof handler !== 'function') throw new Error(`runTrigger: env.globals has no function ${rec.handler} (load the script with gas-local first)`);
      const event = { authMode: SCRIPT_ENUMS.AuthMode.FULL, triggerUid: rec.id };
      // A clock trigger runs with its document active ('document') or with none ('project').
      const savedActive = docs.active;
      const ownDocument = docs.byId.get(rec.documentId);
      const reachable = ownDocument && !docs.unreachable.has(ownDocument._id) ? ownDocument : null;
      docs.active = rec.eventType === 'CLOCK' && ctx.options.clockTriggers === 'project' ? null : reachable;
      try {
        return env.runAs({ user: rec.owner, authMode: 'FULL', ui: false }, () => handler(event));
      } finally {
        docs.active = savedActive;
        locks.releaseOwn();
      }
    },
    runCustomFunction(name, args, asUser) {
      const fn = globals[name];
      if (typeof fn !== 'function') throw new Error(`runCustomFunction: env.globals has no function ${name}`);
      return env.runAs({ user: asUser ?? ctx.user, authMode: 'CUSTOM_FUNCTION', ui: false }, () => fn(...args));
    },
    close: () => bridge.close(),
  };
  return env;
}
