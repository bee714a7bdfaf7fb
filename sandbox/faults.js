'use strict';
/**
 * Fault injection (`POST /__sandbox/faults`): the first matching rule with `times` left answers instead of the
 * server (or delays it, or garbles its answer). Checked before auth, like a proxy in front of the server.
 */
const { getParam, safeDecode, STATUS_TEXT } = require('./odata');
const { REALM } = require('./auth');
const { sleep, send, sendError } = require('./respond');

function loginPageHtml() {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in – TrueClicks</title></head>
<body><main><h1>Sign in to TrueClicks</h1>
<form method="post" action="/account/login"><label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label><button type="submit">Sign in</button></form>
</main></body></html>
`;
}

/** The page of a walk a request stands for: by $skiptoken, and by $skip for the windows of parallel paging. */
function pageOf(config, route, params) {
  if (!route || route.kind !== 'collection') return null;
  const tok = getParam(params, '$skiptoken');
  const skip = getParam(params, '$skip');
  if ((tok !== undefined && !/^\d+$/.test(tok)) || (skip !== undefined && !/^\d+$/.test(skip))) return null;
  return Math.floor((Number(tok || 0) + Number(skip || 0)) / config.pageSize) + 1;
}

/** The stored form of a validated rule, with its counters. */
function faultEntry(f) {
  return { rule: Object.assign({}, f), match: f.match, status: f.status, retryAfter: f.retryAfter, body: f.body, contentType: f.contentType, page: f.page, delayMs: f.delayMs, redirectTo: f.redirectTo, remaining: f.times === undefined ? null : f.times, hits: 0 };
}

function publicFaults(faults) {
  return faults.map((f) => Object.assign({}, f.rule, { remaining: f.remaining, hits: f.hits }));
}

/** The first rule that applies to this request (its counters updated), or null. */
function takeFault(ctx) {
  const target = ctx.req.url;
  const decoded = safeDecode(target);
  for (const rule of ctx.state.faults) {
    if (rule.remaining !== null && rule.remaining <= 0) continue;
    if (!(target.includes(rule.match) || decoded.includes(rule.match))) continue;
    if (rule.page !== undefined && rule.page !== null && ctx.page !== rule.page) continue;
    if (rule.remaining !== null) rule.remaining -= 1;
    rule.hits += 1;
    return rule;
  }
  return null;
}

const hasRetryAfter = (rule) => rule.retryAfter !== undefined && rule.retryAfter !== null;

/** A careless server that repeats what it was sent: the Authorization header and the decoded password. */
function echoCredentialsMessage(req) {
  const header = req.headers.authorization || '';
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  return `Request ${req.url} from ${decoded} (Authorization: ${header}) could not be processed`;
}

function isJsonText(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A rule with a `body`. Returns true when it answered, false for garbage (the real answer, garbled later by send). */
async function answerWithBody(ctx, rule, extra) {
  const status = rule.status || 200;
  if (rule.body === 'html') {
    await send(ctx, status, Object.assign({ 'content-type': 'text/html; charset=utf-8' }, extra), loginPageHtml());
  } else if (rule.body === 'garbage') {
    ctx.garbage = { status: rule.status };
    return false;
  } else if (rule.body === 'echo-credentials') {
    await sendError(ctx, rule.status || 400, echoCredentialsMessage(ctx.req), extra);
  } else {
    const contentType = rule.contentType || (isJsonText(rule.body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
    await send(ctx, status, Object.assign({ 'content-type': contentType }, extra), rule.body);
  }
  return true;
}

/** A rule with a status (or a Retry-After alone: 429). False for a delay-only rule: the request proceeds. */
async function answerWithStatus(ctx, rule, extra) {
  const status = rule.status || (hasRetryAfter(rule) ? 429 : null);
  if (!status) return false;
  if (status === 401) extra['WWW-Authenticate'] = `Basic realm="${REALM}"`;
  await sendError(ctx, status, `Injected fault: ${STATUS_TEXT[status] || 'HTTP ' + status}`, extra);
  return true;
}

/** Applies a fault rule. Returns true when the response has been handled by the fault. */
async function applyFault(ctx, rule) {
  if (rule.delayMs > 0) await sleep(ctx.state, rule.delayMs);
  const extra = {};
  if (hasRetryAfter(rule)) extra['Retry-After'] = String(rule.retryAfter);
  if (rule.redirectTo) {
    await send(ctx, 302, Object.assign({ Location: rule.redirectTo, 'content-type': 'text/plain; charset=utf-8' }, extra), `Found. Redirecting to ${rule.redirectTo}`);
    return true;
  }
  if (typeof rule.body === 'string') return answerWithBody(ctx, rule, extra);
  return answerWithStatus(ctx, rule, extra);
}

module.exports = { pageOf, faultEntry, publicFaults, takeFault, applyFault };
