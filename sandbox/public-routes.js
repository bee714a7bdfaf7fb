'use strict';
/**
 * The public server's request handler: control API, faults, auth, then the resource the path names.
 * Order matters: faults apply before auth (like a gateway), and fe's own errors win over ours.
 */
const { parseQuery, getParam } = require('./odata');
const { parseBasicAuth } = require('./auth');
const { classify } = require('./routes');
const { send, sendJson, sendError, sendUnauthorized } = require('./respond');
const { pageOf, takeFault, applyFault } = require('./faults');
const { control } = require('./control');
const { expandError } = require('./query-options');
const { collection } = require('./collection');
const { serviceDocument, metadata, entity } = require('./resources');
const { checkTable } = require('./check-table');

const INDEX = {
  name: 'TrueClicks sandbox',
  roots: { v4: '/odata/', v3: '/odata-v3/', v2: '/odata-v2/' },
  checkOutputTable: '/odata/CheckOutputTable?accountId=1001&ruleKey=wasted-search-terms',
  auth: 'HTTP Basic',
};

/** Handlers of the authorised resource kinds (see routes.js). */
const RESOURCES = {
  servicedoc: serviceDocument,
  metadata,
  checktable: checkTable,
  batch: (ctx) => sendError(ctx, 405, '$batch is not supported by the sandbox.', { Allow: 'GET, HEAD' }),
  'unknown-set': (ctx) => sendError(ctx, 404, `Resource not found for the segment '${ctx.route.name}'`),
  collection,
  entity,
};

/** Answers that come before the resource: index, unknown path, auth, missing slash. Null when none applies. */
function beforeAuthAndRedirects(ctx, pathname) {
  const { route } = ctx;
  if (route.kind === 'index') return sendJson(ctx, 200, INDEX);
  if (route.kind === 'unknown-path') return sendError(ctx, 404, `No route for '${pathname}'. Service roots: /odata/, /odata-v3/, /odata-v2/`);
  if (!ctx.auth.authorized) return sendUnauthorized(ctx, ctx.auth.username ? 'Invalid username or token.' : undefined);
  if (route.kind === 'noslash') {
    const target = `${pathname}/${ctx.rawQuery ? '?' + ctx.rawQuery : ''}`;
    return send(ctx, 301, { Location: target, 'content-type': 'text/plain; charset=utf-8' }, `Moved to ${target}`);
  }
  return null;
}

/** Requests the read-only JSON sandbox refuses whatever the resource: other methods, other formats, $expand. */
function refusedRequest(ctx) {
  const { route, req } = ctx;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (method !== 'GET') return sendError(ctx, 405, `Method ${req.method} is not allowed: the sandbox is read-only.`, { Allow: 'GET, HEAD' });
  const format = getParam(ctx.params, '$format');
  if (format !== undefined && route.kind !== 'metadata' && route.kind !== 'checktable' && !/json/i.test(format)) {
    return sendError(ctx, 406, `Unsupported $format '${format}': the sandbox only serves JSON.`);
  }
  if (route.kind === 'collection' || route.kind === 'entity') return expandError(ctx);
  return null;
}

async function answerResource(ctx) {
  const handler = Object.prototype.hasOwnProperty.call(RESOURCES, ctx.route.kind) ? RESOURCES[ctx.route.kind] : null;
  try {
    return handler ? await handler(ctx) : await sendError(ctx, 404, 'Not found');
  } catch (err) {
    return sendError(ctx, 500, `Sandbox error: ${err && err.message ? err.message : err}`);
  }
}

function splitUrl(url) {
  const qi = url.indexOf('?');
  return { pathname: qi < 0 ? url : url.slice(0, qi), rawQuery: qi < 0 ? '' : url.slice(qi + 1) };
}

function requestContext(state, req, res, { pathname, rawQuery }) {
  const params = parseQuery(rawQuery);
  const route = classify(pathname);
  const ctx = { state, req, res, started: Date.now(), auth: parseBasicAuth(req.headers.authorization), route, params, rawQuery, garbage: null };
  ctx.page = pageOf(state.config, route, params);
  return ctx;
}

/** Handles one request to the public server. */
async function handle(state, req, res) {
  const url = splitUrl(req.url || '/');
  const { pathname } = url;
  if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) return control(state, req, res, pathname);
  const ctx = requestContext(state, req, res, url);
  const rule = takeFault(ctx);
  if (rule && (await applyFault(ctx, rule))) return undefined;
  return beforeAuthAndRedirects(ctx, pathname) || refusedRequest(ctx) || answerResource(ctx);
}

module.exports = { handle };
