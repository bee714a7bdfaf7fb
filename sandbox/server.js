'use strict';
/**
 * TrueClicks sandbox API: a real OData server on loopback.
 *
 * fe-mockserver-core (@sap-ux/fe-mockserver-core, Apache-2.0) does the OData work ($metadata, $select,
 * $filter, $orderby, $top, $skip, $count) for a V4 service and a V2 service over the same generated data
 * (fe-backend.js). The public server in front of it is our own thin wrapper (public-routes.js and the modules it
 * calls), which adds:
 *   Basic auth, server-driven paging ($skiptoken), OData JSON errors, exact Int64/Decimal output
 *   (IEEE754Compatible), the OData V3 JSON-light root (a shape transform over the V4 server),
 *   the REST check output tables, fault injection, latency and a request log.
 * It also serves the hostile corpus (sandbox/corpus.js): the hidden entity set Corpus and the REST check table
 * of the rule key hostile-corpus, answered byte for byte.
 * See sandbox/README.md for the URL layout, data and hostile values.
 *
 * This file wires one instance together: its state (shared by the modules through `ctx.state`), the public
 * server, and close().
 */
const http = require('http');

const { generateData } = require('./data');
const { CORPUS_SET, loadCorpusRows, loadCheckTableCorpus } = require('./corpus');
const { errorBody } = require('./odata');
const { SANDBOX_USERNAME, SANDBOX_TOKEN } = require('./auth');
const { initialConfig } = require('./config');
const { startFeBackend } = require('./fe-backend');
const { handle } = require('./public-routes');

/**
 * The mutable state of one sandbox. The control API replaces config, faults and requestLog (never mutates
 * `defaults`); `closed` and `timers` let close() cut waits short.
 */
function createState(options, data, sets) {
  const defaults = initialConfig(options);
  return {
    scale: options.scale,
    data,
    sets,
    checkTableCorpus: loadCheckTableCorpus(),
    defaults,
    config: Object.assign({}, defaults),
    faults: [],
    requestLog: [],
    timers: new Set(),
    closed: false,
    fe: null,
    originOf: null,
  };
}

function createPublicServer(state) {
  const server = http.createServer((req, res) => {
    handle(state, req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(errorBody('v4', 500, `Sandbox error: ${err && err.message}`));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  return server;
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if (server.closeAllConnections) server.closeAllConnections();
  });
}

/** close(): ends pending waits, both servers, then fe-mockserver. */
function closer(state, server) {
  return async function close() {
    if (state.closed) return;
    state.closed = true;
    for (const entry of state.timers) {
      clearTimeout(entry.t);
      entry.resolve();
    }
    state.timers.clear();
    await Promise.all([closeServer(server), state.fe.stopListening()]);
    await state.fe.dispose();
  };
}

const urlHostOf = (host) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/**
 * Starts the sandbox. Resolves to { url, port, close() } once the data is loaded and the port is listening.
 */
async function startSandbox(options = {}) {
  const { port = 0, host = '127.0.0.1', scale = 1, pageSize = 50, latencyMs = 0, maxPageSize = null } = options;
  if (!(Number.isInteger(pageSize) && pageSize > 0)) throw new Error(`pageSize must be a positive integer (got ${pageSize})`);
  const data = generateData(scale);
  // The hostile corpus (sandbox/corpus/): the same at every scale; a hidden set (see schema.js ENTITY_SETS).
  const sets = Object.assign({}, data.sets, { [CORPUS_SET]: loadCorpusRows() });
  const state = createState({ scale, pageSize, latencyMs, maxPageSize }, data, sets);
  state.fe = await startFeBackend(sets);
  const server = createPublicServer(state);
  const publicPort = () => (server.address() && server.address().port) || port;
  state.originOf = (req) => `http://${req.headers.host || `${host}:${publicPort()}`}`;
  try {
    await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  } catch (err) {
    state.fe.stopListening();
    await state.fe.dispose();
    throw err;
  }
  const actualPort = server.address().port;
  return { url: `http://${urlHostOf(host)}:${actualPort}`, port: actualPort, close: closer(state, server) };
}

module.exports = { startSandbox, SANDBOX_USERNAME, SANDBOX_TOKEN };
