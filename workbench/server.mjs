/**
 * The local workbench: a web page with the real dist/sidebar.html (in a 300 px panel) beside a view of the fake
 * spreadsheet, with google.script.run bridged to the real dist/Code.js.
 *
 * Threads and processes:
 *  - this thread: the HTTP server for the page, the sidebar and the RPC bridge — it never blocks;
 *  - worker 'executor': the add-on on the Apps Script fakes; runs server calls one at a time, like executions;
 *  - worker 'reader': a second copy of the add-on that answers getProgress while the executor is busy with an
 *    import, from a user cache kept in step with the executor's (progress:* writes are mirrored through here);
 *  - child process: the sandbox API (workbench/sandbox-process.mjs).
 */
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, startSandbox, stopSandbox } from './sandbox-process.mjs';

const PAGE_DIR = path.join(ROOT, 'workbench', 'page');
const DIST = path.join(ROOT, 'dist');
/** Calls that real Apps Script would run concurrently with a long import: answered by the reader worker. */
const CONCURRENT = new Set(['getProgress', 'cancelImport']);
const LONG_POLL_MS = 20000;
const MAX_BODY_BYTES = 1024 * 1024;

/** The fakes are TypeScript: bundle them once with esbuild for the workers. */
async function bundleFakes() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tc-workbench-'));
  const outfile = path.join(dir, 'fakes.cjs');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'test/fakes/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  const reportBundle = path.join(dir, 'report-view.cjs');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'workbench/report-view.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: reportBundle, logLevel: 'warning' });
  return { dir, outfile, reportBundle };
}

/** A worker running the add-on, with request/response matching by id. */
class AddOnWorker {
  constructor(role, fakesBundle, timeZone, onMessage, cancelDir) {
    this.role = role;
    this.pending = new Map();
    this.nextId = 1;
    this.worker = new Worker(new URL('./addon-worker.mjs', import.meta.url), { workerData: { role, fakesBundle, dist: DIST, timeZone, cancelDir } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (msg) => {
        if (msg.type === 'ready') return resolve(msg);
        if ((msg.type === 'result' || msg.type === 'view') && this.pending.has(msg.id)) {
          const done = this.pending.get(msg.id);
          this.pending.delete(msg.id);
          return done(msg);
        }
        onMessage(msg);
      });
      this.worker.once('error', reject);
    });
    this.worker.on('error', (e) => {
      for (const done of this.pending.values()) done({ ok: false, error: { message: `Workbench: the ${role} thread failed: ${e.message}` } });
      this.pending.clear();
      this.failed = e;
    });
  }

  request(message) {
    if (this.failed) return Promise.resolve({ ok: false, error: { message: `Workbench: the ${this.role} thread failed: ${this.failed.message}` } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...message, id });
    });
  }

  post(message) {
    this.worker.postMessage(message);
  }

  terminate() {
    return this.worker.terminate();
  }
}

/** Apps Script refuses these values in google.script.run arguments. */
function isJsonSafe(value) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (typeof value === 'object') return Object.values(value).every(isJsonSafe);
  return false;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(data);
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the sandbox, the add-on workers and the web server.
 * @param {{ port?: number, sandboxPort?: number, latencyMs?: number, scale?: number, pageSize?: number,
 *           host?: string, timeZone?: string, fallbackPorts?: boolean, without?: string[],
 *           log?: (line: string) => void }} options
 */
export async function startWorkbench(options = {}) {
  const host = options.host || '127.0.0.1';
  const timeZone = options.timeZone || 'Europe/Amsterdam';
  const log = options.log || (() => undefined);
  const cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        /* keep stopping the rest */
      }
    }
  };

  try {
    // 1. the sandbox API (child process)
    let sandbox;
    try {
      sandbox = await startSandbox({ port: options.sandboxPort ?? 4004, latencyMs: options.latencyMs || 0, scale: options.scale, pageSize: options.pageSize });
    } catch (e) {
      if (!(e.busyPort && options.fallbackPorts)) throw e;
      log(`Port ${options.sandboxPort} is busy; the sandbox takes a free port instead.`);
      sandbox = await startSandbox({ port: 0, latencyMs: options.latencyMs || 0, scale: options.scale, pageSize: options.pageSize });
    }
    cleanups.push(() => stopSandbox(sandbox.child));
    const sandboxInfo = { ...sandbox.info, odataUrl: `${sandbox.info.url}/odata/` };

    // 2. the add-on, twice (threads)
    const fakes = await bundleFakes();
    cleanups.push(() => rmSync(fakes.dir, { recursive: true, force: true }));
    const state = { version: 1, viewVersion: 1, view: null, ui: { alerts: [], toasts: [], sidebars: [], dialogs: [], menus: [], triggers: [] }, busy: null };
    const waiters = new Set();
    const publish = () => {
      state.version++;
      for (const w of waiters) w();
      waiters.clear();
    };
    let reader; // eslint-disable-line prefer-const -- assigned after the executor, which refers to it
    // Cancel flags cross from the reader (which answers cancelImport at once) to the executor, whose thread is
    // blocked inside the import and cannot read messages: through files both threads can read synchronously.
    const cancelDir = mkdtempSync(path.join(tmpdir(), 'tc-cancel-'));
    cleanups.push(() => rmSync(cancelDir, { recursive: true, force: true }));
    const executor = new AddOnWorker('executor', fakes.outfile, timeZone, (msg) => {
      if (msg.type === 'cache' && reader) reader.post(msg);
    }, cancelDir);
    reader = new AddOnWorker('reader', fakes.outfile, timeZone, () => undefined, cancelDir);
    cleanups.push(() => Promise.all([executor.terminate(), reader.terminate()]));
    const [ready] = await Promise.all([executor.ready, reader.ready]);
    // The workers have loaded the fakes bundle; it is not needed on disk any more.
    rmSync(fakes.dir, { recursive: true, force: true });
    // `without` plays an older deployment that lacks some server functions (for the "not available yet" paths).
    const hidden = new Set(options.without || []);
    const functions = ready.functions.filter((name) => !hidden.has(name));
    const first = await executor.request({ type: 'view' });
    state.view = first.view;
    absorbUi(first.ui);

    function absorbUi(ui) {
      if (!ui) return;
      state.ui.alerts.push(...ui.alerts);
      state.ui.toasts.push(...ui.toasts);
      state.ui.sidebars.push(...ui.sidebars);
      state.ui.dialogs.push(...ui.dialogs);
      state.ui.menus = ui.menus;
      state.ui.triggers = ui.triggers;
    }

    // Executions run one at a time, in arrival order.
    let queue = Promise.resolve();
    function execute(name, args, triggerId) {
      const run = queue.then(async () => {
        state.busy = name;
        publish();
        const result = await executor.request({ type: 'call', name, args, triggerId });
        state.busy = null;
        if (result.view) {
          state.view = result.view;
          state.viewVersion++;
        }
        absorbUi(result.ui);
        publish();
        log(`${result.ok ? '✔' : '✘'} ${name} (${result.ms ?? '?'} ms)${result.ok ? '' : `: ${result.error.message}`}`);
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    }

    async function rpc(name, args) {
      if (!functions.includes(name)) return { ok: false, error: { message: `Script function not found: ${name}` } };
      if (!Array.isArray(args) || !isJsonSafe(args)) return { ok: false, error: { message: 'Failed due to an illegal value in the arguments (only JSON-safe values can be sent).' } };
      if (CONCURRENT.has(name)) return reader.request({ type: 'call', name, args });
      return execute(name, args);
    }

    // 3. the web server
    const shim = readFileSync(path.join(PAGE_DIR, 'gas-shim.js'), 'utf8');
    const staticFiles = {
      '/': ['index.html', 'text/html; charset=utf-8'],
      '/workbench.js': ['workbench.js', 'text/javascript; charset=utf-8'],
      '/workbench.css': ['workbench.css', 'text/css; charset=utf-8'],
      '/reports.js': ['reports.js', 'text/javascript; charset=utf-8'],
    };

    async function handle(req, res) {
      const url = new URL(req.url, 'http://workbench');
      const route = url.pathname;
      if (req.method === 'GET' && staticFiles[route]) {
        const [file, type] = staticFiles[route];
        return send(res, 200, readFileSync(path.join(PAGE_DIR, file)), type);
      }
      if (route === '/favicon.ico') {
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'GET' && route === '/sidebar') {
        // The real sidebar, as HtmlService would serve it, plus the google.script.run bridge.
        const html = readFileSync(path.join(DIST, 'sidebar.html'), 'utf8');
        const bridge = `<script>window.__WORKBENCH_FUNCTIONS__ = ${JSON.stringify(functions)};\n${shim.replace(/<\/script/gi, '<\\/script')}</script>`;
        return send(res, 200, html.replace(/<head>/i, (m) => `${m}\n${bridge}`), 'text/html; charset=utf-8');
      }
      if (req.method === 'POST' && route.startsWith('/rpc/')) {
        const name = decodeURIComponent(route.slice('/rpc/'.length));
        let args;
        try {
          args = JSON.parse((await readBody(req)) || '{}').args || [];
        } catch {
          return send(res, 400, { ok: false, error: { message: 'Bad request body' } });
        }
        const result = await rpc(name, args);
        return send(res, 200, result.ok ? { ok: true, value: result.value } : { ok: false, error: { message: result.error.message } });
      }
      if (req.method === 'POST' && route === '/api/menu') {
        const { functionName } = JSON.parse((await readBody(req)) || '{}');
        const allowed = state.ui.menus.some((m) => m.items.some((i) => i.functionName === functionName));
        if (!allowed) return send(res, 404, { ok: false, error: { message: `No menu item runs ${functionName}` } });
        const result = await execute(functionName, []);
        return send(res, 200, result.ok ? { ok: true } : { ok: false, error: { message: result.error.message } });
      }
      if (req.method === 'POST' && route === '/api/trigger') {
        // A time-driven trigger "fires" now (Apps Script would run it at its time).
        const { id } = JSON.parse((await readBody(req)) || '{}');
        const trigger = state.ui.triggers.find((t) => t.id === id);
        if (!trigger) return send(res, 404, { ok: false, error: { message: `No trigger ${id}` } });
        const result = await execute(`${trigger.handler} (trigger)`, [], id);
        return send(res, 200, result.ok ? { ok: true } : { ok: false, error: { message: result.error.message } });
      }
      if (req.method === 'POST' && route === '/api/cell') {
        // The grid: the selected cell becomes the add-on's active cell; typed text or a formula is written there.
        const body = JSON.parse((await readBody(req)) || '{}');
        const result = await execute('__cell__', [body]);
        return send(res, 200, result.ok ? { ok: true } : { ok: false, error: { message: result.error.message } });
      }
      if (req.method === 'GET' && route === '/api/state') {
        return send(res, 200, {
          sandbox: { url: sandboxInfo.url, odataUrl: sandboxInfo.odataUrl, username: sandboxInfo.username, token: sandboxInfo.token },
          functions,
          timeZone,
        });
      }
      if (req.method === 'GET' && route === '/api/spreadsheet') {
        const since = Number(url.searchParams.get('since') || 0);
        if (since === state.version) {
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, LONG_POLL_MS);
            const wake = () => {
              clearTimeout(timer);
              resolve();
            };
            waiters.add(wake);
            res.on('close', () => {
              waiters.delete(wake);
              wake();
            });
          });
        }
        if (res.destroyed) return undefined;
        // The (large) view only when it changed since the page's copy.
        const withView = Number(url.searchParams.get('view') || 0) !== state.viewVersion;
        return send(res, 200, { version: state.version, viewVersion: state.viewVersion, busy: state.busy, view: withView ? state.view : undefined, ui: state.ui });
      }
      if (route === '/api/sandbox/config') {
        // The sandbox's own control endpoint (loopback only): latency, page size …
        const body = req.method === 'POST' ? await readBody(req) : undefined;
        const answer = await fetch(`${sandboxInfo.url}/__sandbox/config`, { method: req.method, headers: { 'Content-Type': 'application/json' }, body });
        return send(res, answer.status, await answer.text());
      }
      return send(res, 404, { ok: false, error: { message: 'Not found' } });
    }

    const server = http.createServer((req, res) => {
      handle(req, res).catch((e) => {
        if (!res.headersSent) send(res, 500, { ok: false, error: { message: `Workbench error: ${e.message}` } });
        else res.destroy();
      });
    });
    let port;
    try {
      port = await listen(server, options.port ?? 8080, host);
    } catch (e) {
      if (!(e.code === 'EADDRINUSE' && options.fallbackPorts)) throw e;
      log(`Port ${options.port} is busy; the workbench takes a free port instead.`);
      port = await listen(server, 0, host);
    }
    cleanups.push(
      () =>
        new Promise((resolve) => {
          for (const w of waiters) w();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );

    return {
      url: `http://${host}:${port}/`,
      port,
      sandbox: sandboxInfo,
      functions,
      close: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
