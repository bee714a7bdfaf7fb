'use strict';
/**
 * Every non-control answer leaves through `send` (latency, the garbage fault, the request log), and every error
 * as an OData JSON error in the shape of the route's OData version.
 */
const { errorBody, STATUS_TEXT } = require('./odata');
const { REALM } = require('./auth');
const { recordRequest } = require('./request-log');

/** A wait that `close()` can cut short (state.timers). */
function sleep(state, ms) {
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      state.timers.delete(entry);
      resolve();
    }, ms);
    const entry = { t, resolve };
    state.timers.add(entry);
  });
}

/** The garbage fault: the real body cut to half, and never still valid JSON. */
function truncated(body) {
  let cut = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  let stillValid = true;
  try {
    JSON.parse(cut);
  } catch {
    stillValid = false;
  }
  if (stillValid || cut.length < 8) cut = '{"@odata.context":"$metadata#Accounts","value":[{"AccountId":1001,"Name":"Cons';
  return cut;
}

/** The single exit for every non-control response: latency, garbage faults, logging. */
async function send(ctx, status, headers, body) {
  const { state } = ctx;
  if (state.config.latencyMs > 0) await sleep(state, state.config.latencyMs);
  let outStatus = status;
  let outHeaders = Object.assign({}, headers);
  let outBody = body === undefined || body === null ? '' : String(body);
  if (ctx.garbage) {
    outStatus = ctx.garbage.status || 200;
    outHeaders = { 'content-type': 'application/json; charset=utf-8' };
    outBody = truncated(outBody);
  }
  recordRequest(state, ctx, outStatus);
  const res = ctx.res;
  if (state.closed || res.destroyed || res.writableEnded) return;
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

/** The message inside fe-mockserver's error body (JSON or plain text). */
function feErrorMessage(text) {
  try {
    const j = JSON.parse(text);
    if (j && j.error) return typeof j.error.message === 'string' ? j.error.message : (j.error.message && j.error.message.value) || text;
  } catch {
    /* plain text */
  }
  return text;
}

/** Maps a non-200 fe-mockserver response to an OData JSON error. */
function sendFeError(ctx, resp) {
  const text = (resp.body || '').trim();
  let message = feErrorMessage(text);
  let status = resp.status;
  const notFound = `Resource not found for the segment '${ctx.route.rest}'`;
  if (status === 500 && /Parsing errors detected|Unexpected|Invalid|not supported|parse/i.test(text)) status = 400;
  else if (status === 500 && /reading '(entityType|navigationPropertyBinding|targetType|keys)'/.test(text)) {
    status = 404;
    message = notFound;
  }
  if (status === 404 && !message) message = notFound;
  if (!message) message = STATUS_TEXT[status] || `HTTP ${status}`;
  return sendError(ctx, status, message);
}

/** The JSON content type of a data answer, per OData version. */
function jsonHeaders(ctx, ieee754) {
  const v = ctx.route.version;
  if (v === 'v4') return odataHeaders('v4', { 'content-type': `application/json;odata.metadata=minimal;IEEE754Compatible=${ieee754 ? 'true' : 'false'}` });
  if (v === 'v3') return odataHeaders('v3', { 'content-type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' });
  return odataHeaders('v2', { 'content-type': 'application/json;charset=utf-8' });
}

const sendJson = (ctx, status, value) => send(ctx, status, { 'content-type': 'application/json; charset=utf-8' }, typeof value === 'string' ? value : JSON.stringify(value));

module.exports = { sleep, send, sendJson, sendError, sendUnauthorized, sendFeError, odataHeaders, jsonHeaders };
