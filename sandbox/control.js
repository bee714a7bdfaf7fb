'use strict';
/** The control API under /__sandbox/ (no auth, loopback only, no latency, not logged): info, faults, config, reset, request log. */
const { SERVED_SET_NAMES } = require('./schema');
const { SANDBOX_USERNAME, SANDBOX_TOKEN, isLoopback } = require('./auth');
const { validateConfig, validateFault } = require('./config');
const { faultEntry, publicFaults } = require('./faults');

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const problem = (status, message) => [status, { error: { code: String(status), message } }];

function addFaults(state, body) {
  const list = body && Array.isArray(body.faults) ? body.faults : null;
  if (!list) return problem(400, 'Body must be { "faults": [ ... ] }');
  const refused = list.map(validateFault).find(Boolean);
  if (refused) return problem(400, refused);
  for (const f of list) state.faults.push(faultEntry(f));
  return [200, { faults: publicFaults(state.faults) }];
}

function setConfig(state, body) {
  const refused = validateConfig(body, state.defaults);
  if (refused) return problem(400, refused);
  const next = Object.assign({}, state.config, body);
  if (typeof next.nextLinkOrigin === 'string') next.nextLinkOrigin = next.nextLinkOrigin.replace(/\/$/, '');
  state.config = next;
  return [200, state.config];
}

function info(state) {
  const counts = {};
  for (const s of SERVED_SET_NAMES) counts[s] = state.sets[s].length;
  return [200, { username: SANDBOX_USERNAME, token: SANDBOX_TOKEN, pageSize: state.config.pageSize, scale: state.scale, counts, config: state.config }];
}

/** 'METHOD /path' → (state, body) → [status, JSON value]. */
const ENDPOINTS = {
  'GET /__sandbox/info': info,
  'GET /__sandbox/faults': (state) => [200, { faults: publicFaults(state.faults) }],
  'POST /__sandbox/faults': addFaults,
  'DELETE /__sandbox/faults': (state) => {
    state.faults = [];
    return [200, { faults: [] }];
  },
  'GET /__sandbox/config': (state) => [200, state.config],
  'POST /__sandbox/config': setConfig,
  'POST /__sandbox/reset': (state) => {
    state.config = Object.assign({}, state.defaults);
    state.faults = [];
    state.requestLog = [];
    return [200, state.config];
  },
  'GET /__sandbox/requests': (state) => [200, state.requestLog],
  'DELETE /__sandbox/requests': (state) => {
    state.requestLog = [];
    return [200, []];
  },
};

/** The JSON body of a POST ({} when empty), or a 400 answer. */
async function postedJson(req) {
  try {
    const text = await readBody(req);
    return { body: text.trim() ? JSON.parse(text) : {} };
  } catch (e) {
    return { refused: problem(400, `Invalid JSON body: ${e.message}`) };
  }
}

async function controlAnswer(state, req, pathname) {
  if (!isLoopback(req.socket.remoteAddress)) return problem(403, 'Control endpoints are loopback-only');
  const route = `${req.method} ${pathname.replace(/\/$/, '')}`;
  let body;
  if (req.method === 'POST') {
    const posted = await postedJson(req);
    if (posted.refused) return posted.refused;
    body = posted.body;
  }
  const endpoint = Object.prototype.hasOwnProperty.call(ENDPOINTS, route) ? ENDPOINTS[route] : null;
  return endpoint ? endpoint(state, body) : problem(404, `Unknown control endpoint ${route}`);
}

async function control(state, req, res, pathname) {
  const [status, obj] = await controlAnswer(state, req, pathname);
  const body = obj === undefined ? '' : JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

module.exports = { control };
