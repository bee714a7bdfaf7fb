/**
 * A worker thread that runs the built add-on (dist/Code.js, loaded with gas-local) on the Apps Script fakes the
 * tests use. Its fake UrlFetchApp blocks this thread while it waits for HTTP, which is why the add-on lives
 * here and not in the workbench's HTTP thread.
 *
 * Roles (workerData.role):
 *  - 'executor': runs server calls one at a time, like Apps Script executions. It mirrors user-cache writes of
 *    `progress:*` keys to the parent, and sends a view of the spreadsheet after every call that changed it.
 *  - 'reader': a second, idle copy that answers the calls that must not queue behind a long import
 *    (getProgress), reading a user cache that the parent keeps in step with the executor's.
 *
 * Messages in:  {type:'call', id, name, args} · {type:'cache', op, key, value?, ttl?} (reader)
 * Messages out: {type:'ready', functions} · {type:'result', id, ok, value?, error?, view?, ui?} ·
 *               {type:'cache', op, key, value?, ttl?} (executor)
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { role, fakesBundle, dist, timeZone, cancelDir } = workerData;
const { createGasEnvironment } = require(fakesBundle);
// Reports (pivots, charts, formula results): workbench/report-view.ts, bundled next to the fakes by server.mjs.
const reportBundle = path.join(path.dirname(fakesBundle), 'report-view.cjs');
const { reportExtras } = existsSync(reportBundle) ? require(reportBundle) : { reportExtras: () => ({}) };
const gas = require('gas-local');

const PROGRESS_PREFIX = 'progress:';
/** The view shows at most this many rows and columns per tab (the counts above the grid are exact). */
const VIEW_ROWS = 500;
const VIEW_COLUMNS = 60;
const VIEW_CELL_CHARS = 400;

const env = createGasEnvironment({ htmlDir: dist, timeZone });

/** Top-level functions google.script.run can call: like Apps Script, every one except names ending in `_`. */
const functions = Array.from(readFileSync(path.join(dist, 'Code.js'), 'utf8').matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm), (m) => m[1]).filter((n) => !n.endsWith('_'));

if (role === 'executor') mirrorProgressWrites();
shareCancelFlags();
const addOn = gas.require(dist, env.globals);

/** Wraps CacheService.getUserCache() so that writes of progress keys are also sent to the parent. */
function mirrorProgressWrites() {
  const real = env.globals.CacheService;
  const post = (message) => parentPort.postMessage({ type: 'cache', ...message });
  const isProgress = (key) => String(key).startsWith(PROGRESS_PREFIX);
  const wrap = (cache) =>
    new Proxy(cache, {
      get(target, prop) {
        const value = target[prop];
        if (typeof value !== 'function') return value;
        if (prop === 'put') {
          return (key, v, ttl) => {
            const r = target.put(key, v, ttl);
            if (isProgress(key)) post({ op: 'put', key: String(key), value: String(v), ttl });
            return r;
          };
        }
        if (prop === 'putAll') {
          return (values, ttl) => {
            const r = target.putAll(values, ttl);
            for (const [k, v] of Object.entries(values)) if (isProgress(k)) post({ op: 'put', key: k, value: String(v), ttl });
            return r;
          };
        }
        if (prop === 'remove') {
          return (key) => {
            const r = target.remove(key);
            if (isProgress(key)) post({ op: 'remove', key: String(key) });
            return r;
          };
        }
        if (prop === 'removeAll') {
          return (keys) => {
            const r = target.removeAll(keys);
            for (const k of keys) if (isProgress(k)) post({ op: 'remove', key: String(k) });
            return r;
          };
        }
        return value.bind(target);
      },
    });
  env.globals.CacheService = {
    getScriptCache: () => real.getScriptCache(),
    getDocumentCache: () => real.getDocumentCache(),
    getUserCache: () => wrap(real.getUserCache()),
  };
}

const CANCEL_PREFIX = 'cancel:';

/**
 * cancelImport runs on the reader while the executor is inside the import, its thread blocked on HTTP: the flag
 * goes through a file (named by the checked progress id) that the executor's cache reads synchronously.
 */
function shareCancelFlags() {
  if (!cancelDir) return;
  const file = (key) => path.join(cancelDir, String(key).slice(CANCEL_PREFIX.length).replace(/[^A-Za-z0-9_-]/g, '_'));
  const isCancel = (key) => String(key).startsWith(CANCEL_PREFIX);
  const wrap = (cache) =>
    new Proxy(cache, {
      get(target, prop) {
        const value = target[prop];
        if (prop === 'put') return (key, v, ttl) => (isCancel(key) ? writeFileSync(file(key), String(v)) : target.put(key, v, ttl));
        if (prop === 'get') return (key) => (isCancel(key) ? (existsSync(file(key)) ? readFileSync(file(key), 'utf8') : null) : target.get(key));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const inner = env.globals.CacheService;
  env.globals.CacheService = {
    getScriptCache: () => inner.getScriptCache(),
    getDocumentCache: () => inner.getDocumentCache(),
    getUserCache: () => wrap(inner.getUserCache()),
  };
}

/** Where a value stops being JSON-safe (Apps Script would not deliver it to the sidebar), or null. */
function nonJsonPath(value, where = 'result', seen = new Set()) {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${where} (${value})`;
  if (typeof value !== 'object') return `${where} (a ${typeof value})`;
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return `${where} (a Date: return an ISO string instead)`;
  if (seen.has(value)) return `${where} (a cycle)`;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonJsonPath(value[i], `${where}[${i}]`, seen);
      if (bad) return bad;
    }
    return null;
  }
  if (tag !== '[object Object]') return `${where} (a ${tag.slice(8, -1)})`;
  for (const [k, v] of Object.entries(value)) {
    const bad = nonJsonPath(v, `${where}.${k}`, seen);
    if (bad) return bad;
  }
  return null;
}

// ---- the spreadsheet as the workbench page shows it ----

function typeOf(value, formula, format) {
  if (formula) return 'formula';
  if (value === '' || value === null || value === undefined) return 'empty';
  if (Object.prototype.toString.call(value) === '[object Date]') return 'date';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return format === '@' ? 'text' : 'string';
}

function clip(text) {
  const s = String(text);
  return s.length > VIEW_CELL_CHARS ? `${s.slice(0, VIEW_CELL_CHARS)}… (${s.length.toLocaleString('en-US')} characters)` : s;
}

// ---- custom functions typed into a cell: =TRUECLICKS(...) runs and its result spills, as in Sheets ----

const CUSTOM_FORMULA = /^=\s*(TRUECLICKS|TRUECLICKS_TABLE)\s*\((.*)\)\s*$/is;
/** Results of custom-function cells, by sheet, cell and formula text (recomputed when the formula changes). */
const spills = new Map();

/** The arguments of a formula: "strings" ("" is a quote), numbers, TRUE/FALSE, or empty. Cell references are not supported here. */
function formulaArgs(text) {
  const args = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TRUE|FALSE)|())\s*(,|$)/giy;
  let m;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[1] !== undefined) args.push(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) args.push(Number(m[2]));
    else if (m[3] !== undefined) args.push(m[3].toUpperCase() === 'TRUE');
    else args.push(undefined);
    if (m[5] === '') break;
  }
  if (re.lastIndex < text.trimEnd().length) throw new Error('The workbench understands text in "quotes", numbers and TRUE/FALSE as arguments, not cell references.');
  return args;
}

function spillCell(value) {
  if (value === null || value === undefined || value === '') return { d: '', t: 'spill' };
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const text = new Intl.DateTimeFormat('en-CA', { timeZone: env.spreadsheet.getSpreadsheetTimeZone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(value);
    return { d: text, t: 'spill', k: 'date' };
  }
  return { d: clip(String(value)), t: 'spill', k: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** The 2-D result of a custom-function cell, or an error text, computed once per formula text. */
function spillOf(sheetName, r, c, formula) {
  const key = `${sheetName}!${r},${c}`;
  const known = spills.get(key);
  if (known && known.formula === formula) return known;
  const m = CUSTOM_FORMULA.exec(formula);
  let entry;
  try {
    const value = env.runCustomFunction(m[1].toUpperCase(), formulaArgs(m[2]));
    entry = { formula, values: Array.isArray(value) ? value.map((row) => (Array.isArray(row) ? row : [row])) : [[value]] };
  } catch (e) {
    entry = { formula, error: String(e && e.message ? e.message : e).split('\n')[0] };
  } finally {
    env.endExecution();
  }
  spills.set(key, entry);
  return entry;
}

/** Puts each custom-function result over the cells it spills into; #REF! when it would cover data, as Sheets does. */
function overlaySpills(sheet, cells, formulas) {
  const anchors = [];
  formulas.forEach((row, r) => row.forEach((f, c) => { if (f && CUSTOM_FORMULA.test(f)) anchors.push([r, c, f]); }));
  for (const [r, c, f] of anchors) {
    const spill = spillOf(sheet.getName(), r, c, f);
    const blocked = spill.values && spill.values.some((row, i) => row.some((_, j) => (i || j) && cells[r + i] && cells[r + i][c + j] && cells[r + i][c + j].t !== 'empty'));
    if (spill.error || blocked) {
      cells[r][c] = { ...cells[r][c], d: '#ERROR!', t: 'formula', n: spill.error || 'Array result was not expanded because it would overwrite data.' };
      continue;
    }
    spill.values.slice(0, VIEW_ROWS - r).forEach((row, i) => {
      while (cells.length <= r + i) cells.push([]);
      row.slice(0, VIEW_COLUMNS - c).forEach((v, j) => {
        const target = cells[r + i];
        while (target.length <= c + j) target.push({ d: '', t: 'empty' });
        target[c + j] = i || j ? spillCell(v) : { ...spillCell(v), t: 'formula', x: f };
      });
    });
  }
  const width = Math.max(0, ...cells.map((row) => row.length));
  for (const row of cells) while (row.length < width) row.push({ d: '', t: 'empty' });
}

function cellView(value, display, format, note, formula, weight, background) {
  const type = typeOf(value, formula, format);
  const cell = { d: clip(display), t: type };
  if (format && format !== 'General') cell.f = format;
  if (note) cell.n = clip(note);
  if (formula) cell.x = clip(formula);
  if (weight === 'bold') cell.b = 1;
  if (background && background !== '#ffffff') cell.bg = background;
  if ((type === 'string' || type === 'text') && String(value).length > VIEW_CELL_CHARS) cell.len = String(value).length;
  return cell;
}

function sheetView(sheet) {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const rows = Math.min(lastRow, VIEW_ROWS);
  const columns = Math.min(lastColumn, VIEW_COLUMNS);
  const cells = [];
  let formulas = [];
  if (rows > 0 && columns > 0) {
    const range = sheet.getRange(1, 1, rows, columns);
    const values = range.getValues();
    const display = range.getDisplayValues();
    const formats = range.getNumberFormats();
    const notes = range.getNotes();
    formulas = range.getFormulas();
    const weights = range.getFontWeights();
    const backgrounds = range.getBackgrounds();
    for (let r = 0; r < rows; r++) {
      cells.push(values[r].map((v, c) => cellView(v, display[r][c], formats[r][c], notes[r][c], formulas[r][c], weights[r][c], backgrounds[r][c])));
    }
  }
  if (role === 'executor') overlaySpills(sheet, cells, formulas);
  return {
    name: sheet.getName(),
    id: sheet.getSheetId(),
    lastRow: Math.max(lastRow, cells.length),
    lastColumn: Math.max(lastColumn, cells.length ? cells[0].length : 0),
    frozenRows: sheet.getFrozenRows(),
    frozenColumns: sheet.getFrozenColumns(),
    cells,
  };
}

/** The workbench grid: select a cell (the add-on's active cell), and optionally type into it. */
function cellInput({ sheet, row, column, input }) {
  const ss = env.spreadsheet;
  ss._select(sheet, row, column);
  if (input === undefined || input === null) return null;
  const range = ss.getSheetByName(sheet).getRange(row, column);
  env.runAs({ authMode: 'FULL', ui: true }, () => (String(input).startsWith('=') ? range.setFormula(String(input)) : range.setValue(input)));
  spills.delete(`${sheet}!${row - 1},${column - 1}`);
  return null;
}

let lastViewKey = '';

/** The spreadsheet view, or null when nothing it shows has changed since the last one. */
function spreadsheetView(force = false) {
  const ss = env.spreadsheet;
  const sheets = ss.getSheets();
  const key = JSON.stringify([
    spills.size,
    ss._selected,
    env.stats.writeCalls,
    env.stats.setValuesCalls,
    ss.getActiveSheet().getName(),
    sheets.map((s) => [s.getName(), s.getLastRow(), s.getLastColumn(), s.getFrozenRows(), s.getFrozenColumns()]),
  ]);
  if (!force && key === lastViewKey) return null;
  lastViewKey = key;
  return {
    name: ss.getName(),
    timeZone: ss.getSpreadsheetTimeZone(),
    active: ss.getActiveSheet().getName(),
    sheets: sheets.map(sheetView),
    reports: reportExtras(ss),
  };
}

const uiSeen = { alerts: 0, toasts: 0, sidebars: 0, dialogs: 0 };

/** What the add-on showed (alerts, toasts, sidebars, dialogs) since the last call. */
function newUi() {
  const ui = env.ui;
  const out = {
    alerts: ui.alerts.slice(uiSeen.alerts).map((a) => ({ title: a.title, prompt: a.prompt })),
    toasts: ui.toasts.slice(uiSeen.toasts).map((t) => ({ title: t.title, message: t.message })),
    sidebars: ui.sidebars.slice(uiSeen.sidebars).map((s) => ({ title: s.title })),
    dialogs: ui.dialogs.slice(uiSeen.dialogs).map((d) => ({ title: d.title, kind: d.kind, html: d.html, width: d.width, height: d.height })),
    menus: ui.menus.map((m) => ({ name: m.name, items: m.items.map((i) => ('functionName' in i ? { label: i.label, functionName: i.functionName } : { separator: true })) })),
    triggers: env.triggers.map((t) => ({ id: t.id, handler: t.handler, eventType: t.eventType, schedule: { ...t.schedule } })),
  };
  uiSeen.alerts = ui.alerts.length;
  uiSeen.toasts = ui.toasts.length;
  uiSeen.sidebars = ui.sidebars.length;
  uiSeen.dialogs = ui.dialogs.length;
  return out;
}

/**
 * One execution: the function with a fresh lock state; errors leave as their message only. A trigger run
 * (`triggerId`) calls the trigger's handler the way Apps Script would: as its owner, in FULL mode, without UI.
 */
function execute(name, args, triggerId) {
  if (name === '__cell__') {
    try {
      return { ok: true, value: cellInput(args[0] || {}) };
    } catch (e) {
      return { ok: false, error: { message: String(e && e.message ? e.message : e) } };
    }
  }
  const fn = addOn[name];
  if (!triggerId && (!functions.includes(name) || typeof fn !== 'function')) return { ok: false, error: { message: `Script function not found: ${name}` } };
  try {
    const value = triggerId ? env.runTrigger(triggerId) : env.runAs({ authMode: 'FULL', ui: true }, () => fn(...args));
    const bad = triggerId ? null : nonJsonPath(value);
    if (bad) {
      return { ok: false, error: { message: `Workbench: ${name}() returned a value Apps Script cannot send to the sidebar: ${bad}.`, developer: true } };
    }
    return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    const message = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
    return { ok: false, error: { message } };
  } finally {
    env.endExecution();
  }
}

parentPort.on('message', (msg) => {
  if (msg.type === 'cache') {
    const cache = env.globals.CacheService.getUserCache();
    if (msg.op === 'put') cache.put(msg.key, msg.value, msg.ttl);
    else cache.remove(msg.key);
    return;
  }
  if (msg.type === 'view') {
    parentPort.postMessage({ type: 'view', id: msg.id, view: spreadsheetView(true), ui: newUi() });
    return;
  }
  if (msg.type === 'call') {
    const started = Date.now();
    const result = execute(msg.name, msg.args || [], msg.triggerId);
    const reply = { type: 'result', id: msg.id, ms: Date.now() - started, ...result };
    if (role === 'executor') {
      reply.view = spreadsheetView();
      reply.ui = newUi();
    }
    parentPort.postMessage(reply);
  }
});

if (role === 'executor') {
  // The spreadsheet is opened: onOpen builds the add-on menu.
  execute('onOpen', [env.makeEvent()]);
}
parentPort.postMessage({ type: 'ready', functions });
process.on('exit', () => env.close());
