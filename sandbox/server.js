'use strict';
/**
 * TrueClicks sandbox API: a real OData server on loopback.
 *
 * fe-mockserver-core (@sap-ux/fe-mockserver-core, Apache-2.0) does the OData work ($metadata, $select,
 * $filter, $orderby, $top, $skip, $count) for a V4 service and a V2 service over the same generated data.
 * It listens on an internal loopback port that only this module talks to (every internal request carries
 * a per-instance secret header). The public server in front of it is our own thin wrapper, which adds:
 *   Basic auth, server-driven paging ($skiptoken), OData JSON errors, exact Int64/Decimal output
 *   (IEEE754Compatible), the OData V3 JSON-light root (a shape transform over the V4 server),
 *   the REST check output tables, fault injection, latency and a request log.
 * It also serves the hostile corpus (sandbox/corpus.js): the hidden entity set Corpus and the REST check table
 * of the rule key hostile-corpus, answered byte for byte.
 * See sandbox/README.md for the URL layout, data and hostile values.
 */
const http = require('http');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const FEMockserver = require('@sap-ux/fe-mockserver-core').default;
const FileSystemLoader = require('@sap-ux/fe-mockserver-core/dist/plugins/fileSystemLoader').default;
const { FileBasedMockData } = require('@sap-ux/fe-mockserver-core/dist/mockdata/fileBasedMockData');

const { buildEdmx, SET_NAMES, SERVED_SET_NAMES, ENTITY_SETS, datePaths } = require('./schema');
const { generateData, checkOutputRows, RULES } = require('./data');
const { CORPUS_SET, CORPUS_RULE_KEY, loadCorpusRows, loadCheckTableCorpus } = require('./corpus');
const {
  parseQuery, safeDecode, getParam, withoutParams, joinQuery, toFeRows, serialize, exactPropsOf,
  errorBody, STATUS_TEXT, translateLegacyFilter, findUnknownProperty,
} = require('./odata');

const SANDBOX_USERNAME = 'sandbox-user';
const SANDBOX_TOKEN = 'sandbox-token-7f3a9c';
const REALM = 'TrueClicks sandbox';
const MAX_LOG = 10000;

// Two small patches of fe-mockserver-core 1.7.16 (process-wide, applied once):
// 1. validateProperties (run on every row at load time) mangles nulls: a null complex property crashes it
//    ("Cannot read properties of null (reading 'hasOwnProperty')"), a null Int32/Int64 becomes NaN, and in
//    V2 mode a null Edm.DateTime/DateTimeOffset becomes "/Date(0)/" (1970-01-01). Keep nulls null.
if (!FileBasedMockData.prototype.__tcSandboxPatched) {
  const original = FileBasedMockData.prototype.validateProperties;
  FileBasedMockData.prototype.validateProperties = function (entry, properties, ...rest) {
    if (entry === null || entry === undefined) return undefined;
    const nulls = (properties || []).filter((prop) => entry[prop.name] === null).map((prop) => prop.name);
    const result = original.call(this, entry, properties, ...rest);
    for (const name of nulls) entry[name] = null;
    return result;
  };
  // 2. `$filter=X eq null` / `X ne null` never match in fe 1.7.16 (the literal is compared as the text 'null').
  const originalCheck = FileBasedMockData.prototype.checkFilterValue;
  FileBasedMockData.prototype.checkFilterValue = function (type, mockValue, literal, operator, ...rest) {
    if (literal === 'null' && (operator === 'eq' || operator === 'ne')) {
      const isNull = mockValue === null || mockValue === undefined;
      return operator === 'eq' ? isNull : !isNull;
    }
    return originalCheck.call(this, type, mockValue, literal, operator, ...rest);
  };
  FileBasedMockData.prototype.__tcSandboxPatched = true;
}

const ROOTS = [
  { prefix: '/odata-v2/', version: 'v2', fe: '/odata-v2/' },
  { prefix: '/odata-v3/', version: 'v3', fe: '/odata/' }, // V3 = shape transform over the V4 fe service
  { prefix: '/odata/', version: 'v4', fe: '/odata/' },
];

const silentLogger = { info() {}, warn() {}, error() {}, debug() {}, verbose() {}, silly() {}, perf() {} };
let instanceCounter = 0;

function loginPageHtml() {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in – TrueClicks</title></head>
<body><main><h1>Sign in to TrueClicks</h1>
<form method="post" action="/account/login"><label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label><button type="submit">Sign in</button></form>
</main></body></html>
`;
}

function isLoopback(addr) {
  return !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));
}

function parseBasicAuth(header) {
  if (!header || !/^Basic\s+/i.test(header)) return { username: null, authorized: false };
  let decoded;
  try {
    decoded = Buffer.from(header.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
  } catch {
    return { username: null, authorized: false };
  }
  const i = decoded.indexOf(':');
  const username = i < 0 ? decoded : decoded.slice(0, i);
  const password = i < 0 ? '' : decoded.slice(i + 1);
  const a = Buffer.from(password);
  const b = Buffer.from(SANDBOX_TOKEN);
  const tokenOk = a.length === b.length && crypto.timingSafeEqual(a, b);
  return { username: username || null, authorized: username === SANDBOX_USERNAME && tokenOk };
}

/**
 * Starts the sandbox. Resolves to { url, port, close() } once the data is loaded and the port is listening.
 */
async function startSandbox(options = {}) {
  const { port = 0, host = '127.0.0.1', scale = 1, pageSize = 50, latencyMs = 0, maxPageSize = null } = options;
  if (!(Number.isInteger(pageSize) && pageSize > 0)) throw new Error(`pageSize must be a positive integer (got ${pageSize})`);
  const defaults = {
    latencyMs: Number(latencyMs) || 0,
    pageSize,
    nextLinkStyle: 'absolute',
    nextLinkOrigin: null,
    checkTableShape: 'array',
    ignoreIeee754: false,
    // Parallel-paging edge cases (see README "Paging behaviour switches"):
    rejectSkip: false, // $skip on a collection → 400, as some services answer
    ignorePrefer: false, // Prefer: odata.maxpagesize is not honoured
    maxPageSize: maxPageSize || null, // Prefer: odata.maxpagesize is honoured up to this many rows (null: any)
    overDeliver: 0, // a request with $top gets up to this many rows more than it asked for, in the same page
    shortDeliver: 0, // a request with $skip > 0 gets this many rows fewer (at least 1) and no next link
    // Schema and data drift between runs (append/merge tests): { add?: column name (value 1), drop?: [names],
    // bump?: numeric column that grows by 1000 in every other row }; applied to v4 collections and check tables.
    drift: null,
  };
  let config = Object.assign({}, defaults);
  let faults = [];
  let requestLog = [];
  const timers = new Set();
  let closed = false;

  // ------------------------------------------------------------ data + fe-mockserver
  const data = generateData(scale);
  // The hostile corpus (sandbox/corpus/): the same at every scale; a hidden set (see schema.js ENTITY_SETS).
  const sets = Object.assign({}, data.sets, { [CORPUS_SET]: loadCorpusRows() });
  const checkTableCorpus = loadCheckTableCorpus();
  const files = new Map();
  const virtualRoot = path.join(os.tmpdir(), `tc-sandbox-virtual-${process.pid}-${++instanceCounter}`);
  const vfile = (...parts) => path.join(virtualRoot, ...parts);
  const exact = {}; // set → Map(prop → Map(double → exact text))
  for (const set of SERVED_SET_NAMES) {
    const v4 = toFeRows(set, sets[set]);
    const v2 = toFeRows(set, sets[set], { dropCollections: true });
    exact[set] = v4.exact;
    files.set(vfile('v4', 'data', `${set}.json`), JSON.stringify(v4.rows));
    files.set(vfile('v2', 'data', `${set}.json`), JSON.stringify(v2.rows));
  }
  const edmx = { v4: buildEdmx('v4'), v3: buildEdmx('v3'), v2: buildEdmx('v2') };
  files.set(vfile('v4', 'metadata.xml'), edmx.v4);
  files.set(vfile('v2', 'metadata.xml'), edmx.v2);
  const isVirtual = (p) => path.normalize(p).startsWith(virtualRoot);

  // In-memory file loader: fe-mockserver reads metadata.xml and <Set>.json through it; nothing touches disk.
  class VirtualFileLoader extends FileSystemLoader {
    isTypescriptEnabled() {
      return false;
    }
    async loadFile(p) {
      return isVirtual(p) ? files.get(path.normalize(p)) : super.loadFile(p);
    }
    loadFileSync(p) {
      return isVirtual(p) ? files.get(path.normalize(p)) : super.loadFileSync(p);
    }
    async exists(p) {
      return isVirtual(p) ? files.has(path.normalize(p)) : super.exists(p);
    }
    existsSync(p) {
      // fe's per-tenant loader re-reads <Set>.json synchronously for the default tenant; answering "no"
      // makes it reuse the rows it already parsed (same data, one JSON.parse less per set).
      return isVirtual(p) ? false : super.existsSync(p);
    }
  }

  const fe = new FEMockserver({
    fileLoader: VirtualFileLoader,
    logger: silentLogger,
    services: [
      { urlPath: '/odata', metadataPath: vfile('v4', 'metadata.xml'), mockdataPath: vfile('v4', 'data'), generateMockData: false, noETag: true, logger: silentLogger },
      { urlPath: '/odata-v2', metadataPath: vfile('v2', 'metadata.xml'), mockdataPath: vfile('v2', 'data'), generateMockData: false, noETag: true, logger: silentLogger },
    ],
  });
  await fe.isReady;
  const router = fe.getRouter();
  const internalKey = crypto.randomBytes(16).toString('hex');
  const internal = http.createServer((req, res) => {
    if (req.headers['x-tc-sandbox-internal'] !== internalKey) {
      res.statusCode = 403;
      res.end();
      return;
    }
    router(req, res, (err) => {
      res.statusCode = err ? 500 : 404;
      res.setHeader('content-type', 'text/plain');
      res.end(err ? String((err && err.message) || err) : '');
    });
  });
  await new Promise((resolve, reject) => internal.once('error', reject).listen(0, '127.0.0.1', resolve));
  const internalPort = internal.address().port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  function feGet(pathAndQuery) {
    return new Promise((resolve, reject) => {
      const r = http.request(
        { host: '127.0.0.1', port: internalPort, path: pathAndQuery, method: 'GET', agent, headers: { accept: 'application/json', 'x-tc-sandbox-internal': internalKey } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end();
    });
  }

  // fe-mockserver loads each entity set lazily on first access; warm everything up before we report ready.
  for (const set of SERVED_SET_NAMES) {
    await feGet(`/odata/${set}?$top=1`);
    await feGet(`/odata-v2/${set}?$top=1`);
  }

  // ------------------------------------------------------------ helpers
  function sleep(ms) {
    if (!(ms > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(entry);
        resolve();
      }, ms);
      const entry = { t, resolve };
      timers.add(entry);
    });
  }

  const publicPort = () => (server.address() && server.address().port) || port;
  const originOf = (req) => `http://${req.headers.host || `${host}:${publicPort()}`}`;

  function log(ctx, status) {
    requestLog.push({
      method: ctx.req.method,
      path: ctx.req.url,
      username: ctx.auth.username,
      authorized: ctx.auth.authorized,
      status,
      at: new Date(ctx.started).toISOString(),
    });
    if (requestLog.length > MAX_LOG) requestLog.splice(0, requestLog.length - MAX_LOG);
  }

  /** The single exit for every non-control response: latency, garbage faults, logging. */
  async function send(ctx, status, headers, body) {
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    let outStatus = status;
    let outHeaders = Object.assign({}, headers);
    let outBody = body === undefined || body === null ? '' : String(body);
    if (ctx.garbage) {
      outStatus = ctx.garbage.status || 200;
      outHeaders = { 'content-type': 'application/json; charset=utf-8' };
      let cut = outBody.slice(0, Math.max(1, Math.floor(outBody.length / 2)));
      let stillValid = true;
      try {
        JSON.parse(cut);
      } catch {
        stillValid = false;
      }
      if (stillValid || cut.length < 8) cut = '{"@odata.context":"$metadata#Accounts","value":[{"AccountId":1001,"Name":"Cons';
      outBody = cut;
    }
    log(ctx, outStatus);
    const res = ctx.res;
    if (closed || res.destroyed || res.writableEnded) return;
    outHeaders['content-length'] = Buffer.byteLength(outBody);
    res.writeHead(outStatus, outHeaders);
    res.end(ctx.req.method === 'HEAD' ? undefined : outBody);
  }

  function odataHeaders(version, extra) {
    const h = version === 'v4' ? { 'OData-Version': '4.0' } : { DataServiceVersion: version === 'v2' ? '2.0' : '3.0' };
    return Object.assign(h, extra || {});
  }

  function sendError(ctx, status, message, extraHeaders, code) {
    const version = ctx.route && ctx.route.version ? ctx.route.version : 'v4';
    const headers = Object.assign(odataHeaders(version), { 'content-type': 'application/json; charset=utf-8' }, extraHeaders || {});
    return send(ctx, status, headers, errorBody(version, status, message, code));
  }

  function sendUnauthorized(ctx, message) {
    return sendError(ctx, 401, message || 'Authentication required: use HTTP Basic auth with the sandbox username and token.', { 'WWW-Authenticate': `Basic realm="${REALM}"` });
  }

  /** Maps a non-200 fe-mockserver response to an OData JSON error. */
  function sendFeError(ctx, resp) {
    const text = (resp.body || '').trim();
    let message = text;
    try {
      const j = JSON.parse(text);
      if (j && j.error) message = typeof j.error.message === 'string' ? j.error.message : (j.error.message && j.error.message.value) || text;
    } catch {
      /* plain text */
    }
    let status = resp.status;
    if (status === 500 && /Parsing errors detected|Unexpected|Invalid|not supported|parse/i.test(text)) status = 400;
    else if (status === 500 && /reading '(entityType|navigationPropertyBinding|targetType|keys)'/.test(text)) {
      status = 404;
      message = `Resource not found for the segment '${ctx.route.rest}'`;
    }
    if (status === 404 && !message) message = `Resource not found for the segment '${ctx.route.rest}'`;
    if (!message) message = STATUS_TEXT[status] || `HTTP ${status}`;
    return sendError(ctx, status, message);
  }

  // ------------------------------------------------------------ routing
  function classify(pathname) {
    if (pathname === '/odata' || pathname === '/odata-v2' || pathname === '/odata-v3') return { kind: 'noslash' };
    const root = ROOTS.find((r) => pathname.startsWith(r.prefix));
    if (!root) return { kind: pathname === '/' ? 'index' : 'unknown-path' };
    const rawRest = pathname.slice(root.prefix.length);
    const rest = safeDecode(rawRest);
    const base = { version: root.version, root, rawRest, rest };
    if (rest === '') return Object.assign(base, { kind: 'servicedoc' });
    if (rest === '$metadata') return Object.assign(base, { kind: 'metadata' });
    if (rest === 'CheckOutputTable') return Object.assign(base, { kind: 'checktable' });
    if (rest === '$batch') return Object.assign(base, { kind: 'batch' });
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(rest);
    if (!m || !SERVED_SET_NAMES.includes(m[1])) return Object.assign(base, { kind: 'unknown-set', name: m ? m[1] : rest });
    const tail = m[2];
    if (tail === '' || tail === '/') return Object.assign(base, { kind: 'collection', set: m[1] });
    return Object.assign(base, { kind: 'entity', set: m[1], tail });
  }

  /** The page of a walk a request stands for: by $skiptoken, and by $skip for the windows of parallel paging. */
  function pageOf(route, params) {
    if (!route || route.kind !== 'collection') return null;
    const tok = getParam(params, '$skiptoken');
    const skip = getParam(params, '$skip');
    if ((tok !== undefined && !/^\d+$/.test(tok)) || (skip !== undefined && !/^\d+$/.test(skip))) return null;
    return Math.floor((Number(tok || 0) + Number(skip || 0)) / config.pageSize) + 1;
  }

  function takeFault(ctx) {
    const target = ctx.req.url;
    const decoded = safeDecode(target);
    for (const rule of faults) {
      if (rule.remaining !== null && rule.remaining <= 0) continue;
      if (!(target.includes(rule.match) || decoded.includes(rule.match))) continue;
      if (rule.page !== undefined && rule.page !== null && ctx.page !== rule.page) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.hits += 1;
      return rule;
    }
    return null;
  }

  /** Applies a fault rule. Returns true when the response has been handled by the fault. */
  async function applyFault(ctx, rule) {
    if (rule.delayMs > 0) await sleep(rule.delayMs);
    const extra = {};
    if (rule.retryAfter !== undefined && rule.retryAfter !== null) extra['Retry-After'] = String(rule.retryAfter);
    if (rule.redirectTo) {
      await send(ctx, 302, Object.assign({ Location: rule.redirectTo, 'content-type': 'text/plain; charset=utf-8' }, extra), `Found. Redirecting to ${rule.redirectTo}`);
      return true;
    }
    if (rule.body === 'html') {
      await send(ctx, rule.status || 200, Object.assign({ 'content-type': 'text/html; charset=utf-8' }, extra), loginPageHtml());
      return true;
    }
    if (rule.body === 'garbage') {
      ctx.garbage = { status: rule.status };
      return false;
    }
    if (rule.body === 'echo-credentials') {
      // A careless server that repeats what it was sent: the Authorization header and the decoded password.
      const header = ctx.req.headers.authorization || '';
      const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      const message = `Request ${ctx.req.url} from ${decoded} (Authorization: ${header}) could not be processed`;
      await sendError(ctx, rule.status || 400, message, extra);
      return true;
    }
    if (typeof rule.body === 'string' && rule.contentType) {
      await send(ctx, rule.status || 200, Object.assign({ 'content-type': rule.contentType }, extra), rule.body);
      return true;
    }
    if (typeof rule.body === 'string') {
      let isJson = true;
      try {
        JSON.parse(rule.body);
      } catch {
        isJson = false;
      }
      await send(ctx, rule.status || 200, Object.assign({ 'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' }, extra), rule.body);
      return true;
    }
    const status = rule.status || (rule.retryAfter !== undefined && rule.retryAfter !== null ? 429 : null);
    if (status) {
      if (status === 401) extra['WWW-Authenticate'] = `Basic realm="${REALM}"`;
      await sendError(ctx, status, `Injected fault: ${STATUS_TEXT[status] || 'HTTP ' + status}`, extra);
      return true;
    }
    return false; // delay-only rule: continue normally
  }

  async function handle(req, res) {
    const url = req.url || '/';
    const qi = url.indexOf('?');
    const pathname = qi < 0 ? url : url.slice(0, qi);
    const rawQuery = qi < 0 ? '' : url.slice(qi + 1);
    if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) return control(req, res, pathname);

    const params = parseQuery(rawQuery);
    const route = classify(pathname);
    const ctx = { req, res, started: Date.now(), auth: parseBasicAuth(req.headers.authorization), route, params, rawQuery, garbage: null };
    ctx.page = pageOf(route, params);

    const rule = takeFault(ctx);
    if (rule && (await applyFault(ctx, rule))) return undefined;

    if (route.kind === 'index') {
      return send(ctx, 200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({
        name: 'TrueClicks sandbox',
        roots: { v4: '/odata/', v3: '/odata-v3/', v2: '/odata-v2/' },
        checkOutputTable: '/odata/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms',
        auth: 'HTTP Basic',
      }));
    }
    if (route.kind === 'unknown-path') return sendError(ctx, 404, `No route for '${pathname}'. Service roots: /odata/, /odata-v3/, /odata-v2/`);
    if (!ctx.auth.authorized) return sendUnauthorized(ctx, ctx.auth.username ? 'Invalid username or token.' : undefined);
    if (route.kind === 'noslash') {
      const target = `${pathname}/${rawQuery ? '?' + rawQuery : ''}`;
      return send(ctx, 301, { Location: target, 'content-type': 'text/plain; charset=utf-8' }, `Moved to ${target}`);
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET') {
      return sendError(ctx, 405, `Method ${req.method} is not allowed: the sandbox is read-only.`, { Allow: 'GET, HEAD' });
    }
    const format = getParam(params, '$format');
    if (format !== undefined && route.kind !== 'metadata' && route.kind !== 'checktable' && !/json/i.test(format)) {
      return sendError(ctx, 406, `Unsupported $format '${format}': the sandbox only serves JSON.`);
    }
    if (route.kind === 'collection' || route.kind === 'entity') {
      const expand = getParam(params, '$expand');
      if (expand !== undefined) return sendError(ctx, 400, `Navigation property '${expand.split(/[,(/]/)[0]}' not found in type '${entityTypeName(route.set)}' (the sandbox model has no navigation properties)`);
    }
    try {
      switch (route.kind) {
        case 'servicedoc':
          return await serviceDocument(ctx);
        case 'metadata':
          return await metadata(ctx);
        case 'checktable':
          return await checkTable(ctx);
        case 'batch':
          return await sendError(ctx, 405, '$batch is not supported by the sandbox.', { Allow: 'GET, HEAD' });
        case 'unknown-set':
          return await sendError(ctx, 404, `Resource not found for the segment '${route.name}'`);
        case 'collection':
          return await collection(ctx);
        case 'entity':
          return await passthrough(ctx);
        default:
          return await sendError(ctx, 404, 'Not found');
      }
    } catch (err) {
      return sendError(ctx, 500, `Sandbox error: ${err && err.message ? err.message : err}`);
    }
  }

  // ------------------------------------------------------------ OData handlers
  const entityTypeName = (set) => `TrueClicks.${ENTITY_SETS.find((s) => s.name === set).type}`;

  /** After fe accepted the query (so its parse errors win): unknown property names → 400, as real servers do. */
  function unknownPropertyError(ctx) {
    const bad = findUnknownProperty(ctx.route.set, ctx.params);
    return bad ? sendError(ctx, 400, `Property '${bad}' not found in type '${entityTypeName(ctx.route.set)}'`) : null;
  }

  async function serviceDocument(ctx) {
    const { version } = ctx.route;
    // fe-mockserver answers the service document with Atom XML unless $format=json is given.
    const resp = await feGet(`${ctx.route.root.fe}?$format=json`);
    if (resp.status !== 200) return sendFeError(ctx, resp);
    // Hidden sets (the hostile corpus) are served but not listed.
    const listed = (name) => SET_NAMES.includes(name);
    const doc = JSON.parse(resp.body);
    if (version === 'v2') {
      doc.d.EntitySets = doc.d.EntitySets.filter(listed);
      return send(ctx, 200, odataHeaders('v2', { 'content-type': 'application/json;charset=utf-8' }), JSON.stringify(doc));
    }
    doc.value = doc.value.filter((s) => listed(s.name));
    if (version === 'v4') return send(ctx, 200, odataHeaders('v4', { 'content-type': 'application/json;odata.metadata=minimal' }), JSON.stringify(doc));
    const v4 = doc;
    const body = { 'odata.metadata': `${originOf(ctx.req)}/odata-v3/$metadata`, value: v4.value.map((s) => ({ name: s.name, url: s.url })) };
    return send(ctx, 200, odataHeaders('v3', { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' }), JSON.stringify(body));
  }

  async function metadata(ctx) {
    const { version } = ctx.route;
    if (version === 'v3') return send(ctx, 200, odataHeaders('v3', { 'content-type': 'application/xml;charset=utf-8' }), edmx.v3);
    const resp = await feGet(`${ctx.route.root.fe}$metadata`);
    if (resp.status !== 200) return sendFeError(ctx, resp);
    return send(ctx, 200, odataHeaders(version, { 'content-type': 'application/xml;charset=utf-8' }), resp.body);
  }

  function wantsIeee754(ctx) {
    if (ctx.route.version !== 'v4' || config.ignoreIeee754) return false;
    const accept = String(ctx.req.headers.accept || '');
    const format = getParam(ctx.params, '$format') || '';
    return /IEEE754Compatible=true/i.test(accept) || /IEEE754Compatible=true/i.test(format);
  }

  function jsonHeaders(ctx, ieee754) {
    const v = ctx.route.version;
    if (v === 'v4') return odataHeaders('v4', { 'content-type': `application/json;odata.metadata=minimal;IEEE754Compatible=${ieee754 ? 'true' : 'false'}` });
    if (v === 'v3') return odataHeaders('v3', { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' });
    return odataHeaders('v2', { 'content-type': 'application/json;charset=utf-8' });
  }

  /** Query forwarded to fe: no $format/$count/$inlinecount/paging options; V2/V3 $filter literals translated. */
  function forwardParams(ctx, drop) {
    let fwd = withoutParams(ctx.params, ['$format', '$count', '$inlinecount', '$skiptoken'].concat(drop || []));
    if (ctx.route.version !== 'v4') {
      fwd = fwd.map((p) => {
        if (p.key !== '$filter') return p;
        const translated = translateLegacyFilter(p.value);
        return translated === p.value ? p : { raw: `$filter=${encodeURIComponent(translated)}`, key: '$filter', value: translated };
      });
    }
    return fwd;
  }

  /**
   * V3 JSON light: '@odata.x' → 'odata.x' (property annotations 'X@odata.type' stay), Edm.Date → DateTime text,
   * also inside complex values (paths from schema.datePaths). Never mutates the cached row.
   */
  function toV3Row(row, dates) {
    let out = {};
    for (const k of Object.keys(row)) out[k.startsWith('@odata.') ? k.slice(1) : k] = row[k];
    for (const p of dates) out = withDateAt(out, p, (day) => `${day}T00:00:00`);
    return out;
  }

  /** Copy of obj with the 'YYYY-MM-DD' text at path p converted (copy-on-write: cached rows stay untouched). */
  function withDateAt(obj, p, convert) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !(p[0] in obj)) return obj;
    const v = obj[p[0]];
    const nv = p.length > 1 ? withDateAt(v, p.slice(1), convert) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? convert(v) : v;
    return nv === v ? obj : Object.assign({}, obj, { [p[0]]: nv });
  }

  /**
   * V2: fe-mockserver writes top-level dates as /Date(ms)/ but leaves Edm.Date members of complex values as
   * 'YYYY-MM-DD'; a V2 server writes every Edm.DateTime as /Date(ms)/ (UTC midnight for a date).
   */
  function v2NestedDates(row, dates) {
    let out = row;
    for (const p of dates) if (p.length > 1) out = withDateAt(out, p, (day) => `/Date(${Date.parse(`${day}T00:00:00Z`)})/`);
    return out;
  }

  const datePropsOf = (set) => datePaths(set);

  /** Copy of a V2 row with absolute __metadata.id/uri (fe writes them relative). Never mutates cached rows. */
  function absolutiseV2(row, origin) {
    if (!row || !row.__metadata) return row;
    const meta = Object.assign({}, row.__metadata);
    for (const k of ['id', 'uri']) if (typeof meta[k] === 'string' && meta[k].startsWith('/')) meta[k] = origin + meta[k];
    return Object.assign({}, row, { __metadata: meta });
  }

  function nextLink(ctx, set, offset) {
    const kept = withoutParams(ctx.params, ['$skiptoken']);
    const token = `$skiptoken=${offset}`;
    if (config.nextLinkStyle === 'relative') return `${set}?${[token].concat(kept.map((p) => p.raw)).join('&')}`;
    const origin = config.nextLinkOrigin || originOf(ctx.req);
    return `${origin}${ctx.route.root.prefix}${set}?${joinQuery(kept, [token])}`;
  }

  // fe-mockserver-core has no server-driven paging, and it deep-clones the whole entity set on every
  // collection request (~150-250 ms per request for AccountHistory at scale 20). The data is read-only, so
  // fe answers the client's query ($filter/$orderby/$select/$top/$skip/$count) once, the parsed answer is
  // cached (LRU, bounded by row count), and the wrapper serves it page by page with integer $skiptoken offsets.
  const resultCache = new Map(); // fe path+query → { promise, rows }
  let cachedRows = 0;
  const MAX_CACHED_ROWS = 500000;

  function feCollection(fePath) {
    const hit = resultCache.get(fePath);
    if (hit) {
      resultCache.delete(fePath); // refresh LRU position
      resultCache.set(fePath, hit);
      return hit.promise;
    }
    const entry = { rows: 0, promise: null };
    entry.promise = feGet(fePath).then(
      (resp) => {
        if (resp.status !== 200) {
          resultCache.delete(fePath);
          return { resp };
        }
        const json = JSON.parse(resp.body);
        entry.rows = (json.d ? json.d.results : json.value).length;
        cachedRows += entry.rows;
        for (const [k, e] of resultCache) {
          if (cachedRows <= MAX_CACHED_ROWS || k === fePath) break;
          cachedRows -= e.rows;
          resultCache.delete(k);
        }
        return { resp, json };
      },
      (err) => {
        resultCache.delete(fePath);
        throw err;
      },
    );
    resultCache.set(fePath, entry);
    return entry.promise;
  }

  /** config.drift on one page of rows (see defaults). */
  function drifted(rows) {
    const d = config.drift;
    if (!d) return rows;
    return rows.map((row, i) => {
      const out = Object.assign({}, row);
      for (const name of d.drop || []) delete out[name];
      if (d.add) out[d.add] = 1;
      if (d.bump && typeof out[d.bump] === 'number' && i % 2 === 0) out[d.bump] += 1000;
      return out;
    });
  }

  async function collection(ctx) {
    const { version, set } = ctx.route;
    for (const name of ['$top', '$skip']) {
      const v = getParam(ctx.params, name);
      if (v !== undefined && !/^\d+$/.test(v)) return sendError(ctx, 400, `Invalid value '${v}' for ${name}: expected a non-negative integer.`);
    }
    const tok = getParam(ctx.params, '$skiptoken');
    if (tok !== undefined && !/^\d+$/.test(tok)) return sendError(ctx, 400, `Invalid $skiptoken '${tok}'`);
    const ieee754 = wantsIeee754(ctx);
    const countRequested = version === 'v4' ? String(getParam(ctx.params, '$count')).toLowerCase() === 'true' : getParam(ctx.params, '$inlinecount') === 'allpages';

    if (config.rejectSkip && getParam(ctx.params, '$skip') !== undefined) return sendError(ctx, 400, 'The query option $skip is not supported.');
    let pageSize = config.pageSize;
    const extraHeaders = {};
    const prefer = /odata\.maxpagesize=(\d+)/i.exec(String(ctx.req.headers.prefer || ''));
    if (version === 'v4' && prefer && Number(prefer[1]) > 0 && !config.ignorePrefer) {
      pageSize = config.maxPageSize ? Math.min(Number(prefer[1]), config.maxPageSize) : Number(prefer[1]);
      extraHeaders['Preference-Applied'] = `odata.maxpagesize=${pageSize}`;
    }
    const offset = tok !== undefined ? Number(tok) : 0;
    const topParam = getParam(ctx.params, '$top');
    const skipParam = getParam(ctx.params, '$skip');
    const clientTop = topParam !== undefined ? Number(topParam) : Infinity;

    // fe answers the query without the client's $top/$skip (so every window of one query shares one cached
    // answer; fe would deep-clone the whole set for each), and the client's $skip/$top are applied here.
    const fePath = `${ctx.route.root.fe}${set}?${joinQuery(forwardParams(ctx, ['$top', '$skip']))}`;
    const { resp, json } = await feCollection(fePath);
    if (!json) return sendFeError(ctx, resp);
    const unknown = unknownPropertyError(ctx);
    if (unknown) return unknown;
    const skipped = skipParam !== undefined ? Number(skipParam) : 0;
    const full = version === 'v2' ? json.d.results : json.value;
    const all = clientTop === 0 ? [] : full.slice(skipped, clientTop === Infinity ? undefined : skipped + clientTop + config.overDeliver);
    const count = version === 'v2' ? json.d.__count : json['@odata.count'];
    // Over-delivery: the extra rows come in the same page (a server that ignores $top, not one that pages it).
    if (config.overDeliver > 0 && clientTop !== Infinity) pageSize = Math.max(pageSize, clientTop + config.overDeliver);
    const page = all.slice(offset, offset + pageSize);
    let rows = version === 'v4' ? drifted(page) : page;
    let link = all.length > offset + pageSize ? nextLink(ctx, set, offset + pageSize) : null;
    if (config.shortDeliver > 0 && Number(skipParam || 0) > 0 && rows.length > 1) {
      rows = rows.slice(0, Math.max(1, rows.length - config.shortDeliver));
      link = null;
    }
    const origin = originOf(ctx.req);

    let out;
    if (version === 'v4') {
      out = { '@odata.context': json['@odata.context'] };
      if (countRequested) out['@odata.count'] = count;
      out.value = rows;
      if (link) out['@odata.nextLink'] = link;
    } else if (version === 'v3') {
      const dates = datePropsOf(set);
      out = { 'odata.metadata': `${origin}/odata-v3/$metadata#${set}` };
      if (countRequested) out['odata.count'] = String(count);
      out.value = rows.map((r) => toV3Row(r, dates));
      if (link) out['odata.nextLink'] = link;
    } else {
      const dates = datePropsOf(set);
      const d = { results: rows.map((r) => v2NestedDates(absolutiseV2(r, origin), dates)) };
      if (countRequested) d.__count = String(count);
      if (link) d.__next = link;
      out = { d };
    }
    const body = serialize(out, { exactProps: exactPropsOf(set), exact: exact[set], quote: version !== 'v4' || ieee754 });
    return send(ctx, 200, Object.assign(jsonHeaders(ctx, ieee754), extraHeaders), body);
  }

  /** Single entities, property paths and /$count: fe answers, we normalise errors and numbers. */
  async function passthrough(ctx) {
    const { version, set, tail } = ctx.route;
    const fwd = forwardParams(ctx);
    const q = joinQuery(fwd);
    const resp = await feGet(`${ctx.route.root.fe}${ctx.route.rawRest}${q ? '?' + q : ''}`);
    if (resp.status !== 200) return sendFeError(ctx, resp);
    const unknown = unknownPropertyError(ctx);
    if (unknown) return unknown;
    const ct = String(resp.headers['content-type'] || '');
    if (!/json/.test(ct)) return send(ctx, 200, Object.assign(odataHeaders(version), { 'content-type': ct || 'text/plain' }), resp.body);
    const ieee754 = wantsIeee754(ctx);
    let json = JSON.parse(resp.body);
    let exactProps = exactPropsOf(set);
    let exactMap = exact[set];
    const propMatch = /^\([^)]*\)\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(tail);
    if (propMatch && exactProps.has(propMatch[1])) {
      // property value request, e.g. Accounts(1002)/LifetimeImpressions → {"value": ...}
      exactProps = new Set(['value']);
      exactMap = new Map([['value', exact[set].get(propMatch[1])]]);
      if (version === 'v2' && json.d) {
        exactProps.add(propMatch[1]);
        exactMap.set(propMatch[1], exact[set].get(propMatch[1]));
      }
    }
    const origin = originOf(ctx.req);
    if (version === 'v4' && /^\([^)]*\)$/.test(tail) && typeof json['@odata.context'] === 'string') {
      json['@odata.context'] = `$metadata#${set}/$entity`; // fe writes $metadata#Accounts(1002)
    }
    if (version === 'v3') {
      const ctxUrl = `${origin}/odata-v3/$metadata#${set}${propMatch ? '' : '/@Element'}`;
      const rest = Object.assign({}, json);
      delete rest['@odata.context'];
      json = Object.assign({ 'odata.metadata': ctxUrl }, toV3Row(rest, datePropsOf(set)));
    } else if (version === 'v2' && json.d) {
      const dates = datePropsOf(set);
      if (Array.isArray(json.d.results)) json.d.results = json.d.results.map((r) => v2NestedDates(absolutiseV2(r, origin), dates));
      else json.d = v2NestedDates(absolutiseV2(json.d, origin), dates);
    }
    const body = serialize(json, { exactProps, exact: exactMap, quote: version !== 'v4' || ieee754 });
    return send(ctx, 200, jsonHeaders(ctx, ieee754), body);
  }

  // ------------------------------------------------------------ check output tables (REST)
  function checkTable(ctx) {
    const restError = (status, code, message) => send(ctx, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: { code, message } }));
    const accountId = getParam(ctx.params, 'accountId');
    const ruleKey = getParam(ctx.params, 'ruleKey');
    if (accountId === undefined || accountId === '') return restError(400, 'MissingParameter', "Missing required query parameter 'accountId'");
    if (ruleKey === undefined || ruleKey === '') return restError(400, 'MissingParameter', "Missing required query parameter 'ruleKey'");
    if (!/^\d+$/.test(accountId)) return restError(400, 'InvalidParameter', `Invalid accountId '${accountId}': expected an integer`);
    const rule = RULES.find((r) => r.key === ruleKey);
    if (!rule && ruleKey !== CORPUS_RULE_KEY) return restError(404, 'UnknownRuleKey', `Unknown ruleKey '${ruleKey}'`);
    const account = data.accountsById.get(Number(accountId));
    if (!account) return restError(404, 'UnknownAccount', `Unknown accountId '${accountId}'`);
    if (ruleKey === CORPUS_RULE_KEY) {
      // The REST corpus, byte for byte (raw number tokens stay exactly as written), for every account.
      const t = checkTableCorpus.text;
      const body = config.checkTableShape === 'value' ? `{"value":${t}}` : config.checkTableShape === 'data' ? `{"data":${t}}` : t;
      return send(ctx, 200, { 'content-type': 'application/json; charset=utf-8' }, body);
    }
    if (!rule.table) return restError(404, 'NoOutputTable', `Check '${ruleKey}' has no output table`);
    const rows = drifted(checkOutputRows(account, ruleKey));
    const shaped = config.checkTableShape === 'value' ? { value: rows } : config.checkTableShape === 'data' ? { data: rows } : rows;
    return send(ctx, 200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(shaped));
  }

  // ------------------------------------------------------------ control endpoints (no auth, loopback only)
  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      req.on('data', (c) => {
        size += c.length;
        if (size > 1024 * 1024) {
          reject(new Error('Body too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function validateFault(f) {
    if (!f || typeof f !== 'object') return 'each fault must be an object';
    if (typeof f.match !== 'string') return "each fault needs a 'match' string";
    const known = ['match', 'status', 'retryAfter', 'body', 'contentType', 'times', 'page', 'delayMs', 'redirectTo'];
    const unknown = Object.keys(f).filter((k) => !known.includes(k));
    if (unknown.length) return `unknown fault field(s): ${unknown.join(', ')}`;
    if (f.status !== undefined && !(Number.isInteger(f.status) && f.status >= 100 && f.status <= 599)) return 'status must be an HTTP status code';
    for (const k of ['retryAfter', 'times', 'page', 'delayMs']) {
      if (f[k] !== undefined && !(typeof f[k] === 'number' && f[k] >= 0)) return `${k} must be a non-negative number`;
    }
    if (f.page !== undefined && !(Number.isInteger(f.page) && f.page >= 1)) return 'page must be an integer >= 1';
    if (f.body !== undefined && typeof f.body !== 'string') return 'body must be a string';
    if (f.redirectTo !== undefined && typeof f.redirectTo !== 'string') return 'redirectTo must be a string';
    if (f.contentType !== undefined && (typeof f.contentType !== 'string' || typeof f.body !== 'string')) return 'contentType must be a string, with a body';
    return null;
  }

  function validateConfig(c) {
    if (!c || typeof c !== 'object' || Array.isArray(c)) return 'config must be an object';
    const unknown = Object.keys(c).filter((k) => !Object.prototype.hasOwnProperty.call(defaults, k));
    if (unknown.length) return `unknown config field(s): ${unknown.join(', ')}`;
    if (c.latencyMs !== undefined && !(typeof c.latencyMs === 'number' && c.latencyMs >= 0)) return 'latencyMs must be a non-negative number';
    if (c.pageSize !== undefined && !(Number.isInteger(c.pageSize) && c.pageSize > 0)) return 'pageSize must be a positive integer';
    if (c.nextLinkStyle !== undefined && !['absolute', 'relative'].includes(c.nextLinkStyle)) return "nextLinkStyle must be 'absolute' or 'relative'";
    if (c.nextLinkOrigin !== undefined && c.nextLinkOrigin !== null && !/^https?:\/\/[^/]+$/.test(String(c.nextLinkOrigin).replace(/\/$/, ''))) return 'nextLinkOrigin must look like http://host:port';
    if (c.checkTableShape !== undefined && !['array', 'value', 'data'].includes(c.checkTableShape)) return "checkTableShape must be 'array', 'value' or 'data'";
    if (c.ignoreIeee754 !== undefined && typeof c.ignoreIeee754 !== 'boolean') return 'ignoreIeee754 must be a boolean';
    for (const k of ['rejectSkip', 'ignorePrefer']) if (c[k] !== undefined && typeof c[k] !== 'boolean') return `${k} must be a boolean`;
    if (c.maxPageSize !== undefined && c.maxPageSize !== null && !(Number.isInteger(c.maxPageSize) && c.maxPageSize > 0)) return 'maxPageSize must be a positive integer or null';
    for (const k of ['overDeliver', 'shortDeliver']) if (c[k] !== undefined && !(Number.isInteger(c[k]) && c[k] >= 0)) return `${k} must be a non-negative integer`;
    if (c.drift !== undefined && c.drift !== null && (typeof c.drift !== 'object' || Array.isArray(c.drift))) return 'drift must be null or { add?, drop?, bump? }';
    return null;
  }

  function publicFaults() {
    return faults.map((f) => Object.assign({}, f.rule, { remaining: f.remaining, hits: f.hits }));
  }

  async function control(req, res, pathname) {
    const reply = (status, obj) => {
      const body = obj === undefined ? '' : JSON.stringify(obj);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
      res.end(body);
    };
    if (!isLoopback(req.socket.remoteAddress)) return reply(403, { error: { code: '403', message: 'Control endpoints are loopback-only' } });
    const route = `${req.method} ${pathname.replace(/\/$/, '')}`;
    let body;
    if (req.method === 'POST') {
      try {
        const text = await readBody(req);
        body = text.trim() ? JSON.parse(text) : {};
      } catch (e) {
        return reply(400, { error: { code: '400', message: `Invalid JSON body: ${e.message}` } });
      }
    }
    switch (route) {
      case 'GET /__sandbox/info': {
        const counts = {};
        for (const s of SERVED_SET_NAMES) counts[s] = sets[s].length;
        return reply(200, { username: SANDBOX_USERNAME, token: SANDBOX_TOKEN, pageSize: config.pageSize, scale, counts, config });
      }
      case 'GET /__sandbox/faults':
        return reply(200, { faults: publicFaults() });
      case 'POST /__sandbox/faults': {
        const list = body && Array.isArray(body.faults) ? body.faults : null;
        if (!list) return reply(400, { error: { code: '400', message: "Body must be { \"faults\": [ ... ] }" } });
        for (const f of list) {
          const problem = validateFault(f);
          if (problem) return reply(400, { error: { code: '400', message: problem } });
        }
        for (const f of list) faults.push({ rule: Object.assign({}, f), match: f.match, status: f.status, retryAfter: f.retryAfter, body: f.body, contentType: f.contentType, page: f.page, delayMs: f.delayMs, redirectTo: f.redirectTo, remaining: f.times === undefined ? null : f.times, hits: 0 });
        return reply(200, { faults: publicFaults() });
      }
      case 'DELETE /__sandbox/faults':
        faults = [];
        return reply(200, { faults: [] });
      case 'GET /__sandbox/config':
        return reply(200, config);
      case 'POST /__sandbox/config': {
        const problem = validateConfig(body);
        if (problem) return reply(400, { error: { code: '400', message: problem } });
        const next = Object.assign({}, config, body);
        if (typeof next.nextLinkOrigin === 'string') next.nextLinkOrigin = next.nextLinkOrigin.replace(/\/$/, '');
        config = next;
        return reply(200, config);
      }
      case 'POST /__sandbox/reset':
        config = Object.assign({}, defaults);
        faults = [];
        requestLog = [];
        return reply(200, config);
      case 'GET /__sandbox/requests':
        return reply(200, requestLog);
      case 'DELETE /__sandbox/requests':
        requestLog = [];
        return reply(200, []);
      default:
        return reply(404, { error: { code: '404', message: `Unknown control endpoint ${route}` } });
    }
  }

  // ------------------------------------------------------------ public server
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(errorBody('v4', 500, `Sandbox error: ${err && err.message}`));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  try {
    await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  } catch (err) {
    internal.close();
    agent.destroy();
    await fe.dispose();
    throw err;
  }
  const actualPort = server.address().port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  async function close() {
    if (closed) return;
    closed = true;
    for (const entry of timers) {
      clearTimeout(entry.t);
      entry.resolve();
    }
    timers.clear();
    await Promise.all([
      new Promise((resolve) => {
        server.close(() => resolve());
        if (server.closeAllConnections) server.closeAllConnections();
      }),
      new Promise((resolve) => {
        internal.close(() => resolve());
        if (internal.closeAllConnections) internal.closeAllConnections();
      }),
    ]);
    agent.destroy();
    await fe.dispose();
  }

  return { url: `http://${urlHost}:${actualPort}`, port: actualPort, close };
}

module.exports = { startSandbox, SANDBOX_USERNAME, SANDBOX_TOKEN };
